#include "http/json/measure_json.h"

#include <fmt/format.h>

#include "analytics/measures.h"

namespace covalue::http {
namespace {

using json = nlohmann::ordered_json;

json Optional(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

// A name from one of the wire names parse accepts; kInvalidArgument naming the member.
template <typename T, typename Parse>
Result<T> Named(ObjectReader& reader, const std::string& name, Parse parse, T fallback,
                std::string_view choices) {
  COVALUE_ASSIGN_OR_RETURN(std::optional<std::string> text, reader.OptionalString(name));
  if (!text) {
    return fallback;
  }
  const auto value = parse(*text);
  if (!value) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{} is one of {}", name, choices),
                reader.Pointer(name));
  }
  return *value;
}

}  // namespace

json DefinitionJson(const MeasureDefinition& m) {
  return {{"id", m.id},
          {"name", m.name},
          {"names", json::object_t(m.names.begin(), m.names.end())},
          {"kind", MeasureKindName(m.kind)},
          {"system", m.system},
          {"code", m.code},
          {"threshold", Optional(m.threshold)},
          {"at_least", m.at_least},
          {"direction", DirectionName(m.direction)},
          {"target", Optional(m.target)},
          {"quadrant", QuadrantName(m.quadrant)},
          {"domain", m.domain ? json(ValueDomainName(*m.domain)) : json(nullptr)},
          {"unit", m.unit},
          {"chart", analytics::spc::ChartName(analytics::ChartTypeOf(m.kind))}};
}

json DraftJson(const MeasureDraft& d) {
  const MeasureDefinition& m = d.definition;
  const MeasureProvenance& p = d.provenance;
  return {{"id", m.id},
          {"name", m.name},
          {"names", json::object_t(m.names.begin(), m.names.end())},
          {"kind", MeasureKindName(m.kind)},
          {"direction", DirectionName(m.direction)},
          {"quadrant", QuadrantName(m.quadrant)},
          {"domain", m.domain ? json(ValueDomainName(*m.domain)) : json(nullptr)},
          {"unit", m.unit},
          {"provenance",
           {{"study_id", p.study_id},
            {"study_title", p.study_title},
            {"statement_id", p.statement_id},
            {"item", p.item},
            {"round", p.round},
            {"n", p.n},
            {"median", p.median},
            {"pct_7_9", p.pct_7_9},
            {"pct_1_3", p.pct_1_3},
            {"rand_classification", p.rand_classification},
            {"percent_rule", p.percent_rule}}},
          {"proposed_ms", d.proposed_ms},
          {"adopted", d.adopted_ms.has_value()},
          {"adopted_ms", d.adopted_ms ? json(*d.adopted_ms) : json(nullptr)}};
}

Result<MeasureDefinition> ReadMeasureDescription(ObjectReader& reader) {
  MeasureDefinition m;
  COVALUE_ASSIGN_OR_RETURN(m.id, reader.RequiredString("id"));
  COVALUE_ASSIGN_OR_RETURN(m.name, reader.RequiredString("name"));
  COVALUE_ASSIGN_OR_RETURN(auto names, reader.OptionalTranslations("names"));
  m.names = names.value_or(Translations{});
  COVALUE_ASSIGN_OR_RETURN(m.kind, Named(reader, "kind", ParseMeasureKind, MeasureKind::kContinuous,
                                         "proportion, rate, count, continuous, days-between, "
                                         "cases-between"));
  COVALUE_ASSIGN_OR_RETURN(m.direction, Named(reader, "direction", ParseDirection,
                                              Direction::kHigherIsBetter, "higher, lower"));
  COVALUE_ASSIGN_OR_RETURN(m.quadrant,
                           Named(reader, "quadrant", ParseQuadrant, CompassQuadrant::kClinical,
                                 "clinical, functional, experience, cost"));
  COVALUE_ASSIGN_OR_RETURN(std::optional<std::string> domain, reader.OptionalString("domain"));
  if (domain) {
    m.domain = ParseValueDomain(*domain);
    if (!m.domain) {
      return Fail(ErrorCode::kInvalidArgument,
                  "domain is one of the six coproduction value domains", reader.Pointer("domain"));
    }
  }
  COVALUE_ASSIGN_OR_RETURN(auto unit, reader.OptionalString("unit"));
  m.unit = unit.value_or("");
  return m;
}

Status ReadMeasureObservations(ObjectReader& reader, MeasureDefinition& m) {
  COVALUE_ASSIGN_OR_RETURN(m.system, reader.RequiredString("system"));
  COVALUE_ASSIGN_OR_RETURN(m.code, reader.RequiredString("code"));
  COVALUE_ASSIGN_OR_RETURN(m.threshold, reader.OptionalNumber("threshold"));
  COVALUE_ASSIGN_OR_RETURN(auto at_least, reader.OptionalBool("at_least"));
  m.at_least = at_least.value_or(true);
  COVALUE_ASSIGN_OR_RETURN(m.target, reader.OptionalNumber("target"));
  return Ok();
}

Result<MeasureDefinition> ReadMeasureDefinition(ObjectReader& reader) {
  COVALUE_ASSIGN_OR_RETURN(MeasureDefinition m, ReadMeasureDescription(reader));
  COVALUE_RETURN_IF_ERROR(ReadMeasureObservations(reader, m));
  return m;
}

}  // namespace covalue::http
