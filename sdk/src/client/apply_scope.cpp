#include "client/apply_scope.hpp"

#include <algorithm>
#include <vector>

namespace sentry::detail {
namespace {

template <typename Map>
void merge_missing(Map& into, const Map& from) {
  for (const auto& [k, v] : from) into.emplace(k, v);  // keeps existing keys
}

}  // namespace

void apply_scope_data(event& e, const scope_snapshots& scopes) {
  // Most specific first, so that emplace keeps the winner.
  const scope_snapshot* order[] = {&scopes.current, &scopes.isolation, &scopes.global};
  for (const scope_snapshot* s : order) {
    const scope_data& d = *s->data;
    merge_missing(e.tags, d.tags);
    merge_missing(e.extra, d.extra);
    merge_missing(e.contexts, d.contexts);
  }
  for (const scope_snapshot* s : order) {
    const scope_data& d = *s->data;
    if (d.level) {
      e.level = *d.level;
      break;
    }
  }
  if (e.user.empty()) {
    for (const scope_snapshot* s : order) {
      if (!s->data->user.empty()) {
        e.user = s->data->user;
        break;
      }
    }
  }
  if (e.fingerprint.empty()) {
    for (const scope_snapshot* s : order) {
      if (!s->data->fingerprint.empty()) {
        e.fingerprint = s->data->fingerprint;
        break;
      }
    }
  }
  if (e.transaction.empty()) {
    for (const scope_snapshot* s : order) {
      if (!s->data->transaction.empty()) {
        e.transaction = s->data->transaction;
        break;
      }
    }
  }

  if (e.contexts.find("trace") == e.contexts.end()) {
    if (const propagation_context* p = find_propagation(scopes)) {
      e.contexts["trace"] = value_object{{"trace_id", p->trace_id.to_string()},
                                         {"span_id", p->span_id_hex()}};
    }
  }
}

std::vector<breadcrumb_ref> merged_breadcrumbs(const event& e, const scope_snapshots& scopes,
                                               std::size_t max_breadcrumbs) {
  // Global, isolation, current (oldest scope first), then the event's own; a
  // stable sort by time keeps insertion order for equal times.
  const scope_snapshot* oldest_first[] = {&scopes.global, &scopes.isolation, &scopes.current};
  std::vector<breadcrumb_ref> merged;
  std::size_t total = e.breadcrumbs.size();
  int sources = e.breadcrumbs.empty() ? 0 : 1;
  for (const scope_snapshot* s : oldest_first) {
    total += s->breadcrumbs.size();
    sources += s->breadcrumbs.size() ? 1 : 0;
  }
  if (total == 0) return merged;
  merged.reserve(total);
  for (const scope_snapshot* s : oldest_first) {
    s->breadcrumbs.for_each_stored([&](const crumb_slot& slot) {
      if (slot.is_record) {
        merged.push_back({nullptr, nullptr, &slot.record});
      } else {
        merged.push_back({&slot.crumb, slot.packed.empty() ? nullptr : &slot.packed, nullptr});
      }
    });
  }
  for (const breadcrumb& b : e.breadcrumbs) merged.push_back({&b, nullptr, nullptr});
  if (sources > 1) {
    std::stable_sort(merged.begin(), merged.end(), [](const breadcrumb_ref& a, const breadcrumb_ref& b) {
      return a.timestamp() < b.timestamp();
    });
  }
  if (merged.size() > max_breadcrumbs) {
    merged.erase(merged.begin(),
                 merged.begin() + static_cast<std::ptrdiff_t>(merged.size() - max_breadcrumbs));
  }
  return merged;
}

void apply_scopes(event& e, const scope_snapshots& scopes, std::size_t max_breadcrumbs) {
  apply_scope_data(e, scopes);
  apply_breadcrumbs(e, scopes, max_breadcrumbs);
}

void apply_breadcrumbs(event& e, const scope_snapshots& scopes, std::size_t max_breadcrumbs) {
  const std::vector<breadcrumb_ref> refs = merged_breadcrumbs(e, scopes, max_breadcrumbs);
  std::vector<breadcrumb> merged;
  merged.reserve(refs.size());
  for (const breadcrumb_ref& r : refs) merged.push_back(r.expanded());
  e.breadcrumbs = std::move(merged);
}

void apply_default_fields(event& e, const options& opts) {
  if (e.release.empty()) e.release = opts.release;
  if (e.environment.empty()) e.environment = opts.environment;
  if (e.dist.empty()) e.dist = opts.dist;
  if (e.server_name.empty()) e.server_name = opts.server_name;
}

void apply_default_contexts(event& e, const std::map<std::string, value_object>& default_contexts) {
  for (const auto& [name, ctx] : default_contexts) e.contexts.emplace(name, ctx);
}

void apply_defaults(event& e, const options& opts,
                    const std::map<std::string, value_object>& default_contexts) {
  apply_default_fields(e, opts);
  apply_default_contexts(e, default_contexts);
}

}  // namespace sentry::detail
