#pragma once

#include <string_view>

#include "app/app.h"
#include "app/kernel/clock.h"

namespace covalue::demo {

// When the demo community's story happened: formed in October 2023 (sites, accounts, measures),
// an improvement cycle at each improving site from May 2025 (its change on kImprovementStart)
// with learning sessions in September 2025 and February 2026. The registry is written at the
// time the demo is made, so schedules count from then.
inline constexpr const char* kCommunityFormed = "2023-10-02";

// An improving site's team records its improvement cycle in a passport, dated as it happened:
// started on 12 May 2025, its change on kImprovementStart (so that the team's charts mark it and
// judge the months after it), stamped at two learning sessions, and shared with the community.
// The texts are in the site's language ("sv" or "en"). story is the app's clock while the demo is
// written; it is moved to each answer's time and left at the last.
[[nodiscard]] Status WriteDemoPassport(app::App& app, const app::RequestContext& ctx, Id team_id,
                                       std::string_view language, app::ManualClock& story);

}  // namespace covalue::demo
