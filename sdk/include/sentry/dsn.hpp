// sentry/dsn.hpp: parsing a DSN into the parts the transport needs (PROTOCOL §1.1).
//
// Pure functions over strings: thread-safe, never throw, never allocate more
// than the result.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sentry/export.hpp"

namespace sentry {

struct dsn {
  std::string scheme;      // "http" or "https", lower case
  std::string public_key;
  std::string secret_key;  // deprecated, usually empty
  std::string host;        // IPv6 hosts keep their brackets: "[::1]"
  int port = 0;            // explicit or the scheme's default
  std::string path;        // prefix before the project id, "" or "/sub/dir"
  std::string project_id;
  std::string org_id;      // from a host like o123.ingest.sentry.io, else ""
  std::string raw;         // the DSN as given, surrounding whitespace removed

  // Parses `text`. On failure returns nullopt and, when `error` is given,
  // a one-line reason naming what is wrong (never the secret key).
  SENTRY_API static std::optional<dsn> parse(std::string_view text,
                                             std::string* error = nullptr);

  // {scheme}://{host}[:{port}]{path}/api/{project_id}/envelope/ ; the port is
  // written only when it is not the scheme's default.
  SENTRY_API std::string envelope_url() const;
  // "Sentry sentry_key=..., sentry_version=7, sentry_client=sentry.cpp/<v>"
  // (plus sentry_secret when the DSN has one).
  SENTRY_API std::string auth_header() const;
};

}  // namespace sentry
