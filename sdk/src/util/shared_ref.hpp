// Private: a reference-counted pointer whose owner may write in place while
// it holds the only reference (copy-on-write without a copy when unshared).
//
// std::shared_ptr cannot tell that safely: use_count() is a relaxed load, so a
// write made after seeing use_count() == 1 is not ordered after the reads of
// the thread that just dropped the other reference (a data race by the C++
// memory model, and reported by ThreadSanitizer). Here dropping a reference
// is a release and unique() an acquire: when unique() returns true, every read
// made through the other references happened before it.
//
// Thread-safety: as std::shared_ptr (distinct shared_refs to one object may
// be used, copied and destroyed on any threads). The object is written only
// through mutate(), by its owner, and only where no other reference reads:
// the whole object while unique(), or parts that readers are known not to
// look at. Cost: one allocation per object (count and object together), an
// atomic increment per copy.
#pragma once

#include <atomic>
#include <utility>

namespace sentry::detail {

template <typename T>
class shared_ref {
 public:
  shared_ref() noexcept = default;

  template <typename... Args>
  static shared_ref make(Args&&... args) {
    return shared_ref(new node(std::forward<Args>(args)...));
  }

  shared_ref(const shared_ref& other) noexcept : node_(other.node_) {
    if (node_) node_->refs.fetch_add(1, std::memory_order_relaxed);
  }
  shared_ref(shared_ref&& other) noexcept : node_(std::exchange(other.node_, nullptr)) {}
  shared_ref& operator=(shared_ref other) noexcept {
    std::swap(node_, other.node_);
    return *this;
  }
  ~shared_ref() { reset(); }

  void reset() noexcept {
    node* n = std::exchange(node_, nullptr);
    if (n && n->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete n;
  }

  explicit operator bool() const noexcept { return node_ != nullptr; }
  const T* get() const noexcept { return node_ ? &node_->value : nullptr; }
  const T& operator*() const noexcept { return node_->value; }
  const T* operator->() const noexcept { return &node_->value; }

  // True when this is the only reference; the reads made through references
  // dropped before then happened before this returns.
  bool unique() const noexcept {
    return node_ && node_->refs.load(std::memory_order_acquire) == 1;
  }
  // Write access to the object (see above for when).
  T& mutate() noexcept { return node_->value; }

 private:
  struct node {
    template <typename... Args>
    explicit node(Args&&... args) : value(std::forward<Args>(args)...) {}
    std::atomic<long> refs{1};
    T value;
  };
  explicit shared_ref(node* n) noexcept : node_(n) {}

  node* node_ = nullptr;
};

}  // namespace sentry::detail
