// The three scopes of PROTOCOL §7 and the public scope API.
//
// The global scope and the default isolation and current scopes are shared by
// every thread; a thread gets scopes of its own only through the guards.
#include <utility>

#include "client/client.hpp"
#include "scope/scope_impl.hpp"
#include "sentry/scope.hpp"

namespace sentry {
namespace detail {
namespace {

std::shared_ptr<scope_impl> new_trace(std::shared_ptr<scope_impl> s) {
  s->update([](scope_data& d) { d.propagation = propagation_context::random(); });
  return s;
}

struct root_scopes {
  std::shared_ptr<scope_impl> global = std::make_shared<scope_impl>(max_breadcrumbs());
  std::shared_ptr<scope_impl> isolation = new_trace(std::make_shared<scope_impl>(max_breadcrumbs()));
  std::shared_ptr<scope_impl> current = std::make_shared<scope_impl>(max_breadcrumbs());
};

// Never destroyed: scopes stay usable from other threads and static
// destructors during exit.
root_scopes& roots() {
  static root_scopes* r = new root_scopes();
  return *r;
}

thread_local std::shared_ptr<scope_impl> t_isolation;
thread_local std::shared_ptr<scope_impl> t_current;

}  // namespace

std::shared_ptr<scope_impl> global_scope_impl() { return roots().global; }
std::shared_ptr<scope_impl> isolation_scope_impl() {
  return t_isolation ? t_isolation : roots().isolation;
}
scope_impl& isolation_scope_ref() noexcept {
  return t_isolation ? *t_isolation : *roots().isolation;
}
std::shared_ptr<scope_impl> current_scope_impl() {
  return t_current ? t_current : roots().current;
}

uuid current_trace_id() {
  for (const auto& s : {t_current ? t_current : roots().current,
                        t_isolation ? t_isolation : roots().isolation, roots().global}) {
    const scope_data_ref data = s->data();  // no breadcrumbs: a pointer copy
    if (data->propagation) return data->propagation->trace_id;
  }
  return {};
}

scope_snapshots snapshot_scopes() {
  root_scopes& r = roots();
  return scope_snapshots{r.global->snapshot(),
                         (t_isolation ? t_isolation : r.isolation)->snapshot(),
                         (t_current ? t_current : r.current)->snapshot()};
}

}  // namespace detail

void scope::set_tag(std::string key, std::string value) {
  impl_->update([&](detail::scope_data& d) { d.tags[std::move(key)] = std::move(value); });
}
void scope::remove_tag(std::string_view key) {
  impl_->update([&](detail::scope_data& d) {
    auto it = d.tags.find(std::string(key));
    if (it != d.tags.end()) d.tags.erase(it);
  });
}
void scope::set_extra(std::string key, value v) {
  impl_->update([&](detail::scope_data& d) { d.extra[std::move(key)] = std::move(v); });
}
void scope::remove_extra(std::string_view key) {
  impl_->update([&](detail::scope_data& d) {
    auto it = d.extra.find(key);
    if (it != d.extra.end()) d.extra.erase(it);
  });
}
void scope::set_context(std::string key, value_object context) {
  impl_->update(
      [&](detail::scope_data& d) { d.contexts[std::move(key)] = std::move(context); });
}
void scope::remove_context(std::string_view key) {
  impl_->update([&](detail::scope_data& d) { d.contexts.erase(std::string(key)); });
}
void scope::set_user(sentry::user u) {
  impl_->update([&](detail::scope_data& d) { d.user = std::move(u); });
}
void scope::set_level(std::optional<sentry::level> l) {
  impl_->update([&](detail::scope_data& d) { d.level = l; });
}
void scope::set_fingerprint(std::vector<std::string> fingerprint) {
  impl_->update([&](detail::scope_data& d) { d.fingerprint = std::move(fingerprint); });
}
void scope::set_transaction(std::string name) {
  impl_->update([&](detail::scope_data& d) { d.transaction = std::move(name); });
}
void scope::add_breadcrumb(breadcrumb crumb) {
  if (detail::prepare_breadcrumb(crumb)) impl_->add_breadcrumb(std::move(crumb));
}
void scope::clear_breadcrumbs() { impl_->clear_breadcrumbs(); }
void scope::clear() { impl_->clear(); }

scope global_scope() noexcept { return scope(detail::global_scope_impl()); }
scope isolation_scope() noexcept { return scope(detail::isolation_scope_impl()); }
scope current_scope() noexcept { return scope(detail::current_scope_impl()); }

scope_guard::scope_guard()
    : scope_(detail::current_scope_impl()->fork()), previous_(detail::t_current) {
  detail::t_current = scope_.impl_shared();
}

scope_guard::~scope_guard() { detail::t_current = std::move(previous_); }

isolation_scope_guard::isolation_scope_guard()
    : scope_(detail::new_trace(detail::isolation_scope_impl()->fork())),
      previous_isolation_(detail::t_isolation),
      previous_current_(detail::t_current) {
  detail::t_isolation = scope_.impl_shared();
  detail::t_current = detail::current_scope_impl()->fork();
}

isolation_scope_guard::~isolation_scope_guard() {
  detail::t_isolation = std::move(previous_isolation_);
  detail::t_current = std::move(previous_current_);
}

}  // namespace sentry
