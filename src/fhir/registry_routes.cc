#include "fhir/registry_routes.h"

#include <algorithm>
#include <charconv>
#include <limits>

#include <fmt/format.h>

#include "app/registry/registry.h"
#include "domain/dates.h"
#include "fhir/fhir_json.h"
#include "fhir/prom_reader.h"
#include "fhir/registry_resources.h"
#include "fhir/search.h"

namespace covalue::fhir {
namespace {

using nlohmann::json;

// The start and end of the period a FHIR date or dateTime names. The end of the year 9999 is the
// end of time (there is no year 10000 to start).
Result<std::pair<std::int64_t, std::int64_t>> Period(const std::string& text,
                                                     const std::string& field) {
  const auto start = ParseDateTimeMs(text);
  if (!start) {
    return Fail(Invalid(field, fmt::format("'{}' is not a FHIR date or dateTime", text)));
  }
  constexpr std::int64_t kEndOfTime = std::numeric_limits<std::int64_t>::max();
  const std::int64_t day = 86'400'000;
  if (text.size() == 4) {
    const auto next = ParseDateTimeMs(fmt::format("{:04}", std::stoi(text) + 1));
    return std::pair(*start, next.value_or(kEndOfTime));
  }
  if (text.size() == 7) {
    const int year = std::stoi(text.substr(0, 4));
    const int month = std::stoi(text.substr(5, 2));
    const std::string next = month == 12 ? fmt::format("{:04}-01", year + 1)
                                         : fmt::format("{:04}-{:02}", year, month + 1);
    return std::pair(*start, ParseDateTimeMs(next).value_or(kEndOfTime));
  }
  return std::pair(*start, *start + (text.size() == 10 ? day : 1000));
}

// Date parameters (authored, date): each with a prefix eq (default), ge, gt, le or lt.
Status DateRange(const http::Request& request, const std::string& name, app::RecordFilter& query) {
  const auto [first, last] = request.query.equal_range(name);
  for (auto it = first; it != last; ++it) {
    // A '+' sent unencoded in a time zone ("T10:00:00+01:00") arrives as a space, since a
    // query's '+' is a space; a FHIR date never holds one, so it is taken back as the '+'.
    std::string value = it->second;
    std::replace(value.begin(), value.end(), ' ', '+');
    std::string prefix = "eq";
    if (value.size() > 2 && std::isalpha(static_cast<unsigned char>(value[0])) != 0) {
      prefix = value.substr(0, 2);
      value = value.substr(2);
    }
    COVALUE_ASSIGN_OR_RETURN(auto period, Period(value, name));
    const auto raise = [&](std::int64_t from) {
      query.from_ms = std::max(query.from_ms.value_or(from), from);
    };
    const auto lower = [&](std::int64_t to) {
      query.to_ms = std::min(query.to_ms.value_or(to), to);
    };
    if (prefix == "eq") {
      raise(period.first);
      lower(period.second);
    } else if (prefix == "ge") {
      raise(period.first);
    } else if (prefix == "gt") {
      raise(period.second);
    } else if (prefix == "lt") {
      lower(period.first);
    } else if (prefix == "le") {
      lower(period.second);
    } else {
      return Fail(
          Invalid(name, fmt::format("the prefix '{}' is not eq, ge, gt, le or lt", prefix)));
    }
  }
  return Ok();
}

Status PatientParameter(const http::Request& request, app::RecordFilter& query) {
  for (const char* name : {"patient", "subject"}) {
    if (const std::string* value = request.Query(name)) {
      COVALUE_ASSIGN_OR_RETURN(query.patient_id, PatientReference(*value, name));
    }
  }
  return Ok();
}

Result<http::Response> CreatePatient(app::Registry& registry, const http::RouteContext& r) {
  COVALUE_ASSIGN_OR_RETURN(json resource, ParseResource(r.request.body));
  COVALUE_ASSIGN_OR_RETURN(PatientToCreate read, ReadPatient(resource));
  COVALUE_ASSIGN_OR_RETURN(Patient created,
                           registry.EnrolPatient(r.ctx, read.patient, read.account));
  return Created(r.request, "Patient", PatientJson(created));
}

json CapabilityStatement() {
  const auto resource = [](const char* type, const std::vector<const char*>& interactions,
                           const std::vector<std::pair<const char*, const char*>>& params) {
    json out = {{"type", type}, {"interaction", json::array()}, {"searchParam", json::array()}};
    for (const char* code : interactions) {
      out["interaction"].push_back({{"code", code}});
    }
    for (const auto& [name, kind] : params) {
      out["searchParam"].push_back({{"name", name}, {"type", kind}});
    }
    return out;
  };
  return {
      {"resourceType", "CapabilityStatement"},
      {"status", "active"},
      {"date", "2026-11-23"},
      {"kind", "instance"},
      {"software", {{"name", "covalue"}}},
      {"implementation", {{"description", "covalue's FHIR R4 API"}}},
      {"fhirVersion", "4.0.1"},
      {"format", json::array({"application/fhir+json", "application/json+fhir", "json"})},
      {"rest",
       json::array(
           {{{"mode", "server"},
             {"security",
              {{"description",
                "A session cookie or a bearer token (POST /api/v1/auth/login, "
                "/api/v1/auth/tokens); every read of a patient's data is "
                "audited."}}},
             {"resource",
              json::array(
                  {resource("Questionnaire", {"read", "vread", "search-type", "create"},
                            {{"_id", "token"}, {"url", "uri"}, {"name", "string"}}),
                   resource("QuestionnaireResponse", {"read", "vread", "search-type", "create"},
                            {{"patient", "reference"},
                             {"subject", "reference"},
                             {"authored", "date"},
                             {"questionnaire", "reference"}}),
                   resource("Observation", {"read", "vread", "search-type"},
                            {{"patient", "reference"},
                             {"subject", "reference"},
                             {"date", "date"},
                             {"code", "token"}}),
                   resource("Patient", {"read", "vread", "search-type", "create"},
                            {{"identifier", "token"}}),
                   resource(
                       "Flag", {"read", "vread", "search-type"},
                       {{"patient", "reference"}, {"subject", "reference"}, {"status", "token"}}),
                   resource("Measure", {"read", "search-type"}, {{"_id", "token"}}),
                   resource("MeasureReport", {"read", "search-type"},
                            {{"measure", "reference"},
                             {"reporter", "reference"},
                             {"period-kind", "token"}})})}}})}};
}

}  // namespace

void AddRegistryRoutes(http::Router& router, app::Registry& registry) {
  router.Add({"GET", "/fhir/r4/metadata", "FHIR R4 CapabilityStatement of this server",
              http::Access::kPublic,
              [](http::RouteContext&) -> Result<http::Response> {
                return FhirJson(200, CapabilityStatement());
              },
              0});
  router.Add({"POST", "/fhir/r4/Patient", "FHIR R4 create: enrol a patient in a population",
              http::Access::kSignedIn,
              [&registry](http::RouteContext& r) { return CreatePatient(registry, r); },
              http::kDefaultMaxBody});
  AddReads(router, "Patient", "FHIR R4 read of a Patient",
           [&registry](http::RouteContext& r) -> Result<json> {
             COVALUE_ASSIGN_OR_RETURN(Id id, http::PathId(r, "id"));
             COVALUE_ASSIGN_OR_RETURN(Patient p, registry.GetPatient(r.ctx, id));
             return PatientJson(p);
           });
  router.Add(
      {"GET", "/fhir/r4/Patient", "FHIR R4 search of Patients (identifier; _count, _cursor)",
       http::Access::kSignedIn,
       [&registry](http::RouteContext& r) -> Result<http::Response> {
         COVALUE_ASSIGN_OR_RETURN(auto ignored, UnsupportedParameters(r.request, {"identifier"}));
         COVALUE_ASSIGN_OR_RETURN(PageRequest page, PageOf(r.request));
         app::PatientFilter query;
         if (const std::string* identifier = r.request.Query("identifier")) {
           // A token: [system|]value; identifiers are the site's own, so the system is
           // not kept and only the value is matched.
           const std::size_t bar = identifier->find('|');
           query.identifier = bar == std::string::npos ? *identifier : identifier->substr(bar + 1);
         }
         COVALUE_ASSIGN_OR_RETURN(auto patients, registry.ListPatients(r.ctx, page, query));
         return Bundle(r.request, "Patient", patients, PatientJson, ignored);
       },
       0});
  AddReads(router, "QuestionnaireResponse", "FHIR R4 read of a QuestionnaireResponse",
           [&registry](http::RouteContext& r) -> Result<json> {
             COVALUE_ASSIGN_OR_RETURN(Id id, http::PathId(r, "id"));
             COVALUE_ASSIGN_OR_RETURN(StoredResponse stored, registry.GetResponse(r.ctx, id));
             return ResponseJson(stored);
           });
  router.Add(
      {"GET", "/fhir/r4/QuestionnaireResponse",
       "FHIR R4 search of QuestionnaireResponses (patient, authored, questionnaire)",
       http::Access::kSignedIn,
       [&registry](http::RouteContext& r) -> Result<http::Response> {
         COVALUE_ASSIGN_OR_RETURN(
             auto ignored,
             UnsupportedParameters(r.request, {"patient", "subject", "authored", "questionnaire"}));
         COVALUE_ASSIGN_OR_RETURN(PageRequest page, PageOf(r.request));
         app::RecordFilter query;
         COVALUE_RETURN_IF_ERROR(PatientParameter(r.request, query));
         COVALUE_RETURN_IF_ERROR(DateRange(r.request, "authored", query));
         if (const std::string* q = r.request.Query("questionnaire")) {
           query.code = q->substr(q->rfind('/') == std::string::npos ? 0 : q->rfind('/') + 1);
         }
         COVALUE_ASSIGN_OR_RETURN(auto responses, registry.ListResponses(r.ctx, query, page));
         std::vector<json> bodies;
         for (const StoredResponse& s : responses.items) {
           COVALUE_ASSIGN_OR_RETURN(json body, ResponseJson(s));
           bodies.push_back(std::move(body));
         }
         std::size_t i = 0;
         return Bundle(
             r.request, "QuestionnaireResponse", responses,
             [&](const StoredResponse&) { return bodies[i++]; }, ignored);
       },
       0});
  AddReads(router, "Observation", "FHIR R4 read of an Observation",
           [&registry](http::RouteContext& r) -> Result<json> {
             COVALUE_ASSIGN_OR_RETURN(Id id, http::PathId(r, "id"));
             COVALUE_ASSIGN_OR_RETURN(Observation o, registry.GetObservation(r.ctx, id));
             return ObservationJson(o);
           });
  router.Add({"GET", "/fhir/r4/Observation", "FHIR R4 search of Observations (patient, date, code)",
              http::Access::kSignedIn,
              [&registry](http::RouteContext& r) -> Result<http::Response> {
                COVALUE_ASSIGN_OR_RETURN(
                    auto ignored,
                    UnsupportedParameters(r.request, {"patient", "subject", "date", "code"}));
                COVALUE_ASSIGN_OR_RETURN(PageRequest page, PageOf(r.request));
                app::RecordFilter query;
                COVALUE_RETURN_IF_ERROR(PatientParameter(r.request, query));
                COVALUE_RETURN_IF_ERROR(DateRange(r.request, "date", query));
                if (const std::string* code = r.request.Query("code")) {
                  const std::size_t bar = code->find('|');
                  if (bar != std::string::npos) {
                    query.system = code->substr(0, bar);
                    query.code = code->substr(bar + 1);
                  } else {
                    query.code = *code;
                  }
                }
                COVALUE_ASSIGN_OR_RETURN(auto observations,
                                         registry.ListObservations(r.ctx, query, page));
                return Bundle(r.request, "Observation", observations, ObservationJson, ignored);
              },
              0});
}

}  // namespace covalue::fhir
