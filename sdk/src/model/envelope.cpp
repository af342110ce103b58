// Envelope framing (PROTOCOL §2): writing with a `length` on every item, and
// reading by Relay's rules (a header line, then each item's header line and a
// payload that is either `length` bytes followed by "\n" or EOF, or, without
// `length`, everything up to the next "\n").
#include "sentry/envelope.hpp"

#include <chrono>

#include "model/json_writer.hpp"
#include "model/timestamp.hpp"

namespace sentry {
namespace {

// The header line starting at `pos`, parsed as a JSON object; `pos` is moved
// past its newline (or to the end). nullopt when it is not an object.
std::optional<value_object> read_header(std::string_view bytes, std::size_t& pos) {
  const std::size_t newline = bytes.find('\n', pos);
  const std::size_t end = newline == std::string_view::npos ? bytes.size() : newline;
  auto parsed = value::parse_json(bytes.substr(pos, end - pos));
  pos = newline == std::string_view::npos ? bytes.size() : newline + 1;
  if (!parsed || !parsed->is_object()) return std::nullopt;
  return std::move(*parsed->as_object());
}

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

}  // namespace

std::optional<data_category> envelope_item::category() const noexcept {
  struct entry {
    std::string_view type;
    data_category category;
  };
  static constexpr entry table[] = {
      {"event", data_category::error},
      {"transaction", data_category::transaction},
      {"feedback", data_category::feedback},
      {"user_report", data_category::feedback},
      {"attachment", data_category::attachment},
      {"session", data_category::session},
      {"sessions", data_category::session},
      {"check_in", data_category::monitor},
      {"log", data_category::log_item},
      {"span", data_category::span},
      {"trace_metric", data_category::trace_metric},
      {"client_report", data_category::internal},
  };
  for (const entry& e : table) {
    if (e.type == type) return e.category;
  }
  return std::nullopt;
}

std::string envelope::serialize(std::string_view sent_at) const {
  std::string out;
  std::size_t reserve = 256;
  for (const auto& item : items) reserve += item.payload.size() + 128;
  out.reserve(reserve);

  detail::json_writer header(out);
  header.begin_object();
  for (const auto& [k, v] : headers) {
    if (!sent_at.empty() && k == "sent_at") continue;
    header.key(k).value(v);
  }
  if (!sent_at.empty()) header.member("sent_at", sent_at);
  header.end_object();
  out.push_back('\n');

  for (const auto& item : items) {
    detail::json_writer w(out);
    w.begin_object().member("type", item.type).key("length").uinteger(item.payload.size());
    for (const auto& [k, v] : item.headers) {
      if (k == "type" || k == "length") continue;
      w.key(k).value(v);
    }
    w.end_object();
    out.push_back('\n');
    out += item.payload;
    out.push_back('\n');
  }
  return out;
}

std::optional<envelope> envelope::parse(std::string_view bytes) {
  try {
    if (bytes.empty()) return std::nullopt;
    envelope env;
    std::size_t pos = 0;
    auto env_headers = read_header(bytes, pos);
    if (!env_headers) return std::nullopt;
    env.headers = std::move(*env_headers);

    while (pos < bytes.size()) {
      auto item_headers = read_header(bytes, pos);
      if (!item_headers) return std::nullopt;
      envelope_item item;
      const auto type = item_headers->find("type");
      if (type == item_headers->end() || !type->second.is_string()) return std::nullopt;
      item.type = *type->second.as_string();

      std::size_t payload_end = 0;
      const auto length = item_headers->find("length");
      if (length != item_headers->end()) {
        const std::int64_t* n = length->second.as_int();
        if (!n || *n < 0 || static_cast<std::uint64_t>(*n) > bytes.size() - pos) {
          return std::nullopt;
        }
        payload_end = pos + static_cast<std::size_t>(*n);
        if (payload_end < bytes.size() && bytes[payload_end] != '\n') return std::nullopt;
      } else {
        const std::size_t newline = bytes.find('\n', pos);
        payload_end = newline == std::string_view::npos ? bytes.size() : newline;
      }
      item.payload.assign(bytes.substr(pos, payload_end - pos));
      item_headers->erase("type");
      item_headers->erase("length");
      item.headers = std::move(*item_headers);
      env.items.push_back(std::move(item));
      pos = payload_end + 1;
    }
    return env;
  } catch (...) {
    return std::nullopt;
  }
}

std::string envelope::event_id() const {
  const auto it = headers.find("event_id");
  if (it == headers.end() || !it->second.is_string()) return {};
  const std::string& text = *it->second.as_string();
  std::string id;
  for (char c : text) {
    if (c == '-') continue;
    if (!is_hex(c)) return {};
    id.push_back(c >= 'A' && c <= 'F' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  if (id.size() != 32) return {};
  if (text.size() == 36 &&
      (text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-')) {
    return {};
  }
  if (text.size() != 32 && text.size() != 36) return {};
  return id;
}

std::string rfc3339_now() { return detail::format_rfc3339(std::chrono::system_clock::now(), 3); }

}  // namespace sentry
