#include "stacktrace/symbolizer.hpp"

#include <cxxabi.h>
#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string_view>

#if defined(SENTRY_CPP_HAVE_LIBDW)
#  include <dwarf.h>
#  include <elfutils/libdw.h>
#  include <elfutils/libdwfl.h>
#endif

namespace sentry::detail {

std::string demangle_symbol(const char* name) {
  if (name == nullptr) return {};
  if (name[0] == '_' && name[1] == 'Z') {
    int status = 0;
    char* out = abi::__cxa_demangle(name, nullptr, nullptr, &status);
    if (status == 0 && out != nullptr) {
      std::string result(out);
      std::free(out);
      return result;
    }
    std::free(out);
  }
  return name;
}

namespace {

bool is_digits(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// True when `rest` (text after a '.') is made only of GCC/Clang clone
// suffixes: "cold", "part.0", "constprop.0.isra.0", "lto_priv.1", ...
bool only_clone_suffixes(std::string_view rest) noexcept {
  static constexpr std::string_view kinds[] = {"cold", "part",  "isra",       "constprop",
                                               "lto_priv", "clone", "localalias", "llvm"};
  while (!rest.empty()) {
    const auto dot = rest.find('.');
    const std::string_view word = rest.substr(0, dot);
    bool known = false;
    for (auto k : kinds) known = known || word == k;
    if (!known) return false;
    rest = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 1);
    // An optional number after the kind ("part.0").
    const auto next = rest.find('.');
    if (is_digits(rest.substr(0, next))) {
      rest = next == std::string_view::npos ? std::string_view{} : rest.substr(next + 1);
    }
  }
  return true;
}

}  // namespace

std::string function_name(const char* symbol) {
  if (symbol == nullptr) return {};
  const std::string_view s(symbol);
  // A symbol version ("memcpy@GLIBC_2.2.5", "__libc_start_main@@GLIBC_2.34")
  // is not part of the name ('@' never occurs in a mangled name).
  if (const auto at = s.find('@'); at != std::string_view::npos && at > 0) {
    return function_name(std::string(s.substr(0, at)).c_str());
  }
  for (auto dot = s.find('.', 1); dot != std::string_view::npos; dot = s.find('.', dot + 1)) {
    if (dot + 1 < s.size() && only_clone_suffixes(s.substr(dot + 1))) {
      return demangle_symbol(std::string(s.substr(0, dot)).c_str());
    }
  }
  return demangle_symbol(symbol);
}

namespace {

symbol_info lookup_dladdr(std::uint64_t address) {
  symbol_info info;
  Dl_info dl{};
  if (::dladdr(reinterpret_cast<void*>(address), &dl) != 0 && dl.dli_sname != nullptr) {
    info.function = function_name(dl.dli_sname);
    info.symbol_addr = reinterpret_cast<std::uint64_t>(dl.dli_saddr);
  }
  return info;
}

}  // namespace

#if defined(SENTRY_CPP_HAVE_LIBDW)

namespace {

struct source_location {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

std::uint32_t to_u32(long long v) { return v > 0 && v <= 0xffffffffLL ? static_cast<std::uint32_t>(v) : 0; }

Dwarf_Addr row_address(Dwarf_Lines* lines, std::size_t i) {
  Dwarf_Addr a = 0;
  dwarf_lineaddr(dwarf_onesrcline(lines, i), &a);
  return a;
}

// The row of the compile unit's line table whose address range holds `pc`:
// the last row at or before pc, unless it ends a sequence (pc then lies in
// a gap between sequences) or no row follows it (pc is past the table).
bool line_row(Dwarf_Die* cu, Dwarf_Addr pc, source_location& out) {
  Dwarf_Lines* lines = nullptr;
  std::size_t n = 0;
  if (dwarf_getsrclines(cu, &lines, &n) != 0 || n == 0) return false;
  std::size_t lo = 0;  // first row past pc (rows are sorted by address)
  std::size_t hi = n;
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (row_address(lines, mid) <= pc) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo == 0 || lo == n) return false;
  const Dwarf_Addr at = row_address(lines, lo - 1);
  for (std::size_t i = lo; i-- > 0 && row_address(lines, i) == at;) {
    Dwarf_Line* line = dwarf_onesrcline(lines, i);
    bool end = false;
    if (dwarf_lineendsequence(line, &end) != 0 || end) continue;
    const char* file = dwarf_linesrc(line, nullptr, nullptr);
    if (file == nullptr) return false;
    int lineno = 0;
    int column = 0;
    dwarf_lineno(line, &lineno);
    dwarf_linecol(line, &column);
    out.file = file;
    out.line = to_u32(lineno);
    out.column = to_u32(column);
    return true;
  }
  return false;
}

// Where an inlined call sits in its caller (DW_AT_call_file/line/column).
source_location call_site(Dwarf_Die* cu, Dwarf_Die* inlined) {
  source_location l;
  Dwarf_Attribute mem;
  Dwarf_Word value = 0;
  if (dwarf_formudata(dwarf_attr(inlined, DW_AT_call_file, &mem), &value) == 0) {
    Dwarf_Files* files = nullptr;
    std::size_t count = 0;
    if (dwarf_getsrcfiles(cu, &files, &count) == 0 && value < count) {
      if (const char* file = dwarf_filesrc(files, value, nullptr, nullptr)) l.file = file;
    }
  }
  if (!l.file.empty() && dwarf_formudata(dwarf_attr(inlined, DW_AT_call_line, &mem), &value) == 0) {
    l.line = to_u32(static_cast<long long>(value));
  }
  if (!l.file.empty() && dwarf_formudata(dwarf_attr(inlined, DW_AT_call_column, &mem), &value) == 0) {
    l.column = to_u32(static_cast<long long>(value));
  }
  return l;
}

// A function's name from its DIE (following abstract_origin/specification):
// the demangled linkage name, else the plain name.
std::string die_function_name(Dwarf_Die* die) {
  Dwarf_Attribute mem;
  for (unsigned attr : {DW_AT_linkage_name, DW_AT_MIPS_linkage_name, DW_AT_name}) {
    if (Dwarf_Attribute* a = dwarf_attr_integrate(die, attr, &mem)) {
      if (const char* name = dwarf_formstring(a)) return function_name(name);
    }
  }
  return {};
}

symbol_info at(std::string function, const source_location& l) {
  symbol_info s;
  s.function = std::move(function);
  s.file = l.file;
  s.line = l.line;
  s.column = l.column;
  return s;
}

// The compile unit whose ranges hold `address`; libdwfl's own lookup may hand
// back the unit just before an address no unit covers, so it is checked.
Dwarf_Die* compile_unit(Dwfl_Module* module, std::uint64_t address, Dwarf_Die* mem, Dwarf_Addr& bias) {
  Dwarf_Die* cu = dwfl_module_addrdie(module, address, &bias);
  if (cu != nullptr && dwarf_haspc(cu, address - bias) > 0) return cu;
  Dwarf* dwarf = dwfl_module_getdwarf(module, &bias);
  if (dwarf == nullptr) return nullptr;
  cu = dwarf_addrdie(dwarf, address - bias, mem);
  if (cu != nullptr && dwarf_haspc(cu, address - bias) > 0) return cu;
  return nullptr;
}

}  // namespace

struct symbolizer::libdw_session {
  char* debuginfo_path = nullptr;
  Dwfl_Callbacks callbacks{};
  Dwfl* dwfl = nullptr;

  libdw_session() {
    callbacks.find_elf = dwfl_linux_proc_find_elf;
    callbacks.find_debuginfo = dwfl_standard_find_debuginfo;
    callbacks.debuginfo_path = &debuginfo_path;
    open();
  }
  ~libdw_session() { close(); }

  void open() {
    dwfl = dwfl_begin(&callbacks);
    if (dwfl == nullptr) return;
    if (dwfl_linux_proc_report(dwfl, ::getpid()) != 0 || dwfl_report_end(dwfl, nullptr, nullptr) != 0) {
      close();
    }
  }
  void close() {
    if (dwfl != nullptr) dwfl_end(dwfl);
    dwfl = nullptr;
  }

  // Innermost first; the last entry is the function the code belongs to.
  void lookup(std::uint64_t address, std::vector<symbol_info>& out) {
    if (dwfl == nullptr) return;
    Dwfl_Module* module = dwfl_addrmodule(dwfl, address);
    if (module == nullptr) return;
    GElf_Off offset = 0;
    GElf_Sym sym{};
    const char* symbol = dwfl_module_addrinfo(module, address, &offset, &sym, nullptr, nullptr, nullptr);

    Dwarf_Die cu_mem;
    Dwarf_Addr bias = 0;
    Dwarf_Die* cu = compile_unit(module, address, &cu_mem, bias);
    source_location here;
    bool reached_function = false;
    if (cu != nullptr) {
      const Dwarf_Addr pc = address - bias;
      line_row(cu, pc, here);
      Dwarf_Die* scopes = nullptr;
      const int count = dwarf_getscopes(cu, pc, &scopes);
      for (int i = 0; i < count; ++i) {
        const int tag = dwarf_tag(&scopes[i]);
        if (tag == DW_TAG_subprogram) {
          out.push_back(at(die_function_name(&scopes[i]), here));
          reached_function = true;
          break;
        }
        if (tag != DW_TAG_inlined_subroutine) continue;
        out.push_back(at(die_function_name(&scopes[i]), here));
        here = call_site(cu, &scopes[i]);
      }
      std::free(scopes);
    }
    if (!reached_function) out.push_back(at({}, here));
    // The outermost frame: the ELF symbol names the code as linked.
    if (symbol != nullptr) {
      out.back().function = function_name(symbol);
      for (auto& f : out) f.symbol_addr = address - offset;
    }
  }
};

symbolizer::backend symbolizer::default_backend() noexcept { return backend::libdw; }

#else

struct symbolizer::libdw_session {
  void lookup(std::uint64_t, std::vector<symbol_info>&) {}
};

symbolizer::backend symbolizer::default_backend() noexcept { return backend::dladdr; }

#endif

symbolizer::symbolizer(backend b) : backend_(b) {
  if (backend_ == backend::libdw) {
    try {
      dw_ = std::make_unique<libdw_session>();
    } catch (...) {
      backend_ = backend::dladdr;
    }
  }
}

symbolizer::~symbolizer() = default;

std::vector<symbol_info> symbolizer::lookup_frames(std::uint64_t address) noexcept {
  try {
    std::vector<symbol_info> frames;
    if (dw_) dw_->lookup(address, frames);
    if (frames.empty()) frames.emplace_back();
    symbol_info& outer = frames.back();
    if (outer.function.empty()) {
      symbol_info fallback = lookup_dladdr(address);
      outer.function = std::move(fallback.function);
      outer.symbol_addr = fallback.symbol_addr;
    }
    return frames;
  } catch (...) {
    return {};
  }
}

symbol_info symbolizer::lookup(std::uint64_t address) noexcept {
  try {
    std::vector<symbol_info> frames = lookup_frames(address);
    return frames.empty() ? symbol_info{} : std::move(frames.back());
  } catch (...) {
    return {};
  }
}

void symbolizer::refresh() noexcept {
  if (!dw_) return;
  try {
    dw_ = std::make_unique<libdw_session>();
  } catch (...) {
    dw_.reset();
  }
}

}  // namespace sentry::detail
