// BPMN 2.0 both ways: covalue's own file reads back into an equal map; another tool's file (a
// default namespace, gateways between tasks, positions from its shapes) reads into lanes, steps
// and bridged arrows; declarations and files without lanes are refused.

#include "formats/bpmn.h"

#include <gtest/gtest.h>

namespace covalue::formats {
namespace {

ProcessMapContent Example() {
  ProcessMapContent c;
  c.lanes = {{"person", "Person with MS & carer", Perspective::kPerson},
             {"clinic", "Neurologist", Perspective::kProfessional}};
  ProcessStep a;
  a.id = "notice";
  a.lane_id = "person";
  a.title = "Notices <new> symptoms";
  a.configuration = ValueConfiguration::kNetwork;
  a.coproduction = CoproductionState::kOpportunity;
  a.person_minutes = 30;
  a.value_hindered = "waits for a call";
  ProcessStep b;
  b.id = "plan";
  b.lane_id = "clinic";
  b.position = 2;
  b.title = "Plans treatment together";
  b.notes = "Shared decision,\nwith the nurse";
  b.configuration = ValueConfiguration::kShop;
  b.coproduction = CoproductionState::kActive;
  b.resources = {{4, 30}, {7, 12.5}};
  b.carer_minutes = 60;
  b.travel_cost = 120;
  b.out_of_pocket = 80;
  ProcessStep c2 = b;
  c2.id = "review";
  c2.position = 2;  // stacked with plan
  c2.resources.clear();
  c2.title = "Review";
  c.steps = {a, b, c2};
  c.arrows = {{"notice", "plan", "calls"}, {"plan", "review", ""}};
  return c;
}

TEST(Bpmn, CovaluesOwnFileReadsBackEqual) {
  const ProcessMapContent map = Example();
  const std::string xml = WriteBpmn("MS care", map);
  EXPECT_NE(xml.find("bpmn:collaboration"), std::string::npos);
  EXPECT_NE(xml.find("bpmndi:BPMNEdge"), std::string::npos);
  auto read = ReadBpmn(xml);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->name, "MS care");
  const ProcessMapContent& got = read->content;
  ASSERT_EQ(got.lanes.size(), 2U);
  EXPECT_EQ(got.lanes[0].id, "person");
  EXPECT_EQ(got.lanes[0].title, "Person with MS & carer");
  EXPECT_EQ(got.lanes[0].perspective, Perspective::kPerson);
  ASSERT_EQ(got.steps.size(), 3U);
  for (std::size_t i = 0; i < 3; ++i) {
    const ProcessStep& x = map.steps[i];
    const ProcessStep& y = got.steps[i];
    EXPECT_EQ(y.id, x.id);
    EXPECT_EQ(y.lane_id, x.lane_id);
    EXPECT_EQ(y.position, x.position);
    EXPECT_EQ(y.title, x.title);
    EXPECT_EQ(y.notes, x.notes);
    EXPECT_EQ(y.configuration, x.configuration);
    EXPECT_EQ(y.coproduction, x.coproduction);
    EXPECT_EQ(y.value_hindered, x.value_hindered);
    EXPECT_EQ(y.person_minutes, x.person_minutes);
    EXPECT_EQ(y.carer_minutes, x.carer_minutes);
    EXPECT_EQ(y.travel_cost, x.travel_cost);
    EXPECT_EQ(y.out_of_pocket, x.out_of_pocket);
    ASSERT_EQ(y.resources.size(), x.resources.size());
    for (std::size_t r = 0; r < x.resources.size(); ++r) {
      EXPECT_EQ(y.resources[r].resource_id, x.resources[r].resource_id);
      EXPECT_EQ(y.resources[r].minutes, x.resources[r].minutes);
    }
  }
  ASSERT_EQ(got.arrows.size(), 2U);
  EXPECT_EQ(got.arrows[0].from, "notice");
  EXPECT_EQ(got.arrows[0].label, "calls");
  EXPECT_TRUE(ValidateProcessMap(got));
}

TEST(Bpmn, AnotherToolsFileWithGatewaysAndShapes) {
  const char* xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="d1" targetNamespace="x">
  <process id="p1" name="Infusion day">
    <laneSet id="ls"><lane id="Nurse lane" name="Nurse"><flowNodeRef>t1</flowNodeRef><flowNodeRef>g1</flowNodeRef></lane>
      <lane id="l2" name="Pharmacy"><flowNodeRef>t2</flowNodeRef><flowNodeRef>t3</flowNodeRef></lane></laneSet>
    <startEvent id="s"/>
    <userTask id="t1" name="Prepare"/>
    <exclusiveGateway id="g1"/>
    <serviceTask id="t2" name="Mix"/>
    <task id="t3"/>
    <sequenceFlow id="f0" sourceRef="s" targetRef="t1"/>
    <sequenceFlow id="f1" sourceRef="t1" targetRef="g1"/>
    <sequenceFlow id="f2" sourceRef="g1" targetRef="t2"/>
    <sequenceFlow id="f3" sourceRef="g1" targetRef="t3"/>
  </process>
  <bpmndi:BPMNDiagram><bpmndi:BPMNPlane bpmnElement="p1">
    <bpmndi:BPMNShape bpmnElement="t1"><dc:Bounds x="100" y="0" width="100" height="80"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape bpmnElement="t2"><dc:Bounds x="400" y="0" width="100" height="80"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape bpmnElement="t3"><dc:Bounds x="410" y="100" width="100" height="80"/></bpmndi:BPMNShape>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</definitions>)";
  auto read = ReadBpmn(xml);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->name, "Infusion day");
  const ProcessMapContent& got = read->content;
  ASSERT_EQ(got.lanes.size(), 2U);
  EXPECT_EQ(got.lanes[0].id, "Nurse_lane");
  ASSERT_EQ(got.steps.size(), 3U);
  EXPECT_EQ(got.steps[0].lane_id, "Nurse_lane");
  EXPECT_EQ(got.steps[1].lane_id, "l2");
  EXPECT_EQ(got.steps[2].title, "t3");  // no name: its id
  EXPECT_EQ(got.steps[0].position, 1);
  EXPECT_EQ(got.steps[1].position, 2);
  EXPECT_EQ(got.steps[2].position, 2);  // 10 units right of t2: the same column
  ASSERT_EQ(got.arrows.size(), 2U);     // through the gateway; the start event has no step
  EXPECT_EQ(got.arrows[0].from, "t1");
  EXPECT_TRUE(ValidateProcessMap(got));
}

TEST(Bpmn, RefusesDeclarationsAndFilesWithoutLanes) {
  const auto field_of = [](const std::string& xml) { return ReadBpmn(xml).error().field; };
  EXPECT_EQ(ReadBpmn(R"(<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><definitions>&x;</definitions>)")
                .error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(field_of("<definitions><process id='p'><task id='t'/></process></definitions>"), "/lanes");
  EXPECT_EQ(field_of("<definitions><process id='p'><laneSet><lane id='l'/></laneSet></process></definitions>"),
            "/steps");
  EXPECT_EQ(field_of("<html/>"), "/");
  EXPECT_EQ(field_of("<definitions><unclosed></definitions>"), "/");
  EXPECT_EQ(field_of(""), "/");
}

}  // namespace
}  // namespace covalue::formats
