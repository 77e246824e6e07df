#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace covalue::http {

// Request counts and latency histograms per route, in the Prometheus text exposition format
// (version 0.0.4). Thread-safe.
class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  2.5,   10.0};

  void Observe(const std::string& route, const std::string& method, int status, double seconds);
  // A counter read when the metrics are rendered (such as the store's commits).
  // REQUIRES: called before the server starts; read must be thread-safe.
  void AddCounter(std::string name, std::string help, std::function<std::int64_t()> read);
  // A gauge read the same way (a value that goes up and down, such as open connections).
  void AddGauge(std::string name, std::string help, std::function<std::int64_t()> read);
  std::string Render() const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;  // guards requests_ and latency_
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  struct Counter {
    std::string name;
    std::string help;
    std::function<std::int64_t()> read;
    const char* type = "counter";
  };
  std::vector<Counter> counters_;
};

}  // namespace covalue::http
