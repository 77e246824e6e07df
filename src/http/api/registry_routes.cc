#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "domain/registry.h"
#include "http/api/api_routes.h"

namespace covalue::http::api {
namespace {

// A number in [low, high] from a query parameter, or fallback when absent.
Result<double> QueryValue(const Request& request, const std::string& name, double fallback,
                          double low, double high) {
  const std::string* text = request.Query(name);
  if (text == nullptr) {
    return fallback;
  }
  double value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < low || value > high) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} is a number from {} to {}", name, low, high), name);
  }
  return value;
}

Result<Response> LikeMe(app::App& app, RouteContext& r) {
  COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
  const std::string* code = r.request.Query("code");
  if (code == nullptr || code->empty()) {
    return Fail(ErrorCode::kInvalidArgument, "code names the outcome (a score's code)", "code");
  }
  const std::string* system = r.request.Query("system");
  analytics::LikeMeOptions options;
  COVALUE_ASSIGN_OR_RETURN(double k, QueryValue(r.request, "k", 50, 1, 1000));
  // The minimum cohort can be raised, never lowered: small cohorts tell about individuals.
  COVALUE_ASSIGN_OR_RETURN(double min_cohort, QueryValue(r.request, "min_cohort", 20, 20, 1000));
  options.k = static_cast<std::size_t>(k);
  options.min_cohort = static_cast<std::size_t>(min_cohort);
  COVALUE_ASSIGN_OR_RETURN(options.weights.age, QueryValue(r.request, "w_age", 1, 0, 10));
  COVALUE_ASSIGN_OR_RETURN(options.weights.sex, QueryValue(r.request, "w_sex", 1, 0, 10));
  COVALUE_ASSIGN_OR_RETURN(options.weights.disease_duration,
                           QueryValue(r.request, "w_duration", 1, 0, 10));
  COVALUE_ASSIGN_OR_RETURN(options.weights.baseline, QueryValue(r.request, "w_baseline", 1, 0, 10));
  COVALUE_ASSIGN_OR_RETURN(
      app::LikeMeView view,
      app.PatientsLikeMe(r.ctx, id, system != nullptr ? *system : kScoreSystem, *code, options));
  nlohmann::json own = nlohmann::json::array();
  for (const auto& [months, value] : view.own) {
    own.push_back({{"month", months}, {"value", value}});
  }
  nlohmann::json bands = nlohmann::json::array();
  for (const analytics::LikeMeBand& b : view.like_me.bands) {
    bands.push_back(
        {{"month", b.month}, {"n", b.n}, {"p25", b.p25}, {"median", b.median}, {"p75", b.p75}});
  }
  return Json(200, nlohmann::json{{"patient_id", id},
                                  {"code", *code},
                                  {"k", options.k},
                                  {"min_cohort", options.min_cohort},
                                  {"cohort", view.like_me.cohort},
                                  {"hidden", view.like_me.hidden},
                                  {"own", own},
                                  {"bands", bands}});
}

}  // namespace

void AddRegistryRoutes(Router& router, app::App& app) {
  router.Add({"GET", "/api/v1/patients/{id}/like-me",
              "The outcome of the patients most like this one, as bands (patients like me)",
              Access::kSignedIn, [&app](RouteContext& r) { return LikeMe(app, r); }, 0});
}

}  // namespace covalue::http::api
