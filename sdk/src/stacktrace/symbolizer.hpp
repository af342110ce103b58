// Private: address -> function, file and line on this machine.
//
// Worker thread. elfutils' libdwfl reads the symbol tables and DWARF line
// tables of the loaded images (separate debug files are found the standard
// way: build-id under /usr/lib/debug, .gnu_debuglink); without libdw in the
// build, or when it cannot open an image, dladdr names exported symbols
// only. An address gets a file/line only from a row of its own compile
// unit's line table whose range holds it (code without debug information,
// such as crt1.o's _start, gets none), and calls inlined at the address are
// listed as functions of their own (lookup_frames). Not thread-safe: one
// instance per worker (stack_processor wraps it with a cache and a mutex).
// Costly on first use of an image (it opens and indexes the file), cheap
// afterwards.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

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

// The function's own name for an ELF symbol: a symbol version ("@GLIBC_2.2.5",
// "@@GLIBC_2.34") and GCC's clone suffixes (".cold", ".part.N", ".isra.N",
// ".constprop.N", ".lto_priv.N", and chains of them) removed, then demangled:
// "main.cold" -> "main", "_ZN3app4workEi.part.0" -> "app::work(int)",
// "__libc_start_main@@GLIBC_2.34" -> "__libc_start_main". "" for nullptr.
std::string function_name(const char* symbol);

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

  // The function the code at `address` belongs to (an instruction address:
  // callers subtract 1 from return addresses first), with the file/line in
  // it (of the outermost call inlined there, if any). Never throws.
  symbol_info lookup(std::uint64_t address) noexcept;

  // Every function at `address`, innermost first: the inlined calls (each
  // with the file/line inside it), then the function the code physically
  // belongs to (with the line of the outermost inlined call in it). One entry
  // when nothing is inlined there; lookup() is the last entry. Never throws.
  std::vector<symbol_info> lookup_frames(std::uint64_t address) noexcept;

  // The set of loaded images changed (dlopen / dlclose): re-read it.
  void refresh() noexcept;

 private:
  struct libdw_session;
  backend backend_;
  std::unique_ptr<libdw_session> dw_;
};

}  // namespace sentry::detail
