#include "stacktrace/source_context.hpp"

#include <sys/stat.h>

#include <cstring>
#include <fstream>
#include <iterator>

namespace sentry::detail {
namespace {

// Cuts at a UTF-8 character boundary.
std::string capped(std::string line) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.size() <= max_context_line_bytes) return line;
  std::size_t cut = max_context_line_bytes;
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  line.resize(cut);
  return line;
}

std::vector<std::string> read_text_lines(const std::string& path) {
  struct stat st{};
  if (path.empty() || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
      static_cast<std::size_t>(st.st_size) > max_source_file_bytes) {
    return {};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.size() > max_source_file_bytes || text.find('\0') != std::string::npos) return {};
  std::vector<std::string> out;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    out.push_back(capped(text.substr(begin, end - begin)));
    begin = end + 1;
  }
  return out;
}

}  // namespace

const source_reader::lines& source_reader::load(const std::string& path) {
  auto it = files_.find(path);
  if (it != files_.end()) return *it->second;
  if (files_.size() >= max_cached_files) files_.clear();
  auto file = std::make_shared<const lines>(read_text_lines(path));
  return *files_.emplace(path, std::move(file)).first->second;
}

bool source_reader::apply(frame& f) {
  if (f.lineno == 0 || f.abs_path.empty()) return false;
  const lines& text = load(f.abs_path);
  const std::size_t at = f.lineno - 1;
  if (at >= text.size()) return false;
  const std::size_t first = at >= context_lines ? at - context_lines : 0;
  const std::size_t last = std::min(text.size(), at + 1 + context_lines);
  f.pre_context.assign(text.begin() + static_cast<std::ptrdiff_t>(first),
                       text.begin() + static_cast<std::ptrdiff_t>(at));
  f.context_line = text[at];
  f.post_context.assign(text.begin() + static_cast<std::ptrdiff_t>(at + 1),
                        text.begin() + static_cast<std::ptrdiff_t>(last));
  return true;
}

}  // namespace sentry::detail
