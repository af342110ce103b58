#include "transport/curl_handle.hpp"

#include <mutex>

namespace sentry::detail {

namespace {

bool global_init() noexcept {
  static std::once_flag once;
  static bool ok = false;
  std::call_once(once, [] { ok = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; });
  return ok;
}

}  // namespace

curl_easy::curl_easy() noexcept {
  if (global_init()) handle_.reset(curl_easy_init());
}

curl_multi::curl_multi() noexcept {
  if (global_init()) handle_.reset(curl_multi_init());
}

bool curl_headers::add(const std::string& line) noexcept {
  curl_slist* grown = curl_slist_append(list_.get(), line.c_str());
  if (!grown) return false;
  list_.release();  // curl_slist_append returned the same list, now longer
  list_.reset(grown);
  return true;
}

}  // namespace sentry::detail
