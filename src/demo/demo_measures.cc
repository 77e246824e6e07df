#include "demo/demo_measures.h"

#include <set>

#include "demo/clinical_profiles.h"
#include "demo/demo_registry.h"
#include "demo/demo_sites.h"
#include "demo/swedish.h"

namespace covalue::demo {
namespace {

MeasureDefinition Measure(std::string id, std::string name, MeasureKind kind, std::string system,
                          std::string code, Direction direction, CompassQuadrant quadrant,
                          std::string unit) {
  MeasureDefinition m;
  m.id = std::move(id);
  m.name = std::move(name);
  m.kind = kind;
  m.system = std::move(system);
  m.code = std::move(code);
  m.direction = direction;
  m.quadrant = quadrant;
  m.unit = std::move(unit);
  m.names = InSwedish(m.name);
  return m;
}

// Counts of events per report are rates (u charts); utilisation belongs to the cost quadrant.
bool IsRate(std::string_view code) {
  return code == "falls" || code == "admissions" || code == "seizures";
}
bool IsUtilisation(std::string_view code) {
  return code == "hospital-days" || code == "admissions";
}

}  // namespace

std::vector<MeasureDefinition> DemoMeasures() {
  std::vector<MeasureDefinition> out;
  out.push_back(Measure("phq9-mean", "PHQ-9 mean score", MeasureKind::kContinuous, kScoreSystem,
                        "phq-9", Direction::kLowerIsBetter, CompassQuadrant::kClinical, "{score}"));
  MeasureDefinition mild =
      Measure("phq9-below-10", "PHQ-9 below 10 (none or mild)", MeasureKind::kProportion,
              kScoreSystem, "phq-9", Direction::kHigherIsBetter, CompassQuadrant::kFunctional, "1");
  mild.threshold = 9;
  mild.at_least = false;
  mild.target = 0.6;
  mild.domain = ValueDomain::kSelfEfficacy;
  out.push_back(std::move(mild));
  out.push_back(Measure("eq-vas-mean", "Health today (EQ VAS) mean", MeasureKind::kContinuous,
                        kDemoSystem, "eq-vas", Direction::kHigherIsBetter,
                        CompassQuadrant::kFunctional, "{score}"));
  // The people's view of each coproduction value domain: the mean subscale score of the
  // people's questionnaire (the team's value profile reads these).
  const std::pair<ValueDomain, const char*> domains[] = {
      {ValueDomain::kCommunication, "communication"},
      {ValueDomain::kSelfEfficacy, "self-efficacy"},
      {ValueDomain::kInterconnectedness, "interconnectedness"},
      {ValueDomain::kCosts, "costs of care"},
      {ValueDomain::kProfessionalExperience, "professional experience"},
      {ValueDomain::kAccess, "access to the right care"}};
  for (const auto& [domain, words] : domains) {
    const std::string name(ValueDomainName(domain));
    MeasureDefinition m = Measure(
        "people-" + name, std::string("People's view: ") + words, MeasureKind::kContinuous,
        kScoreSystem, "coproduction-value-patient/" + name, Direction::kHigherIsBetter,
        domain == ValueDomain::kCosts ? CompassQuadrant::kCost : CompassQuadrant::kExperience,
        "{score}");
    m.domain = domain;
    out.push_back(std::move(m));
  }
  std::set<std::string_view> seen;
  for (const DemoSite& site : DemoSites()) {
    const ClinicalProfile* profile = ProfileOf(site.population);
    if (profile == nullptr || !seen.insert(profile->measure.code).second) {
      continue;
    }
    const MeasureSpec& spec = profile->measure;
    MeasureDefinition m = Measure(
        std::string(spec.code) + (IsRate(spec.code) ? "-rate" : "-mean"), std::string(spec.display),
        IsRate(spec.code) ? MeasureKind::kRate : MeasureKind::kContinuous, kDemoSystem,
        std::string(spec.code), Direction::kLowerIsBetter,
        IsUtilisation(spec.code) ? CompassQuadrant::kCost : CompassQuadrant::kClinical,
        std::string(spec.unit));
    if (IsUtilisation(spec.code)) {
      m.domain = ValueDomain::kCosts;
    }
    out.push_back(std::move(m));
  }
  return out;
}

Status WriteDemoMeasures(app::App& app, const app::RequestContext& ctx) {
  for (const MeasureDefinition& m : DemoMeasures()) {
    COVALUE_RETURN_IF_ERROR(app.measures().DefineMeasure(ctx, m).map([](auto&&) {}));
  }
  return Ok();
}

}  // namespace covalue::demo
