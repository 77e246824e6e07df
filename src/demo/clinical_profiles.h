#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>

#include "demo/draw.h"

namespace covalue::demo {

// A population's own variable fixed at enrolment: one of some categories (with their shares),
// or a number drawn from a normal distribution, clamped and rounded to step.
struct FieldSpec {
  std::string_view name;
  std::span<const std::pair<std::string_view, double>> categories;  // empty: a number
  double mean = 0, sd = 0, min = 0, max = 0, step = 1;
};

// A population's clinical measure, recorded at every third visit: each person's level drawn at
// enrolment, drifting per year, with noise at each measurement; clamped and rounded to step.
struct MeasureSpec {
  std::string_view code;
  std::string_view display;
  std::string_view unit;
  double mean = 0, sd = 0, drift_per_year = 0, noise = 0, min = 0, max = 0, step = 1;
};

struct ClinicalProfile {
  std::string_view population;  // a demo population's name (DemoSite::population)
  std::span<const FieldSpec> fields;
  MeasureSpec measure;
};

// The profile of a demo population, or nullptr for a population without one.
const ClinicalProfile* ProfileOf(std::string_view population);

// The fields of one person of the profile.
std::map<std::string, std::string> DrawFields(const ClinicalProfile& profile, Draw& draw);

// value clamped to [min, max] and rounded to step.
double Rounded(double value, double min, double max, double step);

}  // namespace covalue::demo
