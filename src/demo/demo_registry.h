#pragma once

#include <cstdint>
#include <string_view>

#include "app/app.h"
#include "demo/demo_sites.h"

namespace covalue::demo {

// The synthetic registry of one demo site: `patients` people of its population, each with a
// monthly visit over kDemoMonths months ending in October 2026 (about one in seven missed), at
// which a PHQ-9 total (0–27) and a health-today rating (EQ VAS, 0–100) are recorded. Baselines,
// personal trends and noise are seeded: the same seed and site give the same registry on every
// platform. Each population also has its own clinical variables (demo/clinical_profiles.h):
// fields fixed at enrolment and a measure recorded at every third visit. At the improving sites
// (IsImprovingSite) the PHQ-9 mean falls by 3 points from the visits of kImprovementStart on: a
// shift a run chart shows. Returns the observations written.
inline constexpr int kDemoMonths = 36;
inline constexpr const char* kImprovementStart = "2025-06-01";
inline constexpr const char* kDemoSystem = "urn:covalue:fhir:codesystem:demo";

bool IsImprovingSite(const DemoSite& site);

[[nodiscard]] Result<std::size_t> WriteDemoRegistry(app::App& app, const app::RequestContext& ctx,
                                                    const DemoSite& site, Id site_id,
                                                    Id population_id, std::int64_t patients,
                                                    std::uint64_t seed);

// A history for one more person of the site's population, drawn as WriteDemoRegistry draws its
// people but from a seed of its own (the seed, the site and name): the demo's patient accounts
// get one, so that a patient's first dashboard has their scores over the months. The caller
// puts in the identity (identifier, names, sex, birth date, account).
app::RegistryRecord DrawDemoHistory(const DemoSite& site, Id population_id, std::uint64_t seed,
                                    std::string_view name);

}  // namespace covalue::demo
