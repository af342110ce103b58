// Private: gzip (RFC 1952) compression of request bodies, with zlib.
//
// Pure functions; thread-safe; never throw. nullopt only when zlib fails
// (out of memory) or, for gunzip, when the input is not a whole gzip stream.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sentry::detail {

std::optional<std::string> gzip(std::string_view data);
std::optional<std::string> gunzip(std::string_view data);

}  // namespace sentry::detail
