#include "fhir/registry_routes.h"

#include <charconv>

#include <fmt/format.h>

#include "domain/dates.h"
#include "fhir/fhir_json.h"
#include "fhir/operation_outcome.h"
#include "fhir/prom_reader.h"
#include "fhir/registry_resources.h"

namespace covalue::fhir {
namespace {

using nlohmann::json;

constexpr int kDefaultCount = 50;
constexpr int kMaxCount = 500;
constexpr std::size_t kMaxResponseBytes = std::size_t{2} * 1024 * 1024;

Error Invalid(const std::string& field, const std::string& message) {
  return Error{ErrorCode::kInvalidArgument, message, field};
}

Result<std::int64_t> Number(const std::string& text, const std::string& field) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) {
    return Fail(Invalid(field, fmt::format("{} is a whole number, not '{}'", field, text)));
  }
  return value;
}

// _count and _cursor (the keyset position a next link carries).
Result<PageRequest> PageOf(const http::Request& request) {
  PageRequest page{0, kDefaultCount};
  if (const std::string* count = request.Query("_count")) {
    COVALUE_ASSIGN_OR_RETURN(std::int64_t n, Number(*count, "_count"));
    if (n < 1 || n > kMaxCount) {
      return Fail(Invalid("_count", fmt::format("_count is from 1 to {}", kMaxCount)));
    }
    page.limit = static_cast<int>(n);
  }
  if (const std::string* cursor = request.Query("_cursor")) {
    COVALUE_ASSIGN_OR_RETURN(page.after, Number(*cursor, "_cursor"));
  }
  return page;
}

// "Patient/12" (or "12") → 12.
Result<Id> PatientReference(const std::string& reference, const std::string& field) {
  const std::string id = reference.rfind("Patient/", 0) == 0
                             ? reference.substr(std::string("Patient/").size())
                             : reference;
  return Number(id, field);
}

// The start and end of the period a FHIR date or dateTime names.
Result<std::pair<std::int64_t, std::int64_t>> Period(const std::string& text,
                                                     const std::string& field) {
  const auto start = ParseDateTimeMs(text);
  if (!start) {
    return Fail(Invalid(field, fmt::format("'{}' is not a FHIR date or dateTime", text)));
  }
  const std::int64_t day = 86'400'000;
  if (text.size() == 4) {
    return std::pair(*start, *ParseDateTimeMs(std::to_string(std::stoi(text) + 1)));
  }
  if (text.size() == 7) {
    const int year = std::stoi(text.substr(0, 4));
    const int month = std::stoi(text.substr(5, 2));
    const std::string next = month == 12 ? fmt::format("{:04}-01", year + 1)
                                         : fmt::format("{:04}-{:02}", year, month + 1);
    return std::pair(*start, *ParseDateTimeMs(next));
  }
  return std::pair(*start, *start + (text.size() == 10 ? day : 1000));
}

// Date parameters (authored, date): each with a prefix eq (default), ge, gt, le or lt.
Status DateRange(const http::Request& request, const std::string& name, store::RecordQuery& query) {
  const auto [first, last] = request.query.equal_range(name);
  for (auto it = first; it != last; ++it) {
    std::string value = it->second;
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

Status PatientParameter(const http::Request& request, store::RecordQuery& query) {
  for (const char* name : {"patient", "subject"}) {
    if (const std::string* value = request.Query(name)) {
      COVALUE_ASSIGN_OR_RETURN(query.patient_id, PatientReference(*value, name));
    }
  }
  return Ok();
}

// A searchset of one page, with self and next links.
template <typename T, typename ToJson>
http::Response Bundle(const http::Request& request, const std::string& type, const Page<T>& page,
                      ToJson to_json) {
  const std::string base = BaseUrl(request);
  std::string query;
  for (const auto& [key, value] : request.query) {
    if (key != "_cursor") {
      query += fmt::format("{}{}={}", query.empty() ? "" : "&", key, value);
    }
  }
  json entries = json::array();
  for (const T& item : page.items) {
    json resource = to_json(item);
    const std::string url = fmt::format("{}/{}/{}", base, type, resource.value("id", ""));
    entries.push_back(
        {{"fullUrl", url}, {"resource", std::move(resource)}, {"search", {{"mode", "match"}}}});
  }
  json links =
      json::array({{{"relation", "self"}, {"url", fmt::format("{}/{}?{}", base, type, query)}}});
  if (page.next) {
    links.push_back({{"relation", "next"},
                     {"url", fmt::format("{}/{}?{}{}_cursor={}", base, type, query,
                                         query.empty() ? "" : "&", *page.next)}});
  }
  return FhirJson(
      200,
      {{"resourceType", "Bundle"}, {"type", "searchset"}, {"link", links}, {"entry", entries}});
}

http::Response Created(const http::Request& request, const std::string& type, const json& body) {
  http::Response response = FhirJson(201, body);
  response.SetHeader(
      "Location", fmt::format("{}/{}/{}/_history/1", BaseUrl(request), type, body.value("id", "")));
  response.SetHeader("ETag", "W/\"1\"");
  return response;
}

http::Response Read(const json& body) {
  http::Response response = FhirJson(200, body);
  response.SetHeader("ETag", "W/\"1\"");
  return response;
}

// The questionnaire a response names: "Questionnaire/{id}[/_history/{n}]", an absolute URL
// of this server's, covalue's canonical, or the url of a questionnaire the caller sees.
Result<std::pair<std::string, std::optional<std::int64_t>>> QuestionnaireOf(
    app::App& app, const http::RouteContext& r, const std::string& reference) {
  std::string ref = reference;
  if (const std::size_t at = ref.find("/Questionnaire/"); at != std::string::npos) {
    ref = ref.substr(at + 1);
  }
  if (ref.rfind("urn:covalue:fhir:questionnaire:", 0) == 0) {
    return std::pair(
        ref.substr(std::string("urn:covalue:fhir:questionnaire:").size(),
                   ref.find('|') - std::string("urn:covalue:fhir:questionnaire:").size()),
        std::optional<std::int64_t>());
  }
  if (ref.rfind("Questionnaire/", 0) == 0) {
    std::string rest = ref.substr(std::string("Questionnaire/").size());
    std::optional<std::int64_t> version;
    if (const std::size_t history = rest.find("/_history/"); history != std::string::npos) {
      COVALUE_ASSIGN_OR_RETURN(
          version, Number(rest.substr(history + 10), "QuestionnaireResponse.questionnaire"));
      rest = rest.substr(0, history);
    }
    return std::pair(rest, version);
  }
  // A canonical URL: the questionnaire whose url it is.
  const std::string canonical = reference.substr(0, reference.find('|'));
  PageRequest page{0, 200};
  for (;;) {
    COVALUE_ASSIGN_OR_RETURN(auto stored, app.ListQuestionnaires(r.ctx, page));
    for (const QuestionnaireVersion& q : stored.items) {
      auto resource = ParseResource(q.resource);
      if (resource && resource->value("url", "") == canonical) {
        return std::pair(q.resource_id, std::optional<std::int64_t>());
      }
    }
    if (!stored.next) {
      break;
    }
    page.after = *stored.next;
  }
  return Fail(Invalid("QuestionnaireResponse.questionnaire",
                      fmt::format("no questionnaire here is named '{}'", reference)));
}

Result<http::Response> CreateResponse(app::App& app, const http::RouteContext& r) {
  COVALUE_ASSIGN_OR_RETURN(json resource, ParseResource(r.request.body));
  std::vector<Issue> warnings;
  COVALUE_ASSIGN_OR_RETURN(QuestionnaireResponse response,
                           ReadQuestionnaireResponse(resource, warnings));
  app::ResponseSubmission submission;
  const auto subject = resource.find("subject");
  if (subject == resource.end() || !subject->is_object() || !subject->contains("reference") ||
      !(*subject)["reference"].is_string()) {
    return Fail(Invalid("QuestionnaireResponse.subject",
                        "subject.reference names the patient (Patient/{id})"));
  }
  COVALUE_ASSIGN_OR_RETURN(submission.patient_id,
                           PatientReference((*subject)["reference"].get<std::string>(),
                                            "QuestionnaireResponse.subject"));
  if (response.questionnaire.empty()) {
    return Fail(Invalid("QuestionnaireResponse.questionnaire",
                        "questionnaire names the Questionnaire answered"));
  }
  COVALUE_ASSIGN_OR_RETURN(auto named, QuestionnaireOf(app, r, response.questionnaire));
  submission.questionnaire_id = named.first;
  submission.questionnaire_version = named.second;
  submission.authored_ms = app::NowMs();
  if (const auto authored = resource.find("authored"); authored != resource.end()) {
    const auto ms =
        authored->is_string() ? ParseDateTimeMs(authored->get<std::string>()) : std::nullopt;
    if (!ms) {
      return Fail(Invalid("QuestionnaireResponse.authored", "authored is a FHIR dateTime"));
    }
    submission.authored_ms = *ms;
  }
  submission.response = std::move(response);
  submission.resource = r.request.body;
  auto submitted = app.SubmitResponse(r.ctx, std::move(submission));
  if (!submitted) {
    Error error = submitted.error();
    if (error.field.starts_with(app::kItemField)) {
      error.field = fmt::format("QuestionnaireResponse.item.where(linkId='{}')",
                                error.field.substr(app::kItemField.size()));
    }
    return Fail(error);
  }
  return Created(r.request, "QuestionnaireResponse",
                 WithIdentity(std::move(resource), submitted->stored));
}

Result<http::Response> CreatePatient(app::App& app, const http::RouteContext& r) {
  COVALUE_ASSIGN_OR_RETURN(json resource, ParseResource(r.request.body));
  COVALUE_ASSIGN_OR_RETURN(PatientToCreate read, ReadPatient(resource));
  COVALUE_ASSIGN_OR_RETURN(Population population,
                           app.GetPopulation(r.ctx, read.patient.population_id));
  read.patient.site_id = population.site_id;
  if (read.account) {
    COVALUE_ASSIGN_OR_RETURN(User user, app.GetUserByUsername(r.ctx, *read.account));
    read.patient.user_id = user.id;
  }
  COVALUE_ASSIGN_OR_RETURN(Patient created, app.CreatePatient(r.ctx, read.patient));
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
  return {{"resourceType", "CapabilityStatement"},
          {"status", "active"},
          {"date", "2026-11-23"},
          {"kind", "instance"},
          {"software", {{"name", "covalue"}}},
          {"implementation", {{"description", "covalue's FHIR R4 API"}}},
          {"fhirVersion", "4.0.1"},
          {"format", json::array({"application/fhir+json"})},
          {"rest",
           json::array(
               {{{"mode", "server"},
                 {"security",
                  {{"description",
                    "A session cookie or a bearer token (POST /api/v1/auth/login, "
                    "/api/v1/auth/tokens); every read of a patient's data is "
                    "audited."}}},
                 {"resource",
                  json::array({resource("Questionnaire", {"read", "vread", "search-type", "create"},
                                        {{"_id", "token"}, {"url", "uri"}, {"name", "string"}}),
                               resource("QuestionnaireResponse", {"read", "search-type", "create"},
                                        {{"patient", "reference"},
                                         {"subject", "reference"},
                                         {"authored", "date"},
                                         {"questionnaire", "reference"}}),
                               resource("Observation", {"read", "search-type"},
                                        {{"patient", "reference"},
                                         {"subject", "reference"},
                                         {"date", "date"},
                                         {"code", "token"}}),
                               resource("Patient", {"read", "search-type", "create"},
                                        {{"identifier", "token"}}),
                               resource("Measure", {"read", "search-type"}, {{"_id", "token"}}),
                               resource("MeasureReport", {"search-type"},
                                        {{"measure", "reference"},
                                         {"reporter", "reference"},
                                         {"period-kind", "token"}})})}}})}};
}

}  // namespace

void AddRegistryRoutes(http::Router& router, app::App& app) {
  auto outcome = [](const Error& e, const std::string& id) {
    return OperationOutcomeResponse(e, id);
  };
  router.Add({"GET", "/fhir/r4/metadata", "FHIR R4 CapabilityStatement of this server",
              http::Access::kPublic,
              [](http::RouteContext&) -> Result<http::Response> {
                return FhirJson(200, CapabilityStatement());
              },
              0, outcome});
  router.Add({"POST", "/fhir/r4/Patient", "FHIR R4 create: enrol a patient in a population",
              http::Access::kSignedIn,
              [&app](http::RouteContext& r) { return CreatePatient(app, r); },
              http::kDefaultMaxBody, outcome});
  router.Add({"GET", "/fhir/r4/Patient/{id}", "FHIR R4 read of a Patient", http::Access::kSignedIn,
              [&app](http::RouteContext& r) -> Result<http::Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, http::PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(Patient p, app.GetPatient(r.ctx, id));
                return Read(PatientJson(p));
              },
              0, outcome});
  router.Add({"GET", "/fhir/r4/Patient", "FHIR R4 search of Patients (identifier; _count, _cursor)",
              http::Access::kSignedIn,
              [&app](http::RouteContext& r) -> Result<http::Response> {
                COVALUE_ASSIGN_OR_RETURN(PageRequest page, PageOf(r.request));
                store::PatientQuery query;
                if (const std::string* identifier = r.request.Query("identifier")) {
                  // A token: [system|]value; identifiers are the site's own, so the system is
                  // not kept and only the value is matched.
                  const std::size_t bar = identifier->find('|');
                  query.identifier =
                      bar == std::string::npos ? *identifier : identifier->substr(bar + 1);
                }
                COVALUE_ASSIGN_OR_RETURN(auto patients, app.ListPatients(r.ctx, page, query));
                return Bundle(r.request, "Patient", patients, PatientJson);
              },
              0, outcome});
  router.Add({"POST", "/fhir/r4/QuestionnaireResponse",
              "FHIR R4 create: submit a response, validated, scored and stored with its "
              "Observations",
              http::Access::kSignedIn,
              [&app](http::RouteContext& r) { return CreateResponse(app, r); }, kMaxResponseBytes,
              outcome});
  router.Add({"GET", "/fhir/r4/QuestionnaireResponse/{id}",
              "FHIR R4 read of a QuestionnaireResponse", http::Access::kSignedIn,
              [&app](http::RouteContext& r) -> Result<http::Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, http::PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(StoredResponse stored, app.GetResponse(r.ctx, id));
                COVALUE_ASSIGN_OR_RETURN(json body, ResponseJson(stored));
                return Read(body);
              },
              0, outcome});
  router.Add({"GET", "/fhir/r4/QuestionnaireResponse",
              "FHIR R4 search of QuestionnaireResponses (patient, authored, questionnaire)",
              http::Access::kSignedIn,
              [&app](http::RouteContext& r) -> Result<http::Response> {
                COVALUE_ASSIGN_OR_RETURN(PageRequest page, PageOf(r.request));
                store::RecordQuery query;
                COVALUE_RETURN_IF_ERROR(PatientParameter(r.request, query));
                COVALUE_RETURN_IF_ERROR(DateRange(r.request, "authored", query));
                if (const std::string* q = r.request.Query("questionnaire")) {
                  query.code =
                      q->substr(q->rfind('/') == std::string::npos ? 0 : q->rfind('/') + 1);
                }
                COVALUE_ASSIGN_OR_RETURN(auto responses, app.ListResponses(r.ctx, query, page));
                std::vector<json> bodies;
                for (const StoredResponse& s : responses.items) {
                  COVALUE_ASSIGN_OR_RETURN(json body, ResponseJson(s));
                  bodies.push_back(std::move(body));
                }
                std::size_t i = 0;
                return Bundle(r.request, "QuestionnaireResponse", responses,
                              [&](const StoredResponse&) { return bodies[i++]; });
              },
              0, outcome});
  router.Add({"GET", "/fhir/r4/Observation/{id}", "FHIR R4 read of an Observation",
              http::Access::kSignedIn,
              [&app](http::RouteContext& r) -> Result<http::Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, http::PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(Observation o, app.GetObservation(r.ctx, id));
                return Read(ObservationJson(o));
              },
              0, outcome});
  router.Add({"GET", "/fhir/r4/Observation", "FHIR R4 search of Observations (patient, date, code)",
              http::Access::kSignedIn,
              [&app](http::RouteContext& r) -> Result<http::Response> {
                COVALUE_ASSIGN_OR_RETURN(PageRequest page, PageOf(r.request));
                store::RecordQuery query;
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
                                         app.ListObservations(r.ctx, query, page));
                return Bundle(r.request, "Observation", observations, ObservationJson);
              },
              0, outcome});
}

}  // namespace covalue::fhir
