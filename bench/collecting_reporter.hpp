// For the bench programs: Google Benchmark's console table, plus each
// benchmark's time per iteration kept for a summary after the table (real
// and CPU time; with --benchmark_repetitions, the median). On a shared
// machine, CPU time is the steadier figure: wall time also measures the
// other processes.
#pragma once

#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <vector>

namespace sentry_bench {

class collecting_reporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& r : runs) {
      if (r.run_type == Run::RT_Aggregate && r.aggregate_name != "median") continue;
      real_[r.run_name.function_name] = r.GetAdjustedRealTime();
      cpu_[r.run_name.function_name] = r.GetAdjustedCPUTime();
    }
    ConsoleReporter::ReportRuns(runs);
  }
  // Nanoseconds per iteration (the default time unit); 0 when not run.
  double real_ns(const std::string& name) const { return find(real_, name); }
  double cpu_ns(const std::string& name) const { return find(cpu_, name); }

 private:
  static double find(const std::map<std::string, double>& m, const std::string& name) {
    auto it = m.find(name);
    return it == m.end() ? 0 : it->second;
  }
  std::map<std::string, double> real_;
  std::map<std::string, double> cpu_;
};

}  // namespace sentry_bench
