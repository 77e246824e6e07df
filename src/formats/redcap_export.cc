#include "formats/redcap_export.h"

#include <map>

#include <fmt/format.h>

#include "formats/csv_file.h"

namespace covalue::formats {
namespace {

// REDCap's writing of an answer.
std::string ValueOf(const AnswerValue& a) {
  switch (a.kind) {
    case AnswerValue::Kind::kCoding:
      return a.coding.code;
    case AnswerValue::Kind::kBoolean:
      return a.boolean ? "1" : "0";
    case AnswerValue::Kind::kDecimal:
    case AnswerValue::Kind::kInteger:
      return fmt::format("{}", a.number);
    case AnswerValue::Kind::kDate:
      return a.text.substr(0, 10);
    case AnswerValue::Kind::kDateTime:  // "2026-03-02T09:30:00+01:00" → "2026-03-02 09:30"
      return a.text.size() >= 16 ? a.text.substr(0, 10) + " " + a.text.substr(11, 5) : a.text;
    case AnswerValue::Kind::kTime:
      return a.text.substr(0, 5);
    case AnswerValue::Kind::kString:
      return a.text;
  }
  return a.text;
}

// The fields REDCap imports, in the dictionary's order (groups walked into).
void Fields(const std::vector<QuestionnaireItem>& items,
            std::vector<const QuestionnaireItem*>& out) {
  for (const QuestionnaireItem& item : items) {
    if (item.type == ItemType::kGroup) {
      Fields(item.items, out);
    } else if (item.type != ItemType::kDisplay && !item.calculated && !item.read_only) {
      out.push_back(&item);
    }
  }
}

void Answers(const std::vector<ResponseItem>& items,
             std::map<std::string, const std::vector<AnswerValue>*>& out) {
  for (const ResponseItem& item : items) {
    out[item.link_id] = &item.answers;
    Answers(item.items, out);
  }
}

}  // namespace

std::string WriteRedcapImport(const Questionnaire& q,
                              const std::vector<RecordResponse>& responses) {
  std::vector<const QuestionnaireItem*> fields;
  Fields(q.items, fields);
  std::vector<std::string> header = {
      q.redcap_record_field.empty() ? "record_id" : q.redcap_record_field,
      "redcap_repeat_instrument", "redcap_repeat_instance"};
  for (const QuestionnaireItem* f : fields) {
    if (f->repeats && !f->options.empty()) {
      for (const AnswerOption& option : f->options) {
        header.push_back(f->link_id + "___" + option.value.coding.code);
      }
    } else {
      header.push_back(f->link_id);
    }
  }
  header.push_back(q.name + "_complete");
  std::string out = CsvRow(header);
  std::map<std::string, int> instances;
  for (const RecordResponse& r : responses) {
    std::map<std::string, const std::vector<AnswerValue>*> given;
    Answers(r.response.items, given);
    std::vector<std::string> row = {r.record_id, q.name, std::to_string(++instances[r.record_id])};
    for (const QuestionnaireItem* f : fields) {
      const auto found = given.find(f->link_id);
      const std::vector<AnswerValue>* answers = found == given.end() ? nullptr : found->second;
      if (f->repeats && !f->options.empty()) {
        for (const AnswerOption& option : f->options) {
          bool ticked = false;
          for (const AnswerValue& a : answers ? *answers : std::vector<AnswerValue>{}) {
            ticked = ticked || a.coding.code == option.value.coding.code;
          }
          row.push_back(answers ? (ticked ? "1" : "0") : "");
        }
      } else {
        row.push_back(answers && !answers->empty() ? ValueOf(answers->front()) : "");
      }
    }
    row.push_back(r.response.status == "completed" ? "2" : "0");
    out += CsvRow(row);
  }
  return out;
}

}  // namespace covalue::formats
