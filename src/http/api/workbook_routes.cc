#include <charconv>


#include "app/workbooks/workbooks.h"
#include "domain/text_diff.h"
#include "http/api/api_routes.h"
#include "http/json/json_body.h"
#include "http/problem_json.h"

namespace covalue::http::api {
namespace {

nlohmann::json RevisionJson(const AnswerRevision& r) {
  const AnswerKey key = ParseAnswerKey(r.link_id).value_or(AnswerKey{r.link_id, 1});
  nlohmann::json out = {
      {"key", r.link_id},   {"link_id", key.link_id},         {"instance", key.instance},
      {"number", r.number}, {"etag", RevisionEtag(r.number)}, {"text", r.text},
      {"author", r.author}, {"created_ms", r.created_ms},     {"restored_from", nullptr}};
  if (r.restored_from) {
    out["restored_from"] = *r.restored_from;
  }
  return out;
}

nlohmann::json WorkbookJson(const Workbook& w) {
  return {{"id", w.id},
          {"site_id", w.site_id},
          {"team_id", w.team_id},
          {"guide_id", w.guide_id},
          {"guide_version", w.guide_version},
          {"created_ms", w.created_ms},
          {"position", w.position},
          {"shared", w.shared},
          {"name", w.name},
          {"archived_ms", w.archived_ms ? nlohmann::json(*w.archived_ms) : nlohmann::json()}};
}

nlohmann::json ViewJson(const app::WorkbookView& view) {
  nlohmann::json out = WorkbookJson(view.workbook);
  out["steps"] = nlohmann::json::array();
  for (const StepState& step : view.steps) {
    out["steps"].push_back({{"link_id", step.link_id}, {"status", StepStatusName(step.status)}});
  }
  out["text_visible"] = view.text_visible;
  out["answers"] = nlohmann::json::array();
  for (const app::WorkbookAnswer& a : view.answers) {
    nlohmann::json answer = {
        {"key", a.key},
        {"link_id", a.link_id},
        {"instance", a.instance},
        {"revisions", a.revisions},
        {"text", a.latest ? a.latest->text : ""},
        {"etag", a.latest ? nlohmann::json(RevisionEtag(a.latest->number)) : nlohmann::json()},
        {"author", a.latest ? nlohmann::json(a.latest->author) : nlohmann::json()},
        {"updated_ms", a.latest ? nlohmann::json(a.latest->created_ms) : nlohmann::json()}};
    if (!a.starting_text.empty()) {
      answer["starting_text"] = a.starting_text;
    }
    out["answers"].push_back(answer);
  }
  return out;
}

std::optional<std::string> IfMatch(const Request& request) {
  const std::string& value = request.Header("if-match");
  return value.empty() ? std::nullopt : std::optional<std::string>(value);
}

// A saved revision, with its ETag; a stale save answers 409 with the current text and ETag so
// the client can offer a merge.
Result<Response> RevisionResponse(app::Workbooks& workbooks, RouteContext& r, Id id,
                                  const Result<AnswerRevision>& saved) {
  if (saved) {
    Response response = Json(200, RevisionJson(*saved));
    response.SetHeader("ETag", RevisionEtag(saved->number));
    return response;
  }
  if (saved.error().code != ErrorCode::kConflict) {
    return Fail(saved.error());
  }
  auto current = workbooks.GetAnswer(r.ctx, id, r.params.at("linkId"));
  nlohmann::json extensions = {{"current_text", ""}, {"current_etag", nullptr}};
  if (current && *current) {
    extensions = {{"current_text", (*current)->text},
                  {"current_etag", RevisionEtag((*current)->number)},
                  {"current_author", (*current)->author}};
  }
  return ProblemResponse(saved.error(), r.request.request_id, extensions);
}

// A revision number from a query parameter.
Result<std::int64_t> QueryNumber(const Request& request, const std::string& name) {
  const std::string* text = request.Query(name);
  std::int64_t value = 0;
  if (text != nullptr) {
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec == std::errc() && end == text->data() + text->size() && value > 0) {
      return value;
    }
  }
  return Fail(ErrorCode::kInvalidArgument, name + " must be a revision number", name);
}

Result<std::int64_t> RevisionNumber(const RouteContext& r) {
  const std::string& text = r.params.at("number");
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0) {
    return Fail(ErrorCode::kInvalidArgument, "number must be a positive integer", "number");
  }
  return value;
}

}  // namespace

void AddWorkbookRoutes(Router& router, app::Workbooks& workbooks) {
  router.Add({"POST", "/api/v1/workbooks", "Start a new workbook of a guide for a team",
              Access::kSignedIn, [&workbooks](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                COVALUE_ASSIGN_OR_RETURN(Id team_id, reader.RequiredInt("team_id"));
                COVALUE_ASSIGN_OR_RETURN(std::string guide_id, reader.RequiredString("guide_id"));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                COVALUE_ASSIGN_OR_RETURN(auto view,
                                         workbooks.StartWorkbook(r.ctx, team_id, guide_id));
                return Json(201, ViewJson(view));
              }});
  router.Add({"GET", "/api/v1/workbooks/{id}",
              "Read a workbook: steps, and answers for those who may see them", Access::kSignedIn,
              [&workbooks](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto view, workbooks.GetWorkbook(r.ctx, id));
                return Json(200, ViewJson(view));
              },
              0});
  router.Add({"GET", "/api/v1/teams/{id}/workbooks", "List a team's workbooks", Access::kSignedIn,
              [&workbooks](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto page, ReadPage(r.request));
                COVALUE_ASSIGN_OR_RETURN(auto listed, workbooks.ListTeamWorkbooks(r.ctx, id, page));
                return Json(200, PageJson(listed, WorkbookJson));
              },
              0});
  router.Add(
      {"PUT", "/api/v1/workbooks/{id}/answers/{linkId}",
       "Save a new revision of an answer (If-Match needed over an existing one)", Access::kSignedIn,
       [&workbooks](RouteContext& r) -> Result<Response> {
         COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
         COVALUE_ASSIGN_OR_RETURN(std::string text, ReadBody(r.request.body, [](ObjectReader& b) {
                                    return b.RequiredString("text");
                                  }));
         return RevisionResponse(
             workbooks, r, id,
             workbooks.SaveAnswer(r.ctx, id, r.params.at("linkId"), text, IfMatch(r.request)));
       }});
  router.Add({"GET", "/api/v1/workbooks/{id}/answers/{linkId}/revisions",
              "List every revision of an answer, oldest first", Access::kSignedIn,
              [&workbooks](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto page, ReadPage(r.request));
                COVALUE_ASSIGN_OR_RETURN(
                    auto revisions,
                    workbooks.ListRevisions(r.ctx, id, r.params.at("linkId"), page));
                return Json(200, PageJson(revisions, RevisionJson));
              },
              0});
  router.Add({"GET", "/api/v1/workbooks/{id}/answers/{linkId}/diff",
              "The line-by-line difference between two revisions of an answer (from, to)",
              Access::kSignedIn,
              [&workbooks](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(std::int64_t from, QueryNumber(r.request, "from"));
                COVALUE_ASSIGN_OR_RETURN(std::int64_t to, QueryNumber(r.request, "to"));
                const std::string& link_id = r.params.at("linkId");
                COVALUE_ASSIGN_OR_RETURN(auto a, workbooks.GetRevision(r.ctx, id, link_id, from));
                COVALUE_ASSIGN_OR_RETURN(auto b, workbooks.GetRevision(r.ctx, id, link_id, to));
                nlohmann::json lines = nlohmann::json::array();
                for (const DiffLine& line : DiffLines(a.text, b.text)) {
                  lines.push_back({{"op", DiffOpName(line.op)}, {"text", line.text}});
                }
                return Json(200, nlohmann::json{{"from", from}, {"to", to}, {"lines", lines}});
              },
              0});
  router.Add({"POST", "/api/v1/workbooks/{id}/answers/{linkId}/revisions/{number}/restore",
              "Save an older revision's text as the newest revision (If-Match as for a save)",
              Access::kSignedIn,
              [&workbooks](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(std::int64_t number, RevisionNumber(r));
                return RevisionResponse(workbooks, r, id,
                                        workbooks.RestoreRevision(r.ctx, id, r.params.at("linkId"),
                                                                  number, IfMatch(r.request)));
              },
              0});
  router.Add({"PUT", "/api/v1/workbooks/{id}/steps/{linkId}",
              "Set a step's status: not_started, in_progress or done", Access::kSignedIn,
              [&workbooks](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(std::string status_text,
                                         ReadBody(r.request.body, [](ObjectReader& b) {
                                           return b.RequiredString("status");
                                         }));
                auto status = ParseStepStatus(status_text);
                if (!status) {
                  return Fail(ErrorCode::kInvalidArgument,
                              "/status must be not_started, in_progress or done", "/status");
                }
                COVALUE_RETURN_IF_ERROR(
                    workbooks.SetStepStatus(r.ctx, id, r.params.at("linkId"), *status));
                return NoContent();
              }});
  router.Add({"PUT", "/api/v1/workbooks/{id}/position",
              "Set the step the team is at in the learning cycle", Access::kSignedIn,
              [&workbooks](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(std::string step,
                                         ReadBody(r.request.body, [](ObjectReader& b) {
                                           return b.RequiredString("step");
                                         }));
                COVALUE_RETURN_IF_ERROR(workbooks.SetPosition(r.ctx, id, step));
                return NoContent();
              }});
  router.Add(
      {"PATCH", "/api/v1/workbooks/{id}",
       "Name a workbook (name; \"\" for its guide's title) or archive it (archived: true) "
       "or bring it back (the team's writers)",
       Access::kSignedIn, [&workbooks](RouteContext& r) -> Result<Response> {
         COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
         COVALUE_ASSIGN_OR_RETURN(
             auto label,
             ReadBody(r.request.body, [](ObjectReader& b) -> Result<app::Workbooks::WorkbookLabel> {
               app::Workbooks::WorkbookLabel out;
               COVALUE_ASSIGN_OR_RETURN(out.name, b.OptionalString("name"));
               COVALUE_ASSIGN_OR_RETURN(out.archived, b.OptionalBool("archived"));
               return out;
             }));
         COVALUE_RETURN_IF_ERROR(workbooks.LabelWorkbook(r.ctx, id, label));
         COVALUE_ASSIGN_OR_RETURN(auto view, workbooks.GetWorkbook(r.ctx, id));
         return Json(200, ViewJson(view));
       }});
  router.Add({"PUT", "/api/v1/workbooks/{id}/sharing",
              "Share a workbook's text with the community, or stop sharing it", Access::kSignedIn,
              [&workbooks](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(bool shared, ReadBody(r.request.body, [](ObjectReader& b) {
                                           return b.RequiredBool("shared");
                                         }));
                COVALUE_RETURN_IF_ERROR(workbooks.ShareWorkbook(r.ctx, id, shared));
                return NoContent();
              }});
  router.Add({"POST", "/api/v1/workbooks/{id}/answers/{linkId}/comments", "Comment on an answer",
              Access::kSignedIn, [&workbooks](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(std::string text,
                                         ReadBody(r.request.body, [](ObjectReader& b) {
                                           return b.RequiredString("text");
                                         }));
                COVALUE_ASSIGN_OR_RETURN(
                    auto comment, workbooks.AddComment(r.ctx, id, r.params.at("linkId"), text));
                return Json(201, nlohmann::json{{"id", comment.id},
                                                {"author", comment.author},
                                                {"created_ms", comment.created_ms},
                                                {"text", comment.text}});
              }});
  router.Add({"GET", "/api/v1/workbooks/{id}/answers/{linkId}/comments",
              "List the comments on an answer, oldest first", Access::kSignedIn,
              [&workbooks](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto comments,
                                         workbooks.ListComments(r.ctx, id, r.params.at("linkId")));
                nlohmann::json items = nlohmann::json::array();
                for (const AnswerComment& c : comments) {
                  items.push_back({{"id", c.id},
                                   {"author", c.author},
                                   {"created_ms", c.created_ms},
                                   {"text", c.text}});
                }
                return Json(200, nlohmann::json{{"items", items}, {"next", nullptr}});
              },
              0});
}

}  // namespace covalue::http::api
