// The transport a client uses when options::transport is unset.
#include "client/client.hpp"
#include "transport/http_transport.hpp"

namespace sentry::detail {

std::unique_ptr<transport> make_default_transport(const transport_context& ctx) {
  return make_http_transport(ctx);
}

}  // namespace sentry::detail
