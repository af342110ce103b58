// Private: a frontend of either kind around a new sink_backend, filtered by
// make_filter(): what add_sink(), add_async_sink() and the settings factory
// build. Configuration time; throws what Boost.Log throws (std::bad_alloc, a
// thread that cannot start).
#pragma once

#include <type_traits>
#include <utility>

#include <boost/make_shared.hpp>

#include "sentry/boostlog/sink.hpp"

namespace sentry::boostlog::detail {

template <typename Frontend>
boost::shared_ptr<Frontend> make_sink(sink_options opts, boost::log::filter user) {
  // Only a synchronous frontend delivers records on the thread that logged.
  opts.synchronous = std::is_same_v<Frontend, sync_sink>;
  auto backend = boost::make_shared<sink_backend>(std::move(opts));
  auto sink = boost::make_shared<Frontend>(backend);
  sink->set_filter(make_filter(backend, std::move(user)));
  return sink;
}

}  // namespace sentry::boostlog::detail
