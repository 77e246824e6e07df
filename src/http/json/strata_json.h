#pragma once

#include <nlohmann/json.hpp>

#include "app/strata/strata.h"
#include "domain/error.h"
#include "http/json/json_body.h"

// Stratifications on the wire: their rules, read strictly (members named as JSON pointers), and
// their summaries, every member given, null where a number is absent or withheld.
namespace covalue::http {

// {name, strata: [{name, conditions: [{field|observation, op, value}]}], scores?: [code]}.
[[nodiscard]] Result<Stratification> ReadStratification(ObjectReader& reader);
nlohmann::json StratificationJson(const Stratification& stratification);
nlohmann::json StratificationSummaryJson(const app::StratificationSummary& summary);
// One stratum's numbers, as the summary gives them.
nlohmann::json StratumJson(const app::StratumSummary& stratum);

}  // namespace covalue::http
