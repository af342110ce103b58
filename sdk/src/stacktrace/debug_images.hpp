// Private: the images (executable and shared objects) loaded in this process,
// as debug_meta.images (PROTOCOL §3.8) and as the event's `modules`.
//
// Worker thread (any thread is safe: one mutex). The list is read with
// dl_iterate_phdr and cached; every call first asks the loader whether an
// object was added or removed since (dlpi_adds / dlpi_subs, one callback), so
// a dlopen is seen by the next event. Reading the list allocates and, for
// images without a GNU build-id, reads their file from disk once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sentry/event.hpp"

namespace sentry::detail {

// The dashed, lowercase debug id of a build-id (or .text hash): the first 16
// bytes (zero-padded), the first three GUID fields byte-swapped.
std::string debug_id_from_bytes(const unsigned char* bytes, std::size_t size);
std::string lower_hex(const unsigned char* bytes, std::size_t size);

// "libstdc++.so.6.0.30" -> {"libstdc++", "6.0.30"}; {"", ""} when the file
// name carries no version after ".so.".
struct module_version {
  std::string name;
  std::string version;
};
module_version module_from_file_name(std::string_view file_name);

struct image_list {
  std::vector<debug_image> images;           // in load order, the executable first
  std::map<std::string, std::string> modules;  // name -> version, where known
  std::uint64_t generation = 0;              // changes when the list was re-read

  // The image whose [image_addr, image_addr + image_size) holds `address`.
  const debug_image* find(std::uint64_t address) const noexcept;
};

// The current list, re-read when the loader's counters moved. Never null.
std::shared_ptr<const image_list> loaded_images();

// The path of the running executable (readlink of /proc/self/exe), cached.
const std::string& executable_path();

}  // namespace sentry::detail
