#include "fhir/response_routes.h"

#include <fmt/format.h>

#include "app/registry/registry.h"
#include "domain/dates.h"
#include "fhir/fhir_json.h"
#include "fhir/prom_reader.h"
#include "fhir/questionnaire_reference.h"
#include "fhir/registry_resources.h"
#include "fhir/search.h"
#include "http/json/serializers.h"

namespace covalue::fhir {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxResponseBytes = std::size_t{2} * 1024 * 1024;

// What a submission reads (the questionnaire it names) and where it is stored.
struct ResponseServices {
  app::Registry& registry;
  app::Questionnaires& questionnaires;
  GuideTest is_guide;
};

// The id a questionnaire reference ends in: "Questionnaire/x", covalue's canonical of x, or a
// URL whose last segment is x (a version after '|' left off).
std::string IdNamed(const std::string& reference) {
  const std::string canonical = reference.substr(0, reference.find('|'));
  const std::size_t cut = canonical.find_last_of("/:");
  return cut == std::string::npos ? canonical : canonical.substr(cut + 1);
}

// A submission that failed because it names a guide is told how guides are answered.
Error Explained(const ResponseServices& services, const http::RouteContext& r, const json& resource,
                Error error) {
  const auto named = resource.find("questionnaire");
  if (named == resource.end() || !named->is_string() ||
      !services.is_guide(r.ctx, IdNamed(named->get<std::string>()))) {
    return error;
  }
  return Invalid("QuestionnaireResponse.questionnaire",
                 fmt::format("'{}' is a self-assessment guide: guides are answered as workbooks "
                             "(POST /api/v1/workbooks, then PUT each answer), not as "
                             "QuestionnaireResponses",
                             named->get<std::string>()));
}

// A submission read from a FHIR QuestionnaireResponse. patient_id: the patient the route names
// (the JSON route), checked against the resource's subject when it has one; absent, the subject
// names the patient (the FHIR create).
Result<app::ResponseSubmission> SubmissionOf(app::Questionnaires& questionnaires,
                                             const http::RouteContext& r, const json& resource,
                                             std::optional<Id> patient_id) {
  std::vector<Issue> warnings;
  COVALUE_ASSIGN_OR_RETURN(QuestionnaireResponse response,
                           ReadQuestionnaireResponse(resource, warnings));
  app::ResponseSubmission submission;
  const auto subject = resource.find("subject");
  const bool has_subject = subject != resource.end() && subject->is_object() &&
                           subject->contains("reference") && (*subject)["reference"].is_string();
  if (has_subject) {
    COVALUE_ASSIGN_OR_RETURN(submission.patient_id,
                             PatientReference((*subject)["reference"].get<std::string>(),
                                              "QuestionnaireResponse.subject"));
    if (patient_id && *patient_id != submission.patient_id) {
      return Fail(Invalid("QuestionnaireResponse.subject",
                          "subject names another patient than the address"));
    }
  } else if (patient_id) {
    submission.patient_id = *patient_id;
  } else {
    return Fail(Invalid("QuestionnaireResponse.subject",
                        "subject.reference names the patient (Patient/{id})"));
  }
  if (response.questionnaire.empty()) {
    return Fail(Invalid("QuestionnaireResponse.questionnaire",
                        "questionnaire names the Questionnaire answered"));
  }
  COVALUE_ASSIGN_OR_RETURN(QuestionnaireReference named,
                           ResolveQuestionnaire(questionnaires, r.ctx, response.questionnaire));
  submission.questionnaire_id = named.id;
  submission.questionnaire_version = named.version;
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
  return submission;
}

// What the person is told to do now, in the first of their languages the site has words in.
std::string CrisisText(const std::map<std::string, std::string>& contacts,
                       const http::Request& request) {
  const std::string& accepted = request.Header("accept-language");
  for (const auto& [language, text] : contacts) {
    if (!accepted.empty() && accepted.find(language) != std::string::npos) {
      return text;
    }
  }
  const auto english = contacts.find("en");
  return english != contacts.end() ? english->second
                                   : (contacts.empty() ? "" : contacts.begin()->second);
}

// The alerts as warning issues of an OperationOutcome: each alert's message and what to do now.
json AlertOutcome(const app::SubmittedResponse& submitted, const http::Request& request) {
  json issues = json::array();
  for (const Alert& alert : submitted.alerts) {
    issues.push_back(
        {{"severity", "warning"},
         {"code", "informational"},
         {"details",
          {{"coding", json::array({{{"system", "urn:covalue:fhir:codesystem:alert-rule"},
                                    {"code", alert.rule}}})},
           {"text", alert.message}}},
         {"diagnostics",
          fmt::format("{} {}", alert.message, CrisisText(submitted.crisis_contacts, request))},
         {"expression", json::array({fmt::format("Flag/{}", alert.id)})}});
  }
  for (const Issue& warning : submitted.warnings) {
    issues.push_back({{"severity", "information"},
                      {"code", "informational"},
                      {"diagnostics", warning.message},
                      {"expression", json::array({warning.location})}});
  }
  return {{"resourceType", "OperationOutcome"}, {"id", "alerts"}, {"issue", issues}};
}

Error InFhirTerms(Error error) {
  if (error.field.starts_with(app::kItemField)) {
    error.field = fmt::format("QuestionnaireResponse.item.where(linkId='{}')",
                              error.field.substr(app::kItemField.size()));
  }
  return error;
}

Result<http::Response> CreateResponse(const ResponseServices& services,
                                      const http::RouteContext& r) {
  COVALUE_ASSIGN_OR_RETURN(json resource, ParseResource(r.request.body));
  auto submission = SubmissionOf(services.questionnaires, r, resource, std::nullopt);
  if (!submission) {
    return Fail(Explained(services, r, resource, submission.error()));
  }
  auto submitted = services.registry.SubmitResponse(r.ctx, std::move(*submission));
  if (!submitted) {
    return Fail(Explained(services, r, resource, InFhirTerms(submitted.error())));
  }
  json body = WithIdentity(std::move(resource), submitted->stored);
  const json outcome = AlertOutcome(*submitted, r.request);
  if (r.request.Header("prefer").find("return=OperationOutcome") != std::string::npos) {
    http::Response response = Created(r.request, "QuestionnaireResponse", body);
    response.body = outcome.dump(-1, ' ', false, json::error_handler_t::replace);
    return response;
  }
  if (!submitted->alerts.empty()) {
    body["contained"].push_back(outcome);
    body["extension"].push_back(
        {{"url", kAlertsExtension}, {"valueReference", {{"reference", "#alerts"}}}});
  }
  return Created(r.request, "QuestionnaireResponse", body);
}

// The JSON twin: errors stay problem+json with JSON pointers ("/item/phq9-9").
Result<http::Response> SubmitJson(const ResponseServices& services, const http::RouteContext& r) {
  COVALUE_ASSIGN_OR_RETURN(Id patient_id, http::PathId(r, "id"));
  COVALUE_ASSIGN_OR_RETURN(json resource, ParseResource(r.request.body));
  COVALUE_ASSIGN_OR_RETURN(app::ResponseSubmission submission,
                           SubmissionOf(services.questionnaires, r, resource, patient_id));
  COVALUE_ASSIGN_OR_RETURN(app::SubmittedResponse submitted,
                           services.registry.SubmitResponse(r.ctx, std::move(submission)));
  json alerts = json::array();
  for (const Alert& a : submitted.alerts) {
    alerts.push_back(json(a));
  }
  json scores = json::array();
  for (const Observation& o : submitted.observations) {
    scores.push_back({{"code", o.code},
                      {"display", o.display},
                      {"value", o.value},
                      {"band", o.interpretation.empty() ? json(nullptr) : json(o.interpretation)}});
  }
  json warnings = json::array();
  for (const Issue& w : submitted.warnings) {
    warnings.push_back({{"location", w.location}, {"message", w.message}});
  }
  http::Response response;
  response.status = 201;
  response.body = json{{"id", submitted.stored.id},
                       {"patient_id", submitted.stored.patient_id},
                       {"questionnaire_id", submitted.stored.questionnaire_id},
                       {"status", submitted.stored.status},
                       {"authored_ms", submitted.stored.authored_ms},
                       {"scores", scores},
                       {"warnings", warnings},
                       {"alerts", alerts},
                       {"crisis_contacts", submitted.crisis_contacts}}
                      .dump(-1, ' ', false, json::error_handler_t::replace);
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace

void AddResponseRoutes(http::Router& router, app::Registry& registry,
                       app::Questionnaires& questionnaires, GuideTest is_guide) {
  const ResponseServices services{registry, questionnaires, std::move(is_guide)};
  router.Add({"POST", "/fhir/r4/QuestionnaireResponse",
              "FHIR R4 create: submit a response, validated, scored and stored with its "
              "Observations and the alerts its answers raise",
              http::Access::kSignedIn,
              [services](http::RouteContext& r) { return CreateResponse(services, r); },
              kMaxResponseBytes});
  router.Add({"POST", "/api/v1/patients/{id}/responses",
              "Submit a FHIR QuestionnaireResponse for the patient; answers its scores and the "
              "alerts it raised with what to do now",
              http::Access::kSignedIn,
              [services](http::RouteContext& r) { return SubmitJson(services, r); },
              kMaxResponseBytes});
}

}  // namespace covalue::fhir
