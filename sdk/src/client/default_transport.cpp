// Until the HTTP transport lands (sdk/src/transport/), a DSN alone gives no
// transport; the transport work replaces this file with the real factory.
#include "client/client.hpp"

namespace sentry::detail {

std::unique_ptr<transport> make_default_transport(const transport_context& ctx) {
  ctx.log(level::error, "the HTTP transport is not built yet");
  return nullptr;
}

}  // namespace sentry::detail
