// Questionnaire schedules (app schedules.h): a site's schedules, what a patient is asked now,
// who is overdue and the counts per population, planned visits, and the calendar feed at its
// secret address (/calendar/{token}.ics, no session: calendar programs have none).

#include <algorithm>

#include "app/schedules/schedules.h"
#include "domain/dates.h"
#include "http/api/api_routes.h"
#include "http/json/json_body.h"

namespace covalue::http::api {
namespace {

using nlohmann::json;

json ScheduleJson(const QuestionnaireSchedule& s) {
  return {{"id", s.id},
          {"site_id", s.site_id},
          {"population_id", s.population_id},
          {"questionnaire_id", s.questionnaire_id},
          {"kind", ScheduleKindName(s.kind)},
          {"every", s.every},
          {"unit", ScheduleUnitName(s.unit)},
          {"window_days", s.window_days},
          {"until", s.until.empty() ? json(nullptr) : json(s.until)},
          {"active", s.active},
          {"created_ms", s.created_ms}};
}

json DueJson(const app::DueQuestionnaire& d) {
  return {{"schedule_id", d.schedule_id},
          {"questionnaire_id", d.questionnaire_id},
          {"title", d.title},
          {"state", OccasionStateName(d.occasion.state)},
          {"opens_ms", d.occasion.opens_ms},
          {"due_ms", d.occasion.due_ms},
          {"visit_id", d.occasion.visit_id ? json(*d.occasion.visit_id) : json(nullptr)}};
}

json VisitJson(const PlannedVisit& v) {
  return {{"id", v.id},       {"site_id", v.site_id}, {"patient_id", v.patient_id},
          {"at_ms", v.at_ms}, {"note", v.note},       {"created_ms", v.created_ms}};
}

json Items(json items) { return {{"items", std::move(items)}, {"next", nullptr}}; }

// What a schedule asks: kind, every, unit, window_days and until (active when changing one).
Status ReadRule(ObjectReader& reader, QuestionnaireSchedule& s, bool with_active) {
  COVALUE_ASSIGN_OR_RETURN(std::string kind, reader.RequiredString("kind"));
  const auto parsed = ParseScheduleKind(kind);
  if (!parsed) {
    return Fail(ErrorCode::kInvalidArgument, "kind is at_enrolment, every or before_visits",
                "/kind");
  }
  s.kind = *parsed;
  COVALUE_ASSIGN_OR_RETURN(auto every, reader.OptionalInt("every"));
  s.every = static_cast<int>(std::clamp<std::int64_t>(every.value_or(0), -1, 100000));
  COVALUE_ASSIGN_OR_RETURN(auto unit, reader.OptionalString("unit"));
  if (unit) {
    const auto u = ParseScheduleUnit(*unit);
    if (!u) {
      return Fail(ErrorCode::kInvalidArgument, "unit is days, weeks or months", "/unit");
    }
    s.unit = *u;
  }
  COVALUE_ASSIGN_OR_RETURN(auto window, reader.OptionalInt("window_days"));
  s.window_days = static_cast<int>(std::clamp<std::int64_t>(window.value_or(14), -1, 100000));
  COVALUE_ASSIGN_OR_RETURN(auto until, reader.OptionalString("until"));
  s.until = until.value_or("");
  if (with_active) {
    COVALUE_ASSIGN_OR_RETURN(auto active, reader.OptionalBool("active"));
    s.active = active.value_or(true);
  }
  return Ok();
}

// The service names a member of the body ("every"); the answer names it as a JSON pointer.
template <typename T>
Result<T> Pointed(Result<T> result) {
  if (!result && !result.error().field.empty() && !result.error().field.starts_with("/")) {
    Error e = result.error();
    e.field = "/" + e.field;
    return Fail(e);
  }
  return result;
}

// A visit's time: at, a FHIR dateTime with its time zone ("2026-03-02T09:30:00+01:00").
Result<std::int64_t> VisitTime(ObjectReader& reader) {
  COVALUE_ASSIGN_OR_RETURN(std::string at, reader.RequiredString("at"));
  const auto ms = at.size() > 10 ? ParseDateTimeMs(at) : std::nullopt;
  if (!ms) {
    return Fail(ErrorCode::kInvalidArgument,
                "at is a date and time with its zone (2026-03-02T09:30:00+01:00)", "/at");
  }
  return *ms;
}

Result<Id> RequiredSite(const Request& request) {
  COVALUE_ASSIGN_OR_RETURN(auto site, QueryId(request, "site_id"));
  if (!site) {
    return Fail(ErrorCode::kInvalidArgument, "site_id names the site", "site_id");
  }
  return *site;
}

}  // namespace

void AddScheduleRoutes(Router& router, app::Schedules& schedules) {
  router.Add({"GET", "/api/v1/schedules",
              "Questionnaire schedules of a site (site_id), or of every site where the caller "
              "is staff",
              Access::kSignedIn,
              [&schedules](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto site, QueryId(r.request, "site_id"));
                COVALUE_ASSIGN_OR_RETURN(auto listed, schedules.ListSchedules(r.ctx, site));
                json items = json::array();
                for (const QuestionnaireSchedule& s : listed) {
                  items.push_back(ScheduleJson(s));
                }
                return JsonResponse(200, Items(items).dump());
              },
              0});
  router.Add({"POST", "/api/v1/schedules",
              "Assign a questionnaire to a population with a schedule (the site's admins)",
              Access::kSignedIn, [&schedules](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                QuestionnaireSchedule s;
                COVALUE_ASSIGN_OR_RETURN(s.population_id, reader.RequiredInt("population_id"));
                COVALUE_ASSIGN_OR_RETURN(s.questionnaire_id,
                                         reader.RequiredString("questionnaire_id"));
                COVALUE_RETURN_IF_ERROR(ReadRule(reader, s, false));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                COVALUE_ASSIGN_OR_RETURN(QuestionnaireSchedule stored,
                                         Pointed(schedules.DefineSchedule(r.ctx, s)));
                return JsonResponse(201, ScheduleJson(stored).dump());
              }});
  router.Add({"PUT", "/api/v1/schedules/{id}",
              "Change what a schedule asks, or pause it (active: false; the site's admins)",
              Access::kSignedIn, [&schedules](RouteContext& r) -> Result<Response> {
                QuestionnaireSchedule s;
                COVALUE_ASSIGN_OR_RETURN(s.id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                COVALUE_RETURN_IF_ERROR(ReadRule(reader, s, true));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                COVALUE_ASSIGN_OR_RETURN(QuestionnaireSchedule stored,
                                         Pointed(schedules.ChangeSchedule(r.ctx, s)));
                return JsonResponse(200, ScheduleJson(stored).dump());
              }});
  router.Add({"GET", "/api/v1/schedules/overdue",
              "The worklist of questionnaires overdue at a site (site_id; its professionals and "
              "admins), longest overdue first",
              Access::kSignedIn,
              [&schedules](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id site, RequiredSite(r.request));
                COVALUE_ASSIGN_OR_RETURN(auto overdue, schedules.Overdue(r.ctx, site));
                json items = json::array();
                for (const app::OverdueQuestionnaire& o : overdue) {
                  json item = DueJson(o.due);
                  item["patient_id"] = o.patient_id;
                  item["identifier"] = o.identifier;
                  items.push_back(std::move(item));
                }
                return NoStore(JsonResponse(200, Items(items).dump()));
              },
              0});
  router.Add({"GET", "/api/v1/schedules/counts",
              "Per population of a site (site_id): its patients with a schedule, how many have a "
              "questionnaire overdue, due, or have answered every one so far",
              Access::kSignedIn,
              [&schedules](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id site, RequiredSite(r.request));
                COVALUE_ASSIGN_OR_RETURN(auto counts, schedules.Counts(r.ctx, site));
                json items = json::array();
                for (const app::ScheduleCounts& c : counts) {
                  items.push_back({{"population_id", c.population_id},
                                   {"patients", c.patients},
                                   {"overdue", c.overdue},
                                   {"due", c.due},
                                   {"completed", c.completed}});
                }
                return JsonResponse(200, Items(items).dump());
              },
              0});
  router.Add({"GET", "/api/v1/patients/{id}/due",
              "What the schedules of the patient's population ask of them now, most urgent first",
              Access::kSignedIn,
              [&schedules](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto due, schedules.PatientDue(r.ctx, id));
                json items = json::array();
                for (const app::DueQuestionnaire& d : due) {
                  items.push_back(DueJson(d));
                }
                return NoStore(JsonResponse(200, Items(items).dump()));
              },
              0});
  router.Add({"GET", "/api/v1/patients/{id}/visits", "The patient's planned visits, soonest first",
              Access::kSignedIn,
              [&schedules](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto visits, schedules.ListVisits(r.ctx, id));
                json items = json::array();
                for (const PlannedVisit& v : visits) {
                  items.push_back(VisitJson(v));
                }
                return NoStore(JsonResponse(200, Items(items).dump()));
              },
              0});
  router.Add({"POST", "/api/v1/patients/{id}/visits",
              "Plan a visit of the patient (at: a dateTime with its zone; note; the site's "
              "professionals and admins)",
              Access::kSignedIn, [&schedules](RouteContext& r) -> Result<Response> {
                PlannedVisit visit;
                COVALUE_ASSIGN_OR_RETURN(visit.patient_id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                COVALUE_ASSIGN_OR_RETURN(visit.at_ms, VisitTime(reader));
                COVALUE_ASSIGN_OR_RETURN(auto note, reader.OptionalString("note"));
                visit.note = note.value_or("");
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                COVALUE_ASSIGN_OR_RETURN(PlannedVisit stored,
                                         Pointed(schedules.PlanVisit(r.ctx, visit)));
                return NoStore(JsonResponse(201, VisitJson(stored).dump()));
              }});
  Route visit_file{"POST",
                   "/api/v1/sites/{id}/visit-files",
                   "Import a visits CSV file (identifier, at, note) of the site, all or nothing "
                   "(its professionals and admins)",
                   Access::kSignedIn,
                   [&schedules](RouteContext& r) -> Result<Response> {
                     COVALUE_ASSIGN_OR_RETURN(Id site, PathId(r, "id"));
                     COVALUE_ASSIGN_OR_RETURN(std::size_t planned,
                                              schedules.ImportVisits(r.ctx, site, r.request.body));
                     return JsonResponse(200, json{{"visits", planned}}.dump());
                   },
                   std::size_t{16} << 20};
  visit_file.body_types = {"text/csv"};
  router.Add(std::move(visit_file));
  router.Add({"DELETE", "/api/v1/visits/{id}", "Cancel a planned visit", Access::kSignedIn,
              [&schedules](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_RETURN_IF_ERROR(schedules.CancelVisit(r.ctx, id));
                return NoContent();
              },
              0});
  router.Add({"POST", "/api/v1/calendar-feed",
              "A new secret address of the caller's calendar feed (iCalendar); the one before "
              "stops working",
              Access::kSignedIn,
              [&schedules](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(std::string token, schedules.CreateFeed(r.ctx));
                const std::string path = "/calendar/" + token + ".ics";
                return NoStore(JsonResponse(201, json{{"path", path}}.dump()));
              },
              0});
  router.Add({"DELETE", "/api/v1/calendar-feed", "Stop the caller's calendar feed",
              Access::kSignedIn,
              [&schedules](RouteContext& r) -> Result<Response> {
                COVALUE_RETURN_IF_ERROR(schedules.RemoveFeed(r.ctx));
                return NoContent();
              },
              0});
  router.Add({"GET", "/calendar/{file}",
              "A calendar feed (iCalendar) at its secret address: due questionnaires and visits",
              Access::kPublic,
              [&schedules](RouteContext& r) -> Result<Response> {
                std::string token = r.params.at("file");
                if (!token.ends_with(".ics")) {
                  return Fail(ErrorCode::kNotFound, "no calendar feed has that address");
                }
                token.resize(token.size() - 4);
                COVALUE_ASSIGN_OR_RETURN(std::string text, schedules.Calendar(r.ctx, token));
                Response response;
                response.content_type = "text/calendar; charset=utf-8";
                response.body = std::move(text);
                response.SetHeader("Cache-Control", "private, no-store");
                return response;
              },
              0});
}

}  // namespace covalue::http::api
