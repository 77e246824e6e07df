#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/community.h"
#include "domain/error.h"

namespace covalue {

// Strata of a population (DESIGN.md §2 "Population"): named sub-groups by the person's fields
// and their latest observations, each person in the first stratum whose conditions all hold,
// the rest in "Other".

enum class ConditionOp { kEq, kNe, kLt, kLe, kGt, kGe, kIn };
std::string_view ConditionOpName(ConditionOp op);  // "eq", "ne", …, "in"
std::optional<ConditionOp> ParseConditionOp(std::string_view name);

// One condition: a field of the person (see kStratumFields, or a variable of the population)
// or the latest value of an observation code, compared with a value (a list for kIn).
struct StratumCondition {
  bool observation = false;  // the name is an observation code
  std::string name = {};
  ConditionOp op = ConditionOp::kEq;
  std::vector<std::string> values = {};  // one, or one or more for kIn
};

struct Stratum {
  std::string name = {};  // 1–100 characters, not "Other"
  std::vector<StratumCondition> conditions = {};  // all must hold; none: everyone left
};

struct Stratification {
  Id id = 0;
  Id population_id = 0;
  Id site_id = 0;
  std::string name = {};
  std::vector<Stratum> strata = {};      // in order: the first match wins
  std::vector<std::string> scores = {};  // observation codes summarised per stratum (latest values)
  Id created_by = 0;
  std::int64_t created_ms = 0;
};

inline constexpr std::string_view kOtherStratum = "Other";

// The person's fields a condition may name besides the population's own variables:
// sex (female, male, other, unknown), age (whole years today), birth_date and diagnosis_date
// (YYYY-MM-DD), years_since_diagnosis (whole years today; absent without a diagnosis date).
inline constexpr std::string_view kStratumFields[] = {"sex", "age", "birth_date",
                                                      "diagnosis_date", "years_since_diagnosis"};

// kInvalidArgument naming the member ("/strata/1/conditions/0/field"): a name of 1–200
// characters, 1–50 strata with unique names other than "Other", at most 20 conditions each,
// a field that is one of kStratumFields or of known_fields (the population's variables), a
// plain observation code, a value (numbers for observations compared by order), at most 10
// score codes.
[[nodiscard]] Status ValidateStratification(const Stratification& stratification,
                                            const std::vector<std::string>& known_fields);

// What a rule reads of one person: their fields by name (sex, age, … as text; absent ones
// left out) and the latest value of each observation code it names.
struct StratumSubject {
  std::map<std::string, std::string, std::less<>> fields = {};
  std::map<std::string, double, std::less<>> latest = {};
};

// The index of the first stratum whose conditions all hold, or strata.size() for "Other". A
// condition on something the person lacks does not hold. Fields compare as numbers when both
// sides are numbers, otherwise as text (dates as YYYY-MM-DD compare in time order).
std::size_t StratumOf(const Stratification& stratification, const StratumSubject& subject);

// Quantile p (0–1) of sorted values by Hyndman and Fan's type 7 (R's default):
// h = (n − 1)p, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]). values must not be empty.
double QuantileType7(const std::vector<double>& sorted, double p);

}  // namespace covalue
