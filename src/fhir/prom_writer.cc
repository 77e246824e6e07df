#include "fhir/prom_writer.h"

#include "fhir/fhir_json.h"
#include "fhir/prom_reader.h"

namespace covalue::fhir {
namespace {

using nlohmann::json;

constexpr const char* kOrdinalValue = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
constexpr const char* kMinValue = "http://hl7.org/fhir/StructureDefinition/minValue";
constexpr const char* kMaxValue = "http://hl7.org/fhir/StructureDefinition/maxValue";

json CodingJson(const Coding& coding) {
  json out = json::object();
  if (!coding.system.empty()) {
    out["system"] = coding.system;
  }
  out["code"] = coding.code;
  if (!coding.display.empty()) {
    out["display"] = coding.display;
  }
  return out;
}

// Writes a value as prefix + its kind ("valueCoding", "answerInteger" …) into element.
void PutValue(json& element, const std::string& prefix, const AnswerValue& value) {
  using Kind = AnswerValue::Kind;
  switch (value.kind) {
    case Kind::kBoolean:
      element[prefix + "Boolean"] = value.boolean;
      break;
    case Kind::kDecimal:
      element[prefix + "Decimal"] = value.number;
      break;
    case Kind::kInteger:
      element[prefix + "Integer"] = static_cast<std::int64_t>(value.number);
      break;
    case Kind::kDate:
      element[prefix + "Date"] = value.text;
      break;
    case Kind::kDateTime:
      element[prefix + "DateTime"] = value.text;
      break;
    case Kind::kTime:
      element[prefix + "Time"] = value.text;
      break;
    case Kind::kString:
      element[prefix + "String"] = value.text;
      break;
    case Kind::kCoding:
      element[prefix + "Coding"] = CodingJson(value.coding);
      break;
  }
}

std::string OperatorName(EnableOperator op) {
  switch (op) {
    case EnableOperator::kExists:
      return "exists";
    case EnableOperator::kEqual:
      return "=";
    case EnableOperator::kNotEqual:
      return "!=";
    case EnableOperator::kGreater:
      return ">";
    case EnableOperator::kLess:
      return "<";
    case EnableOperator::kGreaterOrEqual:
      return ">=";
    case EnableOperator::kLessOrEqual:
      return "<=";
  }
  return "=";
}

json Limit(const char* url, ItemType type, double value) {
  json extension = {{"url", url}};
  if (type == ItemType::kInteger) {
    extension["valueInteger"] = static_cast<std::int64_t>(value);
  } else {
    extension["valueDecimal"] = value;
  }
  return extension;
}

json ItemJson(const QuestionnaireItem& item) {
  json out = {{"linkId", item.link_id}};
  json extensions = json::array();
  if (item.min_value) {
    extensions.push_back(Limit(kMinValue, item.type, *item.min_value));
  }
  if (item.max_value) {
    extensions.push_back(Limit(kMaxValue, item.type, *item.max_value));
  }
  if (item.calculated) {
    extensions.push_back({{"url", kCalculatedExtension}, {"valueBoolean", true}});
  }
  if (!extensions.empty()) {
    out["extension"] = extensions;
  }
  if (!item.codes.empty()) {
    out["code"] = json::array();
    for (const Coding& c : item.codes) {
      out["code"].push_back(CodingJson(c));
    }
  }
  if (!item.prefix.empty()) {
    out["prefix"] = item.prefix;
  }
  if (!item.text.empty()) {
    out["text"] = item.text;
    if (json translations = TranslationElement(item.text_translations); !translations.is_null()) {
      out["_text"] = std::move(translations);
    }
  }
  out["type"] = std::string(ItemTypeName(item.type));
  for (const EnableWhen& when : item.enable_when) {
    json condition = {{"question", when.question}, {"operator", OperatorName(when.op)}};
    PutValue(condition, "answer", when.answer);
    out["enableWhen"].push_back(condition);
  }
  if (item.enable_when.size() > 1) {
    out["enableBehavior"] = item.enable_when_all ? "all" : "any";
  }
  if (item.required) {
    out["required"] = true;
  }
  if (item.repeats) {
    out["repeats"] = true;
  }
  if (item.read_only || item.calculated) {
    out["readOnly"] = true;  // a filler shows a calculated value, never asks for it
  }
  if (item.max_length) {
    out["maxLength"] = *item.max_length;
  }
  for (const AnswerOption& option : item.options) {
    json element = json::object();
    PutValue(element, "value", option.value);
    if (json translations = TranslationElement(option.display_translations);
        !translations.is_null() && option.value.kind == AnswerValue::Kind::kCoding) {
      element["valueCoding"]["_display"] = std::move(translations);
    }
    if (option.score) {
      const json score = json::array({{{"url", kOrdinalValue}, {"valueDecimal", *option.score}}});
      if (option.value.kind == AnswerValue::Kind::kCoding) {
        element["valueCoding"]["extension"] = score;
      } else {
        element["extension"] = score;
      }
    }
    out["answerOption"].push_back(element);
  }
  for (const QuestionnaireItem& child : item.items) {
    out["item"].push_back(ItemJson(child));
  }
  return out;
}

json ScoringJson(const ScoringRule& rule) {
  json parts = json::array();
  if (!rule.instrument.empty()) {
    parts.push_back({{"url", "instrument"}, {"valueString", rule.instrument}});
  }
  for (const std::string& link_id : rule.link_ids) {
    parts.push_back({{"url", "item"}, {"valueString", link_id}});
  }
  if (!rule.total_link_id.empty()) {
    parts.push_back({{"url", "total"}, {"valueString", rule.total_link_id}});
  }
  for (const ScoreBand& band : rule.bands) {
    parts.push_back(
        {{"url", "band"},
         {"extension", json::array({{{"url", "min"}, {"valueDecimal", band.min}},
                                    {{"url", "max"}, {"valueDecimal", band.max}},
                                    {{"url", "label"}, {"valueString", band.label}}})}});
  }
  for (const Subscale& subscale : rule.subscales) {
    json fields = json::array({{{"url", "name"}, {"valueString", subscale.name}}});
    for (const std::string& link_id : subscale.link_ids) {
      fields.push_back({{"url", "item"}, {"valueString", link_id}});
    }
    parts.push_back({{"url", "subscale"}, {"extension", fields}});
  }
  return {{"url", kScoringExtension}, {"extension", parts}};
}

json AlertJson(const AlertRule& rule) {
  json parts = json::array({{{"url", "code"}, {"valueCode", rule.code}}});
  if (!rule.link_id.empty()) {
    parts.push_back({{"url", "item"}, {"valueString", rule.link_id}});
  }
  parts.push_back({{"url", "comparator"}, {"valueCode", AlertComparatorName(rule.comparator)}});
  parts.push_back({{"url", "threshold"}, {"valueDecimal", rule.threshold}});
  parts.push_back({{"url", "severity"}, {"valueCode", AlertSeverityName(rule.severity)}});
  parts.push_back({{"url", "message"}, {"valueString", rule.message}});
  return {{"url", kAlertExtension}, {"extension", parts}};
}

}  // namespace

json QuestionnaireJson(const Questionnaire& q) {
  json out = {{"resourceType", "Questionnaire"}};
  if (!q.id.empty()) {
    out["id"] = q.id;
  }
  if (q.scoring) {
    out["extension"] = json::array({ScoringJson(*q.scoring)});
  }
  for (const AlertRule& rule : q.alerts) {
    out["extension"].push_back(AlertJson(rule));
  }
  if (!q.redcap_record_field.empty()) {
    out["extension"].push_back(
        {{"url", kRedcapRecordFieldExtension}, {"valueString", q.redcap_record_field}});
  }
  for (const auto& [key, value] : {std::pair{"url", &q.url}, std::pair{"version", &q.version},
                                   std::pair{"name", &q.name}, std::pair{"title", &q.title}}) {
    if (!value->empty()) {
      out[key] = *value;
    }
  }
  out["status"] = q.status.empty() ? "active" : q.status;
  if (!q.subject_types.empty()) {
    out["subjectType"] = q.subject_types;
  }
  for (const Coding& c : q.codes) {
    out["code"].push_back(CodingJson(c));
  }
  out["item"] = json::array();
  for (const QuestionnaireItem& item : q.items) {
    out["item"].push_back(ItemJson(item));
  }
  return out;
}

}  // namespace covalue::fhir
