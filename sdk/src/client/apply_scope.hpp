// Private: merging scopes and client defaults into an event (PROTOCOL §7.1).
//
// Worker thread. Precedence, most specific wins: the event's own fields, then
// the current, isolation and global scopes. Tags, extra and contexts merge per
// key; user, level, fingerprint and transaction take the most specific value
// that is set; breadcrumbs of all scopes merge by time and keep the newest
// `max_breadcrumbs`.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include <vector>

#include "model/serialize.hpp"
#include "scope/scope_impl.hpp"
#include "sentry/event.hpp"
#include "sentry/options.hpp"

namespace sentry::detail {

void apply_scopes(event& e, const scope_snapshots& scopes, std::size_t max_breadcrumbs);

// apply_scopes in two parts: everything but the breadcrumbs, then the
// breadcrumbs (the scopes' and the event's own, merged and bounded).
void apply_scope_data(event& e, const scope_snapshots& scopes);
void apply_breadcrumbs(event& e, const scope_snapshots& scopes, std::size_t max_breadcrumbs);
// The breadcrumbs apply_breadcrumbs would set, as references into `scopes`
// and `e` (valid while both are), for a worker that writes them from where
// they lie instead of copying them into the event.
std::vector<breadcrumb_ref> merged_breadcrumbs(const event& e, const scope_snapshots& scopes,
                                               std::size_t max_breadcrumbs);

// release, environment, dist, server_name from options (when the event has
// none) and the default contexts (when the event lacks that context).
void apply_defaults(event& e, const options& opts,
                    const std::map<std::string, value_object>& default_contexts);
// apply_defaults in two parts.
void apply_default_fields(event& e, const options& opts);
void apply_default_contexts(event& e, const std::map<std::string, value_object>& default_contexts);

}  // namespace sentry::detail
