// Private: RAII ownership of libcurl's objects.
//
// curl_easy owns one easy handle and curl_multi one multi handle for the life
// of a sender; the multi handle keeps connections alive between requests.
// curl_headers owns a header list. Neither is
// thread-safe; each is used by one thread at a time. The global libcurl
// initialisation happens once per process on first use, and is never undone
// (other code in the process may use libcurl too).
#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>

namespace sentry::detail {

class curl_easy {
 public:
  curl_easy() noexcept;  // get() is null when libcurl could not be initialised
  CURL* get() const noexcept { return handle_.get(); }
  explicit operator bool() const noexcept { return handle_ != nullptr; }

 private:
  struct deleter {
    void operator()(CURL* h) const noexcept { curl_easy_cleanup(h); }
  };
  std::unique_ptr<CURL, deleter> handle_;
};

class curl_multi {
 public:
  curl_multi() noexcept;  // get() is null when libcurl could not be initialised
  CURLM* get() const noexcept { return handle_.get(); }

 private:
  struct deleter {
    void operator()(CURLM* h) const noexcept { curl_multi_cleanup(h); }
  };
  std::unique_ptr<CURLM, deleter> handle_;
};

class curl_headers {
 public:
  curl_headers() = default;
  // Adds "Name: value" (or "Name:" to remove a header curl would send).
  // False when out of memory.
  bool add(const std::string& line) noexcept;
  curl_slist* get() const noexcept { return list_.get(); }

 private:
  struct deleter {
    void operator()(curl_slist* l) const noexcept { curl_slist_free_all(l); }
  };
  std::unique_ptr<curl_slist, deleter> list_;
};

}  // namespace sentry::detail
