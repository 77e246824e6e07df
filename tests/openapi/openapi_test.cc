#include "http/openapi.h"

#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "fhir/fhir_routes.h"
#include "http/api/api_routes.h"
#include "support/app_fixture.h"

namespace covalue::http {
namespace {

std::string Lower(std::string text) {
  for (char& c : text) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return text;
}

class OpenApiTest : public app::AppTest {};

TEST_F(OpenApiTest, DescribesExactlyTheRoutesOfTheRouterWithTheirSummaries) {
  Metrics metrics;
  Router router(app_->accounts());
  api::AddApiRoutes(router, *app_, metrics);
  fhir::AddFhirRoutes(router, *app_);
  const auto doc = nlohmann::json::parse(OpenApiDocument());
  EXPECT_EQ(doc["openapi"], "3.1.0");

  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      documented.emplace(method, path);
    }
  }
  std::set<std::pair<std::string, std::string>> routed;
  for (const Route& route : router.Routes()) {
    routed.emplace(Lower(route.method), route.pattern);
    const auto& operation = doc["paths"][route.pattern][Lower(route.method)];
    ASSERT_TRUE(operation.is_object())
        << route.method << " " << route.pattern << " is undocumented";
    EXPECT_EQ(operation["summary"], route.summary) << route.pattern;
    const bool documented_public = operation.contains("security") && operation["security"].empty();
    EXPECT_EQ(documented_public, route.access == Access::kPublic) << route.pattern;
  }
  EXPECT_EQ(documented, routed);
}

TEST_F(OpenApiTest, EveryReferenceResolves) {
  const auto doc = nlohmann::json::parse(OpenApiDocument());
  std::vector<std::string> missing;
  std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& node) {
    if (node.is_object()) {
      if (auto ref = node.find("$ref"); ref != node.end()) {
        const std::string pointer = ref->get<std::string>().substr(1);
        if (!doc.contains(nlohmann::json::json_pointer(pointer))) {
          missing.push_back(pointer);
        }
      }
      for (const auto& [key, child] : node.items()) {
        walk(child);
      }
    } else if (node.is_array()) {
      for (const auto& child : node) {
        walk(child);
      }
    }
  };
  walk(doc);
  EXPECT_TRUE(missing.empty()) << missing.front();
}

}  // namespace
}  // namespace covalue::http
