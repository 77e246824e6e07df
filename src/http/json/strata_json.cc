#include "http/json/strata_json.h"

#include <fmt/format.h>

namespace covalue::http {
namespace {

using json = nlohmann::json;

// A condition's value as the rules keep it: text, a number written as JSON writes it, a list.
Result<std::vector<std::string>> ConditionValues(const json& value, const std::string& at) {
  const auto one = [&](const json& v) -> Result<std::string> {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number()) return v.dump();
    return Fail(ErrorCode::kInvalidArgument, "a value is text or a number", at);
  };
  std::vector<std::string> values;
  if (value.is_array()) {
    for (const json& v : value) {
      COVALUE_ASSIGN_OR_RETURN(std::string text, one(v));
      values.push_back(std::move(text));
    }
    return values;
  }
  COVALUE_ASSIGN_OR_RETURN(std::string text, one(value));
  values.push_back(std::move(text));
  return values;
}

Result<StratumCondition> ReadCondition(ObjectReader& r) {
  StratumCondition c;
  COVALUE_ASSIGN_OR_RETURN(auto field, r.OptionalString("field"));
  COVALUE_ASSIGN_OR_RETURN(auto observation, r.OptionalString("observation"));
  if (field.has_value() == observation.has_value()) {
    return Fail(ErrorCode::kInvalidArgument,
                "a condition names a field or an observation, one of them", r.Pointer("field"));
  }
  c.observation = observation.has_value();
  c.name = field ? *field : *observation;
  COVALUE_ASSIGN_OR_RETURN(c.op, ReadWord(r, "op", ConditionOp::kEq, ParseConditionOp,
                                          "eq, ne, lt, le, gt, ge, in"));
  COVALUE_ASSIGN_OR_RETURN(const json value, r.RequiredValue("value"));
  COVALUE_ASSIGN_OR_RETURN(c.values, ConditionValues(value, r.Pointer("value")));
  return c;
}

}  // namespace

Result<Stratification> ReadStratification(ObjectReader& reader) {
  Stratification s;
  COVALUE_ASSIGN_OR_RETURN(s.name, reader.RequiredString("name"));
  COVALUE_ASSIGN_OR_RETURN(json strata, reader.OptionalArray("strata"));
  COVALUE_ASSIGN_OR_RETURN(
      s.strata,
      ReadObjects<Stratum>(
          strata, "/strata", 50, "a stratum is {name, conditions}",
          [](ObjectReader& r) -> Result<Stratum> {
            Stratum stratum;
            COVALUE_ASSIGN_OR_RETURN(stratum.name, r.RequiredString("name"));
            COVALUE_ASSIGN_OR_RETURN(json conditions, r.OptionalArray("conditions"));
            COVALUE_ASSIGN_OR_RETURN(
                stratum.conditions,
                ReadObjects<StratumCondition>(
                    conditions, r.Pointer("conditions"), 20,
                    "a condition is {field or observation, op, value}",
                    ReadCondition));
            return stratum;
          }));
  COVALUE_ASSIGN_OR_RETURN(json scores, reader.OptionalArray("scores"));
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (!scores[i].is_string()) {
      return Fail(ErrorCode::kInvalidArgument, "a score is an observation code",
                  fmt::format("/scores/{}", i));
    }
    s.scores.push_back(scores[i].get<std::string>());
  }
  return s;
}

json StratificationJson(const Stratification& s) {
  json strata = json::array();
  for (const Stratum& stratum : s.strata) {
    json conditions = json::array();
    for (const StratumCondition& c : stratum.conditions) {
      json value = c.op == ConditionOp::kIn ? json(c.values) : json(c.values.front());
      conditions.push_back({{c.observation ? "observation" : "field", c.name},
                            {"op", ConditionOpName(c.op)},
                            {"value", value}});
    }
    strata.push_back({{"name", stratum.name}, {"conditions", conditions}});
  }
  return {{"id", s.id},
          {"population_id", s.population_id},
          {"site_id", s.site_id},
          {"name", s.name},
          {"strata", strata},
          {"scores", s.scores},
          {"created_ms", s.created_ms}};
}

json StratumJson(const app::StratumSummary& s) {
  const auto count = [](const app::ShownCount& n) { return n ? json(*n) : json(); };
  const auto number = [](const std::optional<double>& x) { return x ? json(*x) : json(); };
  json ages = json::object();
  for (const auto& [band, n] : s.ages) ages[band] = count(n);
  json sexes = json::object();
  for (const auto& [sex, n] : s.sexes) sexes[sex] = count(n);
  json scores = json::object();
  for (const auto& [code, q] : s.scores) {
    scores[code] = q ? json{{"median", q->median}, {"q1", q->q1}, {"q3", q->q3}} : json();
  }
  return {{"name", s.name},
          {"people", count(s.people)},
          {"suppressed", s.suppressed},
          {"utilisation_per_person_year", number(s.utilisation_per_person_year)},
          {"cost_per_person_year", number(s.cost_per_person_year)},
          {"ages", s.suppressed ? json() : ages},
          {"sexes", s.suppressed ? json() : sexes},
          {"scores", scores}};
}

json StratificationSummaryJson(const app::StratificationSummary& summary) {
  json strata = json::array();
  for (const app::StratumSummary& s : summary.strata) strata.push_back(StratumJson(s));
  return {{"stratification_id", summary.stratification_id},
          {"population_id", summary.population_id},
          {"site_id", summary.site_id},
          {"currency", summary.currency},
          {"window", {{"from", summary.window_from}, {"to", summary.window_to},
                      {"months", summary.months}}},
          {"whole", summary.whole},
          {"min_cell", summary.min_cell},
          {"strata", strata}};
}

}  // namespace covalue::http
