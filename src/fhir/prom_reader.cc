#include "fhir/prom_reader.h"

#include <cctype>
#include <charconv>
#include <map>
#include <set>

#include <fmt/format.h>

#include "domain/instruments.h"
#include "fhir/fhir_json.h"
#include "fhir/json_elements.h"
#include "fhir/prom_writer.h"
#include "http/json/json_body.h"

namespace covalue::embedded {
std::string_view ValueSetLl358();
}  // namespace covalue::embedded

namespace covalue::fhir {
namespace {

using nlohmann::json;

constexpr int kMaxFhirDepth = 64;
constexpr const char* kMinValue = "http://hl7.org/fhir/StructureDefinition/minValue";
constexpr const char* kMaxValue = "http://hl7.org/fhir/StructureDefinition/maxValue";
constexpr const char* kCalculatedExpressions[] = {
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression",
    "http://hl7.org/fhir/StructureDefinition/cqf-expression",
};

// ValueSets an answerValueSet may name: the resource's contained ones, then those covalue ships.
class ValueSets {
 public:
  explicit ValueSets(const json& resource) {
    if (auto contained = resource.find("contained");
        contained != resource.end() && contained->is_array()) {
      for (const json& r : *contained) {
        if (r.is_object() && r.value("resourceType", "") == "ValueSet") {
          by_id_[r.value("id", "")] = &r;
          by_url_[r.value("url", "")] = &r;
        }
      }
    }
    for (const json& r : Shipped()) {
      by_url_.emplace(r.value("url", ""), &r);
    }
  }

  const json* Find(const std::string& reference) const {
    if (!reference.empty() && reference.front() == '#') {
      auto found = by_id_.find(reference.substr(1));
      return found == by_id_.end() ? nullptr : found->second;
    }
    const std::string url = reference.substr(0, reference.find('|'));
    auto found = by_url_.find(url);
    return found == by_url_.end() || url.empty() ? nullptr : found->second;
  }

 private:
  static const std::vector<json>& Shipped() {
    static const std::vector<json> kShipped = {json::parse(embedded::ValueSetLl358())};
    return kShipped;
  }

  std::map<std::string, const json*> by_id_;
  std::map<std::string, const json*> by_url_;
};

Status AddConcepts(const json& contains, const std::string& path, std::vector<AnswerOption>& out,
                   std::vector<Issue>& warnings) {
  for (std::size_t i = 0; i < contains.size(); ++i) {
    const json& concept_json = contains[i];
    const std::string here = fmt::format("{}[{}]", path, i);
    if (!concept_json.is_object()) {
      return Fail(Invalid(here, "is not an object"));
    }
    AnswerOption option;
    option.value.kind = AnswerValue::Kind::kCoding;
    COVALUE_ASSIGN_OR_RETURN(option.value.coding, ReadCoding(concept_json, here));
    COVALUE_ASSIGN_OR_RETURN(option.score, ScoreOf(concept_json, here, warnings));
    if (!option.value.coding.code.empty()) {
      out.push_back(std::move(option));
    }
    if (auto nested = concept_json.find("contains"); nested != concept_json.end()) {
      COVALUE_RETURN_IF_ERROR(AddConcepts(*nested, here + ".contains", out, warnings));
    }
  }
  return Ok();
}

// The answer options of a ValueSet: its expansion, else the concepts its compose lists.
Result<std::vector<AnswerOption>> OptionsOf(const json& value_set, std::vector<Issue>& warnings) {
  std::vector<AnswerOption> out;
  if (auto expansion = value_set.find("expansion"); expansion != value_set.end()) {
    COVALUE_ASSIGN_OR_RETURN(json contains, Array(*expansion, "contains", "ValueSet.expansion"));
    COVALUE_RETURN_IF_ERROR(AddConcepts(contains, "ValueSet.expansion.contains", out, warnings));
    if (!out.empty()) {
      return out;
    }
  }
  if (auto compose = value_set.find("compose"); compose != value_set.end()) {
    COVALUE_ASSIGN_OR_RETURN(json includes, Array(*compose, "include", "ValueSet.compose"));
    for (std::size_t i = 0; i < includes.size(); ++i) {
      const std::string path = fmt::format("ValueSet.compose.include[{}]", i);
      COVALUE_ASSIGN_OR_RETURN(std::string system, String(includes[i], "system", path, false));
      COVALUE_ASSIGN_OR_RETURN(json concepts, Array(includes[i], "concept", path));
      const std::size_t first = out.size();
      COVALUE_RETURN_IF_ERROR(AddConcepts(concepts, path + ".concept", out, warnings));
      for (std::size_t k = first; k < out.size(); ++k) {
        out[k].value.coding.system = system;
      }
    }
  }
  return out;
}

Result<std::optional<EnableOperator>> ReadOperator(const std::string& name) {
  static const std::pair<const char*, EnableOperator> kOperators[] = {
      {"exists", EnableOperator::kExists},  {"=", EnableOperator::kEqual},
      {"!=", EnableOperator::kNotEqual},    {">", EnableOperator::kGreater},
      {"<", EnableOperator::kLess},         {">=", EnableOperator::kGreaterOrEqual},
      {"<=", EnableOperator::kLessOrEqual},
  };
  for (const auto& [text, op] : kOperators) {
    if (name == text) {
      return std::optional(op);
    }
  }
  return std::optional<EnableOperator>();
}

class QuestionnaireReader {
 public:
  QuestionnaireReader(const json& resource, std::vector<Issue>& warnings)
      : value_sets_(resource), warnings_(warnings) {}

  Result<std::vector<QuestionnaireItem>> Items(const json& parent, const std::string& path) {
    COVALUE_ASSIGN_OR_RETURN(json items, Array(parent, "item", path));
    std::vector<QuestionnaireItem> out;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string here = fmt::format("{}[{}]", Member(path, "item"), i);
      COVALUE_ASSIGN_OR_RETURN(QuestionnaireItem item, Item(items[i], here));
      out.push_back(std::move(item));
    }
    return out;
  }

 private:
  void Warn(const std::string& path, std::string message) {
    warnings_.push_back({"warning", path, std::move(message)});
  }

  Result<QuestionnaireItem> Item(const json& element, const std::string& path) {
    QuestionnaireItem item;
    COVALUE_ASSIGN_OR_RETURN(item.link_id, String(element, "linkId", path, true));
    if (item.link_id.empty() || !link_ids_.insert(item.link_id).second) {
      return Fail(Invalid(path + ".linkId",
                          fmt::format("linkId '{}' is empty or used twice", item.link_id)));
    }
    const std::string where = fmt::format("{} ({})", path, item.link_id);
    COVALUE_ASSIGN_OR_RETURN(std::string type, String(element, "type", path, true));
    if (auto parsed = ParseItemType(type)) {
      item.type = *parsed;
    } else {
      item.type = ItemType::kString;
      item.read_only = true;
      Warn(where, fmt::format("item type '{}' is not a FHIR R4 type covalue reads; the item is "
                              "read-only",
                              type));
    }
    COVALUE_ASSIGN_OR_RETURN(item.codes, ReadCodings(element, "code", path));
    COVALUE_ASSIGN_OR_RETURN(item.text, String(element, "text", path, false));
    if (element.contains("_text")) {
      item.text_translations = TranslationsOf(element["_text"]);
    }
    COVALUE_ASSIGN_OR_RETURN(item.prefix, String(element, "prefix", path, false));
    COVALUE_ASSIGN_OR_RETURN(item.required, Bool(element, "required", path));
    COVALUE_ASSIGN_OR_RETURN(item.repeats, Bool(element, "repeats", path));
    COVALUE_ASSIGN_OR_RETURN(bool read_only, Bool(element, "readOnly", path));
    item.read_only = item.read_only || read_only;
    COVALUE_ASSIGN_OR_RETURN(auto max_length, Number(element, "maxLength", path, warnings_));
    if (max_length) {
      item.max_length = static_cast<int>(*max_length);
    }
    if (!Extensions(element, kCalculatedExtension).empty()) {
      item.calculated = true;  // written so by covalue: no expression to warn about
    }
    for (const char* url : kCalculatedExpressions) {
      if (!Extensions(element, url).empty()) {
        item.calculated = true;
        item.read_only = true;
        Warn(where,
             "its value is calculated by an expression covalue does not evaluate; the "
             "item is read-only (a total is computed from the answers instead)");
      }
    }
    COVALUE_RETURN_IF_ERROR(Limits(element, path, item));
    COVALUE_RETURN_IF_ERROR(Options(element, path, where, item));
    COVALUE_RETURN_IF_ERROR(Conditions(element, path, where, item));
    COVALUE_ASSIGN_OR_RETURN(item.items, Items(element, path));
    return item;
  }

  Status Limits(const json& element, const std::string& path, QuestionnaireItem& item) {
    for (const auto& [url, target] :
         {std::pair{kMinValue, &item.min_value}, std::pair{kMaxValue, &item.max_value}}) {
      for (const json* extension : Extensions(element, url)) {
        for (const char* name : {"valueInteger", "valueDecimal"}) {
          COVALUE_ASSIGN_OR_RETURN(auto value,
                                   Number(*extension, name, path + ".extension", warnings_));
          if (value) {
            *target = value;
          }
        }
      }
    }
    return Ok();
  }

  Status Options(const json& element, const std::string& path, const std::string& where,
                 QuestionnaireItem& item) {
    COVALUE_ASSIGN_OR_RETURN(json options, Array(element, "answerOption", path));
    for (std::size_t i = 0; i < options.size(); ++i) {
      const std::string here = fmt::format("{}.answerOption[{}]", path, i);
      std::string unsupported;
      COVALUE_ASSIGN_OR_RETURN(auto value,
                               ReadValue(options[i], "value", here, warnings_, &unsupported));
      if (!value) {
        return Fail(
            Invalid(here, unsupported.empty()
                              ? "has no value[x]"
                              : fmt::format("{} is not an answer covalue reads", unsupported)));
      }
      AnswerOption option{*value, std::nullopt, {}};
      if (value->kind == AnswerValue::Kind::kCoding &&
          options[i]["valueCoding"].contains("_display")) {
        option.display_translations = TranslationsOf(options[i]["valueCoding"]["_display"]);
      }
      COVALUE_ASSIGN_OR_RETURN(option.score, ScoreOf(options[i], here, warnings_));
      if (!option.score && value->kind == AnswerValue::Kind::kCoding) {
        COVALUE_ASSIGN_OR_RETURN(
            option.score, ScoreOf(options[i].at("valueCoding"), here + ".valueCoding", warnings_));
      }
      item.options.push_back(std::move(option));
    }
    COVALUE_ASSIGN_OR_RETURN(std::string reference, String(element, "answerValueSet", path, false));
    if (reference.empty()) {
      return Ok();
    }
    const json* value_set = value_sets_.Find(reference);
    if (value_set == nullptr) {
      Warn(where, fmt::format("the answer list {} is neither contained nor one covalue ships: "
                              "answers are not checked against it and do not score",
                              reference));
      return Ok();
    }
    COVALUE_ASSIGN_OR_RETURN(auto concepts, OptionsOf(*value_set, warnings_));
    item.options.insert(item.options.end(), concepts.begin(), concepts.end());
    return Ok();
  }

  Status Conditions(const json& element, const std::string& path, const std::string& where,
                    QuestionnaireItem& item) {
    COVALUE_ASSIGN_OR_RETURN(json conditions, Array(element, "enableWhen", path));
    for (std::size_t i = 0; i < conditions.size(); ++i) {
      const std::string here = fmt::format("{}.enableWhen[{}]", path, i);
      EnableWhen when;
      COVALUE_ASSIGN_OR_RETURN(when.question, String(conditions[i], "question", here, true));
      COVALUE_ASSIGN_OR_RETURN(std::string op, String(conditions[i], "operator", here, true));
      COVALUE_ASSIGN_OR_RETURN(auto parsed, ReadOperator(op));
      std::string unsupported;
      COVALUE_ASSIGN_OR_RETURN(auto answer,
                               ReadValue(conditions[i], "answer", here, warnings_, &unsupported));
      if (!parsed || !answer) {
        item.read_only = true;
        item.enable_when.clear();
        Warn(where, fmt::format("enableWhen[{}] ({} {}) is not a condition covalue evaluates; "
                                "the item is read-only and always shown",
                                i, op, unsupported.empty() ? "without an answer" : unsupported));
        return Ok();
      }
      when.op = *parsed;
      when.answer = *answer;
      item.enable_when.push_back(std::move(when));
    }
    COVALUE_ASSIGN_OR_RETURN(std::string behavior, String(element, "enableBehavior", path, false));
    if (!behavior.empty() && behavior != "all" && behavior != "any") {
      return Fail(Invalid(path + ".enableBehavior", "is neither 'all' nor 'any'"));
    }
    item.enable_when_all = behavior != "any";
    return Ok();
  }

  ValueSets value_sets_;
  std::vector<Issue>& warnings_;
  std::set<std::string> link_ids_;
};

// covalue's scoring extension: instrument, items, total, bands and subscales.
Result<std::optional<ScoringRule>> ReadScoringExtension(const json& resource,
                                                        std::vector<Issue>& warnings) {
  const auto extensions = Extensions(resource, kScoringExtension);
  if (extensions.empty()) {
    return std::optional<ScoringRule>();
  }
  const std::string path = "Questionnaire.extension(scoring)";
  ScoringRule rule;
  COVALUE_ASSIGN_OR_RETURN(json parts, Array(*extensions.front(), "extension", path));
  for (const json& part : parts) {
    const std::string url = part.value("url", "");
    if (url == "instrument") {
      COVALUE_ASSIGN_OR_RETURN(rule.instrument, String(part, "valueString", path, true));
    } else if (url == "item") {
      COVALUE_ASSIGN_OR_RETURN(std::string link_id, String(part, "valueString", path, true));
      rule.link_ids.push_back(link_id);
    } else if (url == "total") {
      COVALUE_ASSIGN_OR_RETURN(rule.total_link_id, String(part, "valueString", path, true));
    } else if (url == "band") {
      ScoreBand band;
      bool has_min = false;
      bool has_max = false;
      COVALUE_ASSIGN_OR_RETURN(json fields, Array(part, "extension", path + ".band"));
      for (const json& field : fields) {
        const std::string name = field.value("url", "");
        if (name == "label") {
          COVALUE_ASSIGN_OR_RETURN(band.label, String(field, "valueString", path, true));
        } else if (name == "min" || name == "max") {
          COVALUE_ASSIGN_OR_RETURN(auto value,
                                   Number(field, "valueDecimal", path + ".band", warnings));
          if (!value) {
            return Fail(Invalid(path + ".band", name + " has no valueDecimal"));
          }
          (name == "min" ? band.min : band.max) = *value;
          (name == "min" ? has_min : has_max) = true;
        }
      }
      if (!has_min || !has_max || band.label.empty()) {
        return Fail(Invalid(path + ".band", "a band has a min, a max and a label"));
      }
      rule.bands.push_back(std::move(band));
    } else if (url == "subscale") {
      Subscale subscale;
      COVALUE_ASSIGN_OR_RETURN(json fields, Array(part, "extension", path + ".subscale"));
      for (const json& field : fields) {
        const std::string name = field.value("url", "");
        COVALUE_ASSIGN_OR_RETURN(std::string value,
                                 String(field, "valueString", path + ".subscale", true));
        if (name == "name") {
          subscale.name = value;
        } else if (name == "item") {
          subscale.link_ids.push_back(value);
        }
      }
      if (subscale.name.empty() || subscale.link_ids.empty()) {
        return Fail(Invalid(path + ".subscale", "a subscale has a name and items"));
      }
      rule.subscales.push_back(std::move(subscale));
    }
  }
  return std::optional(rule);
}

// covalue's alert extensions, one rule each.
Result<std::vector<AlertRule>> ReadAlertExtensions(const json& resource,
                                                   std::vector<Issue>& warnings) {
  std::vector<AlertRule> rules;
  const auto extensions = Extensions(resource, kAlertExtension);
  for (std::size_t i = 0; i < extensions.size(); ++i) {
    const std::string path = fmt::format("Questionnaire.extension(alert)[{}]", i);
    AlertRule rule;
    bool has_threshold = false;
    COVALUE_ASSIGN_OR_RETURN(json parts, Array(*extensions[i], "extension", path));
    for (const json& part : parts) {
      const std::string url = part.value("url", "");
      if (url == "code" || url == "comparator" || url == "severity") {
        COVALUE_ASSIGN_OR_RETURN(std::string code, String(part, "valueCode", path, true));
        if (url == "code") {
          rule.code = code;
        } else if (url == "comparator") {
          const auto comparator = ParseAlertComparator(code);
          if (!comparator) {
            return Fail(Invalid(path + ".comparator", "is one of gt, ge, eq, le, lt"));
          }
          rule.comparator = *comparator;
        } else {
          const auto severity = ParseAlertSeverity(code);
          if (!severity) {
            return Fail(Invalid(path + ".severity", "is one of high, medium, low"));
          }
          rule.severity = *severity;
        }
      } else if (url == "item") {
        COVALUE_ASSIGN_OR_RETURN(rule.link_id, String(part, "valueString", path, true));
      } else if (url == "message") {
        COVALUE_ASSIGN_OR_RETURN(rule.message, String(part, "valueString", path, true));
      } else if (url == "threshold") {
        COVALUE_ASSIGN_OR_RETURN(auto value, Number(part, "valueDecimal", path, warnings));
        if (!value) {
          return Fail(Invalid(path + ".threshold", "threshold has a valueDecimal"));
        }
        rule.threshold = *value;
        has_threshold = true;
      }
    }
    if (!has_threshold) {
      return Fail(Invalid(path, "an alert rule has a threshold"));
    }
    rules.push_back(std::move(rule));
  }
  return rules;
}

Status CheckRule(const Questionnaire& q, const ScoringRule& rule) {
  std::vector<std::string> named = rule.link_ids;
  for (const Subscale& subscale : rule.subscales) {
    named.insert(named.end(), subscale.link_ids.begin(), subscale.link_ids.end());
  }
  if (!rule.total_link_id.empty()) {
    named.push_back(rule.total_link_id);
  }
  for (const std::string& link_id : named) {
    if (q.Find(link_id) == nullptr) {
      return Fail(
          Invalid("Questionnaire.extension(scoring)",
                  fmt::format("names item '{}', which the questionnaire does not have", link_id)));
    }
  }
  return Ok();
}

}  // namespace

Result<json> ParseResource(std::string_view text) {
  return http::ParseJsonObject(text, kMaxFhirDepth);
}

Result<ImportedQuestionnaire> ReadQuestionnaire(const json& resource) {
  if (resource.value("resourceType", "") != "Questionnaire") {
    return Fail(Invalid("resourceType", "is not 'Questionnaire'"));
  }
  ImportedQuestionnaire out;
  Questionnaire& q = out.questionnaire;
  const std::string path = "Questionnaire";
  COVALUE_ASSIGN_OR_RETURN(q.id, String(resource, "id", path, false));
  COVALUE_ASSIGN_OR_RETURN(q.url, String(resource, "url", path, false));
  COVALUE_ASSIGN_OR_RETURN(q.version, String(resource, "version", path, false));
  COVALUE_ASSIGN_OR_RETURN(q.name, String(resource, "name", path, false));
  COVALUE_ASSIGN_OR_RETURN(q.title, String(resource, "title", path, false));
  COVALUE_ASSIGN_OR_RETURN(q.status, String(resource, "status", path, false));
  COVALUE_ASSIGN_OR_RETURN(q.codes, ReadCodings(resource, "code", path));
  if (const auto subjects = resource.find("subjectType"); subjects != resource.end()) {
    for (std::size_t i = 0; subjects->is_array() && i < subjects->size(); ++i) {
      if (!(*subjects)[i].is_string()) {
        return Fail(
            Invalid(fmt::format("{}.subjectType[{}]", path, i), "is a resource type's name"));
      }
      q.subject_types.push_back((*subjects)[i].get<std::string>());
    }
    if (!subjects->is_array()) {
      return Fail(Invalid(path + ".subjectType", "is not an array"));
    }
  }
  QuestionnaireReader reader(resource, out.warnings);
  COVALUE_ASSIGN_OR_RETURN(q.items, reader.Items(resource, ""));
  if (q.items.empty()) {
    return Fail(Invalid("Questionnaire.item", "a questionnaire has at least one item"));
  }
  COVALUE_ASSIGN_OR_RETURN(q.scoring, ReadScoringExtension(resource, out.warnings));
  if (q.scoring) {
    COVALUE_RETURN_IF_ERROR(CheckRule(q, *q.scoring));
  } else {
    q.scoring = PublishedRule(q, out.warnings);
  }
  COVALUE_ASSIGN_OR_RETURN(q.alerts, ReadAlertExtensions(resource, out.warnings));
  if (q.alerts.empty()) {
    q.alerts = PublishedAlerts(q);  // safety does not depend on how a file was written
  }
  COVALUE_RETURN_IF_ERROR(ValidateAlertRules(q.alerts, q, "Questionnaire.extension(alert)"));
  if (const auto record = Extensions(resource, kRedcapRecordFieldExtension); !record.empty()) {
    COVALUE_ASSIGN_OR_RETURN(q.redcap_record_field,
                             String(*record.front(), "valueString", path + ".extension", false));
  }
  return out;
}

namespace {

Result<std::vector<ResponseItem>> ResponseItems(const json& parent, const std::string& path,
                                                std::vector<Issue>& warnings) {
  COVALUE_ASSIGN_OR_RETURN(json items, Array(parent, "item", path));
  std::vector<ResponseItem> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string here = fmt::format("{}[{}]", Member(path, "item"), i);
    ResponseItem item;
    COVALUE_ASSIGN_OR_RETURN(item.link_id, String(items[i], "linkId", here, true));
    COVALUE_ASSIGN_OR_RETURN(json answers, Array(items[i], "answer", here));
    for (std::size_t k = 0; k < answers.size(); ++k) {
      const std::string at = fmt::format("{}.answer[{}]", here, k);
      std::string unsupported;
      COVALUE_ASSIGN_OR_RETURN(auto value,
                               ReadValue(answers[k], "value", at, warnings, &unsupported));
      if (value) {
        item.answers.push_back(*value);
      } else if (!unsupported.empty()) {
        warnings.push_back(
            {"warning", at,
             fmt::format("{} is not an answer covalue reads; ignored", unsupported)});
      }
      // Items nested under an answer belong to the item's children for covalue.
      COVALUE_ASSIGN_OR_RETURN(auto nested, ResponseItems(answers[k], at, warnings));
      item.items.insert(item.items.end(), nested.begin(), nested.end());
    }
    COVALUE_ASSIGN_OR_RETURN(auto children, ResponseItems(items[i], here, warnings));
    item.items.insert(item.items.end(), children.begin(), children.end());
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

Result<QuestionnaireResponse> ReadQuestionnaireResponse(const json& resource,
                                                        std::vector<Issue>& warnings) {
  if (resource.value("resourceType", "") != "QuestionnaireResponse") {
    return Fail(Invalid("resourceType", "is not 'QuestionnaireResponse'"));
  }
  QuestionnaireResponse response;
  const std::string path = "QuestionnaireResponse";
  COVALUE_ASSIGN_OR_RETURN(response.questionnaire, String(resource, "questionnaire", path, false));
  COVALUE_ASSIGN_OR_RETURN(response.status, String(resource, "status", path, false));
  COVALUE_ASSIGN_OR_RETURN(response.items, ResponseItems(resource, "", warnings));
  return response;
}

}  // namespace covalue::fhir
