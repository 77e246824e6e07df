#include "domain/stratification.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <set>

#include <fmt/format.h>

#include "domain/validation.h"

namespace covalue {
namespace {

constexpr std::string_view kOpNames[] = {"eq", "ne", "lt", "le", "gt", "ge", "in"};

std::optional<double> NumberOf(std::string_view text) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

// <0, 0, >0 as a is below, equal to or above b.
int Compare(std::string_view a, std::string_view b) {
  const auto x = NumberOf(a);
  const auto y = NumberOf(b);
  if (x && y) return *x < *y ? -1 : *x > *y ? 1 : 0;
  return a.compare(b) < 0 ? -1 : a.compare(b) > 0 ? 1 : 0;
}

bool Holds(ConditionOp op, int c) {
  switch (op) {
    case ConditionOp::kEq: return c == 0;
    case ConditionOp::kNe: return c != 0;
    case ConditionOp::kLt: return c < 0;
    case ConditionOp::kLe: return c <= 0;
    case ConditionOp::kGt: return c > 0;
    case ConditionOp::kGe: return c >= 0;
    case ConditionOp::kIn: return c == 0;
  }
  return false;
}

bool Holds(const StratumCondition& condition, const StratumSubject& subject) {
  // compare(v): how the person's value stands against the condition's value v.
  std::function<int(const std::string&)> compare;
  if (condition.observation) {
    const auto found = subject.latest.find(condition.name);
    if (found == subject.latest.end()) return false;
    const double x = found->second;
    compare = [x](const std::string& v) {
      const double y = NumberOf(v).value_or(0);  // validated to be a number
      return x < y ? -1 : x > y ? 1 : 0;
    };
  } else {
    const auto found = subject.fields.find(condition.name);
    if (found == subject.fields.end()) return false;
    compare = [&value = found->second](const std::string& v) { return Compare(value, v); };
  }
  if (condition.op == ConditionOp::kIn) {
    return std::any_of(condition.values.begin(), condition.values.end(),
                       [&](const std::string& v) { return compare(v) == 0; });
  }
  return Holds(condition.op, compare(condition.values.front()));
}

bool IsPlainCode(std::string_view code) {
  return !code.empty() && code.size() <= 64 &&
         std::all_of(code.begin(), code.end(), [](char c) {
           return static_cast<unsigned char>(c) > ' ' && c != 0x7f && c != '|';
         });
}

Status ValidateCondition(const StratumCondition& condition, const std::string& at,
                         const std::set<std::string, std::less<>>& fields) {
  const std::string member = at + (condition.observation ? "/observation" : "/field");
  if (condition.observation) {
    if (!IsPlainCode(condition.name)) {
      return Fail(ErrorCode::kInvalidArgument,
                  "an observation is a plain code (1–64 characters, no spaces, not system|code)",
                  member);
    }
  } else if (fields.count(condition.name) == 0) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("no field \"{}\": the fields are {} and the population's variables",
                            condition.name, fmt::join(kStratumFields, ", ")),
                member);
  }
  const std::size_t n = condition.values.size();
  if (n == 0 || (condition.op != ConditionOp::kIn && n != 1) || n > 100) {
    return Fail(ErrorCode::kInvalidArgument,
                condition.op == ConditionOp::kIn ? "\"in\" takes a list of 1 to 100 values"
                                                 : "the condition takes one value",
                at + "/value");
  }
  for (const std::string& value : condition.values) {
    if (value.size() > 200) {
      return Fail(ErrorCode::kInvalidArgument, "a value is at most 200 characters", at + "/value");
    }
    if (condition.observation && !NumberOf(value)) {
      return Fail(ErrorCode::kInvalidArgument, "an observation is compared with a number",
                  at + "/value");
    }
  }
  return Ok();
}

}  // namespace

std::string_view ConditionOpName(ConditionOp op) { return kOpNames[static_cast<int>(op)]; }

std::optional<ConditionOp> ParseConditionOp(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kOpNames); ++i) {
    if (kOpNames[i] == name) return static_cast<ConditionOp>(i);
  }
  return std::nullopt;
}

Status ValidateStratification(const Stratification& s, const std::vector<std::string>& known) {
  COVALUE_RETURN_IF_ERROR(ValidateText(s.name, "/name", 200));
  if (s.strata.empty() || s.strata.size() > 50) {
    return Fail(ErrorCode::kInvalidArgument, "a stratification has 1 to 50 strata", "/strata");
  }
  std::set<std::string, std::less<>> fields(known.begin(), known.end());
  fields.insert(std::begin(kStratumFields), std::end(kStratumFields));
  std::set<std::string> names;
  for (std::size_t i = 0; i < s.strata.size(); ++i) {
    const Stratum& stratum = s.strata[i];
    const std::string at = fmt::format("/strata/{}", i);
    COVALUE_RETURN_IF_ERROR(ValidateText(stratum.name, at + "/name", 100));
    if (stratum.name == kOtherStratum || !names.insert(stratum.name).second) {
      return Fail(ErrorCode::kInvalidArgument,
                  "each stratum has a name of its own, and \"Other\" is the rest's", at + "/name");
    }
    if (stratum.conditions.size() > 20) {
      return Fail(ErrorCode::kInvalidArgument, "a stratum has at most 20 conditions",
                  at + "/conditions");
    }
    for (std::size_t j = 0; j < stratum.conditions.size(); ++j) {
      COVALUE_RETURN_IF_ERROR(ValidateCondition(
          stratum.conditions[j], fmt::format("{}/conditions/{}", at, j), fields));
    }
  }
  if (s.scores.size() > 10) {
    return Fail(ErrorCode::kInvalidArgument, "at most 10 scores", "/scores");
  }
  for (std::size_t i = 0; i < s.scores.size(); ++i) {
    if (!IsPlainCode(s.scores[i])) {
      return Fail(ErrorCode::kInvalidArgument, "a score is a plain observation code",
                  fmt::format("/scores/{}", i));
    }
  }
  return Ok();
}

std::size_t StratumOf(const Stratification& stratification, const StratumSubject& subject) {
  for (std::size_t i = 0; i < stratification.strata.size(); ++i) {
    const auto& conditions = stratification.strata[i].conditions;
    if (std::all_of(conditions.begin(), conditions.end(),
                    [&](const StratumCondition& c) { return Holds(c, subject); })) {
      return i;
    }
  }
  return stratification.strata.size();
}

double QuantileType7(const std::vector<double>& sorted, double p) {
  const double h = (static_cast<double>(sorted.size()) - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - std::floor(h)) * (sorted[hi] - sorted[lo]);
}

}  // namespace covalue
