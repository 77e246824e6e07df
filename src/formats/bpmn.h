#pragma once

#include <string>
#include <string_view>

#include "domain/error.h"
#include "domain/process_map.h"

namespace covalue::formats {

// Process maps as BPMN 2.0 XML (OMG BPMN 2.0.2), so a map opens in bpmn.io and Camunda
// Modeler: a collaboration with one participant, its process with one lane per perspective, a
// task per step, a sequence flow per arrow, and diagram interchange (BPMNDI) shapes and edges
// laid out as covalue draws the map. What BPMN has no word for (a step's configuration,
// coproduction state, position, value notes, resources and the person's costs; a lane's
// perspective; the map's own keys) travels as attributes and extension elements of the
// namespace kCovalueBpmn, which other tools keep and ignore.
inline constexpr const char* kCovalueBpmn = "https://covalue.org/schema/bpmn/1";

[[nodiscard]] std::string WriteBpmn(const std::string& name, const ProcessMapContent& content);

struct BpmnMap {
  std::string name;  // the participant's or process's name; "Imported process map" without one
  ProcessMapContent content;
};

// Reads a BPMN 2.0 file (covalue's or another tool's): leaf lanes become lanes; tasks of every
// kind, sub-processes and call activities become steps (in the lane that lists them, else the
// first); sequence flows become arrows, bridged through gateways and events; positions come from
// covalue's attribute, else from the shapes' order left to right, else from the order in the
// file. Keys are covalue's, else the elements' ids (characters outside [A-Za-z0-9_.-] become _).
// kInvalidArgument naming the fault: a DOCTYPE or entity declaration (never processed), XML
// that does not parse (with its offset), no definitions element, no lanes, no tasks. The map's
// own rules are the caller's (ValidateProcessMap).
[[nodiscard]] Result<BpmnMap> ReadBpmn(std::string_view xml);

}  // namespace covalue::formats
