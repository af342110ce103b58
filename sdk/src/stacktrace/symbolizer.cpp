#include "stacktrace/symbolizer.hpp"

#include <cxxabi.h>
#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>

#if defined(SENTRY_CPP_HAVE_LIBDW)
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

symbol_info lookup_dladdr(std::uint64_t address) {
  symbol_info info;
  Dl_info dl{};
  if (::dladdr(reinterpret_cast<void*>(address), &dl) != 0 && dl.dli_sname != nullptr) {
    info.function = demangle_symbol(dl.dli_sname);
    info.symbol_addr = reinterpret_cast<std::uint64_t>(dl.dli_saddr);
  }
  return info;
}

}  // namespace

#if defined(SENTRY_CPP_HAVE_LIBDW)

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

  bool lookup(std::uint64_t address, symbol_info& info) {
    if (dwfl == nullptr) return false;
    Dwfl_Module* module = dwfl_addrmodule(dwfl, address);
    if (module == nullptr) return false;
    GElf_Off offset = 0;
    GElf_Sym sym{};
    const char* name = dwfl_module_addrinfo(module, address, &offset, &sym, nullptr, nullptr, nullptr);
    if (name != nullptr) {
      info.function = demangle_symbol(name);
      info.symbol_addr = address - offset;
    }
    if (Dwfl_Line* line = dwfl_module_getsrc(module, address)) {
      int lineno = 0;
      int column = 0;
      if (const char* file = dwfl_lineinfo(line, nullptr, &lineno, &column, nullptr, nullptr)) {
        info.file = file;
        info.line = lineno > 0 ? static_cast<std::uint32_t>(lineno) : 0;
        info.column = column > 0 ? static_cast<std::uint32_t>(column) : 0;
      }
    }
    return name != nullptr || !info.file.empty();
  }
};

symbolizer::backend symbolizer::default_backend() noexcept { return backend::libdw; }

#else

struct symbolizer::libdw_session {
  bool lookup(std::uint64_t, symbol_info&) { return false; }
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

symbol_info symbolizer::lookup(std::uint64_t address) noexcept {
  try {
    symbol_info info;
    if (dw_ && dw_->lookup(address, info) && !info.function.empty()) return info;
    symbol_info fallback = lookup_dladdr(address);
    if (info.function.empty()) {
      info.function = std::move(fallback.function);
      info.symbol_addr = fallback.symbol_addr;
    }
    return info;
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
