#pragma once

#include <nlohmann/json.hpp>

#include "app/process_maps/process_maps.h"
#include "domain/unit_cost.h"
#include "domain/error.h"
#include "http/json/json_body.h"

// Value configurations on the wire: process maps and their costs, resources, journeys,
// scenarios, unit costs and sites' costing (stratifications: strata_json.h). Readers name the member at fault
// as a JSON pointer; writers give every member, null where a value is absent or withheld.
namespace covalue::http {

// {lanes, steps, arrows} of a map (the other members are the caller's to read).
[[nodiscard]] Result<ProcessMapContent> ReadProcessMapContent(ObjectReader& reader);
nlohmann::json ProcessMapJson(const app::ProcessMapView& view);
nlohmann::json ProcessMapSummaryJson(const ProcessMap& map);  // a list's entry, no content
nlohmann::json MapRevisionJson(const ProcessMapRevision& revision);  // content when it has any
nlohmann::json MapDiffJson(const app::ProcessMapDiff& diff);
nlohmann::json MapCostsJson(const app::ProcessMapCosts& costs);

// {name, kind, rate_per_minute} or {name, kind, annual_cost, capacity_minutes}.
[[nodiscard]] Result<Resource> ReadResource(ObjectReader& reader);
nlohmann::json ResourceJson(const Resource& resource);
// {name, persona_id?, steps: [{step_id, frequency}]}.
[[nodiscard]] Result<Journey> ReadJourney(ObjectReader& reader);
nlohmann::json JourneyJson(const Journey& journey);
// {name, changes: [{step_id, configuration?, minutes?, frequency?}]}.
[[nodiscard]] Result<Scenario> ReadScenario(ObjectReader& reader);
nlohmann::json ScenarioJson(const Scenario& scenario);

nlohmann::json UnitCostsJson(Id site_id, const std::vector<UnitCost>& rows);
nlohmann::json SiteCostingJson(const SiteCosting& costing);

}  // namespace covalue::http
