// sentry/boostlog/sink.hpp: a Boost.Log sink backend that reports to Sentry.
//
//   sentry::boostlog::sink_options o;
//   o.bridge.context_tags = {"request_id", "tenant"};
//   sentry::boostlog::add_sink(o);  // or add_async_sink(o)
//
// Each record goes through sentry::log_bridge: at or above
// bridge.minimum_event_level it becomes an event, at or above
// bridge.minimum_breadcrumb_level a breadcrumb. What is read from a record:
//  - level: the severity attribute (severity_attribute, "Severity"), mapped by
//    `severity` (boost::log::trivial::severity_level when unset); a record
//    without one, or whose value the mapping does not know, gets default_level;
//  - logger (and breadcrumb category): the channel attribute ("Channel");
//  - message: the "Message" attribute (std::string or std::wstring);
//  - source location: attributes "File", "Line" and "Function" when the record
//    has them (e.g. `<< boost::log::add_value("Line", __LINE__)`), otherwise
//    the innermost named scope of the "Scope" attribute (BOOST_LOG_FUNCTION,
//    BOOST_LOG_NAMED_SCOPE): its name, file and line;
//  - thread: the logging thread with a synchronous frontend; with an
//    asynchronous one, the "ThreadID" attribute when present
//    (add_common_attributes; Boost's id, a pthread_t value), otherwise the
//    frontend's thread that delivers the record;
//  - context: attributes named in bridge.context_tags become tags; the others
//    (context_attributes, by default every attribute not named above nor
//    "TimeStamp", "LineID", "ProcessID") go into the event context
//    bridge.context_name. Values of any type are rendered to text: numbers,
//    bool, narrow and wide strings, string literals, posix_time::ptime, plus
//    what `render` knows;
//  - exception: inside a catch, the in-flight exception, when the record is
//    delivered on the thread that logged it (`synchronous`).
//
// Threading: consume(), flush() and wants() are thread-safe (the backend
// declares concurrent_feeding), so it works in synchronous_sink,
// asynchronous_sink and unlocked_sink frontends. Attribute values travel with
// the record, so scoped and thread attributes survive an asynchronous
// frontend. Nothing here throws at log time.
//
// Flushing: sink->flush() (and core::flush(), which flushes every sink) waits
// up to flush_timeout for the SDK to send. Note that core::flush() holds the
// core's lock exclusively meanwhile: no thread can log until it returns. With
// an asynchronous frontend whose SDK callbacks (before_breadcrumb) log through
// Boost.Log, flush the Sentry sink itself (sink->flush(), remove_sink()), not
// the core: the frontend's thread would wait for the core while core::flush()
// waits for it.
//
// Cost on the logging thread: the frontend filter that add_sink() installs
// (one attribute lookup, the level mapping and bridge.wants()) drops records
// below both thresholds before Boost.Log formats them; consume() reads the
// attributes by reference (numbers are rendered into a stack buffer) and hands
// one sentry::log_record to the bridge.
#pragma once

#include <chrono>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/log/attributes/attribute_value.hpp>
#include <boost/log/attributes/attribute_value_set.hpp>
#include <boost/log/attributes/value_extraction.hpp>
#include <boost/log/core/record_view.hpp>
#include <boost/log/expressions/filter.hpp>
#include <boost/log/sinks/async_frontend.hpp>
#include <boost/log/sinks/basic_sink_backend.hpp>
#include <boost/log/sinks/sync_frontend.hpp>
#include <boost/log/sinks/unlocked_frontend.hpp>
#include <boost/shared_ptr.hpp>

#include "sentry/boostlog/handover_queue.hpp"
#include "sentry/export.hpp"
#include "sentry/level.hpp"
#include "sentry/log_bridge.hpp"

namespace sentry::boostlog {

// Turns the value of the severity attribute into a Sentry level; nullopt when
// it cannot (another type, an unknown value). Called by the frontend filter,
// on several logging threads at once: it must be thread-safe.
using severity_mapping =
    std::function<std::optional<sentry::level>(const boost::log::attribute_value&)>;

// A mapping for a severity of type T (a user enum, int, ...):
//   map_severity<my_level>([](my_level l) { return l >= my_level::alert ? level::error : level::info; })
// `to_level` returns a sentry::level or a std::optional<sentry::level>.
template <typename T, typename F>
severity_mapping map_severity(F to_level) {
  return [to_level](const boost::log::attribute_value& v) -> std::optional<sentry::level> {
    if (auto x = v.extract<T>()) return std::optional<sentry::level>(to_level(*x));
    return std::nullopt;
  };
}

// A mapping from a table: map_severity<int>({{0, level::debug}, {1, level::info}, ...}).
// Values missing from the table are not mapped.
template <typename T>
severity_mapping map_severity(std::initializer_list<std::pair<const T, sentry::level>> table) {
  std::map<T, sentry::level> m(table);
  return [m](const boost::log::attribute_value& v) -> std::optional<sentry::level> {
    if (auto x = v.extract<T>()) {
      auto it = m.find(*x);
      if (it != m.end()) return it->second;
    }
    return std::nullopt;
  };
}

// Renders an attribute value of a type of yours to text; returns false when
// it does not know the type. Called on the logging threads, several at once
// (as a severity_mapping is): it must be thread-safe.
using value_renderer = std::function<bool(const boost::log::attribute_value&, std::string& out)>;

// The bridge options a Boost.Log sink starts from (origin "auto.log.boostlog").
inline log_bridge_options default_bridge_options() {
  log_bridge_options o;
  o.origin = "auto.log.boostlog";
  return o;
}

struct sink_options {
  // Thresholds, context tags (nullopt: sentry::options::context_tags), origin.
  log_bridge_options bridge = default_bridge_options();
  std::string severity_attribute = "Severity";
  std::string channel_attribute = "Channel";
  // Unset: boost::log::trivial::severity_level.
  severity_mapping severity;
  // Level of records without a severity the mapping knows.
  sentry::level default_level = sentry::level::info;
  // Attributes that go into the event context (besides the tags listed in
  // bridge.context_tags, which are always read). nullopt: every attribute of
  // the record except those the sink reads for other purposes (see above).
  // Note: with a list, tags named only in sentry::options::context_tags are
  // read when they are listed here too.
  std::optional<std::vector<std::string>> context_attributes;
  // Tried first for every context attribute (for your own value types).
  value_renderer render;
  // How long flush() waits for the SDK to send what it has.
  std::chrono::milliseconds flush_timeout{2000};
  // True when records reach the backend on the thread that logged them (a
  // sync_sink, synchronous_sink or unlocked_sink): only then is the in-flight
  // exception of that thread attached. add_sink() and add_async_sink() set
  // it; set it false yourself when you put the backend in an
  // asynchronous_sink you feed from your own threads.
  bool synchronous = true;
};

class sink_backend
    : public boost::log::sinks::basic_sink_backend<
          boost::log::sinks::combine_requirements<boost::log::sinks::concurrent_feeding,
                                                  boost::log::sinks::flushing>::type> {
 public:
  SENTRY_API explicit sink_backend(sink_options opts = {});
  SENTRY_API ~sink_backend();
  sink_backend(const sink_backend&) = delete;
  sink_backend& operator=(const sink_backend&) = delete;

  // Turns one record into Sentry data. Never throws.
  SENTRY_API void consume(const boost::log::record_view& rec) noexcept;
  // Waits up to flush_timeout until the SDK has sent what it was given.
  SENTRY_API void flush() noexcept;
  // False when a record with these attribute values would produce nothing
  // (below both thresholds, or the SDK disabled): the frontend filter. On a
  // synchronous sink it also leaves its answer to the consume() of the same
  // record that follows on this thread (one severity lookup per record).
  SENTRY_API bool wants(const boost::log::attribute_value_set& values) const noexcept;

  SENTRY_API const sink_options& options() const noexcept;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

// The frontend of add_sink(): records are handled on the thread that logged
// them, without a lock of the frontend's own around the backend (which is
// thread-safe): threads that log at once do not wait for each other there.
// (synchronous_sink<sink_backend> works too, at one more lock per record,
// held for the whole of it.)
using sync_sink = boost::log::sinks::unlocked_sink<sink_backend>;
// asynchronous_sink<sink_backend>, Boost.Log's unbounded_fifo_queue. In a
// ThreadSanitizer build only, its queue is a handover_queue (the same queue,
// whose hand-over of records TSan can see; see handover_queue.hpp): there use
// this name rather than asynchronous_sink<sink_backend>.
using async_sink = boost::log::sinks::asynchronous_sink<sink_backend, async_queue>;

// The frontend filter for `backend`: what it wants, and what `user` accepts.
SENTRY_API boost::log::filter make_filter(boost::shared_ptr<sink_backend> backend,
                                          boost::log::filter user = boost::log::filter());

// Adds a Sentry sink to the logging core in one line: a sync_sink frontend
// (records are handled on the logging thread; exceptions in flight are
// attached) filtered by make_filter(). Returns the frontend.
SENTRY_API boost::shared_ptr<sync_sink> add_sink(sink_options opts = {},
                                                 boost::log::filter filter = boost::log::filter());
// The same with an asynchronous frontend and its own feeding thread.
SENTRY_API boost::shared_ptr<async_sink> add_async_sink(
    sink_options opts = {}, boost::log::filter filter = boost::log::filter());

// Removes an asynchronous Sentry sink from the core without losing a record:
// stops its feeding thread, then hands what is still queued to the SDK and
// flushes. Call it before sentry::close().
SENTRY_API void remove_sink(const boost::shared_ptr<async_sink>& sink) noexcept;

}  // namespace sentry::boostlog
