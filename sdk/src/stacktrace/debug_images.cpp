// Reading the loaded images with dl_iterate_phdr (PROTOCOL §3.8).
//
// Inside the loader callback we only copy what lies in memory (name, load
// bias, PT_LOAD span, the GNU build-id note); anything that needs the file
// (the .note.gnu.build-id section, the .text hash) is read afterwards, outside
// the loader's lock, and remembered per file and address.
#include "stacktrace/debug_images.hpp"

#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <optional>
#include <utility>

namespace sentry::detail {
namespace {

constexpr std::size_t text_hash_bytes = 4096;

struct loader_counters {
  unsigned long long adds = 0;
  unsigned long long subs = 0;
  bool known = false;
  bool operator==(const loader_counters& o) const {
    return known && o.known && adds == o.adds && subs == o.subs;
  }
};

struct raw_image {
  std::string file;
  std::uint64_t image_addr = 0;
  std::uint64_t image_size = 0;
  std::vector<unsigned char> build_id;
};

template <typename T>
std::size_t align_up(std::size_t n, T a) {
  const auto al = static_cast<std::size_t>(a);
  return al > 1 ? (n + al - 1) / al * al : n;
}

// Finds NT_GNU_BUILD_ID with name "GNU" in a block of notes.
std::vector<unsigned char> build_id_in_notes(const unsigned char* notes, std::size_t size,
                                             std::size_t alignment) {
  if (alignment != 8) alignment = 4;
  std::size_t pos = 0;
  while (pos + sizeof(ElfW(Nhdr)) <= size) {
    ElfW(Nhdr) header;
    std::memcpy(&header, notes + pos, sizeof header);
    const std::size_t name_at = pos + sizeof header;
    const std::size_t desc_at = name_at + align_up(header.n_namesz, alignment);
    const std::size_t next = desc_at + align_up(header.n_descsz, alignment);
    if (desc_at > size || desc_at + header.n_descsz > size || next <= pos) break;
    if (header.n_type == NT_GNU_BUILD_ID && header.n_namesz == 4 &&
        std::memcmp(notes + name_at, "GNU", 4) == 0 && header.n_descsz > 0) {
      return {notes + desc_at, notes + desc_at + header.n_descsz};
    }
    pos = next;
  }
  return {};
}

int collect_image(struct dl_phdr_info* info, std::size_t, void* arg) {
  auto* out = static_cast<std::vector<raw_image>*>(arg);
  raw_image image;
  const bool first = out->empty();
  if (info->dlpi_name != nullptr && info->dlpi_name[0] != '\0') {
    image.file = info->dlpi_name;
  } else if (first) {
    image.file = executable_path();
  } else {
    return 0;  // an unnamed object that is not the executable: nothing to report
  }
  std::uint64_t low = UINT64_MAX;
  std::uint64_t high = 0;
  for (ElfW(Half) i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type == PT_LOAD) {
      low = std::min<std::uint64_t>(low, ph.p_vaddr);
      high = std::max<std::uint64_t>(high, ph.p_vaddr + ph.p_memsz);
    } else if (ph.p_type == PT_NOTE && image.build_id.empty()) {
      const auto* notes = reinterpret_cast<const unsigned char*>(info->dlpi_addr + ph.p_vaddr);
      image.build_id = build_id_in_notes(notes, ph.p_memsz, ph.p_align);
    }
  }
  if (low == UINT64_MAX) return 0;
  image.image_addr = info->dlpi_addr + low;
  image.image_size = high - low;
  out->push_back(std::move(image));
  return 0;
}

int read_counters(struct dl_phdr_info* info, std::size_t size, void* arg) {
  auto* counters = static_cast<loader_counters*>(arg);
  if (size >= offsetof(struct dl_phdr_info, dlpi_subs) + sizeof(info->dlpi_subs)) {
    counters->adds = info->dlpi_adds;
    counters->subs = info->dlpi_subs;
    counters->known = true;
  }
  return 1;  // the counters are the same in every callback: stop at once
}

bool read_at(int fd, std::uint64_t offset, void* out, std::size_t size) {
  auto* p = static_cast<unsigned char*>(out);
  while (size > 0) {
    const ssize_t got = ::pread(fd, p, size, static_cast<off_t>(offset));
    if (got <= 0) return false;
    p += got;
    offset += static_cast<std::uint64_t>(got);
    size -= static_cast<std::size_t>(got);
  }
  return true;
}

// What the file on disk tells when the loaded image had no build-id note:
// the .note.gnu.build-id section, else the XOR of .text's first 4096 bytes.
struct file_ids {
  std::vector<unsigned char> build_id;
  std::optional<std::array<unsigned char, 16>> text_hash;
};

file_ids read_file_ids(const std::string& path) {
  file_ids ids;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ids;
  ElfW(Ehdr) eh;
  std::vector<ElfW(Shdr)> sections;
  std::vector<char> names;
  bool ok = read_at(fd, 0, &eh, sizeof eh) && std::memcmp(eh.e_ident, ELFMAG, SELFMAG) == 0 &&
            eh.e_ident[EI_CLASS] == (sizeof(void*) == 8 ? ELFCLASS64 : ELFCLASS32) &&
            eh.e_shentsize == sizeof(ElfW(Shdr)) && eh.e_shnum > 0 && eh.e_shnum < 65000 &&
            eh.e_shstrndx < eh.e_shnum;
  if (ok) {
    sections.resize(eh.e_shnum);
    ok = read_at(fd, eh.e_shoff, sections.data(), sections.size() * sizeof(ElfW(Shdr)));
  }
  if (ok) {
    const ElfW(Shdr)& strtab = sections[eh.e_shstrndx];
    ok = strtab.sh_size > 0 && strtab.sh_size < (16u << 20);
    if (ok) {
      names.resize(strtab.sh_size + 1, '\0');
      ok = read_at(fd, strtab.sh_offset, names.data(), strtab.sh_size);
    }
  }
  if (ok) {
    auto name_of = [&](const ElfW(Shdr)& s) -> const char* {
      return s.sh_name < names.size() ? names.data() + s.sh_name : "";
    };
    for (const auto& s : sections) {
      if (s.sh_type == SHT_NOTE && std::strcmp(name_of(s), ".note.gnu.build-id") == 0 &&
          s.sh_size < 4096) {
        std::vector<unsigned char> notes(s.sh_size);
        if (read_at(fd, s.sh_offset, notes.data(), notes.size())) {
          ids.build_id = build_id_in_notes(notes.data(), notes.size(), s.sh_addralign);
        }
      }
    }
    for (const auto& s : sections) {
      if (ids.build_id.empty() && s.sh_type == SHT_PROGBITS && std::strcmp(name_of(s), ".text") == 0) {
        std::vector<unsigned char> text(std::min<std::size_t>(s.sh_size, text_hash_bytes));
        if (read_at(fd, s.sh_offset, text.data(), text.size())) {
          std::array<unsigned char, 16> hash{};
          for (std::size_t i = 0; i < text.size(); ++i) hash[i % 16] ^= text[i];
          ids.text_hash = hash;
        }
        break;
      }
    }
  }
  ::close(fd);
  return ids;
}

struct image_cache {
  std::mutex mutex;
  loader_counters counters;
  std::shared_ptr<const image_list> current = std::make_shared<const image_list>();
  std::uint64_t generation = 0;
  // Images without an in-memory build-id, by (file, address): read once.
  std::map<std::pair<std::string, std::uint64_t>, file_ids> from_files;
};

image_cache& cache() {
  static image_cache* c = new image_cache;  // never destroyed: used until exit
  return *c;
}

debug_image to_debug_image(const raw_image& raw, image_cache& c) {
  debug_image image;
  image.code_file = raw.file;
  image.image_addr = raw.image_addr;
  image.image_size = raw.image_size;
  const std::vector<unsigned char>* build_id = &raw.build_id;
  const file_ids* ids = nullptr;
  if (build_id->empty()) {
    const auto key = std::make_pair(raw.file, raw.image_addr);
    auto it = c.from_files.find(key);
    if (it == c.from_files.end()) it = c.from_files.emplace(key, read_file_ids(raw.file)).first;
    ids = &it->second;
    build_id = &ids->build_id;
  }
  if (!build_id->empty()) {
    image.code_id = lower_hex(build_id->data(), build_id->size());
    image.debug_id = debug_id_from_bytes(build_id->data(), build_id->size());
  } else if (ids != nullptr && ids->text_hash) {
    image.debug_id = debug_id_from_bytes(ids->text_hash->data(), ids->text_hash->size());
  }
  return image;
}

std::string resolved_path(const std::string& path) {
  char buffer[PATH_MAX];
  if (::realpath(path.c_str(), buffer) != nullptr) return buffer;
  return path;
}

}  // namespace

std::string lower_hex(const unsigned char* bytes, std::size_t size) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 0xf];
  }
  return out;
}

std::string debug_id_from_bytes(const unsigned char* bytes, std::size_t size) {
  unsigned char id[16] = {};
  std::memcpy(id, bytes, std::min<std::size_t>(size, 16));
  std::reverse(id, id + 4);
  std::reverse(id + 4, id + 6);
  std::reverse(id + 6, id + 8);
  const std::string hex = lower_hex(id, 16);
  return hex.substr(0, 8) + '-' + hex.substr(8, 4) + '-' + hex.substr(12, 4) + '-' +
         hex.substr(16, 4) + '-' + hex.substr(20);
}

module_version module_from_file_name(std::string_view file_name) {
  const auto slash = file_name.rfind('/');
  if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
  const auto so = file_name.find(".so.");
  if (so == std::string_view::npos || so == 0 || so + 4 >= file_name.size()) return {};
  return {std::string(file_name.substr(0, so)), std::string(file_name.substr(so + 4))};
}

const debug_image* image_list::find(std::uint64_t address) const noexcept {
  for (const auto& image : images) {
    if (address >= image.image_addr && address - image.image_addr < image.image_size) return &image;
  }
  return nullptr;
}

const std::string& executable_path() {
  static const std::string path = [] {
    char buffer[PATH_MAX];
    const ssize_t n = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
    return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string("/proc/self/exe");
  }();
  return path;
}

std::shared_ptr<const image_list> loaded_images() {
  image_cache& c = cache();
  loader_counters now;
  dl_iterate_phdr(read_counters, &now);
  std::lock_guard<std::mutex> lock(c.mutex);
  if (now == c.counters) return c.current;

  (void)executable_path();  // resolved before the loader callback runs
  std::vector<raw_image> raw;
  dl_iterate_phdr(collect_image, &raw);
  auto list = std::make_shared<image_list>();
  list->generation = ++c.generation;
  for (const auto& r : raw) {
    list->images.push_back(to_debug_image(r, c));
    module_version mv = module_from_file_name(resolved_path(r.file));
    if (mv.name.empty()) mv = module_from_file_name(r.file);
    if (!mv.name.empty()) list->modules.emplace(std::move(mv.name), std::move(mv.version));
  }
  if (now.subs != c.counters.subs) c.from_files.clear();  // unloaded files may be gone or reused
  c.counters = now;
  c.current = std::move(list);
  return c.current;
}

}  // namespace sentry::detail
