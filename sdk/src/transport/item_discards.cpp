#include "transport/item_discards.hpp"

namespace sentry::detail {

namespace {

std::uint64_t header_count(const envelope_item& item, std::string_view name) {
  const auto it = item.headers.find(name);
  if (it == item.headers.end()) return 1;
  if (const auto* n = it->second.as_int()) return *n > 0 ? static_cast<std::uint64_t>(*n) : 1;
  if (const auto* n = it->second.as_uint()) return *n;
  return 1;
}

std::uint64_t span_count(const envelope_item& item) {
  const auto payload = value::parse_json(item.payload);
  if (!payload || !payload->as_object()) return 1;
  const auto& fields = *payload->as_object();
  const auto spans = fields.find("spans");
  const value_array* list = spans == fields.end() ? nullptr : spans->second.as_array();
  return 1 + (list ? list->size() : 0);
}

}  // namespace

void record_discard(discard_counter& discards, discard_reason reason,
                    const envelope_item& item) noexcept {
  const auto category = item.category();
  if (!category || item.type == "client_report") return;
  try {
    if (item.type == "log") {
      discards.record(reason, data_category::log_item, header_count(item, "item_count"));
      discards.record(reason, data_category::log_byte, item.payload.size());
    } else if (item.type == "attachment") {
      discards.record(reason, data_category::attachment, item.payload.size());
      discards.record(reason, data_category::attachment_item, 1);
    } else if (item.type == "transaction") {
      discards.record(reason, data_category::transaction, 1);
      discards.record(reason, data_category::span, span_count(item));
    } else {
      discards.record(reason, *category, 1);
    }
  } catch (...) {  // parsing a transaction ran out of memory: count it alone
    discards.record(reason, *category, 1);
  }
}

void record_discard(discard_counter& discards, discard_reason reason,
                    const envelope& env) noexcept {
  for (const auto& item : env.items) record_discard(discards, reason, item);
}

}  // namespace sentry::detail
