#include <fmt/format.h>

#include "app/process_maps/process_maps.h"
#include "domain/workbook.h"
#include "formats/bpmn.h"
#include "http/api/api_routes.h"
#include "http/json/json_body.h"
#include "http/json/value_json.h"
#include "http/problem_json.h"
#include "report/process_map_drawing.h"

namespace covalue::http::api {
namespace {

std::optional<std::string> IfMatchOf(const Request& request) {
  const std::string& value = request.Header("if-match");
  return value.empty() ? std::nullopt : std::optional<std::string>(value);
}

// A revision number of the query (from, to): required, a positive integer (QueryId's rule).
Result<std::int64_t> QueryRevision(const Request& request, const std::string& name) {
  COVALUE_ASSIGN_OR_RETURN(auto number, QueryId(request, name));
  if (!number) return Fail(ErrorCode::kInvalidArgument, name + " must be a revision number", name);
  return *number;
}

// A saved map with its ETag; a stale save answers 409 with the current map, so the client can
// merge (as the workbooks' answers do).
Result<Response> SavedResponse(app::ProcessMaps& maps, RouteContext& r, Id id,
                               const Result<app::ProcessMapView>& saved, int status) {
  if (saved) {
    Response response = Json(status, ProcessMapJson(*saved));
    response.SetHeader("ETag", RevisionEtag(saved->map.latest.number));
    return response;
  }
  if (saved.error().code != ErrorCode::kConflict) return Fail(saved.error());
  nlohmann::json extensions = {{"current", nullptr}, {"current_etag", nullptr}};
  if (auto current = maps.Get(r.ctx, id)) {
    extensions = {{"current", ProcessMapJson(*current)},
                  {"current_etag", RevisionEtag(current->map.latest.number)}};
  }
  return ProblemResponse(saved.error(), r.request.request_id, extensions);
}

constexpr std::size_t kMaxBpmnFile = 10 << 20;

bool IsJsonBody(const Request& request) {
  const std::string& type = request.Header("content-type");
  return type.rfind("application/json", 0) == 0;
}

// A map to create from the body: JSON {name, lanes, steps, arrows}, or a BPMN 2.0 file named by
// ?name= or by its participant or process.
struct NewMap {
  std::string name;
  ProcessMapContent content;
};
Result<NewMap> ReadNewMap(const Request& request) {
  if (IsJsonBody(request)) {
    COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
    ObjectReader reader(body);
    NewMap map;
    COVALUE_ASSIGN_OR_RETURN(map.name, reader.RequiredString("name"));
    COVALUE_ASSIGN_OR_RETURN(map.content, ReadProcessMapContent(reader));
    COVALUE_RETURN_IF_ERROR(reader.Finish());
    return map;
  }
  COVALUE_ASSIGN_OR_RETURN(formats::BpmnMap bpmn, formats::ReadBpmn(request.body));
  const std::string* name = request.Query("name");
  return NewMap{name != nullptr ? *name : bpmn.name, std::move(bpmn.content)};
}

template <typename T, typename ToJson>
Response Items(const std::vector<T>& list, ToJson to_json) {
  nlohmann::json items = nlohmann::json::array();
  for (const T& x : list) items.push_back(to_json(x));
  return Json(200, nlohmann::json{{"items", items}, {"next", nullptr}});
}

}  // namespace

void AddProcessMapRoutes(Router& router, app::ProcessMaps& maps) {
  router.Add({"GET", "/api/v1/teams/{id}/process-maps", "A team's process maps (latest revisions)",
              Access::kSignedIn,
              [&maps](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto list, maps.List(r.ctx, id));
                return Items(list, ProcessMapSummaryJson);
              },
              0});
  Route create{"POST", "/api/v1/teams/{id}/process-maps",
               "Map a team's service: lanes of perspectives, steps in value configurations, "
               "arrows (revision 1); from JSON, or from a BPMN 2.0 file",
               Access::kSignedIn,
               [&maps](RouteContext& r) -> Result<Response> {
                 COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                 COVALUE_ASSIGN_OR_RETURN(NewMap map, ReadNewMap(r.request));
                 auto made = maps.Create(r.ctx, id, std::move(map.name), std::move(map.content));
                 COVALUE_RETURN_IF_ERROR(made);
                 return SavedResponse(maps, r, made->map.id, made, 201);
               },
               kMaxBpmnFile};
  create.body_types = {"application/json", "application/bpmn+xml", "application/xml", "text/xml"};
  router.Add(std::move(create));
  router.Add({"GET", "/api/v1/process-maps/{id}", "A process map's latest revision",
              Access::kSignedIn,
              [&maps](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                return SavedResponse(maps, r, id, maps.Get(r.ctx, id), 200);
              },
              0});
  router.Add({"PUT", "/api/v1/process-maps/{id}/sharing",
              "Share a process map with the community (facilitators read it and its costs), or "
              "stop sharing it",
              Access::kSignedIn, [&maps](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(bool shared, ReadBody(r.request.body, [](ObjectReader& b) {
                                           return b.RequiredBool("shared");
                                         }));
                COVALUE_RETURN_IF_ERROR(maps.Share(r.ctx, id, shared));
                return NoContent();
              }});
  router.Add({"PUT", "/api/v1/process-maps/{id}",
              "Save a process map as a new revision (If-Match: the ETag it was made on)",
              Access::kSignedIn, [&maps](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                COVALUE_ASSIGN_OR_RETURN(auto name, reader.OptionalString("name"));
                COVALUE_ASSIGN_OR_RETURN(ProcessMapContent content, ReadProcessMapContent(reader));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                return SavedResponse(
                    maps, r, id,
                    maps.Save(r.ctx, id, std::move(name), std::move(content), IfMatchOf(r.request)),
                    200);
              }});
  router.Add({"GET", "/api/v1/process-maps/{id}/export",
              "A process map as a file (format: svg, png or pdf, with its costs per "
              "configuration; bpmn, BPMN 2.0 XML)",
              Access::kSignedIn,
              [&maps](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                const std::string* format = r.request.Query("format");
                const std::string kind = format != nullptr ? *format : "";
                if (kind != "svg" && kind != "png" && kind != "pdf" && kind != "bpmn") {
                  return Fail(ErrorCode::kInvalidArgument, "format is svg, png, pdf or bpmn",
                              "format");
                }
                COVALUE_ASSIGN_OR_RETURN(auto view, maps.Get(r.ctx, id));
                const std::string file = fmt::format("process-map-{}.{}", id, kind);
                const ProcessMapContent& content = view.map.latest.content;
                if (kind == "bpmn") {
                  return Document("application/bpmn+xml",
                                  formats::WriteBpmn(view.map.name, content), file);
                }
                COVALUE_ASSIGN_OR_RETURN(auto costs, maps.Costs(r.ctx, id, std::nullopt));
                const report::ProcessMapPicture picture{view.map.name, &content, &costs.costs,
                                                        costs.currency};
                if (kind == "svg") {
                  return Document("image/svg+xml", report::ProcessMapSvg(picture), file);
                }
                COVALUE_ASSIGN_OR_RETURN(std::string bytes, kind == "png"
                                                                ? report::ProcessMapPng(picture)
                                                                : report::ProcessMapPdf(picture));
                return Document(kind == "png" ? "image/png" : "application/pdf", std::move(bytes),
                                file);
              },
              0});
  router.Add({"GET", "/api/v1/process-maps/{id}/revisions",
              "A process map's revisions, newest first", Access::kSignedIn,
              [&maps](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto list, maps.Revisions(r.ctx, id));
                return Items(list, MapRevisionJson);
              },
              0});
  router.Add({"GET", "/api/v1/process-maps/{id}/revisions/{number}",
              "One revision of a process map, whole", Access::kSignedIn,
              [&maps](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto number, PathId(r, "number"));
                COVALUE_ASSIGN_OR_RETURN(auto revision, maps.GetRevision(r.ctx, id, number));
                return Json(200, MapRevisionJson(revision));
              },
              0});
  router.Add({"GET", "/api/v1/process-maps/{id}/diff",
              "What changed between two revisions of a map (from, to): lanes, steps, arrows",
              Access::kSignedIn,
              [&maps](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto from, QueryRevision(r.request, "from"));
                COVALUE_ASSIGN_OR_RETURN(auto to, QueryRevision(r.request, "to"));
                COVALUE_ASSIGN_OR_RETURN(auto diff, maps.Diff(r.ctx, id, from, to));
                return Json(200, MapDiffJson(diff));
              },
              0});
  router.Add({"POST", "/api/v1/process-maps/{id}/revisions/{number}/restore",
              "Save an older revision of a map as the newest (If-Match as for a save)",
              Access::kSignedIn,
              [&maps](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto number, PathId(r, "number"));
                return SavedResponse(maps, r, id,
                                     maps.Restore(r.ctx, id, number, IfMatchOf(r.request)), 200);
              },
              0});
  router.Add({"GET", "/api/v1/process-maps/{id}/journeys", "A map's journeys", Access::kSignedIn,
              [&maps](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto list, maps.Journeys(r.ctx, id));
                return Items(list, JourneyJson);
              },
              0});
  router.Add({"POST", "/api/v1/process-maps/{id}/journeys",
              "Add a journey: a persona's path through the map's steps, each with how many "
              "times a year",
              Access::kSignedIn, [&maps](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(Journey journey, ReadBody(r.request.body, ReadJourney));
                COVALUE_ASSIGN_OR_RETURN(auto made, maps.AddJourney(r.ctx, id, std::move(journey)));
                return Json(201, JourneyJson(made));
              }});
  router.Add({"DELETE", "/api/v1/process-maps/{id}/journeys/{journey_id}", "Remove a journey",
              Access::kSignedIn,
              [&maps](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(Id journey, PathId(r, "journey_id"));
                COVALUE_RETURN_IF_ERROR(maps.DeleteJourney(r.ctx, id, journey));
                return NoContent();
              },
              0});
  router.Add({"GET", "/api/v1/process-maps/{id}/scenarios", "A map's what-if scenarios",
              Access::kSignedIn,
              [&maps](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto list, maps.Scenarios(r.ctx, id));
                return Items(list, ScenarioJson);
              },
              0});
  router.Add({"POST", "/api/v1/process-maps/{id}/scenarios",
              "Add a what-if: steps moved to another configuration, new minutes or frequencies",
              Access::kSignedIn, [&maps](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(Scenario scenario, ReadBody(r.request.body, ReadScenario));
                COVALUE_ASSIGN_OR_RETURN(auto made, maps.AddScenario(r.ctx, id, std::move(scenario)));
                return Json(201, ScenarioJson(made));
              }});
  router.Add({"GET", "/api/v1/process-maps/{id}/costs",
              "What a map costs per step, lane, configuration and journey (TDABC; scenario: a "
              "what-if of the map)",
              Access::kSignedIn,
              [&maps](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(std::optional<Id> scenario, QueryId(r.request, "scenario"));
                COVALUE_ASSIGN_OR_RETURN(auto costs, maps.Costs(r.ctx, id, scenario));
                return Json(200, MapCostsJson(costs));
              },
              0});
}

}  // namespace covalue::http::api
