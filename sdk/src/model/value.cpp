// value: text and JSON forms, and parsing JSON (nlohmann's SAX parser, so no
// intermediate document and no exception escapes).
#include "sentry/value.hpp"

#include <limits>

#include <nlohmann/json.hpp>

#include "model/json_writer.hpp"

namespace sentry {
namespace {

// Nesting deeper than this is rejected by parse_json (it would only invite
// stack exhaustion later).
constexpr std::size_t max_parse_depth = 128;

// Builds a value from nlohmann's SAX events with an explicit stack.
class value_builder : public nlohmann::json_sax<nlohmann::json> {
 public:
  bool null() override { return add(value()); }
  bool boolean(bool v) override { return add(value(v)); }
  bool number_integer(number_integer_t v) override { return add(value(static_cast<std::int64_t>(v))); }
  bool number_unsigned(number_unsigned_t v) override {
    return add(value(static_cast<std::uint64_t>(v)));
  }
  bool number_float(number_float_t v, const string_t&) override { return add(value(v)); }
  bool string(string_t& v) override { return add(value(std::move(v))); }
  bool binary(binary_t&) override { return false; }
  bool start_object(std::size_t) override { return open(value(value_object{})); }
  bool key(string_t& k) override {
    key_ = std::move(k);
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(value(value_array{})); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

  std::optional<value> result() { return done_ ? std::optional<value>(std::move(root_)) : std::nullopt; }

 private:
  struct frame {
    value container;
    std::string key;  // the key this container goes under in its parent
  };

  bool add(value v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      done_ = true;
      return true;
    }
    value& parent = stack_.back().container;
    if (auto* arr = parent.as_array()) {
      arr->push_back(std::move(v));
    } else {
      (*parent.as_object())[key_] = std::move(v);
    }
    return true;
  }
  bool open(value container) {
    if (stack_.size() >= max_parse_depth) return false;
    stack_.push_back(frame{std::move(container), std::move(key_)});
    return true;
  }
  bool close() {
    frame top = std::move(stack_.back());
    stack_.pop_back();
    key_ = std::move(top.key);
    return add(std::move(top.container));
  }

  std::vector<frame> stack_;
  std::string key_;
  value root_;
  bool done_ = false;
};

}  // namespace

std::string value::to_text() const {
  std::string out;
  switch (type()) {
    case kind::null: break;
    case kind::boolean: out = *as_bool() ? "true" : "false"; break;
    case kind::integer: out = std::to_string(*as_int()); break;
    case kind::unsigned_integer: out = std::to_string(*as_uint()); break;
    case kind::floating: {
      const double d = *as_double();
      if (d != d) {
        out = "nan";
      } else if (d == std::numeric_limits<double>::infinity()) {
        out = "inf";
      } else if (d == -std::numeric_limits<double>::infinity()) {
        out = "-inf";
      } else {
        detail::append_json_double(out, d);
      }
      break;
    }
    case kind::string: out = *as_string(); break;
    case kind::array:
    case kind::object: out = to_json(); break;
  }
  return out;
}

std::string value::to_json() const {
  std::string out;
  detail::json_writer(out).value(*this);
  return out;
}

std::optional<value> value::parse_json(std::string_view text) noexcept {
  try {
    value_builder builder;
    const bool ok = nlohmann::json::sax_parse(text.begin(), text.end(), &builder,
                                              nlohmann::json::input_format_t::json,
                                              /*strict=*/true);
    if (!ok) return std::nullopt;
    return builder.result();
  } catch (...) {
    return std::nullopt;
  }
}

}  // namespace sentry
