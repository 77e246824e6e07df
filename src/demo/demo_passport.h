#pragma once

#include <string>
#include <vector>

#include "app/app.h"
#include "app/kernel/clock.h"

namespace covalue::demo {

// When the demo community's story happened: formed in October 2023 (sites, accounts, measures),
// an improvement cycle at each improving site from May 2025 (its change on kImprovementStart)
// with learning sessions in September 2025 and February 2026. The registry is written at the
// time the demo is made, so schedules count from then.
inline constexpr const char* kCommunityFormed = "2023-10-02";

// A team that keeps a demo passport: who writes it, and in which language ("sv" or "en").
struct PassportTeam {
  app::RequestContext author;
  Id team_id = 0;
  std::string language;
};

// Each improving site's team records its improvement cycle in a passport, dated as it
// happened: started on 12 May 2025, its change on kImprovementStart (so that the team's charts
// mark it and judge the months after it), stamped at two learning sessions, and shared with the
// community; the teams write side by side, so every record is in time order. story is the
// app's clock while the demo is written; it is moved to each answer's time and left at the
// last.
[[nodiscard]] Status WriteDemoPassports(app::App& app, const std::vector<PassportTeam>& teams,
                                        app::ManualClock& story);

}  // namespace covalue::demo
