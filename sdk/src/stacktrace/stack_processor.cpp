#include "stacktrace/stack_processor.hpp"

#include <unistd.h>

#include <algorithm>
#include <fstream>

#include "stacktrace/debug_images.hpp"

namespace sentry::detail {

stack_options stack_options::from(const sentry::options& o) {
  stack_options s;
  s.include_source_context = o.include_source_context;
  s.in_app_include = o.in_app_include;
  s.in_app_exclude = o.in_app_exclude;
  return s;
}

std::string thread_name(std::uint64_t thread_id) {
  std::ifstream in("/proc/self/task/" + std::to_string(thread_id) + "/comm");
  std::string name;
  std::getline(in, name);
  return name;
}

stack_processor::stack_processor(stack_options opts, symbolizer::backend backend)
    : options_(std::move(opts)), symbolizer_(backend) {
  rules_.include = options_.in_app_include;
  rules_.exclude = options_.in_app_exclude;
  rules_.executable = executable_path();
  const auto images = loaded_images();
  images_generation_ = images->generation;
  if (const debug_image* own = images->find(reinterpret_cast<std::uintptr_t>(&capture_addresses))) {
    rules_.sdk_image = own->code_file;
  }
}

std::vector<frame> stack_processor::resolve(std::uint64_t lookup_address, const image_list& images) {
  auto it = cache_.find(lookup_address);
  if (it != cache_.end()) return it->second;

  frame base;
  if (const debug_image* image = images.find(lookup_address)) {
    base.package = image->code_file;
    base.image_addr = image->image_addr;
  }
  std::vector<frame> chain;
  for (symbol_info& info : symbolizer_.lookup_frames(lookup_address)) {
    frame f = base;
    f.function = std::move(info.function);
    f.symbol_addr = info.symbol_addr;
    if (!info.file.empty()) {
      f.abs_path = info.file;
      f.filename = std::move(info.file);
      f.lineno = info.line;
      f.colno = info.column;
      if (options_.include_source_context) sources_.apply(f);
    }
    apply_in_app(f, rules_);
    chain.push_back(std::move(f));
  }
  if (cache_.size() >= max_cached_addresses) cache_.clear();
  cache_.emplace(lookup_address, chain);
  return chain;
}

sentry::stacktrace stack_processor::symbolize(const raw_stack& stack, bool trim) {
  sentry::stacktrace out;
  out.instruction_addr_adjustment = stack.starts_at_pc ? "all_but_first" : "all";
  std::lock_guard<std::mutex> lock(mutex_);
  const auto images = loaded_images();
  if (images->generation != images_generation_) {
    images_generation_ = images->generation;
    symbolizer_.refresh();
    cache_.clear();
  }
  const std::size_t n = std::min(stack.addresses.size(), max_stack_frames);
  out.frames.reserve(n);
  for (std::size_t i = n; i-- > 0;) {  // oldest first
    const std::uint64_t address = stack.addresses[i];
    const bool return_address = !(i == 0 && stack.starts_at_pc);
    // Innermost first: the inlined calls at this address, then their caller;
    // all share the address.
    std::vector<frame> chain = resolve(return_address && address > 0 ? address - 1 : address, *images);
    for (auto f = chain.rbegin(); f != chain.rend(); ++f) {
      f->instruction_addr = address;
      out.frames.push_back(std::move(*f));
    }
  }
  if (trim) trim_sdk_frames(out.frames, rules_);
  return out;
}

sentry::thread_info stack_processor::make_thread(const raw_stack& stack, bool trim) {
  sentry::thread_info t;
  t.id = stack.thread_id;
  t.name = thread_name(stack.thread_id);
  t.main = stack.thread_id == static_cast<std::uint64_t>(::getpid());
  t.current = true;
  t.crashed = stack.starts_at_pc;
  if (!stack.empty()) t.stacktrace = symbolize(stack, trim);
  return t;
}

void stack_processor::add_debug_meta(event& e) {
  e.debug_images = loaded_images()->images;
  add_modules(e);
}

void stack_processor::add_modules(event& e) {
  const auto images = loaded_images();
  if (e.modules.empty()) {
    e.modules = images->modules;  // copies the tree as it is: no lookups
    return;
  }
  for (const auto& [name, version] : images->modules) e.modules.emplace(name, version);
}

}  // namespace sentry::detail
