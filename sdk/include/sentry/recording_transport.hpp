// sentry/recording_transport.hpp: a transport that keeps what it is given,
// for unit tests of your own logging setup.
//
//   sentry::recording_transport rec;
//   opts.transport = rec.factory();
//   sentry::init(opts);
//   ... log ...
//   sentry::flush(std::chrono::seconds(2));
//   for (const sentry::value& e : rec.events()) ...
//
// All methods are thread-safe. The recording outlives the client that uses it
// (the factory shares its state), so it may be read after close().
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <vector>

#include "sentry/envelope.hpp"
#include "sentry/export.hpp"
#include "sentry/transport.hpp"
#include "sentry/value.hpp"

namespace sentry {

class SENTRY_API recording_transport {
 public:
  recording_transport();

  transport_factory factory() const;

  std::vector<envelope> envelopes() const;
  // The JSON payload of every `event` item, parsed, in arrival order.
  std::vector<value> events() const;
  // Every entry of every `log` item, in arrival order.
  std::vector<value> logs() const;
  std::size_t size() const;
  // Waits until at least `count` envelopes arrived or `timeout` passed.
  bool wait_for(std::size_t count, std::chrono::milliseconds timeout) const;
  void clear();

  struct state;

 private:
  std::shared_ptr<state> state_;
};

}  // namespace sentry
