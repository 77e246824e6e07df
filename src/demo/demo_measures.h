#pragma once

#include <vector>

#include "app/app.h"

namespace covalue::demo {

// The demo community's measures: the PHQ-9 (mean and the share below 10) and EQ VAS that every
// population reports, and each population's own clinical measure (demo/clinical_profiles.h)
// with its direction and place on the value compass.
std::vector<MeasureDefinition> DemoMeasures();

// Defines them. Call before the registry is written, so that ingest aggregates it.
Status WriteDemoMeasures(app::App& app, const app::RequestContext& ctx);

}  // namespace covalue::demo
