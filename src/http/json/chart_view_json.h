#pragma once

// A measure's chart view on the wire (the chart routes of the measures, a team's and the
// community's): series[].points[] in qicharts2's vocabulary, written straight to text.

#include <bitset>
#include <string>

#include "app/measures/measures.h"
#include "domain/error.h"
#include "http/message.h"

namespace covalue::http {

// Which members each point carries. All of them unless the request names some with
// `fields=x,y,cl` — a sparse fieldset, as FHIR's `_elements` and JSON:API's `fields` — for a
// reader that draws or checks only a few: the view keeps its shape, each point has just those
// members, in the documented order. The view's other members are always there.
class PointFields {
 public:
  // Every point member, in the documented order.
  static constexpr const char* kNames[] = {
      "index", "x",          "part",       "baseline", "include",      "y",
      "n",     "cl",         "lcl",        "ucl",      "lcl_2sigma",   "ucl_2sigma",
      "target", "sigma_signal", "runs_signal", "signals", "start_ms", "cell", "suppressed"};
  static constexpr std::size_t kCount = std::size(kNames);

  PointFields() { chosen_.set(); }
  bool Has(std::size_t member) const { return chosen_.test(member); }
  std::size_t Count() const { return chosen_.count(); }

  // The request's `fields` (absent: all); kInvalidArgument naming `fields` for an empty list or
  // a name that is not a point's member.
  [[nodiscard]] static Result<PointFields> Read(const Request& request);

 private:
  std::bitset<kCount> chosen_;
};

// The view's JSON: measure, chart, rules, period, min_cell, series (each with its parts, whose
// explanation states the runs once, and its points, whose signals are codes), and for a team's
// chart its limits, changes and notes.
std::string ChartViewJson(const app::MeasureChartView& view, const PointFields& fields = {});

}  // namespace covalue::http
