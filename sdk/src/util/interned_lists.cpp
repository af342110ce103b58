#include "util/interned_lists.hpp"

#include <deque>
#include <mutex>

namespace sentry::detail {

const std::vector<std::string>* intern(const std::vector<std::string>& list) {
  static std::mutex* mutex = new std::mutex();
  // Never destroyed: interned lists are read from static destructors too.
  static std::deque<std::vector<std::string>>* lists = new std::deque<std::vector<std::string>>();
  std::lock_guard<std::mutex> lock(*mutex);
  for (const auto& l : *lists) {
    if (l == list) return &l;
  }
  lists->push_back(list);  // a deque never moves what it holds
  return &lists->back();
}

}  // namespace sentry::detail
