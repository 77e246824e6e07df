#include "demo/clinical_profiles.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

namespace covalue::demo {
namespace {

using Shares = std::pair<std::string_view, double>;

// Plausible shares and ranges for a demonstration; not clinical reference data.
constexpr std::array<Shares, 5> kTumourSites = {
    {{"breast", 0.3}, {"colorectal", 0.2}, {"lung", 0.2}, {"prostate", 0.2}, {"other", 0.1}}};
constexpr std::array<Shares, 4> kStages = {{{"I", 0.2}, {"II", 0.3}, {"III", 0.3}, {"IV", 0.2}}};
constexpr std::array<Shares, 3> kMsCourses = {
    {{"relapsing-remitting", 0.75}, {"secondary progressive", 0.15}, {"primary progressive", 0.1}}};
constexpr std::array<Shares, 2> kYesNo70 = {{{"yes", 0.7}, {"no", 0.3}}};
constexpr std::array<Shares, 2> kYesNo45 = {{{"yes", 0.45}, {"no", 0.55}}};
constexpr std::array<Shares, 4> kDiagnosisGroups = {
    {{"psychosis", 0.3}, {"bipolar disorder", 0.2}, {"depression", 0.3}, {"anxiety", 0.2}}};
constexpr std::array<Shares, 2> kDiabetesTypes = {{{"type 1", 0.2}, {"type 2", 0.8}}};
constexpr std::array<Shares, 2> kMedications = {{{"methadone", 0.6}, {"buprenorphine", 0.4}}};
constexpr std::array<Shares, 3> kSeizureTypes = {
    {{"focal", 0.6}, {"generalised", 0.35}, {"unknown", 0.05}}};

constexpr std::array<FieldSpec, 2> kCancer = {{{"tumour_site", kTumourSites}, {"stage", kStages}}};
constexpr std::array<FieldSpec, 2> kMs = {{{"ms_course", kMsCourses}, {"on_dmt", kYesNo70}}};
constexpr std::array<FieldSpec, 1> kMental = {{{"diagnosis_group", kDiagnosisGroups}}};
constexpr std::array<FieldSpec, 1> kLateLife = {{{"lives_alone", kYesNo45}}};
constexpr std::array<FieldSpec, 1> kHeart = {{{"lvef_percent", {}, 38, 10, 15, 70, 1}}};
constexpr std::array<FieldSpec, 1> kHomeCare = {{{"care_hours_per_week", {}, 12, 6, 1, 60, 1}}};
constexpr std::array<FieldSpec, 1> kObesity = {{{"bmi_at_referral", {}, 45, 4, 40, 70, 0.1}}};
constexpr std::array<FieldSpec, 1> kDiabetes = {{{"diabetes_type", kDiabetesTypes}}};
constexpr std::array<FieldSpec, 1> kOpiate = {{{"medication", kMedications}}};
constexpr std::array<FieldSpec, 1> kEpilepsy = {{{"seizure_type", kSeizureTypes}}};

constexpr std::array<ClinicalProfile, 10> kProfiles = {{
    {"People living with cancer",
     kCancer,
     {"ecog", "ECOG performance status (0-4)", "{score}", 1.2, 0.8, 0.15, 0.4, 0, 4, 1}},
    {"People with MS", kMs, {"edss", "EDSS (0-10)", "{score}", 3, 1.5, 0.1, 0.3, 0, 10, 0.5}},
    {"People with mental illness",
     kMental,
     {"hospital-days", "Days in hospital, last 3 months", "d", 3, 4, 0, 3, 0, 92, 1}},
    {"Older adults with depression",
     kLateLife,
     {"falls", "Falls, last 3 months", "{falls}", 0.5, 0.5, 0.05, 0.6, 0, 10, 1}},
    {"People with heart failure",
     kHeart,
     {"nyha", "NYHA class (1-4)", "{class}", 2.2, 0.7, 0.05, 0.35, 1, 4, 1}},
    {"People receiving home care",
     kHomeCare,
     {"admissions", "Unplanned admissions, last 3 months", "{admissions}", 0.3, 0.4, 0, 0.5, 0, 6,
      1}},
    {"People with morbid obesity",
     kObesity,
     {"weight", "Body weight", "kg", 128, 18, -3, 2, 70, 250, 0.1}},
    {"People with diabetes", kDiabetes, {"hba1c", "HbA1c", "mmol/mol", 62, 12, -1, 4, 30, 130, 1}},
    {"People with opiate use disorder",
     kOpiate,
     {"illicit-days", "Days of illicit opioid use, last 28 days", "d", 6, 6, -1, 3, 0, 28, 1}},
    {"People with epilepsy",
     kEpilepsy,
     {"seizures", "Seizures, last month", "{seizures}", 3, 3, -0.2, 2, 0, 60, 1}},
}};

std::string Number(double value, double step) {
  return step >= 1 ? fmt::format("{}", static_cast<long long>(value))
                   : fmt::format("{:.1f}", value);
}

}  // namespace

const ClinicalProfile* ProfileOf(std::string_view population) {
  for (const ClinicalProfile& profile : kProfiles) {
    if (profile.population == population) {
      return &profile;
    }
  }
  return nullptr;
}

double Rounded(double value, double min, double max, double step) {
  return std::clamp(std::round(value / step) * step, min, max);
}

std::map<std::string, std::string> DrawFields(const ClinicalProfile& profile, Draw& draw) {
  std::map<std::string, std::string> fields;
  for (const FieldSpec& field : profile.fields) {
    if (field.categories.empty()) {
      fields.emplace(field.name, Number(Rounded(draw.Normal(field.mean, field.sd), field.min,
                                                field.max, field.step),
                                        field.step));
      continue;
    }
    double u = draw.Uniform();
    std::string_view chosen = field.categories.back().first;
    for (const auto& [category, share] : field.categories) {
      if (u < share) {
        chosen = category;
        break;
      }
      u -= share;
    }
    fields.emplace(field.name, chosen);
  }
  return fields;
}

}  // namespace covalue::demo
