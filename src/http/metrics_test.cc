#include "http/metrics.h"

#include <gtest/gtest.h>

namespace covalue::http {
namespace {

TEST(Metrics, CountsPerRouteAndStatusWithCumulativeBuckets) {
  Metrics metrics;
  metrics.Observe("/api/v1/sites", "GET", 200, 0.003);
  metrics.Observe("/api/v1/sites", "GET", 200, 0.2);
  metrics.Observe("/api/v1/sites", "GET", 401, 0.0005);
  const std::string text = metrics.Render();
  EXPECT_NE(
      text.find(
          R"(covalue_http_requests_total{route="/api/v1/sites",method="GET",status="200"} 2)"),
      std::string::npos)
      << text;
  EXPECT_NE(
      text.find(
          R"(covalue_http_requests_total{route="/api/v1/sites",method="GET",status="401"} 1)"),
      std::string::npos);
  EXPECT_NE(
      text.find(
          R"(covalue_http_request_duration_seconds_bucket{route="/api/v1/sites",le="0.001"} 1)"),
      std::string::npos);
  EXPECT_NE(
      text.find(
          R"(covalue_http_request_duration_seconds_bucket{route="/api/v1/sites",le="0.005"} 2)"),
      std::string::npos);
  EXPECT_NE(
      text.find(
          R"(covalue_http_request_duration_seconds_bucket{route="/api/v1/sites",le="+Inf"} 3)"),
      std::string::npos);
  EXPECT_NE(text.find(R"(covalue_http_request_duration_seconds_count{route="/api/v1/sites"} 3)"),
            std::string::npos);
}

TEST(Metrics, RendersCountersReadAtRenderTime) {
  Metrics metrics;
  std::int64_t commits = 3;
  metrics.AddCounter("covalue_store_commits_total", "Transactions committed.",
                     [&] { return commits; });
  commits = 5;
  EXPECT_NE(metrics.Render().find(
                "# TYPE covalue_store_commits_total counter\ncovalue_store_commits_total 5\n"),
            std::string::npos);
}

}  // namespace
}  // namespace covalue::http
