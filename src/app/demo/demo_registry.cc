#include "app/demo/demo_registry.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

#include <fmt/format.h>

#include "domain/dates.h"

namespace covalue::app::demo {
namespace {

// Draws from the same bits on every platform: mt19937_64 is specified exactly, unlike the
// standard distributions.
class Draw {
 public:
  explicit Draw(std::uint64_t seed) : bits_(seed) {}

  double Uniform() { return static_cast<double>(bits_() >> 11U) * 0x1.0p-53; }  // [0, 1)

  // Box–Muller.
  double Normal(double mean, double sd) {
    const double u = 1.0 - Uniform();
    const double v = Uniform();
    return mean + sd * std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * std::numbers::pi * v);
  }

  std::int64_t Between(std::int64_t low, std::int64_t high) {
    return low + static_cast<std::int64_t>(Uniform() * static_cast<double>(high - low + 1));
  }

 private:
  std::mt19937_64 bits_;
};

std::string DateOf(std::int64_t year, std::int64_t month, std::int64_t day) {
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

constexpr std::int64_t kVisitHourMs = std::int64_t{10} * 3'600'000;  // visits at 10:00 UTC

}  // namespace

bool IsImprovingSite(const DemoSite& site) {
  return site.slug == "vastera" || site.slug == "riverside" || site.slug == "prairie";
}

Result<std::size_t> WriteDemoRegistry(App& app, const RequestContext& ctx, const DemoSite& site,
                                      Id site_id, Id population_id, std::int64_t patients,
                                      std::uint64_t seed) {
  std::uint64_t site_seed = seed;
  for (char c : site.slug) {
    site_seed = (site_seed ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  }
  Draw draw(site_seed);
  const std::int64_t improvement = *ParseDateMs(kImprovementStart);
  std::vector<RegistryRecord> records;
  records.reserve(static_cast<std::size_t>(patients));
  for (std::int64_t p = 0; p < patients; ++p) {
    RegistryRecord record;
    Patient& patient = record.patient;
    patient.population_id = population_id;
    patient.identifier = fmt::format("{}-{:06}", site.slug, p + 1);
    const std::int64_t born = draw.Between(1940, 2001);
    patient.birth_date = DateOf(born, draw.Between(1, 12), draw.Between(1, 28));
    patient.sex = draw.Uniform() < 0.55 ? Sex::kFemale : Sex::kMale;
    patient.diagnosis_date =
        DateOf(std::min<std::int64_t>(2023, born + draw.Between(18, 60)), draw.Between(1, 12), 1);
    const double u = draw.Uniform();
    patient.consent =
        u < 0.9 ? Consent::kConsented : (u < 0.95 ? Consent::kPending : Consent::kDeclined);
    const double baseline = draw.Normal(11.0, 4.5);
    const double trend = draw.Normal(-0.05, 0.1);
    for (int m = 0; m < kDemoMonths; ++m) {
      const double missed = draw.Uniform();
      const double noise = draw.Normal(0.0, 2.0);
      const double vas_noise = draw.Normal(0.0, 8.0);
      if (missed < 0.15) {
        continue;
      }
      // Visits on the 15th, November 2023 to October 2026.
      const std::int64_t month_index = 2023 * 12 + 10 + m;
      const std::int64_t at =
          *ParseDateMs(DateOf(month_index / 12, month_index % 12 + 1, 15)) + kVisitHourMs;
      const double shift = IsImprovingSite(site) && at >= improvement ? -3.0 : 0.0;
      const double phq9 = std::clamp(std::round(baseline + trend * m + shift + noise), 0.0, 27.0);
      const double vas = std::clamp(std::round(65.0 - 1.5 * (phq9 - 10.0) + vas_noise), 0.0, 100.0);
      record.observations.push_back(Observation{0, 0, 0, 0, kScoreSystem, "phq-9",
                                                "PHQ-9: total score", at, phq9, "{score}", "",
                                                std::nullopt});
      record.observations.push_back(Observation{0, 0, 0, 0, kDemoSystem, "eq-vas",
                                                "Health today (EQ VAS, 0-100)", at, vas, "{score}",
                                                "", std::nullopt});
    }
    records.push_back(std::move(record));
  }
  return app.ImportRegistry(ctx, site_id, std::move(records));
}

}  // namespace covalue::app::demo
