// The `client_report` envelope item (PROTOCOL §5).
#include "model/client_report_item.hpp"

#include "model/json_writer.hpp"

namespace sentry::detail {

std::string client_report_payload(const std::vector<discarded>& items, std::string_view timestamp) {
  std::string out;
  json_writer w(out);
  w.begin_object();
  w.member_if("timestamp", timestamp);
  w.key("discarded_events").begin_array();
  for (const discarded& d : items) {
    if (d.quantity == 0) continue;
    w.begin_object()
        .member("reason", to_string(d.reason))
        .member("category", to_string(d.category))
        .key("quantity")
        .uinteger(d.quantity)
        .end_object();
  }
  w.end_array().end_object();
  return out;
}

envelope_item make_client_report_item(const std::vector<discarded>& items) {
  envelope_item item;
  item.type = "client_report";
  item.payload = client_report_payload(items, rfc3339_now());
  return item;
}

}  // namespace sentry::detail
