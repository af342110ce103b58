#include "sentry/dsn.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using sentry::dsn;

dsn parse_ok(std::string_view text) {
  std::string error;
  auto d = dsn::parse(text, &error);
  EXPECT_TRUE(d) << text << ": " << error;
  EXPECT_TRUE(error.empty());
  return d ? *d : dsn{};
}

std::string parse_error(std::string_view text) {
  std::string error;
  auto d = dsn::parse(text, &error);
  EXPECT_FALSE(d) << text;
  EXPECT_FALSE(error.empty()) << text;
  return error;
}

TEST(dsn, saas_dsn_with_org_id) {
  const dsn d = parse_ok("https://abc@o1.ingest.sentry.io/42");
  EXPECT_EQ(d.scheme, "https");
  EXPECT_EQ(d.public_key, "abc");
  EXPECT_EQ(d.secret_key, "");
  EXPECT_EQ(d.host, "o1.ingest.sentry.io");
  EXPECT_EQ(d.port, 443);
  EXPECT_EQ(d.path, "");
  EXPECT_EQ(d.project_id, "42");
  EXPECT_EQ(d.org_id, "1");
  EXPECT_EQ(d.raw, "https://abc@o1.ingest.sentry.io/42");
  EXPECT_EQ(d.envelope_url(), "https://o1.ingest.sentry.io/api/42/envelope/");
  EXPECT_EQ(d.auth_header(), "Sentry sentry_key=abc, sentry_version=7, sentry_client=sentry.cpp/0.1.0");
}

TEST(dsn, path_prefix_and_explicit_port_are_preserved) {
  const dsn d = parse_ok("https://k@host:9000/sub/dir/7");
  EXPECT_EQ(d.host, "host");
  EXPECT_EQ(d.port, 9000);
  EXPECT_EQ(d.path, "/sub/dir");
  EXPECT_EQ(d.project_id, "7");
  EXPECT_EQ(d.org_id, "");
  EXPECT_EQ(d.envelope_url(), "https://host:9000/sub/dir/api/7/envelope/");
}

TEST(dsn, default_ports_per_scheme_and_not_written_in_the_url) {
  const dsn http = parse_ok("http://k@localhost/1");
  EXPECT_EQ(http.port, 80);
  EXPECT_EQ(http.envelope_url(), "http://localhost/api/1/envelope/");
  const dsn explicit_default = parse_ok("http://k@localhost:80/1");
  EXPECT_EQ(explicit_default.envelope_url(), "http://localhost/api/1/envelope/");
  const dsn https_on_80 = parse_ok("https://k@localhost:80/1");
  EXPECT_EQ(https_on_80.envelope_url(), "https://localhost:80/api/1/envelope/");
  const dsn http_on_443 = parse_ok("http://k@localhost:443/1");
  EXPECT_EQ(http_on_443.envelope_url(), "http://localhost:443/api/1/envelope/");
}

TEST(dsn, scheme_is_lower_cased) {
  const dsn d = parse_ok("HTTPS://k@h/1");
  EXPECT_EQ(d.scheme, "https");
  EXPECT_EQ(d.port, 443);
  EXPECT_EQ(d.envelope_url(), "https://h/api/1/envelope/");
}

TEST(dsn, secret_key_is_optional_and_passed_through) {
  const dsn d = parse_ok("https://pub:sec@h/1");
  EXPECT_EQ(d.public_key, "pub");
  EXPECT_EQ(d.secret_key, "sec");
  EXPECT_EQ(d.auth_header(),
            "Sentry sentry_key=pub, sentry_version=7, sentry_client=sentry.cpp/0.1.0, "
            "sentry_secret=sec");
  const dsn empty_secret = parse_ok("https://pub:@h/1");
  EXPECT_EQ(empty_secret.secret_key, "");
  EXPECT_EQ(empty_secret.auth_header().find("sentry_secret"), std::string::npos);
}

TEST(dsn, ipv6_hosts_keep_their_brackets) {
  const dsn d = parse_ok("http://k@[::1]:8080/5");
  EXPECT_EQ(d.host, "[::1]");
  EXPECT_EQ(d.port, 8080);
  EXPECT_EQ(d.envelope_url(), "http://[::1]:8080/api/5/envelope/");
  const dsn no_port = parse_ok("https://k@[2001:db8::7]/5");
  EXPECT_EQ(no_port.host, "[2001:db8::7]");
  EXPECT_EQ(no_port.port, 443);
  EXPECT_EQ(no_port.envelope_url(), "https://[2001:db8::7]/api/5/envelope/");
}

TEST(dsn, trailing_slashes_are_stripped_before_taking_the_project_id) {
  const dsn d = parse_ok("https://k@h/sentry/12///");
  EXPECT_EQ(d.path, "/sentry");
  EXPECT_EQ(d.project_id, "12");
  EXPECT_EQ(d.envelope_url(), "https://h/sentry/api/12/envelope/");
}

TEST(dsn, project_id_is_an_opaque_string) {
  const dsn d = parse_ok("https://k@h/my-project");
  EXPECT_EQ(d.project_id, "my-project");
  EXPECT_EQ(parse_ok("https://k@h/007").project_id, "007");
}

TEST(dsn, org_id_only_from_o_digits_dot_hosts) {
  EXPECT_EQ(parse_ok("https://k@o123.ingest.us.sentry.io/1").org_id, "123");
  EXPECT_EQ(parse_ok("https://k@o18446744073709551615.x.io/1").org_id, "18446744073709551615");
  EXPECT_EQ(parse_ok("https://k@o18446744073709551616.x.io/1").org_id, "");  // u64 overflow
  EXPECT_EQ(parse_ok("https://k@o.ingest.sentry.io/1").org_id, "");
  EXPECT_EQ(parse_ok("https://k@o12/1").org_id, "");
  EXPECT_EQ(parse_ok("https://k@o12x.sentry.io/1").org_id, "");
  EXPECT_EQ(parse_ok("https://k@oa1.sentry.io/1").org_id, "");
  EXPECT_EQ(parse_ok("https://k@sentry.io/1").org_id, "");
  EXPECT_EQ(parse_ok("https://k@O1.sentry.io/1").org_id, "");
}

TEST(dsn, surrounding_whitespace_query_and_fragment_are_ignored) {
  const dsn d = parse_ok("  https://k@h/1\n");
  EXPECT_EQ(d.raw, "https://k@h/1");
  EXPECT_EQ(d.project_id, "1");
  const dsn q = parse_ok("https://k@h/2?timeout=5#x");
  EXPECT_EQ(q.project_id, "2");
  EXPECT_EQ(q.envelope_url(), "https://h/api/2/envelope/");
}

TEST(dsn, rejects_what_is_not_a_dsn) {
  EXPECT_NE(parse_error("").find("empty"), std::string::npos);
  EXPECT_NE(parse_error("   ").find("empty"), std::string::npos);
  EXPECT_NE(parse_error("not a dsn").find("URL"), std::string::npos);
  EXPECT_NE(parse_error("ftp://k@h/1").find("scheme"), std::string::npos);
  EXPECT_NE(parse_error("://k@h/1").find("scheme"), std::string::npos);
  EXPECT_NE(parse_error("httpx://k@h/1").find("scheme"), std::string::npos);
}

TEST(dsn, rejects_missing_parts_with_a_reason) {
  EXPECT_NE(parse_error("https://h/1").find("public key"), std::string::npos);
  EXPECT_NE(parse_error("https://@h/1").find("public key"), std::string::npos);
  EXPECT_NE(parse_error("https://:secret@h/1").find("public key"), std::string::npos);
  EXPECT_NE(parse_error("https://k@/1").find("host"), std::string::npos);
  EXPECT_NE(parse_error("https://k@:9000/1").find("host"), std::string::npos);
  EXPECT_NE(parse_error("https://k@h").find("project id"), std::string::npos);
  EXPECT_NE(parse_error("https://k@h/").find("project id"), std::string::npos);
  EXPECT_NE(parse_error("https://k@h///").find("project id"), std::string::npos);
}

TEST(dsn, rejects_bad_ports) {
  for (const char* bad : {"https://k@h:/1", "https://k@h:abc/1", "https://k@h:0/1",
                          "https://k@h:65536/1", "https://k@h:123456/1", "https://k@h:-1/1",
                          "https://k@h:80:81/1", "http://k@[::1]:/1"}) {
    EXPECT_NE(parse_error(bad).find("port"), std::string::npos) << bad;
  }
  EXPECT_EQ(parse_ok("https://k@h:65535/1").port, 65535);
  EXPECT_EQ(parse_ok("https://k@h:1/1").port, 1);
}

TEST(dsn, rejects_malformed_ipv6_and_hosts) {
  EXPECT_NE(parse_error("http://k@[::1/1").find("']'"), std::string::npos);
  EXPECT_NE(parse_error("http://k@[::1]x/1").find("IPv6"), std::string::npos);
  EXPECT_NE(parse_error("http://k@[]/1").find("IPv6"), std::string::npos);
  EXPECT_NE(parse_error("http://k@ho st/1").find("host"), std::string::npos);
  EXPECT_NE(parse_error("http://k@h[x]/1").find("host"), std::string::npos);
  EXPECT_NE(parse_error("http://k@h\\x/1").find("host"), std::string::npos);
}

TEST(dsn, rejects_whitespace_inside_keys_and_path) {
  parse_error("https://k ey@h/1");
  parse_error("https://k@h/a b/1");
  parse_error(std::string_view("https://k@h/1\0/2", 16));
}

TEST(dsn, error_messages_never_contain_the_secret) {
  const std::string secret = "TOPSECRETVALUE";
  for (const std::string& bad :
       {"https://PUBKEY9:" + secret + "@h", "https://PUBKEY9:" + secret + "@h:99999/1",
        "https://PUBKEY9:" + secret + "@/1", "ftp://PUBKEY9:" + secret + "@h/1",
        "https://PUBKEY9:" + secret + "@[::1/1", "https://:" + secret + "@h/1",
        "https://PUBKEY9:" + secret + " x@h/1"}) {
    const std::string error = parse_error(bad);
    EXPECT_EQ(error.find(secret), std::string::npos) << error;
    EXPECT_EQ(error.find("PUBKEY9"), std::string::npos) << error;
  }
}

TEST(dsn, error_pointer_is_optional) {
  EXPECT_FALSE(dsn::parse("nonsense"));
  EXPECT_TRUE(dsn::parse("https://k@h/1"));
}

TEST(dsn, at_sign_in_the_secret_uses_the_last_at) {
  const dsn d = parse_ok("https://pub:se@cret@h/1");
  EXPECT_EQ(d.secret_key, "se@cret");
  EXPECT_EQ(d.host, "h");
}

}  // namespace
