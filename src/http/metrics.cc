#include "http/metrics.h"

#include <fmt/format.h>

namespace covalue::http {
namespace {

// Label values escape backslash, double quote and newline (exposition format).
std::string Escape(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

void Metrics::Observe(const std::string& route, const std::string& method, int status,
                      double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, method, status}];
  Histogram& h = latency_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++h.buckets[i];
    }
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::AddCounter(std::string name, std::string help, std::function<std::int64_t()> read) {
  counters_.push_back({std::move(name), std::move(help), std::move(read), "counter"});
}

void Metrics::AddGauge(std::string name, std::string help, std::function<std::int64_t()> read) {
  counters_.push_back({std::move(name), std::move(help), std::move(read), "gauge"});
}

std::string Metrics::Render() const {
  std::string out;
  for (const Counter& counter : counters_) {
    out += fmt::format("# HELP {0} {1}\n# TYPE {0} {3}\n{0} {2}\n", counter.name, counter.help,
                       counter.read(), counter.type);
  }
  std::lock_guard lock(mutex_);
  out +=
      "# HELP covalue_http_requests_total HTTP requests answered, by route, method and status.\n"
      "# TYPE covalue_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [route, method, status] = key;
    out +=
        fmt::format("covalue_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                    Escape(route), Escape(method), status, count);
  }
  out +=
      "# HELP covalue_http_request_duration_seconds Time to answer a request, by route.\n"
      "# TYPE covalue_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    const std::string label = Escape(route);
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out +=
          fmt::format("covalue_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                      label, kBuckets[i], h.buckets[i]);
    }
    out +=
        fmt::format("covalue_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n",
                    label, h.count);
    out +=
        fmt::format("covalue_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", label, h.sum);
    out += fmt::format("covalue_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", label,
                       h.count);
  }
  return out;
}

}  // namespace covalue::http
