// The thread-local fields behind sentry/context_store.hpp.
#include "sentry/context_store.hpp"

#include <utility>
#include <vector>

namespace sentry {
namespace {

struct field_store {
  std::vector<std::pair<std::string, std::string>> entries;
  std::vector<context_field> views;  // views of `entries`, rebuilt on change

  ~field_store();

  std::pair<std::string, std::string>* find(std::string_view key) {
    for (auto& e : entries) {
      if (e.first == key) return &e;
    }
    return nullptr;
  }
  // Never allocates: set() keeps views.capacity() >= entries.size().
  void rebuild() noexcept {
    views.clear();
    for (const auto& e : entries) views.push_back(context_field{e.first, e.second});
  }
  void set(std::string_view key, std::string_view value) {
    if (auto* e = find(key)) {
      e->second.assign(value.data(), value.size());
    } else {
      views.reserve(entries.size() + 1);  // first, so rebuild() cannot fail
      entries.emplace_back(std::string(key), std::string(value));
    }
    rebuild();
  }
  void erase(std::string_view key) noexcept {
    for (auto it = entries.begin(); it != entries.end(); ++it) {
      if (it->first == key) {
        entries.erase(it);
        break;
      }
    }
    rebuild();
  }
};

// Set when this thread's store was destroyed (thread exit): a record logged
// from a later thread_local destructor then sees no fields instead of freed
// memory.
thread_local bool t_destroyed = false;
thread_local field_store t_store;

field_store::~field_store() { t_destroyed = true; }

field_store* store() noexcept { return t_destroyed ? nullptr : &t_store; }

}  // namespace

void context_store::put(std::string_view key, std::string_view value) noexcept {
  field_store* s = store();
  if (!s) return;
  try {
    s->set(key, value);
  } catch (...) {
    s->rebuild();  // out of memory: the put is dropped, the rest stays valid
  }
}

void context_store::remove(std::string_view key) noexcept {
  if (field_store* s = store()) s->erase(key);
}

void context_store::clear() noexcept {
  if (field_store* s = store()) {
    s->entries.clear();
    s->views.clear();
  }
}

std::optional<std::string> context_store::get(std::string_view key) {
  field_store* s = store();
  if (!s) return std::nullopt;
  if (auto* e = s->find(key)) return e->second;
  return std::nullopt;
}

context_store::view context_store::fields() noexcept {
  field_store* s = store();
  if (!s || s->views.empty()) return {};
  return view{s->views.data(), s->views.size()};
}

scoped_context::scoped_context(std::string_view key, std::string_view value) noexcept {
  try {
    key_.assign(key.data(), key.size());
    previous_ = context_store::get(key);
    active_ = true;
  } catch (...) {
    return;  // out of memory: nothing is put, nothing will be restored
  }
  context_store::put(key, value);
}

scoped_context::~scoped_context() {
  if (!active_) return;
  if (previous_) {
    context_store::put(key_, *previous_);
  } else {
    context_store::remove(key_);
  }
}

}  // namespace sentry
