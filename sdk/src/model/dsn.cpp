// Parsing a DSN (PROTOCOL §1.1) and the URL and auth header derived from it.
//
//   {scheme}://{public_key}[:{secret_key}]@{host}[:{port}]{path}/{project_id}
//
// Surrounding whitespace is ignored (DSNs often come from files and
// environment variables with a trailing newline); a query string or fragment
// is ignored. Diagnostics name the part that is wrong and never quote the
// keys.
#include "sentry/dsn.hpp"

#include <cstdint>

#include "sentry/version.hpp"

namespace sentry {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_control_or_space(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u <= 0x20 || u == 0x7F;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

int default_port(std::string_view scheme) { return scheme == "https" ? 443 : 80; }

bool fail(std::string* error, const char* why) {
  if (error) *error = why;
  return false;
}

bool contains_control_or_space(std::string_view s) {
  for (char c : s) {
    if (is_control_or_space(c)) return true;
  }
  return false;
}

// The digits of a host like o123.ingest.sentry.io when they fit in a u64.
std::string org_id_of(std::string_view host) {
  if (host.size() < 3 || host[0] != 'o') return {};
  std::size_t i = 1;
  std::uint64_t n = 0;
  while (i < host.size() && is_digit(host[i])) {
    const auto d = static_cast<std::uint64_t>(host[i] - '0');
    if (n > (UINT64_MAX - d) / 10) return {};
    n = n * 10 + d;
    ++i;
  }
  if (i == 1 || i > 21 || i >= host.size() || host[i] != '.') return {};
  return std::string(host.substr(1, i - 1));
}

bool parse_port(std::string_view text, int& port) {
  if (text.empty() || text.size() > 5) return false;
  int n = 0;
  for (char c : text) {
    if (!is_digit(c)) return false;
    n = n * 10 + (c - '0');
  }
  if (n < 1 || n > 65535) return false;
  port = n;
  return true;
}

bool parse_into(std::string_view text, dsn& out, std::string* error) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  if (text.empty()) return fail(error, "the DSN is empty");

  const std::size_t scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) {
    return fail(error, "the DSN is not a URL (expected https://<key>@<host>/<project id>)");
  }
  for (char c : text.substr(0, scheme_end)) out.scheme.push_back(lower(c));
  if (out.scheme != "http" && out.scheme != "https") {
    return fail(error, "the DSN's scheme must be http or https");
  }
  std::string_view rest = text.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find_first_of("?#"));

  const std::size_t authority_end = rest.find('/');
  const std::string_view authority = rest.substr(0, authority_end);
  std::string_view path =
      authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);

  const std::size_t at = authority.rfind('@');
  if (at == std::string_view::npos) return fail(error, "the DSN has no public key (no '@')");
  const std::string_view userinfo = authority.substr(0, at);
  const std::string_view hostport = authority.substr(at + 1);

  const std::size_t colon = userinfo.find(':');
  const std::string_view public_key = userinfo.substr(0, colon);
  const std::string_view secret_key =
      colon == std::string_view::npos ? std::string_view() : userinfo.substr(colon + 1);
  if (public_key.empty()) return fail(error, "the DSN has an empty public key");
  if (contains_control_or_space(userinfo)) {
    return fail(error, "the DSN's keys contain whitespace or control characters");
  }
  out.public_key = public_key;
  out.secret_key = secret_key;

  std::string_view host;
  std::string_view port_text;
  bool has_port = false;
  if (!hostport.empty() && hostport.front() == '[') {
    const std::size_t close = hostport.find(']');
    if (close == std::string_view::npos) return fail(error, "the DSN's IPv6 host has no closing ']'");
    host = hostport.substr(0, close + 1);
    const std::string_view after = hostport.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return fail(error, "the DSN has text after its IPv6 host");
      has_port = true;
      port_text = after.substr(1);
    }
    if (host.size() == 2) return fail(error, "the DSN's IPv6 host is empty");
  } else {
    const std::size_t port_colon = hostport.find(':');
    host = hostport.substr(0, port_colon);
    if (port_colon != std::string_view::npos) {
      has_port = true;
      port_text = hostport.substr(port_colon + 1);
    }
  }
  if (host.empty()) return fail(error, "the DSN has no host");
  const std::string_view host_name =
      host.front() == '[' ? host.substr(1, host.size() - 2) : host;
  if (contains_control_or_space(host_name) ||
      host_name.find_first_of("[]@\\") != std::string_view::npos) {
    return fail(error, "the DSN's host contains invalid characters");
  }
  out.host = host;
  out.port = default_port(out.scheme);
  if (has_port && !parse_port(port_text, out.port)) {
    return fail(error, "the DSN's port is not a number from 1 to 65535");
  }

  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  const std::size_t last_slash = path.rfind('/');
  if (path.empty() || last_slash == std::string_view::npos) {
    return fail(error, "the DSN has no project id (expected .../<project id> after the host)");
  }
  const std::string_view project_id = path.substr(last_slash + 1);
  if (project_id.empty()) return fail(error, "the DSN's project id is empty");
  if (contains_control_or_space(path)) {
    return fail(error, "the DSN's path contains whitespace or control characters");
  }
  out.project_id = project_id;
  out.path = path.substr(0, last_slash);
  out.org_id = org_id_of(host);
  out.raw = text;
  return true;
}

}  // namespace

std::optional<dsn> dsn::parse(std::string_view text, std::string* error) {
  try {
    dsn out;
    if (!parse_into(text, out, error)) return std::nullopt;
    if (error) error->clear();
    return out;
  } catch (...) {
    if (error) *error = "out of memory while parsing the DSN";
    return std::nullopt;
  }
}

std::string dsn::envelope_url() const {
  std::string url = scheme + "://" + host;
  if (port != 0 && port != default_port(scheme)) url += ":" + std::to_string(port);
  url += path;
  url += "/api/";
  url += project_id;
  url += "/envelope/";
  return url;
}

std::string dsn::auth_header() const {
  std::string header = "Sentry sentry_key=" + public_key + ", sentry_version=7, sentry_client=";
  header += sdk_name;
  header += '/';
  header += sdk_version;
  if (!secret_key.empty()) header += ", sentry_secret=" + secret_key;
  return header;
}

}  // namespace sentry
