#include "demo/demo_registry.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include <fmt/format.h>

#include "demo/clinical_profiles.h"
#include "demo/utilisation.h"
#include "demo/demo_names.h"
#include "demo/draw.h"
#include "domain/dates.h"
#include "domain/value_domain.h"

namespace covalue::demo {
namespace {

std::string DateOf(std::int64_t year, std::int64_t month, std::int64_t day) {
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

// The people's coproduction value questionnaire (questionnaires/coproduction-value-patient.json)
// and its title, as a scored response names its subscales' observations.
constexpr const char* kPeopleQuestionnaire = "coproduction-value-patient";
constexpr const char* kPeopleTitle = "Coproduction value: the person's view";

// One quarterly answer to the people's questionnaire: each domain's subscale score, the sum of
// its two items (1–5 each) drawn around the person's own level; at an improving site, talking
// and self-care rise once its change is in place.
void AnswerCoproductionValue(Draw& draw, double level, bool improved, std::int64_t at,
                             std::vector<Observation>& out) {
  for (ValueDomain domain : kAllValueDomains) {
    const bool lifted =
        improved && (domain == ValueDomain::kCommunication || domain == ValueDomain::kSelfEfficacy);
    double score = 0;
    for (int item = 0; item < 2; ++item) {
      score += std::clamp(std::round(draw.Normal(level + (lifted ? 0.8 : 0.0), 0.8)), 1.0, 5.0);
    }
    const std::string name(ValueDomainName(domain));
    out.push_back(Observation{
        0, 0, 0, 0, kScoreSystem, std::string(kPeopleQuestionnaire) + "/" + name,
        std::string(kPeopleTitle) + ": " + name, at, score, "{score}", "", std::nullopt});
  }
}

}  // namespace

bool IsImprovingSite(const DemoSite& site) {
  return site.slug == "vastera" || site.slug == "riverside" || site.slug == "prairie";
}

namespace {

// The draws a site's registry is made from, each its own stream so that adding one leaves the
// others' values as they were.
struct RecordDraws {
  explicit RecordDraws(std::uint64_t seed)
      : draw(seed),
        clinical(seed ^ 0x9E3779B97F4A7C15ULL),  // the population's own variables
        answers(seed ^ 0xC2B2AE3D27D4EB4FULL),   // the coproduction value questionnaire's
        names(seed ^ 0x94D049BB133111EBULL),     // the patients' names
        when(seed ^ 0xD6E8FEB86659FD93ULL),      // each visit's day and time
        use(seed ^ 0x8CB92BA72F3D8DD7ULL) {}     // utilisation events (demo/utilisation.h)
  Draw draw;
  Draw clinical;
  Draw answers;
  Draw names;
  Draw when;
  Draw use;
};

std::uint64_t SeedOf(std::uint64_t seed, std::string_view text) {
  for (char c : text) {
    seed = (seed ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  }
  return seed;
}

// One person of the site's population with their visits (see WriteDemoRegistry).
app::RegistryRecord DrawRecord(const DemoSite& site, Id population_id, RecordDraws& d) {
  Draw& draw = d.draw;
  Draw& clinical = d.clinical;
  Draw& answers = d.answers;
  Draw& when = d.when;
  const ClinicalProfile* profile = ProfileOf(site.population);
  const std::int64_t improvement = *ParseDateMs(kImprovementStart);
  app::RegistryRecord record;
  Patient& patient = record.patient;
  patient.population_id = population_id;
  const std::int64_t born = draw.Between(1940, 2001);
  patient.birth_date = DateOf(born, draw.Between(1, 12), draw.Between(1, 28));
  patient.sex = draw.Uniform() < 0.55 ? Sex::kFemale : Sex::kMale;
  std::tie(patient.given, patient.family) = DemoName(d.names, patient.sex, site.country);
  patient.diagnosis_date =
      DateOf(std::min<std::int64_t>(2023, born + draw.Between(18, 60)), draw.Between(1, 12), 1);
  const double u = draw.Uniform();
  patient.consent =
      u < 0.9 ? Consent::kConsented : (u < 0.95 ? Consent::kPending : Consent::kDeclined);
  const double baseline = draw.Normal(11.0, 4.5);
  const double trend = draw.Normal(-0.05, 0.1);
  double level = 0;
  if (profile != nullptr) {
    patient.fields = DrawFields(*profile, clinical);
    level = clinical.Normal(profile->measure.mean, profile->measure.sd);
  }
  const double agreement = answers.Normal(3.2, 0.6);  // how much this person agrees, 1–5
  // Need for care: higher with a worse mood at enrolment, and a personal factor.
  const double need = std::exp(0.06 * (baseline - 11.0) + d.use.Normal(0.0, 0.35));
  for (int m = 0; m < kDemoMonths; ++m) {
    // A visit's day of its month and its time in clinic hours (07:30 to 17:00 UTC).
    const std::int64_t day = when.Between(1, 28);
    const std::int64_t minute = when.Between(7 * 60 + 30, 17 * 60);
    {
      const std::int64_t month = 2023 * 12 + 10 + m;
      DrawUtilisation(site.population, need, *ParseDateMs(DateOf(month / 12, month % 12 + 1, 1)),
                      d.use, record.observations);
    }
    const double missed = draw.Uniform();
    const double noise = draw.Normal(0.0, 2.0);
    const double vas_noise = draw.Normal(0.0, 8.0);
    if (missed < 0.15) {
      continue;
    }
    // A visit a month, November 2023 to October 2026.
    const std::int64_t month_index = 2023 * 12 + 10 + m;
    const std::int64_t at =
        *ParseDateMs(DateOf(month_index / 12, month_index % 12 + 1, day)) + minute * 60'000;
    const double shift = IsImprovingSite(site) && at >= improvement ? -3.0 : 0.0;
    const double phq9 = std::clamp(std::round(baseline + trend * m + shift + noise), 0.0, 27.0);
    const double vas = std::clamp(std::round(65.0 - 1.5 * (phq9 - 10.0) + vas_noise), 0.0, 100.0);
    record.observations.push_back(Observation{0, 0, 0, 0, kScoreSystem, "phq-9",
                                              "PHQ-9: total score", at, phq9, "{score}", "",
                                              std::nullopt});
    record.observations.push_back(Observation{0, 0, 0, 0, kDemoSystem, "eq-vas",
                                              "Health today (EQ VAS, 0-100)", at, vas, "{score}",
                                              "", std::nullopt});
    // About two in three answer the coproduction value questionnaire once a quarter.
    if (m % 3 == 1 && answers.Uniform() < 0.65) {
      AnswerCoproductionValue(answers, agreement, IsImprovingSite(site) && at >= improvement, at,
                              record.observations);
    }
    if (profile != nullptr && m % 3 == 0) {
      const MeasureSpec& measure = profile->measure;
      const double value =
          Rounded(level + measure.drift_per_year * m / 12.0 + clinical.Normal(0.0, measure.noise),
                  measure.min, measure.max, measure.step);
      record.observations.push_back(Observation{0, 0, 0, 0, kDemoSystem, std::string(measure.code),
                                                std::string(measure.display), at, value,
                                                std::string(measure.unit), "", std::nullopt});
    }
  }
  return record;
}

}  // namespace

Result<std::size_t> WriteDemoRegistry(app::App& app, const app::RequestContext& ctx,
                                      const DemoSite& site, Id site_id, Id population_id,
                                      std::int64_t patients, std::uint64_t seed) {
  RecordDraws draws(SeedOf(seed, site.slug));
  std::vector<app::RegistryRecord> records;
  records.reserve(static_cast<std::size_t>(patients));
  for (std::int64_t p = 0; p < patients; ++p) {
    records.push_back(DrawRecord(site, population_id, draws));
    records.back().patient.identifier = fmt::format("{}-{:06}", site.slug, p + 1);
  }
  return app.registry().ImportRegistry(ctx, site_id, std::move(records));
}

app::RegistryRecord DrawDemoHistory(const DemoSite& site, Id population_id, std::uint64_t seed,
                                    std::string_view name) {
  RecordDraws draws(SeedOf(SeedOf(seed, site.slug) ^ 0xA0761D6478BD642FULL, name));
  return DrawRecord(site, population_id, draws);
}

}  // namespace covalue::demo
