#include "formats/redcap_dictionary.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "formats/csv_file.h"
#include "formats/redcap_branching.h"

namespace covalue::formats {
namespace {

using redcap::Choice;
using redcap::CodeValue;
using redcap::Comparison;
using redcap::ConditionOf;
using redcap::HeadingLanguage;
using redcap::IsFieldName;
using redcap::Lower;
using redcap::ParseBranching;
using redcap::ParseNumber;
using redcap::SplitChoices;
using redcap::StripTags;
using redcap::Trim;

enum Column : std::size_t {
  kName,
  kForm,
  kSection,
  kType,
  kLabel,
  kChoices,
  kValidation,
  kMin,
  kMax,
  kBranching,
  kRequired,
  kColumnCount
};

struct ColumnSpec {
  Column column;
  std::string_view heading;  // how REDCap's heading starts, lower-cased
  bool required;
};

constexpr std::array<ColumnSpec, kColumnCount> kColumns = {{
    {kName, "variable / field name", true},
    {kForm, "form name", true},
    {kSection, "section header", false},
    {kType, "field type", true},
    {kLabel, "field label", true},
    {kChoices, "choices, calculations", false},
    {kValidation, "text validation type", false},
    {kMin, "text validation min", false},
    {kMax, "text validation max", false},
    {kBranching, "branching logic", false},
    {kRequired, "required field", false},
}};

// A column of texts in another language: "Field Label:sv" translates the field labels into
// Swedish (also "Section Header:…" and "Choices, Calculations, OR Slider Labels:…").
struct LanguageColumn {
  Column column;    // the column it translates
  std::string tag;  // "sv"
  std::size_t at;   // its place in the row
};

struct Field {
  std::size_t line = 0;
  std::array<std::string, kColumnCount> cells;
  std::vector<std::string> translated;  // per language column, in the order of languages_
};

// The fields a calc sums: "[a] + [b]" or "sum([a], [b])"; nullopt for any other expression.
std::optional<std::vector<std::string>> SummedFields(std::string_view expression) {
  std::string compact;
  for (char c : expression) {
    if (std::isspace(static_cast<unsigned char>(c)) == 0) {
      compact += c;
    }
  }
  std::string_view rest = compact;
  char separator = '+';
  if (Lower(std::string(rest.substr(0, 4))) == "sum(" && rest.size() > 5 && rest.back() == ')') {
    rest = rest.substr(4, rest.size() - 5);
    separator = ',';
  }
  std::vector<std::string> fields;
  while (!rest.empty()) {
    const std::size_t end = rest.find(separator);
    const std::string_view term = rest.substr(0, end);
    if (term.size() < 3 || term.front() != '[' || term.back() != ']' ||
        !IsFieldName(term.substr(1, term.size() - 2))) {
      return std::nullopt;
    }
    fields.emplace_back(term.substr(1, term.size() - 2));
    if (end == std::string_view::npos) {
      break;
    }
    rest = rest.substr(end + 1);
    if (rest.empty()) {
      return std::nullopt;
    }
  }
  if (fields.size() < 2) {
    return std::nullopt;
  }
  return fields;
}

class DictionaryReader {
 public:
  explicit DictionaryReader(DictionaryOf of) : of_(of) {}

  Status Header(const CsvRecord& record) {
    columns_.fill(std::string::npos);
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
      const std::string heading = Lower(Trim(record.fields[i]));
      if (heading.find(':') != std::string::npos) {
        COVALUE_RETURN_IF_ERROR(LanguageHeading(record, i));
        continue;
      }
      for (const ColumnSpec& spec : kColumns) {
        if (heading.rfind(spec.heading, 0) == 0 && columns_[spec.column] == std::string::npos) {
          columns_[spec.column] = i;
        }
      }
    }
    for (const ColumnSpec& spec : kColumns) {
      if (spec.required && columns_[spec.column] == std::string::npos) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("line {}: no '{}' column: not a REDCap data dictionary",
                                record.line, spec.heading),
                    fmt::format("line {}", record.line));
      }
    }
    return Ok();
  }

  Status Row(const CsvRecord& record) {
    Field field;
    field.line = record.line;
    for (const LanguageColumn& language : languages_) {
      field.translated.push_back(
          language.at < record.fields.size() ? Trim(record.fields[language.at]) : std::string());
    }
    bool blank = true;
    for (const ColumnSpec& spec : kColumns) {
      const std::size_t at = columns_[spec.column];
      if (at != std::string::npos && at < record.fields.size()) {
        field.cells[spec.column] = Trim(record.fields[at]);
        blank = blank && field.cells[spec.column].empty();
      }
    }
    if (blank) {
      return Ok();
    }
    return Add(field);
  }

  Result<std::vector<ImportedQuestionnaire>> Finish() {
    if (forms_.empty()) {
      return Fail(ErrorCode::kInvalidArgument, "the data dictionary has no fields");
    }
    for (Form& form : forms_) {
      AddScoring(form);
      AddBranching(form);
    }
    std::vector<ImportedQuestionnaire> out;
    out.reserve(forms_.size());
    for (Form& form : forms_) {
      form.questionnaire.redcap_record_field = record_field_;
      out.push_back({std::move(form.questionnaire), std::move(form.warnings)});
    }
    if (!record_field_.empty()) {
      out.front().warnings.insert(
          out.front().warnings.begin(),
          {"warning", fmt::format("line {} ({})", record_line_, record_field_),
           "the project's record-id field is not asked: covalue names each record by the "
           "patient's identifier, and exports it in this column"});
    }
    return out;
  }

 private:
  struct Form {
    Questionnaire questionnaire;
    std::vector<Issue> warnings;
    std::vector<std::pair<std::string, std::vector<std::string>>> sums;  // calc → fields
    std::vector<std::pair<std::string, std::string>> branching;          // field → logic
    std::map<std::string, std::size_t> lines;                            // field → CSV line
  };

  // A heading with a ':' translates a column of texts into the language after it; any other
  // column with a ':' is refused, so that a misspelt language is never dropped in silence.
  Status LanguageHeading(const CsvRecord& record, std::size_t i) {
    const std::string written = Trim(record.fields[i]);
    const std::string base = Lower(Trim(std::string_view(written).substr(0, written.find(':'))));
    for (const Column column : {kLabel, kSection, kChoices}) {
      if (base.rfind(kColumns[column].heading, 0) != 0) {
        continue;
      }
      const std::optional<std::string> tag = HeadingLanguage(written);
      if (!tag) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("line {}: the column '{}' names no language tag after ':' (as in "
                                "'Field Label:sv')",
                                record.line, written),
                    fmt::format("line {}", record.line));
      }
      for (const LanguageColumn& known : languages_) {
        if (known.column == column && known.tag == *tag) {
          return Fail(ErrorCode::kInvalidArgument,
                      fmt::format("line {}: the column '{}' is there twice", record.line, written),
                      fmt::format("line {}", record.line));
        }
      }
      languages_.push_back({column, *tag, i});
      return Ok();
    }
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("line {}: the column '{}' is not a REDCap column nor a translation of "
                            "Field Label, Section Header or Choices (as in 'Field Label:sv')",
                            record.line, written),
                fmt::format("line {}", record.line));
  }

  // The field's texts in other languages: its label, its section header's and its choices'
  // labels (code by code: a code the field does not have is refused).
  Status Translate(Form& form, const Field& field, QuestionnaireItem* section,
                   QuestionnaireItem& item) {
    for (std::size_t k = 0; k < languages_.size(); ++k) {
      const LanguageColumn& language = languages_[k];
      const std::string& text = field.translated[k];
      if (text.empty()) {
        continue;
      }
      if (language.column == kLabel) {
        item.text_translations[language.tag] = StripTags(text);
      } else if (language.column == kSection) {
        if (section != nullptr) {
          section->text_translations[language.tag] = StripTags(text);
        }
      } else if (item.options.empty()) {
        Warn(form, field,
             fmt::format("the field has no choices to translate into {}; that column's text is "
                         "not used",
                         language.tag));
      } else {
        COVALUE_RETURN_IF_ERROR(TranslateChoices(field, language.tag, text, item));
      }
    }
    return Ok();
  }

  static Status TranslateChoices(const Field& field, const std::string& tag, std::string_view cell,
                                 QuestionnaireItem& item) {
    std::string bad;
    const auto choices = SplitChoices(cell, bad);
    for (const Choice& choice : choices.value_or(std::vector<Choice>{})) {
      AnswerOption* option = nullptr;
      for (AnswerOption& o : item.options) {
        option = o.value.coding.code == choice.code ? &o : option;
      }
      if (option == nullptr) {
        bad = fmt::format("{}, {}", choice.code, choice.label);
        break;
      }
      option->display_translations[tag] = choice.label;
    }
    if (!bad.empty()) {
      return Fail(LineError(
          field.line, item.link_id,
          fmt::format("the choice '{}' in {} is not 'code, label' with one of the field's codes",
                      bad, tag)));
    }
    return Ok();
  }

  static Error LineError(std::size_t line, const std::string& field, const std::string& message) {
    return Error{ErrorCode::kInvalidArgument,
                 fmt::format("line {}{}: {}", line,
                             field.empty() ? "" : fmt::format(" ({})", field), message),
                 fmt::format("line {}", line)};
  }

  Form& FormNamed(const std::string& name) {
    for (Form& form : forms_) {
      if (form.questionnaire.name == name) {
        return form;
      }
    }
    Form form;
    form.questionnaire.id = name;
    form.questionnaire.name = name;
    std::string title = name;
    std::replace(title.begin(), title.end(), '_', ' ');
    title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
    form.questionnaire.title = title;
    forms_.push_back(std::move(form));
    return forms_.back();
  }

  static void Warn(Form& form, const Field& field, std::string message) {
    form.warnings.push_back({"warning", fmt::format("line {} ({})", field.line, field.cells[kName]),
                             std::move(message)});
  }

  Status Add(const Field& field) {
    const std::string& name = field.cells[kName];
    if (!IsFieldName(name)) {
      return Fail(LineError(field.line, "",
                            fmt::format("'{}' is not a REDCap field name (lower-case letters, "
                                        "digits and '_', starting with a letter)",
                                        name)));
    }
    if (!names_.insert(name).second) {
      return Fail(LineError(field.line, name, "the field name is used twice"));
    }
    if (field.cells[kForm].empty()) {
      return Fail(LineError(field.line, name, "the form name is empty"));
    }
    if (of_ == DictionaryOf::kProject && record_field_.empty()) {
      // The project's record id: never asked, kept for exports back to REDCap.
      record_field_ = name;
      record_line_ = field.line;
      return Ok();
    }
    Form& form = FormNamed(field.cells[kForm]);
    form.lines[name] = field.line;
    std::optional<QuestionnaireItem> section;
    if (!field.cells[kSection].empty()) {
      section.emplace();
      section->link_id = name + "-section";
      section->type = ItemType::kDisplay;
      section->text = StripTags(field.cells[kSection]);
    }
    QuestionnaireItem item;
    item.link_id = name;
    item.text = StripTags(field.cells[kLabel]);
    item.required = Lower(field.cells[kRequired]) == "y";
    COVALUE_RETURN_IF_ERROR(Shape(form, field, item));
    COVALUE_RETURN_IF_ERROR(Translate(form, field, section ? &*section : nullptr, item));
    if (section) {
      form.questionnaire.items.push_back(std::move(*section));
    }
    if (!field.cells[kBranching].empty()) {
      form.branching.emplace_back(name, field.cells[kBranching]);
    }
    form.questionnaire.items.push_back(std::move(item));
    return Ok();
  }

  // The item's type, options and limits from the field type, choices and validation.
  Status Shape(Form& form, const Field& field, QuestionnaireItem& item) {
    const std::string type = Lower(field.cells[kType]);
    if (type == "dropdown" || type == "radio" || type == "checkbox") {
      item.type = ItemType::kChoice;
      item.repeats = type == "checkbox";
      return Choices(field, item);
    }
    if (type == "yesno" || type == "truefalse") {
      item.type = ItemType::kChoice;
      const bool yes = type == "yesno";
      item.options = {{CodeValue("1"), 1.0}, {CodeValue("0"), 0.0}};
      item.options[0].value.coding.display = yes ? "Yes" : "True";
      item.options[1].value.coding.display = yes ? "No" : "False";
      return Ok();
    }
    if (type == "text") {
      return Validation(form, field, item);
    }
    if (type == "notes") {
      item.type = ItemType::kText;
    } else if (type == "descriptive") {
      item.type = ItemType::kDisplay;
    } else if (type == "slider") {
      item.type = ItemType::kInteger;
      item.min_value = 0;
      item.max_value = 100;
    } else if (type == "calc") {
      item.type = ItemType::kDecimal;
      item.calculated = true;
      item.read_only = true;
      if (auto fields = SummedFields(field.cells[kChoices])) {
        form.sums.emplace_back(item.link_id, std::move(*fields));
      } else {
        Warn(form, field,
             fmt::format("the calculation '{}' is not a sum of fields covalue computes; the item "
                         "is read-only",
                         field.cells[kChoices]));
      }
    } else {
      item.type = ItemType::kString;
      item.read_only = true;
      Warn(form, field,
           fmt::format("field type '{}' is not one covalue interprets; the item is read-only",
                       field.cells[kType]));
    }
    return Ok();
  }

  static Status Choices(const Field& field, QuestionnaireItem& item) {
    if (Trim(field.cells[kChoices]).empty()) {
      return Fail(LineError(field.line, item.link_id, "a choice field lists its choices"));
    }
    std::string bad;
    const auto choices = SplitChoices(field.cells[kChoices], bad);
    if (!choices) {
      return Fail(LineError(field.line, item.link_id,
                            fmt::format("the choice '{}' is not 'code, label'", bad)));
    }
    for (const Choice& choice : *choices) {
      AnswerOption option{CodeValue(choice.code), ParseNumber(choice.code)};
      option.value.coding.display = choice.label;
      item.options.push_back(std::move(option));
    }
    return Ok();
  }

  static Status Validation(Form& form, const Field& field, QuestionnaireItem& item) {
    const std::string validation = Lower(field.cells[kValidation]);
    item.type = ItemType::kString;
    if (validation.empty()) {
      return Ok();
    }
    if (validation == "integer") {
      item.type = ItemType::kInteger;
    } else if (validation == "number" || validation.rfind("number_", 0) == 0) {
      item.type = ItemType::kDecimal;
    } else if (validation.rfind("date_", 0) == 0) {
      item.type = ItemType::kDate;
    } else if (validation.rfind("datetime_", 0) == 0) {
      item.type = ItemType::kDateTime;
    } else if (validation == "time") {
      item.type = ItemType::kTime;
    } else {
      item.read_only = true;
      Warn(form, field,
           fmt::format("validation type '{}' is not one covalue checks; the item is read-only",
                       field.cells[kValidation]));
      return Ok();
    }
    for (const auto& [column, target] :
         {std::pair{kMin, &item.min_value}, std::pair{kMax, &item.max_value}}) {
      const std::string& text = field.cells[column];
      if (text.empty()) {
        continue;
      }
      const auto number = ParseNumber(text);
      if (number && (item.type == ItemType::kInteger || item.type == ItemType::kDecimal)) {
        *target = number;
      } else {
        Warn(form, field,
             fmt::format("the {} '{}' is not a number covalue checks; it is not enforced",
                         column == kMin ? "minimum" : "maximum", text));
      }
    }
    return Ok();
  }

  // The form's sums become its scoring rule: the one over most items is the total, those over a
  // part of its items are subscales. A sum over a field that does not score is dropped.
  static void AddScoring(Form& form) {
    Questionnaire& q = form.questionnaire;
    std::vector<std::pair<std::string, std::vector<std::string>>> usable;
    for (auto& [calc, fields] : form.sums) {
      std::string problem;
      for (const std::string& name : fields) {
        const QuestionnaireItem* item = q.Find(name);
        const bool numeric = item != nullptr &&
                             (item->type == ItemType::kInteger ||
                              item->type == ItemType::kDecimal || item->type == ItemType::kChoice);
        if (!numeric) {
          problem = fmt::format("sums '{}', which is not a numeric or choice field of form {}",
                                name, q.name);
          break;
        }
      }
      if (problem.empty()) {
        usable.emplace_back(calc, fields);
      } else {
        form.warnings.push_back({"warning", fmt::format("line {} ({})", form.lines[calc], calc),
                                 "the calculation " + problem + "; it is read-only"});
      }
    }
    if (usable.empty()) {
      return;
    }
    std::stable_sort(usable.begin(), usable.end(), [](const auto& a, const auto& b) {
      return a.second.size() > b.second.size();
    });
    ScoringRule rule;
    rule.total_link_id = usable.front().first;
    rule.link_ids = usable.front().second;
    const std::set<std::string> total(rule.link_ids.begin(), rule.link_ids.end());
    for (std::size_t i = 1; i < usable.size(); ++i) {
      const auto& fields = usable[i].second;
      if (std::all_of(fields.begin(), fields.end(),
                      [&](const std::string& f) { return total.contains(f); })) {
        rule.subscales.push_back({usable[i].first, fields});
      }
    }
    q.scoring = std::move(rule);
  }

  static void AddBranching(Form& form) {
    for (const auto& [name, logic] : form.branching) {
      QuestionnaireItem* item = FindMutable(form.questionnaire.items, name);
      const auto parsed = ParseBranching(logic);
      std::vector<EnableWhen> conditions;
      bool understood = parsed.has_value();
      for (std::size_t i = 0; understood && i < parsed->comparisons.size(); ++i) {
        const Comparison& c = parsed->comparisons[i];
        const QuestionnaireItem* target = form.questionnaire.Find(c.field);
        const auto condition = target != nullptr ? ConditionOf(c, *target) : std::nullopt;
        understood = condition.has_value();
        if (condition) {
          conditions.push_back(*condition);
        }
      }
      if (understood) {
        item->enable_when = std::move(conditions);
        item->enable_when_all = parsed->all;
      } else {
        item->read_only = true;
        form.warnings.push_back(
            {"warning", fmt::format("line {} ({})", form.lines[name], name),
             fmt::format("the branching logic '{}' is not one covalue evaluates (comparisons of "
                         "a field of this form with a value, joined by all 'and' or all 'or'); "
                         "the item is read-only and always shown",
                         logic)});
      }
    }
  }

  static QuestionnaireItem* FindMutable(std::vector<QuestionnaireItem>& items,
                                        const std::string& link_id) {
    for (QuestionnaireItem& item : items) {
      if (item.link_id == link_id) {
        return &item;
      }
    }
    return nullptr;
  }

  DictionaryOf of_;
  std::string record_field_;
  std::size_t record_line_ = 0;
  std::array<std::size_t, kColumnCount> columns_{};
  std::vector<LanguageColumn> languages_;
  std::vector<Form> forms_;
  std::set<std::string> names_;
};

}  // namespace

Result<std::vector<ImportedQuestionnaire>> ReadRedcapDictionary(std::string_view csv,
                                                                DictionaryOf of) {
  DictionaryReader reader(of);
  bool header = true;
  COVALUE_RETURN_IF_ERROR(ReadCsv(csv, [&](const CsvRecord& record) -> Status {
    if (header) {
      header = false;
      return reader.Header(record);
    }
    return reader.Row(record);
  }));
  if (header) {
    return Fail(ErrorCode::kInvalidArgument, "the data dictionary is empty");
  }
  return reader.Finish();
}

}  // namespace covalue::formats
