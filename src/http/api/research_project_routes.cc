// De-identified research exports (app research_exports.h): a researcher's projects, each
// site's own admin's approval, and the export's files as CSV.

#include <algorithm>
#include <string>

#include "app/research_exports/research_exports.h"
#include "http/api/api_routes.h"
#include "http/json/json_body.h"

namespace covalue::http::api {
namespace {

using json = nlohmann::ordered_json;

json ProjectJson(const app::ProjectView& v) {
  json approvals = json::array();
  for (const SiteApproval& a : v.approvals) {
    approvals.push_back({{"site_id", a.site_id},
                         {"site", a.site_name},
                         {"approved_by", a.approved_by},
                         {"approved_ms", a.approved_ms},
                         {"revoked_ms", a.revoked_ms ? json(*a.revoked_ms) : json(nullptr)}});
  }
  json files = json::array();
  for (app::ExportFile f : app::kAllExportFiles) files.push_back(app::ExportFileName(f));
  return {{"id", v.project.id},
          {"title", v.project.title},
          {"purpose", v.project.purpose},
          {"owner_id", v.project.owner_id},
          {"shift_days", v.project.shift_days},
          {"created_ms", v.project.created_ms},
          {"approvals", std::move(approvals)},
          {"files", std::move(files)}};
}

Response ProjectResponse(int status, const app::ProjectView& v) {
  return NoStore(JsonResponse(status, ProjectJson(v).dump()));
}

Result<ResearchProject> ReadProject(ObjectReader& reader) {
  ResearchProject p;
  COVALUE_ASSIGN_OR_RETURN(p.title, reader.RequiredString("title"));
  COVALUE_ASSIGN_OR_RETURN(auto purpose, reader.OptionalString("purpose"));
  p.purpose = purpose.value_or("");
  COVALUE_ASSIGN_OR_RETURN(auto shift, reader.OptionalInt("shift_days"));
  p.shift_days = static_cast<int>(std::clamp<std::int64_t>(shift.value_or(182), -1, 100000));
  return p;
}

}  // namespace

void AddResearchProjectRoutes(Router& router, app::ResearchExports& exports) {
  router.Add({"GET", "/api/v1/research-projects",
              "Research projects: a researcher's own; every project for admins, to approve",
              Access::kSignedIn,
              [&exports](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto listed, exports.ListProjects(r.ctx));
                json items = json::array();
                for (const app::ProjectView& v : listed) items.push_back(ProjectJson(v));
                return NoStore(
                    JsonResponse(200, json{{"items", items}, {"next", nullptr}}.dump()));
              },
              0});
  router.Add({"POST", "/api/v1/research-projects",
              "Open a research project for de-identified registry data (a researcher)",
              Access::kSignedIn, [&exports](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(ResearchProject draft,
                                         ReadBody(r.request.body, ReadProject));
                COVALUE_ASSIGN_OR_RETURN(auto made, exports.CreateProject(r.ctx, draft));
                return ProjectResponse(201, made);
              }});
  router.Add({"GET", "/api/v1/research-projects/{id}",
              "A research project and its sites' approvals (its researcher; admins)",
              Access::kSignedIn,
              [&exports](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto view, exports.GetProject(r.ctx, id));
                return ProjectResponse(200, view);
              },
              0});
  // Approving and revoking: the same path, the site's own admin.
  using Change = Result<app::ProjectView> (app::ResearchExports::*)(const app::RequestContext&, Id,
                                                                    Id);
  const auto approval = [&](const char* method, const char* summary, Change change) {
    router.Add({method, "/api/v1/research-projects/{id}/approvals/{site}", summary,
                Access::kSignedIn,
                [&exports, change](RouteContext& r) -> Result<Response> {
                  COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                  COVALUE_ASSIGN_OR_RETURN(Id site, PathId(r, "site"));
                  COVALUE_ASSIGN_OR_RETURN(auto view, (exports.*change)(r.ctx, id, site));
                  return ProjectResponse(200, view);
                },
                0});
  };
  approval("PUT", "Approve the project's access to the site's data (an admin at the site itself)",
           &app::ResearchExports::Approve);
  approval("DELETE", "Revoke the site's approval of the project (an admin at the site itself)",
           &app::ResearchExports::Revoke);
  router.Add({"GET", "/api/v1/research-projects/{id}/export/{file}",
              "One de-identified file of the project's export over the sites that approve it: "
              "people.csv, observations.csv, scores.csv, codes.csv, summary.csv or "
              "dictionary.csv (its researcher)",
              Access::kSignedIn,
              [&exports](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                const std::string& name = r.params.at("file");
                const auto file = app::ParseExportFile(name);
                if (!file) {
                  return Fail(ErrorCode::kNotFound,
                              "the export's files are people.csv, observations.csv, scores.csv, "
                              "codes.csv, summary.csv and dictionary.csv",
                              "file");
                }
                COVALUE_ASSIGN_OR_RETURN(std::string csv, exports.Export(r.ctx, id, *file));
                return NoStore(Document("text/csv; charset=utf-8", std::move(csv),
                                        "project-" + std::to_string(id) + "-" + name));
              },
              0});
}

}  // namespace covalue::http::api
