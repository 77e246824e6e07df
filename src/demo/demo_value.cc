#include "demo/demo_value.h"

#include <string>

#include "demo/utilisation.h"

namespace covalue::demo {

Status WriteDemoPrices(app::App& app, const app::RequestContext& ctx, const DemoSite& site,
                       Id site_id) {
  COVALUE_RETURN_IF_ERROR(app.costs().ReplaceUnitCosts(ctx, site_id, DemoUnitCosts(site.country)));
  return app.community()
      .SetSiteCosting(ctx, site_id, std::nullopt, DemoPersonTimeValue(site.country))
      .map([](const SiteCosting&) {});
}

Status WriteDemoStrata(app::App& app, const app::RequestContext& ctx, const DemoSite& site,
                       Id population_id) {
  if (site.population != "People with MS") return Ok();
  Stratification s;
  s.name = "MS by need";
  s.strata = {{"Severe disability", {{true, "edss", ConditionOp::kGe, {"6"}}}},
              {"Relapsing, on treatment",
               {{false, "ms_course", ConditionOp::kEq, {"relapsing-remitting"}},
                {false, "on_dmt", ConditionOp::kEq, {"yes"}}}},
              {"Progressive", {{false, "ms_course", ConditionOp::kIn,
                                {"secondary progressive", "primary progressive"}}}}};
  s.scores = {"phq-9", "edss"};
  return app.strata().Define(ctx, population_id, std::move(s)).map([](const Stratification&) {});
}

namespace {

ProcessStep Step(const char* id, const char* lane, int position, const char* title,
                 ValueConfiguration configuration, CoproductionState coproduction) {
  ProcessStep s;
  s.id = id;
  s.lane_id = lane;
  s.position = position;
  s.title = title;
  s.configuration = configuration;
  s.coproduction = coproduction;
  return s;
}

}  // namespace

Status WriteDemoProcessMap(app::App& app, const app::RequestContext& lead, Id team_id) {
  using V = ValueConfiguration;
  using C = CoproductionState;
  const auto resource = [&](const char* name, ResourceKind kind, double annual, double minutes) {
    return app.costs().CreateResource(lead, team_id, {0, 0, name, kind, 0, annual, minutes});
  };
  COVALUE_ASSIGN_OR_RETURN(Resource nurse, resource("MS nurse", ResourceKind::kStaff, 720000, 96000));
  COVALUE_ASSIGN_OR_RETURN(Resource neurologist,
                           resource("Neurologist", ResourceKind::kStaff, 1800000, 84000));
  COVALUE_ASSIGN_OR_RETURN(Resource pharmacist,
                           resource("Pharmacist", ResourceKind::kStaff, 780000, 96000));
  COVALUE_ASSIGN_OR_RETURN(Resource room,
                           resource("Infusion room", ResourceKind::kRoom, 240000, 120000));
  ProcessMapContent map;
  map.lanes = {{"person", "Person with MS", Perspective::kPerson},
               {"clinic", "Neurology clinic", Perspective::kProfessional},
               {"pharmacy", "Pharmacy", Perspective::kProfessional}};
  map.steps = {
      Step("symptoms", "person", 1, "Notices new symptoms", V::kNetwork, C::kOpportunity),
      Step("call", "person", 2, "Calls the MS nurse line", V::kAccess, C::kActive),
      Step("triage", "clinic", 3, "Nurse triage by phone", V::kChain, C::kNone),
      Step("visit", "clinic", 4, "Visit: plans treatment together", V::kShop, C::kActive),
      Step("mri", "clinic", 5, "MRI", V::kChain, C::kNone),
      Step("review", "clinic", 6, "Neurologist reviews the MRI", V::kShop, C::kNone),
      Step("prescribe", "clinic", 7, "Prescription sent", V::kChain, C::kNone),
      Step("dispense", "pharmacy", 8, "Dispenses and explains the medicine", V::kShop,
           C::kOpportunity),
      Step("infusion", "clinic", 9, "Infusion day", V::kChain, C::kOpportunity),
      Step("peers", "person", 10, "Peer group meeting", V::kNetwork, C::kActive),
      Step("proms", "person", 11, "Answers PROMs before the next visit", V::kAccess, C::kActive),
      Step("annual", "clinic", 12, "Annual review with what matters to her", V::kShop, C::kActive),
  };
  const auto use = [&](const char* step, std::vector<ResourceUse> resources, double person,
                       double carer, double travel, double pocket) {
    for (ProcessStep& s : map.steps) {
      if (s.id != step) continue;
      s.resources = std::move(resources);
      s.person_minutes = person;
      s.carer_minutes = carer;
      s.travel_cost = travel;
      s.out_of_pocket = pocket;
    }
  };
  use("symptoms", {}, 30, 0, 0, 0);
  use("call", {{nurse.id, 10}}, 15, 0, 0, 0);
  use("triage", {{nurse.id, 20}}, 0, 0, 0, 0);
  use("visit", {{neurologist.id, 40}, {nurse.id, 30}}, 180, 120, 240, 0);
  use("mri", {{nurse.id, 10}}, 150, 0, 240, 0);
  use("review", {{neurologist.id, 20}}, 0, 0, 0, 0);
  use("prescribe", {{neurologist.id, 5}}, 0, 0, 0, 0);
  use("dispense", {{pharmacist.id, 15}}, 45, 0, 60, 200);
  use("infusion", {{nurse.id, 60}, {room.id, 240}}, 300, 0, 240, 0);
  use("peers", {}, 120, 0, 60, 0);
  use("proms", {{nurse.id, 5}}, 15, 0, 0, 0);
  use("annual", {{neurologist.id, 45}, {nurse.id, 45}}, 180, 90, 240, 0);
  for (std::size_t i = 1; i < map.steps.size(); ++i) {
    map.arrows.push_back({map.steps[i - 1].id, map.steps[i].id, ""});
  }
  COVALUE_ASSIGN_OR_RETURN(app::ProcessMapView made,
                           app.process_maps().Create(lead, team_id, "MS care in Västerå", map));
  const Id id = made.map.id;
  COVALUE_RETURN_IF_ERROR(app.process_maps().AddJourney(
      lead, id,
      {0, 0, "A year of relapsing MS on infusions", std::nullopt,
       {{"symptoms", 2}, {"call", 2}, {"triage", 2}, {"visit", 2}, {"mri", 1}, {"review", 1},
        {"prescribe", 2}, {"dispense", 2}, {"infusion", 2}, {"peers", 6}, {"proms", 4},
        {"annual", 1}}}));
  return app.process_maps()
      .AddScenario(lead, id,
                   {0, 0, "Peers and the pharmacist plan with her",
                    {{"visit", V::kNetwork, std::nullopt, std::nullopt},
                     {"dispense", V::kNetwork, std::nullopt, std::nullopt}},
                    0, 0})
      .map([](const Scenario&) {});
}

}  // namespace covalue::demo
