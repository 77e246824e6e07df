#pragma once

#include "app/app.h"
#include "demo/demo_sites.h"

namespace covalue::demo {

// A demo team's picture of its population and service (DESIGN.md §2, steps 2–8): its site's
// unit costs and value of a person's time (demo/utilisation.h) are written with the sites; after
// the registry, each MS population gets strata by need (a latest EDSS of 6 or more, relapsing
// and on treatment, the rest) with PHQ-9 and EDSS quartiles, and the Västerå team the resources,
// the twelve-step process map in three lanes (the person with MS, the neurology clinic, the
// pharmacy), a journey and a what-if that moves two shop steps to the network, as its lead made
// them.
[[nodiscard]] Status WriteDemoPrices(app::App& app, const app::RequestContext& ctx,
                                     const DemoSite& site, Id site_id);
[[nodiscard]] Status WriteDemoStrata(app::App& app, const app::RequestContext& ctx,
                                     const DemoSite& site, Id population_id);
[[nodiscard]] Status WriteDemoProcessMap(app::App& app, const app::RequestContext& lead,
                                         Id team_id);

}  // namespace covalue::demo
