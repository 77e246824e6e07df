// Clinical alerts (app alerts.cc): the worklist, one alert, its acknowledgement, the overdue
// list of a site's admins, and the site settings alerts depend on.

#include "app/alerts/alerts.h"
#include "http/api/api_routes.h"
#include "http/json/json_body.h"

namespace covalue::http::api {
namespace {

using nlohmann::json;

// status=active (Default), inactive or all.
Result<std::optional<bool>> OpenFilter(const Request& request) {
  const std::string* status = request.Query("status");
  if (status == nullptr || *status == "active") {
    return std::optional<bool>(true);
  }
  if (*status == "inactive") {
    return std::optional<bool>(false);
  }
  if (*status == "all") {
    return std::optional<bool>();
  }
  return Fail(ErrorCode::kInvalidArgument, "status is active, inactive or all", "status");
}

json SettingsJson(const SiteSettings& s) {
  return {{"site_id", s.site_id},
          {"crisis_contacts", s.crisis_contacts},
          {"alert_working_days", s.alert_working_days}};
}

}  // namespace

void AddAlertRoutes(Router& router, app::Alerts& alerts) {
  router.Add({"GET", "/api/v1/alerts",
              "Clinical alerts, newest first: the open ones of the caller's sites (the "
              "worklist), or one patient's (patient_id); status=active|inactive|all",
              Access::kSignedIn,
              [&alerts](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto page, ReadPage(r.request));
                app::AlertFilter query;
                COVALUE_ASSIGN_OR_RETURN(query.patient_id, QueryId(r.request, "patient_id"));
                COVALUE_ASSIGN_OR_RETURN(query.open, OpenFilter(r.request));
                COVALUE_ASSIGN_OR_RETURN(auto listed, alerts.List(r.ctx, query, page));
                return NoStore(Json(200, PageJson(listed)));
              },
              0});
  router.Add({"GET", "/api/v1/alerts/overdue",
              "Open alerts past their site's deadline, at the sites the caller administers",
              Access::kSignedIn,
              [&alerts](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto overdue, alerts.Overdue(r.ctx));
                json items = json::array();
                for (const app::OverdueAlert& o : overdue) {
                  json item = o.alert;
                  item["due_ms"] = o.due_ms;
                  items.push_back(std::move(item));
                }
                return NoStore(Json(200, json{{"items", items}, {"next", nullptr}}));
              },
              0});
  router.Add({"GET", "/api/v1/alerts/{id}", "Read one clinical alert (its patient's record)",
              Access::kSignedIn,
              [&alerts](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(Alert alert, alerts.Get(r.ctx, id));
                return NoStore(Json(200, alert));
              },
              0});
  router.Add({"POST", "/api/v1/alerts/{id}/acknowledgement",
              "Acknowledge an alert with a note (a professional of its site)", Access::kSignedIn,
              [&alerts](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(std::string note,
                                         ReadBody(r.request.body, [](ObjectReader& reader) {
                                           return reader.RequiredString("note");
                                         }));
                COVALUE_ASSIGN_OR_RETURN(Alert alert, alerts.Acknowledge(r.ctx, id, note));
                return NoStore(Json(200, alert));
              }});
  router.Add({"GET", "/api/v1/sites/{id}/settings",
              "A site's crisis contacts and alert deadline (its admins)", Access::kSignedIn,
              [&alerts](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(SiteSettings settings, alerts.GetSiteSettings(r.ctx, id));
                return Json(200, SettingsJson(settings));
              },
              0});
  router.Add({"PUT", "/api/v1/sites/{id}/settings",
              "Set a site's crisis contacts (by language) and alert deadline in working days "
              "(its admins)",
              Access::kSignedIn, [&alerts](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                SiteSettings settings;
                settings.site_id = id;
                COVALUE_ASSIGN_OR_RETURN(auto contacts, reader.RequiredObject("crisis_contacts"));
                for (const auto& [language, text] : contacts.items()) {
                  if (!text.is_string()) {
                    return Fail(ErrorCode::kInvalidArgument, "each crisis contact is a text",
                                "/crisis_contacts/" + language);
                  }
                  settings.crisis_contacts[language] = text.get<std::string>();
                }
                COVALUE_ASSIGN_OR_RETURN(auto days, reader.RequiredInt("alert_working_days"));
                if (days < 1 || days > 30) {
                  return Fail(ErrorCode::kInvalidArgument, "alert_working_days is from 1 to 30",
                              "/alert_working_days");
                }
                settings.alert_working_days = static_cast<int>(days);
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                COVALUE_ASSIGN_OR_RETURN(SiteSettings saved,
                                         alerts.SetSiteSettings(r.ctx, settings));
                return Json(200, SettingsJson(saved));
              }});
}

}  // namespace covalue::http::api
