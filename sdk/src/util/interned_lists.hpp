// Private: string lists that live until the process ends, one per distinct
// content.
//
// For data that outlives its producer and needs a list to be read later: a
// breadcrumb stored flat in a scope keeps a pointer to the context_tags of
// the sink that logged it and filters tags out only when it is read, long
// after that sink (or the client) may be gone. Any thread; intern() locks and
// compares, so call it when configuring, never per record. A process holds a
// handful of distinct lists; the memory of each is never released.
#pragma once

#include <string>
#include <vector>

namespace sentry::detail {

const std::vector<std::string>* intern(const std::vector<std::string>& list);

}  // namespace sentry::detail
