#include "fhir/flag_routes.h"

#include <fmt/format.h>

#include "fhir/fhir_json.h"
#include "fhir/search.h"

namespace covalue::fhir {
namespace {

using nlohmann::json;

// flag-priority-code (http://hl7.org/fhir/flag-priority-code).
std::pair<const char*, const char*> Priority(AlertSeverity severity) {
  switch (severity) {
    case AlertSeverity::kHigh:
      return {"PH", "High priority"};
    case AlertSeverity::kMedium:
      return {"PM", "Medium priority"};
    case AlertSeverity::kLow:
      return {"PL", "Low priority"};
  }
  return {"PH", "High priority"};
}

}  // namespace

json FlagJson(const Alert& a) {
  const auto [priority, priority_display] = Priority(a.severity);
  json extensions =
      json::array({{{"url", "http://hl7.org/fhir/StructureDefinition/flag-priority"},
                    {"valueCodeableConcept",
                     {{"coding", json::array({{{"system", "http://hl7.org/fhir/flag-priority-code"},
                                               {"code", priority},
                                               {"display", priority_display}}})}}}},
                   {{"url", "urn:covalue:fhir:extension:alert-source"},
                    {"valueReference",
                     {{"reference", fmt::format("QuestionnaireResponse/{}", a.response_id)}}}}});
  json period = {{"start", Instant(a.created_ms)}};
  if (!a.Open()) {
    period["end"] = Instant(*a.acknowledged_ms);
    extensions.push_back(
        {{"url", "urn:covalue:fhir:extension:acknowledgement"},
         {"extension", json::array({{{"url", "note"}, {"valueString", a.note}},
                                    {{"url", "by"}, {"valueString", a.acknowledged_by_name}}})}});
  }
  return {
      {"resourceType", "Flag"},
      {"id", std::to_string(a.id)},
      {"meta",
       {{"versionId", a.Open() ? "1" : "2"},
        {"lastUpdated", Instant(a.Open() ? a.created_ms : *a.acknowledged_ms)}}},
      {"extension", extensions},
      {"status", a.Open() ? "active" : "inactive"},
      {"category",
       json::array(
           {{{"coding",
              json::array({{{"system", "http://terminology.hl7.org/CodeSystem/flag-category"},
                            {"code", "clinical"},
                            {"display", "Clinical"}}})}}})},
      {"code",
       {{"coding",
         json::array({{{"system", "urn:covalue:fhir:codesystem:alert-rule"}, {"code", a.rule}}})},
        {"text", a.message}}},
      {"subject", {{"reference", fmt::format("Patient/{}", a.patient_id)}}},
      {"period", period},
  };
}

void AddFlagRoutes(http::Router& router, app::Alerts& alerts) {
  AddReads(router, "Flag", "FHIR R4 read of a Flag (a clinical alert)",
           [&alerts](http::RouteContext& r) -> Result<json> {
             COVALUE_ASSIGN_OR_RETURN(Id id, http::PathId(r, "id"));
             COVALUE_ASSIGN_OR_RETURN(Alert alert, alerts.Get(r.ctx, id));
             return FlagJson(alert);
           });
  router.Add({"GET", "/fhir/r4/Flag",
              "FHIR R4 search of Flags (patient, status; without a patient: the open alerts of "
              "the caller's sites)",
              http::Access::kSignedIn,
              [&alerts](http::RouteContext& r) -> Result<http::Response> {
                COVALUE_ASSIGN_OR_RETURN(
                    auto ignored,
                    UnsupportedParameters(r.request, {"patient", "subject", "status"}));
                COVALUE_ASSIGN_OR_RETURN(PageRequest page, PageOf(r.request));
                app::AlertFilter query;
                for (const char* name : {"patient", "subject"}) {
                  if (const std::string* value = r.request.Query(name)) {
                    COVALUE_ASSIGN_OR_RETURN(query.patient_id, PatientReference(*value, name));
                  }
                }
                if (const std::string* status = r.request.Query("status")) {
                  if (*status != "active" && *status != "inactive") {
                    return Fail(Invalid("status", "status is active or inactive"));
                  }
                  query.open = *status == "active";
                } else if (!query.patient_id) {
                  query.open = true;  // the worklist: what is open
                }
                COVALUE_ASSIGN_OR_RETURN(auto listed, alerts.List(r.ctx, query, page));
                return Bundle(r.request, "Flag", listed, FlagJson, ignored);
              },
              0});
}

}  // namespace covalue::fhir
