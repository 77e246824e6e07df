#include "domain/scoring.h"

#include <cmath>
#include <functional>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace covalue {
namespace {

void Collect(const std::vector<ResponseItem>& items, AnswersByLinkId& out) {
  for (const ResponseItem& item : items) {
    auto& answers = out[item.link_id];
    for (const AnswerValue& answer : item.answers) {
      answers.push_back(&answer);
    }
    Collect(item.items, out);
  }
}

// Orders two values of the same kind: numbers by value, dates and times as written (ISO 8601
// sorts as text). nullopt when they do not compare.
std::optional<int> Compare(const AnswerValue& a, const AnswerValue& b) {
  using Kind = AnswerValue::Kind;
  const auto numeric = [](const AnswerValue& v) {
    return v.kind == Kind::kDecimal || v.kind == Kind::kInteger;
  };
  if (numeric(a) && numeric(b)) {
    return a.number < b.number ? -1 : (a.number > b.number ? 1 : 0);
  }
  if (a.kind == b.kind && (a.kind == Kind::kDate || a.kind == Kind::kDateTime ||
                           a.kind == Kind::kTime || a.kind == Kind::kString)) {
    const int c = a.text.compare(b.text);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  return std::nullopt;
}

bool Holds(const EnableWhen& condition, const AnswersByLinkId& answers) {
  const auto found = answers.find(condition.question);
  const bool answered = found != answers.end() && !found->second.empty();
  if (condition.op == EnableOperator::kExists) {
    return answered == condition.answer.boolean;
  }
  if (!answered) {
    return false;
  }
  for (const AnswerValue* given : found->second) {
    bool holds = false;
    if (condition.op == EnableOperator::kEqual) {
      holds = SameAnswer(*given, condition.answer);
    } else if (condition.op == EnableOperator::kNotEqual) {
      holds = !SameAnswer(*given, condition.answer);
    } else if (const auto order = Compare(*given, condition.answer)) {
      switch (condition.op) {
        case EnableOperator::kGreater:
          holds = *order > 0;
          break;
        case EnableOperator::kLess:
          holds = *order < 0;
          break;
        case EnableOperator::kGreaterOrEqual:
          holds = *order >= 0;
          break;
        default:
          holds = *order <= 0;
          break;
      }
    }
    if (holds) {
      return true;
    }
  }
  return false;
}

// The link ids of the items that are switched on, with their parents' link ids.
struct Shape {
  std::set<std::string> enabled;
  std::map<std::string, std::string> parent;  // link id → parent's link id ("" at the top)
};

void Walk(const std::vector<QuestionnaireItem>& items, const std::string& parent,
          bool parent_enabled, const AnswersByLinkId& answers, Shape& shape) {
  for (const QuestionnaireItem& item : items) {
    const bool enabled = parent_enabled && Enabled(item, answers);
    if (enabled) {
      shape.enabled.insert(item.link_id);
    }
    shape.parent[item.link_id] = parent;
    Walk(item.items, item.link_id, enabled, answers, shape);
  }
}

// Warns once when the response puts an item under another parent than the questionnaire does,
// and for each item the questionnaire does not have.
void CheckNesting(const std::vector<ResponseItem>& items, const std::string& parent,
                  const Shape& shape, bool& warned, std::vector<Issue>& issues) {
  for (const ResponseItem& item : items) {
    const auto expected = shape.parent.find(item.link_id);
    if (expected == shape.parent.end()) {
      issues.push_back({"warning", item.link_id, "not an item of the questionnaire; ignored"});
    } else if (expected->second != parent && !warned) {
      warned = true;
      issues.push_back(
          {"warning", item.link_id,
           fmt::format("the response nests this item under '{}', the questionnaire under '{}': "
                       "answers are scored by linkId",
                       parent, expected->second)});
    }
    CheckNesting(item.items, item.link_id, shape, warned, issues);
  }
}

bool HasScores(const QuestionnaireItem& item) {
  for (const AnswerOption& option : item.options) {
    if (option.score) {
      return true;
    }
  }
  return false;
}

void ScoredItems(const std::vector<QuestionnaireItem>& items, std::vector<std::string>& out) {
  for (const QuestionnaireItem& item : items) {
    if (!item.calculated && HasScores(item)) {
      out.push_back(item.link_id);
    }
    ScoredItems(item.items, out);
  }
}

std::string Describe(const AnswerValue& value) {
  switch (value.kind) {
    case AnswerValue::Kind::kCoding:
      return value.coding.system.empty() ? value.coding.code
                                         : value.coding.system + "|" + value.coding.code;
    case AnswerValue::Kind::kBoolean:
      return value.boolean ? "true" : "false";
    case AnswerValue::Kind::kDecimal:
    case AnswerValue::Kind::kInteger:
      return fmt::format("{}", value.number);
    default:
      return value.text;
  }
}

// The ordinal value of one answer to item.
Result<double> ValueOf(const QuestionnaireItem& item, const AnswerValue& answer) {
  if (item.options.empty() &&
      (answer.kind == AnswerValue::Kind::kInteger || answer.kind == AnswerValue::Kind::kDecimal)) {
    return answer.number;  // a numeric item named by the rule counts with its value
  }
  for (const AnswerOption& option : item.options) {
    if (SameAnswer(option.value, answer)) {
      if (!option.score) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{}: the option '{}' has no ordinal value to score", item.link_id,
                                Describe(answer)),
                    item.link_id);
      }
      return *option.score;
    }
  }
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("{}: the answer '{}' is not one of the item's options", item.link_id,
                          Describe(answer)),
              item.link_id);
}

}  // namespace

AnswersByLinkId CollectAnswers(const QuestionnaireResponse& response) {
  AnswersByLinkId out;
  Collect(response.items, out);
  return out;
}

bool Enabled(const QuestionnaireItem& item, const AnswersByLinkId& answers) {
  if (item.enable_when.empty()) {
    return true;
  }
  for (const EnableWhen& condition : item.enable_when) {
    const bool holds = Holds(condition, answers);
    if (holds && !item.enable_when_all) {
      return true;
    }
    if (!holds && item.enable_when_all) {
      return false;
    }
  }
  return item.enable_when_all;
}

Result<Scores> ScoreResponse(const Questionnaire& questionnaire,
                             const QuestionnaireResponse& response) {
  Scores scores;
  const AnswersByLinkId answers = CollectAnswers(response);
  Shape shape;
  Walk(questionnaire.items, "", true, answers, shape);
  bool warned = false;
  CheckNesting(response.items, "", shape, warned, scores.issues);

  const ScoringRule rule = questionnaire.scoring.value_or(ScoringRule{});
  std::vector<std::string> scored = rule.link_ids;
  if (scored.empty()) {
    ScoredItems(questionnaire.items, scored);
  }
  if (scored.empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                "the questionnaire has no scored items: no answer option carries an ordinal value");
  }
  // The ordinal value of each answered, enabled item of the total; "" for an unanswered one.
  std::map<std::string, std::optional<double>> values;
  for (const std::string& link_id : scored) {
    const QuestionnaireItem* item = questionnaire.Find(link_id);
    if (item == nullptr || !shape.enabled.contains(link_id)) {
      values[link_id] = 0.0;  // not asked: counts for nothing
      continue;
    }
    const auto found = answers.find(link_id);
    if (found == answers.end() || found->second.empty()) {
      values[link_id] = std::nullopt;
      continue;
    }
    if (found->second.size() > 1) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{}: answered {} times; a scored item takes one answer", link_id,
                              found->second.size()),
                  link_id);
    }
    COVALUE_ASSIGN_OR_RETURN(double value, ValueOf(*item, *found->second.front()));
    values[link_id] = value;
  }

  const auto sum = [&](const std::vector<std::string>& link_ids,
                       std::vector<std::string>& missing) -> std::optional<double> {
    double total = 0;
    for (const std::string& link_id : link_ids) {
      auto value = values.find(link_id);
      if (value == values.end()) {
        const QuestionnaireItem* item = questionnaire.Find(link_id);
        const auto given = answers.find(link_id);
        if (item == nullptr || given == answers.end() || given->second.size() != 1) {
          missing.push_back(link_id);
          continue;
        }
        auto scored_value = ValueOf(*item, *given->second.front());
        value = values.emplace(link_id, scored_value ? std::optional(*scored_value) : std::nullopt)
                    .first;
      }
      if (!value->second) {
        missing.push_back(link_id);
      } else {
        total += *value->second;
      }
    }
    return missing.empty() ? std::optional(total) : std::nullopt;
  };

  std::vector<std::string> missing;
  scores.total = sum(scored, missing);
  if (!scores.total) {
    scores.issues.push_back({"warning", missing.front(),
                             fmt::format("{} of {} scored items have no answer ({}): no total is "
                                         "given over part of the items",
                                         missing.size(), scored.size(), fmt::join(missing, ", "))});
  } else {
    for (const ScoreBand& band : rule.bands) {
      if (*scores.total >= band.min && *scores.total <= band.max) {
        scores.band = band.label;
        break;
      }
    }
  }
  for (const Subscale& subscale : rule.subscales) {
    std::vector<std::string> subscale_missing;
    if (auto value = sum(subscale.link_ids, subscale_missing)) {
      scores.subscales[subscale.name] = *value;
    } else {
      scores.issues.push_back({"warning", subscale.name,
                               fmt::format("subscale {} is not given: no answer to {}",
                                           subscale.name, fmt::join(subscale_missing, ", "))});
    }
  }

  // A total stored in the response is compared with the answers, never used.
  std::string total_link_id = rule.total_link_id;
  if (total_link_id.empty()) {
    std::function<void(const std::vector<QuestionnaireItem>&)> find_calculated =
        [&](const auto& items) {
          for (const QuestionnaireItem& item : items) {
            if (total_link_id.empty() && item.calculated &&
                (item.type == ItemType::kInteger || item.type == ItemType::kDecimal)) {
              total_link_id = item.link_id;
            }
            find_calculated(item.items);
          }
        };
    find_calculated(questionnaire.items);
  }
  if (const auto stored = answers.find(total_link_id);
      !total_link_id.empty() && stored != answers.end() && !stored->second.empty()) {
    const AnswerValue& value = *stored->second.front();
    const bool numeric =
        value.kind == AnswerValue::Kind::kInteger || value.kind == AnswerValue::Kind::kDecimal;
    if (!numeric) {
      scores.issues.push_back(
          {"warning", total_link_id, "the stored total is not a number; it is ignored"});
    } else if (scores.total && std::fabs(value.number - *scores.total) > 1e-9) {
      scores.issues.push_back(
          {"warning", total_link_id,
           fmt::format("the stored total {} disagrees with the answers, which sum to {}; the "
                       "computed total is used",
                       value.number, *scores.total)});
    }
  }
  return scores;
}

}  // namespace covalue
