#include "sentry/recording_transport.hpp"

#include <condition_variable>
#include <mutex>

namespace sentry {

struct recording_transport::state {
  mutable std::mutex mutex;
  mutable std::condition_variable arrived;
  std::vector<envelope> envelopes;
};

namespace {

class recorder final : public transport {
 public:
  explicit recorder(std::shared_ptr<recording_transport::state> s) : state_(std::move(s)) {}
  void send(envelope&& env) noexcept override {
    try {
      {
        std::lock_guard<std::mutex> lock(state_->mutex);
        state_->envelopes.push_back(std::move(env));
      }
      state_->arrived.notify_all();
    } catch (...) {
    }
  }
  // Nothing is lost at close: whatever there was no time for is recorded too.
  envelope keep(envelope&& env) noexcept override {
    send(std::move(env));
    return {};
  }

 private:
  std::shared_ptr<recording_transport::state> state_;
};

}  // namespace

recording_transport::recording_transport() : state_(std::make_shared<state>()) {}

transport_factory recording_transport::factory() const {
  auto s = state_;
  return [s](const transport_context&) -> std::unique_ptr<transport> {
    return std::make_unique<recorder>(s);
  };
}

std::vector<envelope> recording_transport::envelopes() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->envelopes;
}

std::vector<value> recording_transport::events() const {
  std::vector<value> out;
  std::lock_guard<std::mutex> lock(state_->mutex);
  for (const auto& env : state_->envelopes) {
    for (const auto& item : env.items) {
      if (item.type != "event") continue;
      if (auto v = value::parse_json(item.payload)) out.push_back(std::move(*v));
    }
  }
  return out;
}

std::vector<value> recording_transport::logs() const {
  std::vector<value> out;
  std::lock_guard<std::mutex> lock(state_->mutex);
  for (const auto& env : state_->envelopes) {
    for (const auto& item : env.items) {
      if (item.type != "log") continue;
      auto v = value::parse_json(item.payload);
      if (!v || !v->as_object()) continue;
      auto it = v->as_object()->find("items");
      if (it == v->as_object()->end() || !it->second.as_array()) continue;
      for (const auto& entry : *it->second.as_array()) out.push_back(entry);
    }
  }
  return out;
}

std::size_t recording_transport::size() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->envelopes.size();
}

bool recording_transport::wait_for(std::size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(state_->mutex);
  return state_->arrived.wait_for(lock, timeout, [&] { return state_->envelopes.size() >= count; });
}

void recording_transport::clear() {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->envelopes.clear();
}

}  // namespace sentry
