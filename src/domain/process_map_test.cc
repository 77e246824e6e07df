// Time-driven activity-based costs of a process map, each against a worked example computed by
// hand in the comments: rates from annual cost and capacity, a step with two resources, the
// person's time and costs, a journey with frequencies, and a what-if moving a step from the
// shop to the network.

#include "domain/process_map.h"

#include <gtest/gtest.h>

namespace covalue {
namespace {

// Lanes: the person (L1) and the clinic (L2).
// Resources: a nurse at 600,000 a year over 100,000 practical minutes = 6 a minute; a
// neurologist at 20 a minute.
// s1 "Plan with the neurologist" (shop, L2): nurse 15 min (90) + neurologist 10 min (200) =
//   direct 290; person 60 min + carer 30 min at 2 a minute = 180, travel 50, out of pocket 100
//   = person 330; total 620.
// s2 "Infusion" (chain, L2): nurse 30 min = direct 180; total 180.
// s3 "Peer group" (network, L1): no resources, person 90 min = 180; total 180.
// Journey "Anna's year": s1 × 4 = 2,480, s2 × 12 = 2,160, s3 × 2 = 360: 5,000.
struct Example {
  std::vector<Resource> resources;
  ProcessMapContent map;
  std::vector<Journey> journeys;
};

Example MakeExample() {
  Resource nurse{1, 7, "Nurse", ResourceKind::kStaff, 0, 600000.0, 100000.0};
  EXPECT_TRUE(CompleteResource(nurse));
  Resource neurologist{2, 7, "Neurologist", ResourceKind::kStaff, 20, std::nullopt, std::nullopt};
  EXPECT_TRUE(CompleteResource(neurologist));
  Example e;
  e.resources = {nurse, neurologist};
  e.map.lanes = {{"L1", "Person with MS", Perspective::kPerson},
                 {"L2", "Clinic", Perspective::kProfessional}};
  ProcessStep s1{"s1", "L2", 1, "Plan with the neurologist", "", ValueConfiguration::kShop,
                 CoproductionState::kActive};
  s1.resources = {{1, 15}, {2, 10}};
  s1.person_minutes = 60;
  s1.carer_minutes = 30;
  s1.travel_cost = 50;
  s1.out_of_pocket = 100;
  ProcessStep s2{"s2", "L2", 2, "Infusion", "", ValueConfiguration::kChain,
                 CoproductionState::kNone};
  s2.resources = {{1, 30}};
  ProcessStep s3{"s3", "L1", 3, "Peer group", "", ValueConfiguration::kNetwork,
                 CoproductionState::kOpportunity};
  s3.person_minutes = 90;
  e.map.steps = {s1, s2, s3};
  e.map.arrows = {{"s1", "s2", ""}, {"s2", "s3", "after the infusion"}};
  e.journeys = {{11, 5, "Anna's year", std::nullopt, {{"s1", 4}, {"s2", 12}, {"s3", 2}}}};
  return e;
}

TEST(ProcessMapCosts, RateFromAnnualCostAndCapacity) {
  const Example e = MakeExample();
  EXPECT_DOUBLE_EQ(e.resources[0].rate_per_minute, 6.0);
  EXPECT_DOUBLE_EQ(e.resources[1].rate_per_minute, 20.0);
  Resource half{0, 7, "Room", ResourceKind::kRoom, 0, 1000.0, std::nullopt};
  EXPECT_EQ(CompleteResource(half).error().field, "/capacity_minutes");
  Resource zero{0, 7, "Room", ResourceKind::kRoom, 0, 1000.0, 0.0};
  EXPECT_EQ(CompleteResource(zero).error().field, "/capacity_minutes");
  Resource negative{0, 7, "Room", ResourceKind::kRoom, -1, std::nullopt, std::nullopt};
  EXPECT_EQ(CompleteResource(negative).error().field, "/rate_per_minute");
}

TEST(ProcessMapCosts, StepsLanesConfigurationsAndJourneys) {
  const Example e = MakeExample();
  ASSERT_TRUE(ValidateProcessMap(e.map));
  const MapCosts costs = CostMap(e.map, e.resources, e.journeys, 2.0);
  ASSERT_EQ(costs.steps.size(), 3U);
  EXPECT_DOUBLE_EQ(costs.steps[0].direct, 290);
  EXPECT_DOUBLE_EQ(costs.steps[0].person, 330);
  EXPECT_DOUBLE_EQ(costs.steps[0].total, 620);
  EXPECT_DOUBLE_EQ(costs.steps[1].direct, 180);
  EXPECT_DOUBLE_EQ(costs.steps[1].person, 0);
  EXPECT_DOUBLE_EQ(costs.steps[2].person, 180);
  EXPECT_DOUBLE_EQ(costs.by_configuration[0], 180);  // chain
  EXPECT_DOUBLE_EQ(costs.by_configuration[1], 620);  // shop
  EXPECT_DOUBLE_EQ(costs.by_configuration[2], 180);  // network
  EXPECT_DOUBLE_EQ(costs.by_configuration[3], 0);    // access
  ASSERT_EQ(costs.by_lane.size(), 2U);
  EXPECT_EQ(costs.by_lane[0].first, "L1");
  EXPECT_DOUBLE_EQ(costs.by_lane[0].second, 180);
  EXPECT_DOUBLE_EQ(costs.by_lane[1].second, 800);
  ASSERT_EQ(costs.journeys.size(), 1U);
  EXPECT_DOUBLE_EQ(costs.journeys[0].per_year, 5000);
  EXPECT_DOUBLE_EQ(costs.total, 980);
}

TEST(ProcessMapCosts, WhatIfMovesAStepFromShopToNetwork) {
  const Example e = MakeExample();
  Scenario what_if{1, 5, "Peers plan", {{"s1", ValueConfiguration::kNetwork, std::nullopt, std::nullopt}}};
  ASSERT_TRUE(ValidateScenario(what_if, e.map));
  const MapCosts after = CostMap(ApplyScenario(e.map, what_if), e.resources,
                                 ApplyScenario(e.journeys, what_if), 2.0);
  EXPECT_DOUBLE_EQ(after.by_configuration[1], 0);    // shop: 620 moved away
  EXPECT_DOUBLE_EQ(after.by_configuration[2], 800);  // network: 180 + 620
  EXPECT_DOUBLE_EQ(after.total, 980);

  // Fewer nurse minutes for the infusion (30 → 10: 60) and half as many infusions (12 → 6):
  // the journey is 2,480 + 6 × 60 + 360 = 3,200.
  Scenario shorter{2, 5, "Shorter infusions", {{"s2", std::nullopt, 10.0, 6.0}}};
  ASSERT_TRUE(ValidateScenario(shorter, e.map));
  const MapCosts changed = CostMap(ApplyScenario(e.map, shorter), e.resources,
                                   ApplyScenario(e.journeys, shorter), 2.0);
  EXPECT_DOUBLE_EQ(changed.steps[1].direct, 60);
  EXPECT_DOUBLE_EQ(changed.journeys[0].per_year, 3200);
}

TEST(ProcessMapRules, NameTheMemberAtFault) {
  Example e = MakeExample();
  e.map.steps[1].lane_id = "L9";
  EXPECT_EQ(ValidateProcessMap(e.map).error().field, "/steps/1/lane_id");
  e = MakeExample();
  e.map.steps[0].resources[1].minutes = -5;
  EXPECT_EQ(ValidateProcessMap(e.map).error().field, "/steps/0/resources/1/minutes");
  e = MakeExample();
  e.map.arrows[1].to = "nowhere";
  EXPECT_EQ(ValidateProcessMap(e.map).error().field, "/arrows/1/to");
  e = MakeExample();
  e.map.steps[2].id = "s1";
  EXPECT_EQ(ValidateProcessMap(e.map).error().field, "/steps/2/id");
  e = MakeExample();
  e.map.lanes.clear();
  EXPECT_EQ(ValidateProcessMap(e.map).error().field, "/lanes");
  e = MakeExample();
  Journey bad = e.journeys[0];
  bad.steps[1].frequency = -1;
  EXPECT_EQ(ValidateJourney(bad, e.map).error().field, "/steps/1/frequency");
  bad.steps[1] = {"s9", 1};
  EXPECT_EQ(ValidateJourney(bad, e.map).error().field, "/steps/1/step_id");
  EXPECT_FALSE(ParseValueConfiguration("bazaar"));
  EXPECT_EQ(ParseValueConfiguration("access"), ValueConfiguration::kAccess);
}

TEST(ProcessMapRules, AGentleNoteOutsideTenToFifteenSteps) {
  Example e = MakeExample();
  ASSERT_TRUE(StepCountNote(e.map));
  EXPECT_NE(StepCountNote(e.map)->find("3 steps"), std::string::npos);
  while (e.map.steps.size() < 12) {
    ProcessStep step = e.map.steps.back();
    step.id = "x" + std::to_string(e.map.steps.size());
    e.map.steps.push_back(step);
  }
  EXPECT_FALSE(StepCountNote(e.map));
  EXPECT_TRUE(ValidateProcessMap(e.map));
}

}  // namespace
}  // namespace covalue
