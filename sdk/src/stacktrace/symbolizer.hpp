// Private: address -> function, file and line on this machine.
//
// Worker thread. elfutils' libdwfl reads the symbol tables and DWARF line
// tables of the loaded images (separate debug files are found the standard
// way: build-id under /usr/lib/debug, .gnu_debuglink); without libdw in the
// build, or when it cannot open an image, dladdr names exported symbols
// only. Not thread-safe: one instance per worker (stack_processor wraps it
// with a cache and a mutex). Costly on first use of an image (it opens and
// indexes the file), cheap afterwards.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace sentry::detail {

struct symbol_info {
  std::string function;          // demangled; "" when unknown
  std::uint64_t symbol_addr = 0;  // start of the function; 0 when unknown
  std::string file;              // source file as the debug info names it (absolute when it can)
  std::uint32_t line = 0;        // 1-based; 0 when unknown
  std::uint32_t column = 0;
};

// The demangled form of a C++ symbol name (an "_Z..." name); any other name
// is returned as it is (type-name demangling would turn a C symbol "f" into
// "float", hence not client/exception_decoder's demangle).
std::string demangle_symbol(const char* name);

class symbolizer {
 public:
  enum class backend { libdw, dladdr };

  // libdw when the build has it, else dladdr.
  static backend default_backend() noexcept;

  explicit symbolizer(backend b = default_backend());
  ~symbolizer();
  symbolizer(const symbolizer&) = delete;
  symbolizer& operator=(const symbolizer&) = delete;

  backend active() const noexcept { return backend_; }

  // What lies at `address` (an instruction address: callers subtract 1 from
  // return addresses first). Never throws.
  symbol_info lookup(std::uint64_t address) noexcept;

  // The set of loaded images changed (dlopen / dlclose): re-read it.
  void refresh() noexcept;

 private:
  struct libdw_session;
  backend backend_;
  std::unique_ptr<libdw_session> dw_;
};

}  // namespace sentry::detail
