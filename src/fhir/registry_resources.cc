#include "fhir/registry_resources.h"

#include <charconv>

#include <fmt/format.h>

#include "fhir/fhir_json.h"
#include "fhir/prom_reader.h"

namespace covalue::fhir {
namespace {

using nlohmann::json;

json Meta(std::int64_t ms) { return {{"versionId", "1"}, {"lastUpdated", Instant(ms)}}; }

Error Invalid(const std::string& path, const std::string& message) {
  return Error{ErrorCode::kInvalidArgument, fmt::format("{}: {}", path, message), path};
}

const json* ExtensionOf(const json& resource, std::string_view url) {
  if (auto found = resource.find("extension"); found != resource.end() && found->is_array()) {
    for (const json& e : *found) {
      if (e.is_object() && e.value("url", "") == url) {
        return &e;
      }
    }
  }
  return nullptr;
}

Result<std::string> StringMember(const json& element, const char* name, const std::string& path) {
  const auto found = element.find(name);
  if (found == element.end() || !found->is_string()) {
    return Fail(Invalid(path + "." + name, "is missing or not a string"));
  }
  return found->get<std::string>();
}

}  // namespace

json PatientJson(const Patient& p) {
  json extensions = json::array(
      {{{"url", kPopulationExtension}, {"valueString", std::to_string(p.population_id)}},
       {{"url", kConsentExtension}, {"valueCode", std::string(ConsentName(p.consent))}}});
  if (!p.diagnosis_date.empty()) {
    extensions.push_back({{"url", kDiagnosisDateExtension}, {"valueDate", p.diagnosis_date}});
  }
  for (const auto& [name, value] : p.fields) {
    extensions.push_back(
        {{"url", kFieldExtension},
         {"extension", json::array({{{"url", "name"}, {"valueString", name}},
                                    {{"url", "value"}, {"valueString", value}}})}});
  }
  json out = {{"resourceType", "Patient"},
              {"id", std::to_string(p.id)},
              {"meta", Meta(p.created_ms)},
              {"extension", extensions},
              {"identifier",
               json::array({{{"system", fmt::format("urn:covalue:fhir:site:{}:patient", p.site_id)},
                             {"value", p.identifier}}})},
              {"gender", std::string(SexName(p.sex))},
              {"birthDate", p.birth_date},
              {"managingOrganization",
               {{"identifier",
                 {{"system", "urn:covalue:fhir:site"}, {"value", std::to_string(p.site_id)}}}}}};
  if (!p.family.empty() || !p.given.empty()) {
    // Patient.name: the given names as one element each, split at spaces.
    json name = {{"use", "official"}};
    if (!p.family.empty()) {
      name["family"] = p.family;
    }
    json given = json::array();
    for (std::size_t start = 0; start < p.given.size();) {
      const std::size_t space = std::min(p.given.find(' ', start), p.given.size());
      if (space > start) {
        given.push_back(p.given.substr(start, space - start));
      }
      start = space + 1;
    }
    if (!given.empty()) {
      name["given"] = given;
    }
    out["name"] = json::array({name});
  }
  return out;
}

Result<PatientToCreate> ReadPatient(const json& resource) {
  if (resource.value("resourceType", "") != "Patient") {
    return Fail(Invalid("resourceType", "is not 'Patient'"));
  }
  PatientToCreate out;
  Patient& p = out.patient;
  const auto identifiers = resource.find("identifier");
  if (identifiers == resource.end() || !identifiers->is_array() || identifiers->empty() ||
      !identifiers->front().is_object()) {
    return Fail(Invalid("Patient.identifier", "the site's identifier of the patient is missing"));
  }
  COVALUE_ASSIGN_OR_RETURN(p.identifier,
                           StringMember(identifiers->front(), "value", "Patient.identifier[0]"));
  COVALUE_ASSIGN_OR_RETURN(std::string gender, StringMember(resource, "gender", "Patient"));
  const auto sex = ParseSex(gender);
  if (!sex) {
    return Fail(Invalid("Patient.gender", "is one of female, male, other, unknown"));
  }
  p.sex = *sex;
  COVALUE_ASSIGN_OR_RETURN(p.birth_date, StringMember(resource, "birthDate", "Patient"));
  // Patient.name: the first name (an official one when there is one): family, and the given
  // names joined by spaces.
  if (const auto names = resource.find("name"); names != resource.end()) {
    if (!names->is_array()) {
      return Fail(Invalid("Patient.name", "is an array of HumanName"));
    }
    const json* chosen = nullptr;
    for (const json& n : *names) {
      if (n.is_object() && (chosen == nullptr || n.value("use", "") == "official")) {
        chosen = &n;
      }
    }
    if (chosen != nullptr) {
      if (const auto family = chosen->find("family"); family != chosen->end()) {
        if (!family->is_string()) {
          return Fail(Invalid("Patient.name.family", "is a string"));
        }
        p.family = family->get<std::string>();
      }
      for (const json& given : chosen->value("given", json::array())) {
        if (!given.is_string()) {
          return Fail(Invalid("Patient.name.given", "is an array of strings"));
        }
        p.given += (p.given.empty() ? "" : " ") + given.get<std::string>();
      }
    }
  }
  const json* population = ExtensionOf(resource, kPopulationExtension);
  if (population == nullptr) {
    return Fail(Invalid("Patient.extension", fmt::format("the {} extension names the "
                                                         "population the patient is enrolled in",
                                                         kPopulationExtension)));
  }
  COVALUE_ASSIGN_OR_RETURN(std::string population_id,
                           StringMember(*population, "valueString", "Patient.extension"));
  auto [end, ec] = std::from_chars(population_id.data(),
                                   population_id.data() + population_id.size(), p.population_id);
  if (ec != std::errc() || end != population_id.data() + population_id.size()) {
    return Fail(Invalid("Patient.extension", "the population is named by its id, a number"));
  }
  if (const json* diagnosis = ExtensionOf(resource, kDiagnosisDateExtension)) {
    COVALUE_ASSIGN_OR_RETURN(p.diagnosis_date,
                             StringMember(*diagnosis, "valueDate", "Patient.extension"));
  }
  if (const json* consent = ExtensionOf(resource, kConsentExtension)) {
    COVALUE_ASSIGN_OR_RETURN(std::string code,
                             StringMember(*consent, "valueCode", "Patient.extension"));
    const auto parsed = ParseConsent(code);
    if (!parsed) {
      return Fail(Invalid("Patient.extension",
                          "consent is one of pending, consented, declined, withdrawn"));
    }
    p.consent = *parsed;
  }
  if (const json* account = ExtensionOf(resource, kAccountExtension)) {
    COVALUE_ASSIGN_OR_RETURN(out.account,
                             StringMember(*account, "valueString", "Patient.extension"));
  }
  for (const json& e : resource.value("extension", json::array())) {
    if (!e.is_object() || e.value("url", "") != kFieldExtension) {
      continue;
    }
    std::string name;
    std::string value;
    for (const json& part : e.value("extension", json::array())) {
      if (part.is_object() && part.value("url", "") == "name") {
        name = part.value("valueString", "");
      } else if (part.is_object() && part.value("url", "") == "value") {
        value = part.value("valueString", "");
      }
    }
    p.fields[name] = value;
  }
  return out;
}

json WithIdentity(json resource, const StoredResponse& response) {
  resource["id"] = std::to_string(response.id);
  resource["meta"] = Meta(response.created_ms);
  return resource;
}

Result<json> ResponseJson(const StoredResponse& response) {
  COVALUE_ASSIGN_OR_RETURN(json resource, ParseResource(response.resource));
  return WithIdentity(std::move(resource), response);
}

json ObservationJson(const Observation& o) {
  json out = {
      {"resourceType", "Observation"},
      {"id", std::to_string(o.id)},
      {"meta", Meta(o.effective_ms)},
      {"status", "final"},
      {"category",
       json::array({{{"coding",
                      json::array({{{"system",
                                     "http://terminology.hl7.org/CodeSystem/observation-category"},
                                    {"code", o.response_id ? "survey" : "exam"}}})}}})},
      {"code",
       {{"coding", json::array({{{"system", o.system}, {"code", o.code}, {"display", o.display}}})},
        {"text", o.display}}},
      {"subject", {{"reference", fmt::format("Patient/{}", o.patient_id)}}},
      {"effectiveDateTime", Instant(o.effective_ms)},
      {"valueQuantity", {{"value", o.value}, {"unit", o.unit}}},
  };
  if (!o.unit.empty() && o.unit.front() == '{') {
    out["valueQuantity"]["system"] = "http://unitsofmeasure.org";
    out["valueQuantity"]["code"] = o.unit;
  }
  if (!o.interpretation.empty()) {
    out["interpretation"] = json::array({{{"text", o.interpretation}}});
  }
  if (o.response_id) {
    out["derivedFrom"] =
        json::array({{{"reference", fmt::format("QuestionnaireResponse/{}", *o.response_id)}}});
  }
  return out;
}

}  // namespace covalue::fhir
