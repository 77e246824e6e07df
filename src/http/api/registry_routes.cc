#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/registry/registry.h"
#include "domain/registry.h"
#include "http/api/api_routes.h"
#include "http/json/json_body.h"
#include "http/problem_json.h"

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

using nlohmann::json;

constexpr std::size_t kMaxRegistryFile = 256 << 20;  // 256 MiB

json PatientItem(const Patient& p) {
  return {{"id", p.id},
          {"site_id", p.site_id},
          {"population_id", p.population_id},
          {"identifier", p.identifier},
          {"family", p.family.empty() ? json(nullptr) : json(p.family)},
          {"given", p.given.empty() ? json(nullptr) : json(p.given)},
          {"birth_date", p.birth_date},
          {"sex", SexName(p.sex)},
          {"diagnosis_date", p.diagnosis_date.empty() ? json(nullptr) : json(p.diagnosis_date)},
          {"consent", ConsentName(p.consent)},
          {"fields", p.fields},
          {"has_account", p.user_id.has_value()}};
}

json NoteItem(const PatientNote& n) {
  return {{"id", n.id},
          {"kind", NoteKindName(n.kind)},
          {"text", n.text},
          {"author", n.author_name},
          {"created_ms", n.created_ms}};
}

json PointItem(const Observation& o) {
  return {{"observation_id", o.id},
          {"effective_ms", o.effective_ms},
          {"value", o.value},
          {"band", o.interpretation.empty() ? json(nullptr) : json(o.interpretation)},
          {"response_id", o.response_id ? json(*o.response_id) : json(nullptr)}};
}

json DashboardJson(const app::Dashboard& d) {
  json series = json::array();
  for (const app::ScoreSeries& s : d.series) {
    json bands = json::array();
    for (const ScoreBand& b : s.bands) {
      bands.push_back({{"min", b.min}, {"max", b.max}, {"label", b.label}});
    }
    json points = json::array();
    for (const Observation& o : s.points) {
      points.push_back(PointItem(o));
    }
    series.push_back({{"system", s.system},
                      {"code", s.code},
                      {"display", s.display},
                      {"unit", s.unit},
                      {"bands", bands},
                      {"points", points},
                      {"before", s.before ? PointItem(*s.before) : json(nullptr)}});
  }
  json notes = json::array();
  for (const PatientNote& n : d.notes) {
    notes.push_back(NoteItem(n));
  }
  json questionnaires = json::array();
  for (const app::QuestionnaireState& q : d.questionnaires) {
    questionnaires.push_back(
        {{"id", q.id},
         {"title", q.title},
         {"last_completed_ms", q.last_completed_ms ? json(*q.last_completed_ms) : json(nullptr)},
         {"draft_response_id", q.draft_response_id ? json(*q.draft_response_id) : json(nullptr)}});
  }
  json alerts = json::array();
  for (const Alert& a : d.alerts) {
    alerts.push_back(a);
  }
  json responses = json::array();
  for (const app::ResponseAnswers& r : d.responses) {
    json items = json::array();
    for (const app::AnsweredItem& item : r.items) {
      items.push_back({{"link_id", item.link_id}, {"text", item.text}, {"answers", item.answers}});
    }
    responses.push_back({{"id", r.id},
                         {"questionnaire_id", r.questionnaire_id},
                         {"title", r.title},
                         {"status", r.status},
                         {"authored_ms", r.authored_ms},
                         {"total", r.total ? json(*r.total) : json(nullptr)},
                         {"band", r.band.empty() ? json(nullptr) : json(r.band)},
                         {"items", items}});
  }
  return {
      {"patient", PatientItem(d.patient)},
      {"population", d.population_name},
      {"population_names", json::object_t(d.population_names.begin(), d.population_names.end())},
      {"last_visit_ms", d.last_visit_ms ? json(*d.last_visit_ms) : json(nullptr)},
      {"series", series},
      {"notes", notes},
      {"questionnaires", questionnaires},
      {"alerts", alerts},
      {"crisis_contacts", d.crisis_contacts},
      {"responses", responses}};
}

json ReportJson(const app::RegistryImportReport& report) {
  json rejected = json::array();
  for (const formats::RejectedLine& line : report.rejected) {
    rejected.push_back({{"line", line.line}, {"column", line.column}, {"reason", line.reason}});
  }
  return {
      {"kind", report.kind == formats::RegistryFileKind::kPatients ? "patients" : "observations"},
      {"records", report.records},
      {"patients", report.patients},
      {"observations", report.observations},
      {"rejected_total", report.rejected_total},
      {"rejected", rejected}};
}

// A registry file, all or nothing: 200 with what was written, or 400 listing the refused lines.
Result<Response> ImportRegistryFile(app::Registry& registry, RouteContext& r) {
  COVALUE_ASSIGN_OR_RETURN(Id site, PathId(r, "id"));
  auto file = formats::ReadRegistryCsv(r.request.body);
  if (!file) {
    return Fail(ErrorCode::kInvalidArgument, file.error().message, "body");
  }
  COVALUE_ASSIGN_OR_RETURN(app::RegistryImportReport report,
                           registry.ImportRegistryFile(r.ctx, site, std::move(*file)));
  if (report.rejected_total == 0) {
    return Json(200, ReportJson(report));
  }
  const formats::RejectedLine& first = report.rejected.front();
  return ProblemResponse(
      {ErrorCode::kInvalidArgument,
       fmt::format("nothing was imported: {} of {} lines were refused; line {}{}: {}",
                   report.rejected_total, report.records, first.line,
                   first.column.empty() ? "" : " (" + first.column + ")", first.reason),
       fmt::format("line {}", first.line)},
      r.request.request_id, ReportJson(report));
}

Result<Response> LikeMe(app::Registry& registry, RouteContext& r) {
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
      registry.PatientsLikeMe(r.ctx, id, system != nullptr ? *system : kScoreSystem, *code,
                              options));
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

void AddRegistryRoutes(Router& router, app::Registry& registry) {
  router.Add(
      {"GET", "/api/v1/patients",
       "List the patients of your sites (population_id, q: any part of the identifier or the "
       "names); a patient: their own",
       Access::kSignedIn,
       [&registry](RouteContext& r) -> Result<Response> {
         COVALUE_ASSIGN_OR_RETURN(auto page, ReadPage(r.request));
         app::PatientFilter query;
         COVALUE_ASSIGN_OR_RETURN(query.population_id, QueryId(r.request, "population_id"));
         if (const std::string* q = r.request.Query("q"); q != nullptr && !q->empty()) {
           query.text = *q;
         }
         COVALUE_ASSIGN_OR_RETURN(auto patients, registry.ListPatients(r.ctx, page, query));
         return Json(200, PageJson(patients, PatientItem));
       },
       0});
  router.Add(
      {"GET", "/api/v1/latest-scores",
       "Each listed patient's latest questionnaire totals with their bands (patient_id: up to 100 "
       "ids joined by commas; patients of your sites)",
       Access::kSignedIn,
       [&registry](RouteContext& r) -> Result<Response> {
         COVALUE_ASSIGN_OR_RETURN(std::vector<Id> ids, QueryIds(r.request, "patient_id"));
         if (ids.empty()) {
           return Fail(ErrorCode::kInvalidArgument, "patient_id is required", "patient_id");
         }
         COVALUE_ASSIGN_OR_RETURN(auto latest, registry.LatestScores(r.ctx, ids));
         nlohmann::json items = nlohmann::json::array();
         for (const Observation& o : latest) {
           items.push_back({{"patient_id", o.patient_id},
                            {"questionnaire_id", o.code},
                            {"display", o.display},
                            {"value", o.value},
                            {"band", o.interpretation},
                            {"effective_ms", o.effective_ms}});
         }
         return JsonResponse(200, nlohmann::json{{"items", items}, {"next", nullptr}}.dump());
       },
       0});
  Route import{"POST",
               "/api/v1/sites/{id}/registry-files",
               "Import a registry CSV file of patients or observations, all or nothing (the "
               "site's staff)",
               Access::kSignedIn,
               [&registry](RouteContext& r) { return ImportRegistryFile(registry, r); },
               kMaxRegistryFile};
  import.body_types = {"text/csv"};
  router.Add(std::move(import));
  router.Add({"GET", "/api/v1/sites/{id}/redcap-export",
              "A site's responses to a questionnaire imported from REDCap (questionnaire_id) as "
              "a REDCap data-import CSV, back into the site's REDCap project (its professionals "
              "and admins)",
              Access::kSignedIn,
              [&registry](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id site, PathId(r, "id"));
                const std::string* questionnaire = r.request.Query("questionnaire_id");
                if (questionnaire == nullptr || questionnaire->empty()) {
                  return Fail(ErrorCode::kInvalidArgument,
                              "questionnaire_id names the questionnaire to export",
                              "questionnaire_id");
                }
                COVALUE_ASSIGN_OR_RETURN(std::string csv,
                                         registry.ExportToRedcap(r.ctx, site, *questionnaire));
                Response response = Document("text/csv; charset=utf-8", std::move(csv),
                                             *questionnaire + "-redcap-import.csv");
                response.SetHeader("Cache-Control", "no-store");
                return response;
              },
              0});
  router.Add({"PATCH", "/api/v1/patients/{id}",
              "Set a patient's names (family, given; null or \"\" for none; the site's "
              "professionals and admins)",
              Access::kSignedIn, [&registry](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                // A member left out keeps its name; null or "" removes it.
                const auto name = [&](const char* member) -> Result<std::optional<std::string>> {
                  if (body.contains(member) && body[member].is_null()) {
                    body.erase(member);
                    return std::optional<std::string>("");
                  }
                  return reader.OptionalString(member);
                };
                COVALUE_ASSIGN_OR_RETURN(auto family, name("family"));
                COVALUE_ASSIGN_OR_RETURN(auto given, name("given"));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                COVALUE_ASSIGN_OR_RETURN(Patient named,
                                         registry.NamePatient(r.ctx, id, family, given));
                return Json(200, PatientItem(named));
              }});
  router.Add({"GET", "/api/v1/patients/{id}/dashboard",
              "The shared dashboard: scores over time with their bands, changes since the last "
              "visit, the patient's words, visit notes, questionnaires to fill",
              Access::kSignedIn,
              [&registry](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(app::Dashboard dashboard,
                                         registry.GetDashboard(r.ctx, id));
                return Json(200, DashboardJson(dashboard));
              },
              0});
  router.Add({"POST", "/api/v1/patients/{id}/notes",
              "Add to the dashboard: what matters to me or a visit question (the patient), a "
              "visit note (their professional)",
              Access::kSignedIn, [&registry](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                COVALUE_ASSIGN_OR_RETURN(std::string kind_name, reader.RequiredString("kind"));
                COVALUE_ASSIGN_OR_RETURN(std::string text, reader.RequiredString("text"));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                const auto kind = ParseNoteKind(kind_name);
                if (!kind) {
                  return Fail(ErrorCode::kInvalidArgument,
                              "kind is what_matters, visit_question or visit_note", "/kind");
                }
                COVALUE_ASSIGN_OR_RETURN(PatientNote note,
                                         registry.AddPatientNote(r.ctx, id, *kind, text));
                return Json(201, NoteItem(note));
              }});
  router.Add({"GET", "/api/v1/patients/{id}/like-me",
              "The outcome of the patients most like this one, as bands (patients like me)",
              Access::kSignedIn, [&registry](RouteContext& r) { return LikeMe(registry, r); }, 0});
}

}  // namespace covalue::http::api
