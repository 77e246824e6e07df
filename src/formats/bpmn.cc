#include "formats/bpmn.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <pugixml.hpp>

namespace covalue::formats {
namespace {

// Diagram layout (BPMNDI), in the units bpmn.io uses.
constexpr double kPoolX = 100;
constexpr double kPoolY = 80;
constexpr double kLaneLabel = 30;
constexpr double kColumn = 180;
constexpr double kTaskWidth = 140;
constexpr double kTaskHeight = 70;
constexpr double kLanePad = 20;

std::string Number(double value) { return fmt::format("{}", value); }

std::string TaskId(std::size_t i) { return fmt::format("Task_{}", i + 1); }
std::string LaneId(std::size_t i) { return fmt::format("Lane_{}", i + 1); }

void Bounds(pugi::xml_node shape, double x, double y, double w, double h) {
  pugi::xml_node b = shape.append_child("dc:Bounds");
  b.append_attribute("x") = Number(x).c_str();
  b.append_attribute("y") = Number(y).c_str();
  b.append_attribute("width") = Number(w).c_str();
  b.append_attribute("height") = Number(h).c_str();
}

void Waypoint(pugi::xml_node edge, double x, double y) {
  pugi::xml_node w = edge.append_child("di:waypoint");
  w.append_attribute("x") = Number(x).c_str();
  w.append_attribute("y") = Number(y).c_str();
}

std::string_view LocalName(const pugi::xml_node& node) {
  const std::string_view name = node.name();
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// The value of an attribute by its local name with any prefix (covalue's attributes may carry
// whatever prefix the file gave the namespace).
const char* Attribute(const pugi::xml_node& node, std::string_view local) {
  for (const pugi::xml_attribute& a : node.attributes()) {
    std::string_view name = a.name();
    const std::size_t colon = name.find(':');
    if (colon != std::string_view::npos) name = name.substr(colon + 1);
    if (name == local) return a.value();
  }
  return "";
}

// A covalue attribute: one whose prefix is bound to kCovalueBpmn on the root.
const char* CovalueAttribute(const pugi::xml_node& node, const std::string& prefix,
                             std::string_view local) {
  if (prefix.empty()) return "";
  return node.attribute((prefix + ":" + std::string(local)).c_str()).value();
}

double NumberOr(const char* text, double fallback) {
  const std::string_view s = text;
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  return s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(value)
             ? fallback
             : value;
}

bool IsStepElement(std::string_view local) {
  return local == "task" || local == "userTask" || local == "manualTask" ||
         local == "serviceTask" || local == "scriptTask" || local == "businessRuleTask" ||
         local == "sendTask" || local == "receiveTask" || local == "subProcess" ||
         local == "callActivity";
}

// An element id as a map key: characters outside [A-Za-z0-9_.-] as _, at most 64, unique.
std::string KeyOf(std::string id, std::set<std::string>& taken) {
  for (char& c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '-' || c == ':';
    if (!ok) c = '_';
  }
  if (id.empty()) id = "step";
  id.resize(std::min<std::size_t>(id.size(), 60));
  std::string key = id;
  for (int n = 2; !taken.insert(key).second; ++n) key = fmt::format("{}_{}", id, n);
  return key;
}

tl::unexpected<Error> Refuse(std::string message, std::string field = "/") {
  return Fail(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

void Descendants(const pugi::xml_node& node, std::string_view local,
                 std::vector<pugi::xml_node>& out) {
  for (pugi::xml_node child : node.children()) {
    if (LocalName(child) == local) out.push_back(child);
    Descendants(child, local, out);
  }
}

}  // namespace

std::string WriteBpmn(const std::string& name, const ProcessMapContent& c) {
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  pugi::xml_node defs = doc.append_child("bpmn:definitions");
  defs.append_attribute("xmlns:bpmn") = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  defs.append_attribute("xmlns:bpmndi") = "http://www.omg.org/spec/BPMN/20100524/DI";
  defs.append_attribute("xmlns:dc") = "http://www.omg.org/spec/DD/20100524/DC";
  defs.append_attribute("xmlns:di") = "http://www.omg.org/spec/DD/20100524/DI";
  defs.append_attribute("xmlns:covalue") = kCovalueBpmn;
  defs.append_attribute("id") = "Definitions_1";
  defs.append_attribute("targetNamespace") = "https://covalue.org/bpmn";
  defs.append_attribute("exporter") = "covalue";
  pugi::xml_node collaboration = defs.append_child("bpmn:collaboration");
  collaboration.append_attribute("id") = "Collaboration_1";
  pugi::xml_node participant = collaboration.append_child("bpmn:participant");
  participant.append_attribute("id") = "Participant_1";
  participant.append_attribute("name") = name.c_str();
  participant.append_attribute("processRef") = "Process_1";
  pugi::xml_node process = defs.append_child("bpmn:process");
  process.append_attribute("id") = "Process_1";
  process.append_attribute("name") = name.c_str();
  process.append_attribute("isExecutable") = "false";

  std::map<std::string, std::size_t> step_index, lane_index;
  for (std::size_t i = 0; i < c.steps.size(); ++i) step_index[c.steps[i].id] = i;
  for (std::size_t i = 0; i < c.lanes.size(); ++i) lane_index[c.lanes[i].id] = i;

  pugi::xml_node lane_set = process.append_child("bpmn:laneSet");
  lane_set.append_attribute("id") = "LaneSet_1";
  for (std::size_t i = 0; i < c.lanes.size(); ++i) {
    pugi::xml_node lane = lane_set.append_child("bpmn:lane");
    lane.append_attribute("id") = LaneId(i).c_str();
    lane.append_attribute("name") = c.lanes[i].title.c_str();
    lane.append_attribute("covalue:key") = c.lanes[i].id.c_str();
    lane.append_attribute("covalue:perspective") =
        std::string(PerspectiveName(c.lanes[i].perspective)).c_str();
    for (std::size_t j = 0; j < c.steps.size(); ++j) {
      if (c.steps[j].lane_id == c.lanes[i].id) {
        lane.append_child("bpmn:flowNodeRef").text() = TaskId(j).c_str();
      }
    }
  }
  for (std::size_t i = 0; i < c.steps.size(); ++i) {
    const ProcessStep& s = c.steps[i];
    pugi::xml_node task = process.append_child("bpmn:task");
    task.append_attribute("id") = TaskId(i).c_str();
    task.append_attribute("name") = s.title.c_str();
    task.append_attribute("covalue:key") = s.id.c_str();
    task.append_attribute("covalue:position") = s.position;
    task.append_attribute("covalue:configuration") =
        std::string(ValueConfigurationName(s.configuration)).c_str();
    task.append_attribute("covalue:coproduction") =
        std::string(CoproductionStateName(s.coproduction)).c_str();
    task.append_attribute("covalue:valueGenerated") = s.value_generated.c_str();
    task.append_attribute("covalue:valueHindered") = s.value_hindered.c_str();
    task.append_attribute("covalue:personMinutes") = Number(s.person_minutes).c_str();
    task.append_attribute("covalue:carerMinutes") = Number(s.carer_minutes).c_str();
    task.append_attribute("covalue:travelCost") = Number(s.travel_cost).c_str();
    task.append_attribute("covalue:outOfPocket") = Number(s.out_of_pocket).c_str();
    if (!s.notes.empty()) task.append_child("bpmn:documentation").text() = s.notes.c_str();
    if (!s.resources.empty()) {
      pugi::xml_node extensions = task.append_child("bpmn:extensionElements");
      for (const ResourceUse& use : s.resources) {
        pugi::xml_node r = extensions.append_child("covalue:resource");
        r.append_attribute("id") = use.resource_id;
        r.append_attribute("minutes") = Number(use.minutes).c_str();
      }
    }
    for (std::size_t k = 0; k < c.arrows.size(); ++k) {
      if (c.arrows[k].to == s.id) task.append_child("bpmn:incoming").text() = fmt::format("Flow_{}", k + 1).c_str();
    }
    for (std::size_t k = 0; k < c.arrows.size(); ++k) {
      if (c.arrows[k].from == s.id) task.append_child("bpmn:outgoing").text() = fmt::format("Flow_{}", k + 1).c_str();
    }
  }
  for (std::size_t k = 0; k < c.arrows.size(); ++k) {
    pugi::xml_node flow = process.append_child("bpmn:sequenceFlow");
    flow.append_attribute("id") = fmt::format("Flow_{}", k + 1).c_str();
    if (!c.arrows[k].label.empty()) flow.append_attribute("name") = c.arrows[k].label.c_str();
    flow.append_attribute("sourceRef") = TaskId(step_index.at(c.arrows[k].from)).c_str();
    flow.append_attribute("targetRef") = TaskId(step_index.at(c.arrows[k].to)).c_str();
  }

  // The diagram: lanes as rows, positions as columns, steps sharing a cell stacked.
  int columns = 1;
  std::map<std::pair<std::string, int>, int> stacked;
  std::vector<int> level(c.steps.size(), 0);
  std::vector<int> depth(c.lanes.size(), 1);
  for (std::size_t i = 0; i < c.steps.size(); ++i) {
    columns = std::max(columns, c.steps[i].position);
    level[i] = stacked[{c.steps[i].lane_id, c.steps[i].position}]++;
    const auto lane = lane_index.find(c.steps[i].lane_id);
    if (lane != lane_index.end()) depth[lane->second] = std::max(depth[lane->second], level[i] + 1);
  }
  std::vector<double> lane_top, lane_height;
  double y = kPoolY;
  for (std::size_t i = 0; i < c.lanes.size(); ++i) {
    lane_top.push_back(y);
    lane_height.push_back(2 * kLanePad + depth[i] * (kTaskHeight + 10) - 10);
    y += lane_height.back();
  }
  const double pool_width = kLaneLabel + columns * kColumn + 40;
  pugi::xml_node diagram = defs.append_child("bpmndi:BPMNDiagram");
  diagram.append_attribute("id") = "BPMNDiagram_1";
  pugi::xml_node plane = diagram.append_child("bpmndi:BPMNPlane");
  plane.append_attribute("id") = "BPMNPlane_1";
  plane.append_attribute("bpmnElement") = "Collaboration_1";
  pugi::xml_node pool = plane.append_child("bpmndi:BPMNShape");
  pool.append_attribute("id") = "Participant_1_di";
  pool.append_attribute("bpmnElement") = "Participant_1";
  pool.append_attribute("isHorizontal") = "true";
  Bounds(pool, kPoolX, kPoolY, pool_width, y - kPoolY);
  for (std::size_t i = 0; i < c.lanes.size(); ++i) {
    pugi::xml_node shape = plane.append_child("bpmndi:BPMNShape");
    shape.append_attribute("id") = (LaneId(i) + "_di").c_str();
    shape.append_attribute("bpmnElement") = LaneId(i).c_str();
    shape.append_attribute("isHorizontal") = "true";
    Bounds(shape, kPoolX + kLaneLabel, lane_top[i], pool_width - kLaneLabel, lane_height[i]);
  }
  std::vector<std::pair<double, double>> at(c.steps.size());
  for (std::size_t i = 0; i < c.steps.size(); ++i) {
    const auto lane = lane_index.find(c.steps[i].lane_id);
    const std::size_t l = lane == lane_index.end() ? 0 : lane->second;
    at[i] = {kPoolX + kLaneLabel + 20 + (c.steps[i].position - 1) * kColumn,
             lane_top[l] + kLanePad + level[i] * (kTaskHeight + 10)};
    pugi::xml_node shape = plane.append_child("bpmndi:BPMNShape");
    shape.append_attribute("id") = (TaskId(i) + "_di").c_str();
    shape.append_attribute("bpmnElement") = TaskId(i).c_str();
    Bounds(shape, at[i].first, at[i].second, kTaskWidth, kTaskHeight);
  }
  for (std::size_t k = 0; k < c.arrows.size(); ++k) {
    const auto [x1, y1] = at[step_index.at(c.arrows[k].from)];
    const auto [x2, y2] = at[step_index.at(c.arrows[k].to)];
    pugi::xml_node edge = plane.append_child("bpmndi:BPMNEdge");
    edge.append_attribute("id") = fmt::format("Flow_{}_di", k + 1).c_str();
    edge.append_attribute("bpmnElement") = fmt::format("Flow_{}", k + 1).c_str();
    if (x2 > x1) {
      const double mid = (x1 + kTaskWidth + x2) / 2;
      Waypoint(edge, x1 + kTaskWidth, y1 + kTaskHeight / 2);
      Waypoint(edge, mid, y1 + kTaskHeight / 2);
      Waypoint(edge, mid, y2 + kTaskHeight / 2);
      Waypoint(edge, x2, y2 + kTaskHeight / 2);
    } else {
      const bool down = y2 > y1;
      Waypoint(edge, x1 + kTaskWidth / 2, down ? y1 + kTaskHeight : y1);
      Waypoint(edge, x2 + kTaskWidth / 2, down ? y2 : y2 + kTaskHeight);
    }
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

Result<BpmnMap> ReadBpmn(std::string_view xml) {
  // Declarations are refused before anything is parsed: nothing in a file may make the reader
  // fetch or expand (XXE, billion laughs). pugixml would not process them; refusing says so.
  std::string head(xml.substr(0, std::min<std::size_t>(xml.size(), 1 << 20)));
  std::transform(head.begin(), head.end(), head.begin(),
                 [](char ch) { return static_cast<char>(std::toupper(static_cast<unsigned char>(ch))); });
  if (head.find("<!DOCTYPE") != std::string::npos || head.find("<!ENTITY") != std::string::npos) {
    return Refuse("a BPMN file may not declare a DOCTYPE or entities");
  }
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default,
                      pugi::encoding_utf8);
  if (!parsed) {
    return Refuse(fmt::format("not well-formed XML at byte {}: {}", parsed.offset,
                              parsed.description()));
  }
  pugi::xml_node defs = doc.document_element();
  if (LocalName(defs) != "definitions") {
    return Refuse("not a BPMN 2.0 file: its root is not a definitions element");
  }
  std::string covalue;  // the prefix bound to covalue's namespace, if any
  for (const pugi::xml_attribute& a : defs.attributes()) {
    const std::string_view n = a.name();
    if (n.substr(0, 6) == "xmlns:" && std::string_view(a.value()) == kCovalueBpmn) {
      covalue = std::string(n.substr(6));
    }
  }

  BpmnMap map;
  std::vector<pugi::xml_node> found;
  Descendants(defs, "participant", found);
  if (!found.empty()) map.name = Attribute(found.front(), "name");
  std::vector<pugi::xml_node> processes;
  Descendants(defs, "process", processes);
  if (map.name.empty() && !processes.empty()) map.name = Attribute(processes.front(), "name");
  if (map.name.empty()) map.name = "Imported process map";

  // Lanes: the leaves of every process's lane sets.
  std::vector<pugi::xml_node> lanes;
  Descendants(defs, "lane", lanes);
  std::set<std::string> lane_keys;
  std::map<std::string, std::string> lane_of;  // flow node id → lane key
  for (const pugi::xml_node& lane : lanes) {
    std::vector<pugi::xml_node> children;
    Descendants(lane, "lane", children);
    if (!children.empty()) continue;
    const std::string own = CovalueAttribute(lane, covalue, "key");
    const std::string key = KeyOf(own.empty() ? Attribute(lane, "id") : own, lane_keys);
    Lane out{key, Attribute(lane, "name"), Perspective::kProfessional};
    if (out.title.empty()) out.title = key;
    if (auto p = ParsePerspective(CovalueAttribute(lane, covalue, "perspective"))) out.perspective = *p;
    for (pugi::xml_node ref : lane.children()) {
      if (LocalName(ref) == "flowNodeRef") lane_of[ref.text().get()] = key;
    }
    map.content.lanes.push_back(std::move(out));
  }
  if (map.content.lanes.empty()) {
    return Refuse("the BPMN file has no lanes: a process map has one lane per perspective",
                  "/lanes");
  }

  // Steps, and the shapes' left edges for positions.
  std::map<std::string, double> shape_x;
  std::vector<pugi::xml_node> shapes;
  Descendants(defs, "BPMNShape", shapes);
  for (const pugi::xml_node& shape : shapes) {
    for (pugi::xml_node b : shape.children()) {
      if (LocalName(b) == "Bounds") shape_x[Attribute(shape, "bpmnElement")] = NumberOr(Attribute(b, "x"), 0);
    }
  }
  std::vector<pugi::xml_node> nodes;
  for (const pugi::xml_node& process : processes) {
    for (pugi::xml_node child : process.children()) {
      if (IsStepElement(LocalName(child))) nodes.push_back(child);
    }
  }
  if (nodes.empty()) return Refuse("the BPMN file has no tasks", "/steps");
  std::set<std::string> step_keys;
  std::map<std::string, std::string> key_of;  // element id → step key
  std::vector<double> xs;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const pugi::xml_node& n = nodes[i];
    const std::string id = Attribute(n, "id");
    const std::string own = CovalueAttribute(n, covalue, "key");
    ProcessStep s;
    s.id = KeyOf(own.empty() ? id : own, step_keys);
    key_of[id] = s.id;
    s.title = Attribute(n, "name");
    if (s.title.empty()) s.title = s.id;
    const auto lane = lane_of.find(id);
    s.lane_id = lane == lane_of.end() ? map.content.lanes.front().id : lane->second;
    s.position = static_cast<int>(std::min<std::size_t>(i + 1, 100));
    if (const auto x = shape_x.find(id); x != shape_x.end()) xs.push_back(x->second);
    const double position = NumberOr(CovalueAttribute(n, covalue, "position"), 0);
    if (position >= 1 && position <= 100) s.position = static_cast<int>(position);
    if (auto v = ParseValueConfiguration(CovalueAttribute(n, covalue, "configuration"))) s.configuration = *v;
    if (auto v = ParseCoproductionState(CovalueAttribute(n, covalue, "coproduction"))) s.coproduction = *v;
    s.value_generated = CovalueAttribute(n, covalue, "valueGenerated");
    s.value_hindered = CovalueAttribute(n, covalue, "valueHindered");
    s.person_minutes = NumberOr(CovalueAttribute(n, covalue, "personMinutes"), 0);
    s.carer_minutes = NumberOr(CovalueAttribute(n, covalue, "carerMinutes"), 0);
    s.travel_cost = NumberOr(CovalueAttribute(n, covalue, "travelCost"), 0);
    s.out_of_pocket = NumberOr(CovalueAttribute(n, covalue, "outOfPocket"), 0);
    for (pugi::xml_node child : n.children()) {
      if (LocalName(child) == "documentation") s.notes = child.text().get();
      if (LocalName(child) != "extensionElements" || covalue.empty()) continue;
      const std::string resource = covalue + ":resource";  // outlives the range naming it
      for (pugi::xml_node r : child.children(resource.c_str())) {
        s.resources.push_back({static_cast<Id>(NumberOr(r.attribute("id").value(), 0)),
                               NumberOr(r.attribute("minutes").value(), 0)});
      }
    }
    map.content.steps.push_back(std::move(s));
  }
  // Without covalue's positions, columns follow the shapes left to right.
  const bool own_positions = std::any_of(nodes.begin(), nodes.end(), [&](const pugi::xml_node& n) {
    return *CovalueAttribute(n, covalue, "position") != '\0';
  });
  if (!own_positions && xs.size() == nodes.size()) {
    std::vector<double> columns = xs;
    std::sort(columns.begin(), columns.end());
    std::vector<double> distinct;
    for (double x : columns) {
      if (distinct.empty() || x - distinct.back() > 40) distinct.push_back(x);
    }
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const double x = shape_x[Attribute(nodes[i], "id")];
      std::size_t rank = 0;
      while (rank + 1 < distinct.size() && distinct[rank + 1] <= x + 40) ++rank;
      map.content.steps[i].position = static_cast<int>(std::min<std::size_t>(rank + 1, 100));
    }
  }

  // Arrows: each flow between two steps, in the file's order; then each step to the steps its
  // flows reach through gateways and events.
  std::multimap<std::string, std::pair<std::string, std::string>> outgoing;  // source → (target, name)
  std::vector<pugi::xml_node> flows;
  Descendants(defs, "sequenceFlow", flows);
  std::set<std::pair<std::string, std::string>> joined;
  const auto join = [&](const std::string& from, const std::string& to, const std::string& label) {
    if (from != to && joined.emplace(from, to).second) map.content.arrows.push_back({from, to, label});
  };
  for (const pugi::xml_node& f : flows) {
    const std::string source = Attribute(f, "sourceRef");
    const std::string target = Attribute(f, "targetRef");
    outgoing.emplace(source, std::pair{target, std::string(Attribute(f, "name"))});
    const auto from = key_of.find(source);
    const auto to = key_of.find(target);
    if (from != key_of.end() && to != key_of.end()) join(from->second, to->second, Attribute(f, "name"));
  }
  for (const pugi::xml_node& node : nodes) {
    const std::string element = Attribute(node, "id");
    std::vector<std::string> stack;
    std::set<std::string> seen{element};
    const auto [begin, end] = outgoing.equal_range(element);
    for (auto it = begin; it != end; ++it) {
      if (key_of.count(it->second.first) == 0) stack.push_back(it->second.first);
    }
    while (!stack.empty()) {
      const std::string target = stack.back();
      stack.pop_back();
      if (!seen.insert(target).second) continue;
      if (const auto to = key_of.find(target); to != key_of.end()) {
        join(key_of.at(element), to->second, "");
        continue;
      }
      const auto [b, e] = outgoing.equal_range(target);
      for (auto it = b; it != e; ++it) stack.push_back(it->second.first);
    }
  }
  return map;
}

}  // namespace covalue::formats
