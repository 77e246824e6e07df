#include "domain/questionnaire.h"

#include <algorithm>
#include <array>
#include <utility>

#include "domain/name_table.h"

namespace covalue {
namespace {

constexpr std::array<std::pair<ItemType, std::string_view>, 16> kItemTypes = {{
    {ItemType::kGroup, "group"},
    {ItemType::kDisplay, "display"},
    {ItemType::kBoolean, "boolean"},
    {ItemType::kDecimal, "decimal"},
    {ItemType::kInteger, "integer"},
    {ItemType::kDate, "date"},
    {ItemType::kDateTime, "dateTime"},
    {ItemType::kTime, "time"},
    {ItemType::kString, "string"},
    {ItemType::kText, "text"},
    {ItemType::kUrl, "url"},
    {ItemType::kChoice, "choice"},
    {ItemType::kOpenChoice, "open-choice"},
    {ItemType::kAttachment, "attachment"},
    {ItemType::kReference, "reference"},
    {ItemType::kQuantity, "quantity"},
}};

const QuestionnaireItem* FindIn(const std::vector<QuestionnaireItem>& items,
                                std::string_view link_id) {
  for (const QuestionnaireItem& item : items) {
    if (item.link_id == link_id) {
      return &item;
    }
    if (const QuestionnaireItem* found = FindIn(item.items, link_id)) {
      return found;
    }
  }
  return nullptr;
}

}  // namespace

std::string_view ItemTypeName(ItemType type) { return NameIn(kItemTypes, type, "string"); }

std::optional<ItemType> ParseItemType(std::string_view name) { return ParseIn(kItemTypes, name); }

bool SameAnswer(const AnswerValue& a, const AnswerValue& b) {
  using Kind = AnswerValue::Kind;
  const bool numeric_a = a.kind == Kind::kDecimal || a.kind == Kind::kInteger;
  const bool numeric_b = b.kind == Kind::kDecimal || b.kind == Kind::kInteger;
  if (numeric_a && numeric_b) {
    return a.number == b.number;
  }
  if (a.kind != b.kind) {
    return false;
  }
  switch (a.kind) {
    case Kind::kBoolean:
      return a.boolean == b.boolean;
    case Kind::kCoding:
      return a.coding.code == b.coding.code &&
             (a.coding.system.empty() || b.coding.system.empty() ||
              a.coding.system == b.coding.system);
    default:
      return a.text == b.text;
  }
}

const QuestionnaireItem* Questionnaire::Find(std::string_view link_id) const {
  return FindIn(items, link_id);
}

bool Questionnaire::ForPatients() const {
  return subject_types.empty() ||
         std::find(subject_types.begin(), subject_types.end(), "Patient") != subject_types.end();
}

}  // namespace covalue
