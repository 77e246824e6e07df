#include "fhir/questionnaire.h"

#include <algorithm>
#include <cctype>

#include "fhir/fhir_json.h"

namespace covalue::fhir {
namespace {

using nlohmann::json;

constexpr const char* kItemControl =
    "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
constexpr const char* kMinValue = "http://hl7.org/fhir/StructureDefinition/minValue";
constexpr const char* kMaxValue = "http://hl7.org/fhir/StructureDefinition/maxValue";
constexpr const char* kLinkedArtefact = "urn:covalue:fhir:extension:linked-artefact";
constexpr const char* kSummarises = "urn:covalue:fhir:extension:summarises";
constexpr const char* kOptionSystemPrefix = "urn:covalue:fhir:codesystem:";
constexpr const char* kValueDomainSystem = "urn:covalue:fhir:codesystem:value-domain";

// Sets key to the English text and _key to the translations into the other languages.
void PutText(json& target, const std::string& key, const LocalizedText& text) {
  if (text.Empty()) {
    return;
  }
  target[key] = text.In("en");
  Translations others = text.by_language;
  others.erase("en");
  if (json element = TranslationElement(others); !element.is_null()) {
    target["_" + key] = std::move(element);
  }
}

std::string FhirType(GuideItemType type) {
  switch (type) {
    case GuideItemType::kGroup:
      return "group";
    case GuideItemType::kText:
      return "text";
    case GuideItemType::kString:
      return "string";
    case GuideItemType::kChoice:
      return "choice";
    case GuideItemType::kRating:
      return "integer";
    case GuideItemType::kDate:
      return "date";
  }
  return "text";
}

// What a placeholder for a linked artefact is called, in each language the guide has.
LocalizedText ArtefactLabel(Artefact artefact) {
  switch (artefact) {
    case Artefact::kPersona:
      return {{{"en", "Linked persona"}, {"sv", "Länkad persona"}}};
    case Artefact::kProcessMap:
      return {{{"en", "Linked process map"}, {"sv", "Länkad processkarta"}}};
    case Artefact::kMeasure:
      return {{{"en", "Linked measure"}, {"sv", "Länkat mått"}}};
  }
  return {};
}

json Display(const std::string& link_id, const LocalizedText& text, bool help) {
  json item = {{"linkId", link_id}, {"type", "display"}};
  PutText(item, "text", text);
  if (help) {
    json coding = {{"system", "http://hl7.org/fhir/questionnaire-item-control"},
                   {"code", "help"},
                   {"display", "Help-Button"}};
    json control = {{"url", kItemControl}, {"valueCodeableConcept", {{"coding", {coding}}}}};
    item["extension"] = json::array({control});
  }
  return item;
}

json ItemOf(const GuideItem& source, const std::vector<std::string>& languages) {
  json item = {{"linkId", source.link_id}, {"type", FhirType(source.type)}};
  PutText(item, "text", source.text);
  json extensions = json::array();
  if (!source.summarises.empty()) {
    extensions.push_back({{"url", kSummarises}, {"valueString", source.summarises}});
  }
  if (source.type == GuideItemType::kRating) {
    extensions.push_back({{"url", kMinValue}, {"valueInteger", 1}});
    extensions.push_back({{"url", kMaxValue}, {"valueInteger", 5}});
  }
  if (!extensions.empty()) {
    item["extension"] = extensions;
  }
  if (source.value_domain) {
    json coding = {{"system", kValueDomainSystem},
                   {"code", std::string(ValueDomainName(*source.value_domain))}};
    item["code"] = json::array({coding});
  }
  if (source.repeats) {
    item["repeats"] = true;
  }
  for (const GuideOption& option : source.options) {
    json coding = {{"system", kOptionSystemPrefix + source.link_id},
                   {"code", option.code},
                   {"display", option.text.In("en")}};
    item["answerOption"].push_back({{"valueCoding", coding}});
  }
  json children = json::array();
  if (!source.introduction.Empty()) {
    children.push_back(Display(source.link_id + ".introduction", source.introduction, false));
  }
  if (!source.hint.Empty()) {
    children.push_back(Display(source.link_id + ".hint", source.hint, true));
  }
  for (Artefact artefact : source.artefacts) {
    const std::string name(ArtefactName(artefact));
    json marker = {{"url", kLinkedArtefact}, {"valueCode", name}};
    json link = {{"linkId", source.link_id + ".link." + name},
                 {"type", "reference"},
                 {"extension", json::array({marker})}};
    LocalizedText label = ArtefactLabel(artefact);
    std::erase_if(label.by_language, [&](const auto& kv) {
      return std::find(languages.begin(), languages.end(), kv.first) == languages.end();
    });
    PutText(link, "text", label);
    children.push_back(link);
  }
  for (const GuideItem& child : source.items) {
    children.push_back(ItemOf(child, languages));
  }
  if (!children.empty()) {
    item["item"] = children;
  }
  return item;
}

// "coproduction-guide-full" → "CoproductionGuideFull" (a computable name).
std::string ComputableName(const std::string& id) {
  std::string name;
  bool upper = true;
  for (char c : id) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) {
      upper = true;
      continue;
    }
    name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return name;
}

}  // namespace

std::string CanonicalOf(const Guide& guide) { return "urn:covalue:fhir:questionnaire:" + guide.id; }

json QuestionnaireOf(const Guide& guide) {
  json questionnaire = {
      {"resourceType", "Questionnaire"},
      {"id", guide.id},
      {"meta", {{"versionId", guide.version}}},
      {"language", "en"},
      {"url", CanonicalOf(guide)},
      {"version", guide.version},
      {"name", ComputableName(guide.id)},
      {"status", "active"},
      {"subjectType", json::array({"Group"})},
  };
  PutText(questionnaire, "title", guide.title);
  PutText(questionnaire, "description", guide.description);
  const std::vector<std::string> languages = guide.Languages();
  json items = json::array();
  for (const GuideItem& item : guide.items) {
    items.push_back(ItemOf(item, languages));
  }
  questionnaire["item"] = items;
  return questionnaire;
}

}  // namespace covalue::fhir
