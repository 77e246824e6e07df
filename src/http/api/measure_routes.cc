#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analytics/measures.h"
#include "app/measures/measures.h"
#include "domain/dates.h"
#include "http/api/api_routes.h"
#include "http/json/chart_view_json.h"
#include "http/json/json_body.h"
#include "http/json/measure_json.h"
#include "http/transfer.h"

namespace covalue::http::api {
namespace {

using json = nlohmann::ordered_json;  // members in the documented order
namespace spc = analytics::spc;

json Optional(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

// A YYYY-MM-DD query parameter as the instant it begins; nullopt when absent.
Result<std::optional<std::int64_t>> QueryDate(const std::string& text, const std::string& name) {
  const auto ms = ParseDateMs(text);
  if (!ms) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{} is a date, YYYY-MM-DD", name), name);
  }
  return std::optional<std::int64_t>(*ms);
}

// period, rules, mr_screening, baseline_before and phases (dates separated by commas).
Result<app::MeasureChartQuery> ReadChartQuery(const Request& request) {
  app::MeasureChartQuery query;
  if (const std::string* period = request.Query("period")) {
    const auto kind = ParsePeriodKind(*period);
    if (!kind) {
      return Fail(ErrorCode::kInvalidArgument, "period is week, month or quarter", "period");
    }
    query.period = *kind;
  }
  if (const std::string* rules = request.Query("rules")) {
    if (*rules != "anhoej" && *rules != "mdc") {
      return Fail(ErrorCode::kInvalidArgument, "rules is anhoej or mdc", "rules");
    }
    query.rules = *rules == "mdc" ? spc::Rules::kMdc : spc::Rules::kAnhoej;
  }
  if (const std::string* screening = request.Query("mr_screening")) {
    if (*screening != "on" && *screening != "off") {
      return Fail(ErrorCode::kInvalidArgument, "mr_screening is on or off", "mr_screening");
    }
    query.mr_screening = *screening == "on";
  }
  if (const std::string* before = request.Query("baseline_before")) {
    COVALUE_ASSIGN_OR_RETURN(query.baseline_before_ms, QueryDate(*before, "baseline_before"));
  }
  if (const std::string* phases = request.Query("phases"); phases && !phases->empty()) {
    std::istringstream list(*phases);
    for (std::string date; std::getline(list, date, ',');) {
      COVALUE_ASSIGN_OR_RETURN(auto start, QueryDate(date, "phases"));
      query.phase_starts_ms.push_back(*start);
    }
  }
  return query;
}

Result<Response> ViewResponse(const Request& request, const app::MeasureChartView& view) {
  COVALUE_ASSIGN_OR_RETURN(auto fields, PointFields::Read(request));
  return WithETag(JsonResponse(200, ChartViewJson(view, fields)));
}

Response OrderedJson(int status, const json& value) {
  return JsonResponse(status, value.dump(-1, ' ', false, json::error_handler_t::replace));
}

const std::string& MeasureParam(const RouteContext& r) { return r.params.at("measure"); }

json ProfileJson(const app::ValueProfile& p) {
  const auto text_or_null = [](const std::string& text) {
    return text.empty() ? json() : json(text);
  };
  const auto id_or_null = [](const std::optional<Id>& id) { return id ? json(*id) : json(); };
  const auto int_or_null = [](const std::optional<int>& v) { return v ? json(*v) : json(); };
  json domains = json::array();
  for (const app::DomainValue& d : p.domains) {
    domains.push_back({{"domain", ValueDomainName(d.domain)},
                       {"people", Optional(d.people)},
                       {"people_n", d.people_suppressed ? json() : json(d.people_n)},
                       {"people_suppressed", d.people_suppressed},
                       {"people_previous", Optional(d.people_previous)},
                       {"team", int_or_null(d.team)},
                       {"team_previous", int_or_null(d.team_previous)}});
  }
  return {{"team_id", p.team_id},
          {"scale", {{"min", 1}, {"max", 5}}},
          {"quarter", text_or_null(p.quarter)},
          {"previous_quarter", text_or_null(p.previous_quarter)},
          {"passport_id", id_or_null(p.passport_id)},
          {"passport_date", text_or_null(p.passport_date)},
          {"previous_passport_id", id_or_null(p.previous_passport_id)},
          {"domains", domains}};
}

}  // namespace

void AddMeasureRoutes(Router& router, app::Measures& measures) {
  router.Add({"GET", "/api/v1/measures", "List the community's measures", Access::kSignedIn,
              [&measures](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto definitions, measures.ListMeasures(r.ctx));
                json items = json::array();
                for (const MeasureDefinition& m : definitions) {
                  items.push_back(DefinitionJson(m));
                }
                return OrderedJson(200, json{{"items", items}, {"next", nullptr}});
              },
              0});
  router.Add(
      {"POST", "/api/v1/measures",
       "Define a measure for the community (its admin); its aggregates are built from the "
       "stored observations",
       Access::kSignedIn, [&measures](RouteContext& r) -> Result<Response> {
         COVALUE_ASSIGN_OR_RETURN(MeasureDefinition m, ReadBody(r.request.body, ReadMeasureDefinition));
         COVALUE_ASSIGN_OR_RETURN(MeasureDefinition created, measures.DefineMeasure(r.ctx, m));
         return OrderedJson(201, DefinitionJson(created));
       }});
  router.Add({"GET", "/api/v1/measures/drafts",
              "The core set's draft measures proposed from Delphi studies, with their provenance",
              Access::kSignedIn,
              [&measures](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto drafts, measures.ListDrafts(r.ctx));
                json items = json::array();
                for (const MeasureDraft& d : drafts) items.push_back(DraftJson(d));
                return OrderedJson(200, json{{"items", items}, {"next", nullptr}});
              },
              0});
  router.Add({"POST", "/api/v1/measures/drafts/{draft}/adopt",
              "Make a draft of the core set a measure (the community's admin): the observations "
              "it is computed from (system, code, threshold, at_least, target; unit)",
              Access::kSignedIn, [&measures](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(
                    MeasureDefinition observations,
                    ReadBody(r.request.body, [](ObjectReader& reader) -> Result<MeasureDefinition> {
                      MeasureDefinition m;
                      COVALUE_RETURN_IF_ERROR(ReadMeasureObservations(reader, m));
                      COVALUE_ASSIGN_OR_RETURN(auto unit, reader.OptionalString("unit"));
                      m.unit = unit.value_or("");
                      return m;
                    }));
                COVALUE_ASSIGN_OR_RETURN(
                    MeasureDefinition adopted,
                    measures.AdoptDraft(r.ctx, r.params.at("draft"), observations));
                return OrderedJson(201, DefinitionJson(adopted));
              }});
  router.Add({"POST", "/api/v1/measures/preview",
              "A definition's chart at every site, computed from the stored observations "
              "without defining it (facilitators, researchers, the community's admin)",
              Access::kSignedIn, [&measures](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(MeasureDefinition m,
                                         ReadBody(r.request.body, ReadMeasureDefinition));
                COVALUE_ASSIGN_OR_RETURN(auto query, ReadChartQuery(r.request));
                COVALUE_ASSIGN_OR_RETURN(auto views, measures.PreviewMeasures(r.ctx, {m}, query));
                return ViewResponse(r.request, views.front());
              }});
  router.Add(
      {"POST", "/api/v1/teams/{id}/measures/preview",
       "A definition's chart for a team, computed from its population's stored "
       "observations without defining it (the team's readers)",
       Access::kSignedIn, [&measures](RouteContext& r) -> Result<Response> {
         COVALUE_ASSIGN_OR_RETURN(Id team, PathId(r, "id"));
         COVALUE_ASSIGN_OR_RETURN(MeasureDefinition m, ReadBody(r.request.body, ReadMeasureDefinition));
         COVALUE_ASSIGN_OR_RETURN(auto query, ReadChartQuery(r.request));
         COVALUE_ASSIGN_OR_RETURN(auto view, measures.PreviewTeamMeasure(r.ctx, team, m, query));
         return ViewResponse(r.request, view);
       }});
  router.Add({"GET", "/api/v1/measures/{measure}/chart",
              "A measure's chart at one site (site_id, population_id): every cell for the site's "
              "staff, small cells suppressed for the community",
              Access::kSignedIn,
              [&measures](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto site, QueryId(r.request, "site_id"));
                if (!site) {
                  return Fail(ErrorCode::kInvalidArgument, "site_id names the site", "site_id");
                }
                COVALUE_ASSIGN_OR_RETURN(auto population, QueryId(r.request, "population_id"));
                COVALUE_ASSIGN_OR_RETURN(auto query, ReadChartQuery(r.request));
                COVALUE_ASSIGN_OR_RETURN(
                    auto view,
                    measures.SiteMeasureChart(r.ctx, MeasureParam(r), *site, population, query));
                return ViewResponse(r.request, view);
              },
              0});
  router.Add({"GET", "/api/v1/measures/{measure}/sites",
              "A measure's chart at every site, cells under the minimum size suppressed "
              "(facilitators, researchers, the community's admin)",
              Access::kSignedIn,
              [&measures](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto query, ReadChartQuery(r.request));
                COVALUE_ASSIGN_OR_RETURN(auto view,
                                         measures.CrossSiteMeasure(r.ctx, MeasureParam(r), query));
                return ViewResponse(r.request, view);
              },
              0});
  router.Add(
      {"GET", "/api/v1/teams/{id}/measures/{measure}/chart",
       "A measure's chart for a team, with the changes of its improvement passports "
       "(limits: baseline or phases)",
       Access::kSignedIn,
       [&measures](RouteContext& r) -> Result<Response> {
         COVALUE_ASSIGN_OR_RETURN(Id team, PathId(r, "id"));
         COVALUE_ASSIGN_OR_RETURN(auto query, ReadChartQuery(r.request));
         auto limits = app::ChangeLimits::kBaseline;
         if (const std::string* text = r.request.Query("limits")) {
           if (*text != "baseline" && *text != "phases") {
             return Fail(ErrorCode::kInvalidArgument, "limits is baseline or phases", "limits");
           }
           limits = *text == "phases" ? app::ChangeLimits::kPhases : app::ChangeLimits::kBaseline;
         }
         COVALUE_ASSIGN_OR_RETURN(
             auto view, measures.TeamMeasureChart(r.ctx, team, MeasureParam(r), query, limits));
         return ViewResponse(r.request, view);
       },
       0});
  router.Add({"POST", "/api/v1/teams/{id}/measures/{measure}/notes",
              "Note a point of the team's chart of a measure (period: the point's label; text): "
              "the team's members and leads, the site's admins",
              Access::kSignedIn, [&measures](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id team, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(
                    auto body,
                    ReadBody(r.request.body,
                             [](ObjectReader& b) -> Result<std::pair<std::string, std::string>> {
                               COVALUE_ASSIGN_OR_RETURN(std::string period,
                                                        b.RequiredString("period"));
                               COVALUE_ASSIGN_OR_RETURN(std::string text, b.RequiredString("text"));
                               return std::pair(std::move(period), std::move(text));
                             }));
                COVALUE_ASSIGN_OR_RETURN(
                    ChartNote note,
                    measures.AddChartNote(r.ctx, team, MeasureParam(r), body.first, body.second));
                return OrderedJson(201, json{{"id", note.id},
                                             {"period", note.period},
                                             {"text", note.text},
                                             {"author", note.author},
                                             {"created_ms", note.created_ms}});
              }});
  router.Add({"DELETE", "/api/v1/chart-notes/{id}",
              "Remove a note from a team's chart (those who may write its notes)",
              Access::kSignedIn,
              [&measures](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_RETURN_IF_ERROR(measures.DeleteChartNote(r.ctx, id));
                return NoContent();
              },
              0});
  router.Add({"GET", "/api/v1/teams/{id}/value-profile",
              "A team's six-domain coproduction value profile: the people's view (their "
              "questionnaire's latest quarter) beside the team's (its passports' self-ratings)",
              Access::kSignedIn,
              [&measures](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id team, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(app::ValueProfile profile,
                                         measures.TeamValueProfile(r.ctx, team));
                return OrderedJson(200, ProfileJson(profile));
              },
              0});
}

}  // namespace covalue::http::api
