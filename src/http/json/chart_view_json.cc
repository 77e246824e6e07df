#include "http/json/chart_view_json.h"

#include <algorithm>
#include <iterator>
#include <string_view>

#include <fmt/format.h>

#include "domain/measure.h"
#include "http/json/json_writer.h"
#include "http/json/measure_json.h"

namespace covalue::http {
namespace {

namespace spc = analytics::spc;

// The members' positions in PointFields::kNames.
enum Member : std::size_t {
  kIndex,
  kX,
  kPart,
  kBaseline,
  kInclude,
  kY,
  kN,
  kCl,
  kLcl,
  kUcl,
  kLcl2Sigma,
  kUcl2Sigma,
  kTarget,
  kSigmaSignal,
  kRunsSignal,
  kSignals,
  kStartMs,
  kCell,
  kSuppressed,
};
static_assert(kSuppressed + 1 == PointFields::kCount);

// A point in qicharts2's vocabulary as SpcPointJson writes it, with start_ms, cell and
// suppressed, but without the sentence: a point's signals are codes (the reader words them),
// and each part states its runs once (parts[].explanation).
void WritePoint(JsonWriter& w, const app::MeasureSeries& s, const spc::ChartPoint& p,
                const PointFields& f) {
  const std::size_t i = p.index - 1;
  const auto key = [&](Member m) { return f.Has(m) ? &w.Key(PointFields::kNames[m]) : nullptr; };
  w.BeginObject();
  if (auto* v = key(kIndex)) v->Int(static_cast<std::int64_t>(p.index));
  if (auto* v = key(kX)) v->String(s.x[i]);
  if (auto* v = key(kPart)) v->Int(static_cast<std::int64_t>(p.part));
  if (auto* v = key(kBaseline)) v->Bool(p.baseline);
  if (auto* v = key(kInclude)) v->Bool(p.include);
  if (auto* v = key(kY)) v->Optional(p.y);
  if (auto* v = key(kN)) v->Optional(p.n);
  if (auto* v = key(kCl)) v->Optional(p.cl);
  if (auto* v = key(kLcl)) v->Optional(p.lcl);
  if (auto* v = key(kUcl)) v->Optional(p.ucl);
  if (auto* v = key(kLcl2Sigma)) v->Optional(p.lcl_2sigma);
  if (auto* v = key(kUcl2Sigma)) v->Optional(p.ucl_2sigma);
  if (auto* v = key(kTarget)) v->Optional(p.target);
  if (auto* v = key(kSigmaSignal)) v->Bool(p.sigma_signal);
  if (auto* v = key(kRunsSignal)) v->Bool(p.runs_signal);
  if (auto* v = key(kSignals)) {
    v->BeginArray();
    for (std::string_view name : p.signals) {
      w.String(name);
    }
    w.EndArray();
  }
  if (auto* v = key(kStartMs)) v->Int(s.start_ms[i]);
  if (auto* v = key(kCell)) v->Optional(s.n[i]);
  if (auto* v = key(kSuppressed)) v->Bool(s.suppressed[i]);
  w.EndObject();
}

void WriteSeries(JsonWriter& w, const app::MeasureSeries& s, const PointFields& f) {
  w.BeginObject();
  w.Key("site_id").Int(s.site_id);
  w.Key("site").String(s.site);
  w.Key("population_id").Int(s.population_id);
  w.Key("population").String(s.population);
  w.Key("variation");
  s.icons.variation ? w.String(spc::VariationName(*s.icons.variation)) : w.Null();
  w.Key("assurance");
  s.icons.assurance ? w.String(spc::AssuranceName(*s.icons.assurance)) : w.Null();
  w.Key("parts").BeginArray();
  for (const spc::ChartPart& part : s.chart.parts) {
    w.BeginObject();
    w.Key("part").Int(static_cast<std::int64_t>(part.part));
    w.Key("n_obs").Int(static_cast<std::int64_t>(part.n_obs));
    w.Key("n_useful").Int(static_cast<std::int64_t>(part.n_useful));
    w.Key("longest_run").Int(static_cast<std::int64_t>(part.longest_run));
    w.Key("longest_run_max").Int(static_cast<std::int64_t>(part.longest_run_max));
    w.Key("n_crossings").Int(static_cast<std::int64_t>(part.n_crossings));
    w.Key("n_crossings_min").Int(static_cast<std::int64_t>(part.n_crossings_min));
    w.Key("runs_signal").Bool(part.runs_signal);
    w.Key("explanation").String(part.explanation);
    w.EndObject();
  }
  w.EndArray();
  w.Key("points").BeginArray();
  for (const spc::ChartPoint& point : s.chart.points) {
    WritePoint(w, s, point, f);
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace

Result<PointFields> PointFields::Read(const Request& request) {
  PointFields fields;
  const std::string* list = request.Query("fields");
  if (!list) {
    return fields;
  }
  fields.chosen_.reset();
  // Every name between commas, an empty one included ("x," names "x" and "").
  for (std::string_view rest = *list;;) {
    const std::size_t comma = rest.find(',');
    const std::string_view name = rest.substr(0, comma);
    const auto* found = std::find_if(std::begin(kNames), std::end(kNames),
                                     [&](const char* known) { return name == known; });
    if (found == std::end(kNames)) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("fields names a point's members, separated by commas ({}); "
                              "\"{}\" is not one",
                              fmt::join(kNames, ", "), name.substr(0, 40)),
                  "fields");
    }
    fields.chosen_.set(static_cast<std::size_t>(found - std::begin(kNames)));
    if (comma == std::string_view::npos) {
      return fields;
    }
    rest.remove_prefix(comma + 1);
  }
}

std::string ChartViewJson(const app::MeasureChartView& v, const PointFields& fields) {
  std::size_t points = 0;
  for (const app::MeasureSeries& s : v.series) {
    points += s.chart.points.size();
  }
  // About 20 bytes a member: reserved at once, so that a large view grows without copies.
  JsonWriter w(2048 + v.series.size() * 512 + points * (8 + 20 * fields.Count()));
  w.BeginObject();
  // The definition through the same mapping as the list (small next to the series).
  w.Key("measure").Raw(DefinitionJson(v.measure).dump(
      -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  w.Key("chart").String(spc::ChartName(v.chart));
  w.Key("rules").String(v.rules == spc::Rules::kMdc ? "mdc" : "anhoej");
  w.Key("period").String(PeriodKindName(v.period));
  w.Key("min_cell");
  v.min_cell == 0 ? w.Null() : w.Int(static_cast<std::int64_t>(v.min_cell));
  w.Key("series").BeginArray();
  for (const app::MeasureSeries& s : v.series) {
    WriteSeries(w, s, fields);
  }
  w.EndArray();
  if (v.limits) {
    w.Key("limits").String(*v.limits == app::ChangeLimits::kPhases ? "phases" : "baseline");
    w.Key("changes").BeginArray();
    for (const app::TestedChange& c : v.changes) {
      w.BeginObject();
      w.Key("workbook_id").Int(c.workbook_id);
      w.Key("date").String(c.date);
      w.Key("text").String(c.text);
      w.Key("point");
      c.point == 0 ? w.Null() : w.Int(static_cast<std::int64_t>(c.point));
      w.EndObject();
    }
    w.EndArray();
    w.Key("notes").BeginArray();
    for (const ChartNote& n : v.notes) {
      w.BeginObject();
      w.Key("id").Int(n.id);
      w.Key("period").String(n.period);
      w.Key("text").String(n.text);
      w.Key("author").String(n.author);
      w.Key("created_ms").Int(n.created_ms);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  return w.Take();
}

}  // namespace covalue::http
