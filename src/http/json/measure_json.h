#pragma once

// Measures on the wire: a definition, a draft of the core set with its provenance, and the
// readers of both (the measures' and the studies' routes share them).

#include <nlohmann/json.hpp>

#include "domain/error.h"
#include "domain/measure.h"
#include "http/json/json_body.h"

namespace covalue::http {

// The documented members, in order.
nlohmann::ordered_json DefinitionJson(const MeasureDefinition& measure);
nlohmann::ordered_json DraftJson(const MeasureDraft& draft);

// What describes a measure: id, name, names, kind, direction, quadrant, domain, unit
// (kInvalidArgument naming the member).
[[nodiscard]] Result<MeasureDefinition> ReadMeasureDescription(ObjectReader& reader);
// What it is computed from: system, code, threshold, at_least, target (into measure).
[[nodiscard]] Status ReadMeasureObservations(ObjectReader& reader, MeasureDefinition& measure);
// Both.
[[nodiscard]] Result<MeasureDefinition> ReadMeasureDefinition(ObjectReader& reader);

}  // namespace covalue::http
