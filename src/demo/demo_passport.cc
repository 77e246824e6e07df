#include "demo/demo_passport.h"

#include "demo/demo_registry.h"
#include "domain/dates.h"

namespace covalue::demo {
namespace {

// One answer of the passport and the day and time it was written (UTC).
struct DatedAnswer {
  const char* when;
  const char* key;
  const char* en;
  const char* sv;
};

constexpr DatedAnswer kCycle[] = {
    {"2025-05-12T09:30", "cycle.population",
     "People with a PHQ-9 of 10 or more at their last visit",
     "Personer med PHQ-9 på 10 eller mer vid senaste besöket"},
    {"2025-05-12T09:34", "cycle.configuration", "shop", "shop"},
    {"2025-05-12T09:41", "cycle.aim",
     "Half of the people we follow score below 10 on the PHQ-9 by the end of 2025.",
     "Hälften av dem vi följer har under 10 poäng på PHQ-9 vid slutet av 2025."},
    {"2025-05-12T09:52", "cycle.change",
     "People fill in the PHQ-9 before the visit and set the visit's agenda with their "
     "professional from what matters to them.",
     "Personerna fyller i PHQ-9 före besöket och sätter besökets dagordning tillsammans med sin "
     "behandlare utifrån det som är viktigt för dem."},
    {"2025-05-12T09:55", "cycle.change-date", kImprovementStart, kImprovementStart},
    {"2025-05-12T10:03", "cycle.measures", "PHQ-9 mean score and the share below 10, monthly.",
     "PHQ-9, medelvärde och andel under 10, per månad."},
    // The learning sessions: a stamp each.
    {"2025-09-16T15:10", "stamp.session", "Learning session 3", "Lärandeträff 3"},
    {"2025-09-16T15:11", "stamp.date", "2025-09-16", "2025-09-16"},
    {"2026-02-10T14:40", "stamp.session~2", "Learning session 4", "Lärandeträff 4"},
    {"2026-02-10T14:41", "stamp.date~2", "2026-02-10", "2026-02-10"},
    // The team's self-ratings of the six domains (1–5), after the cycle.
    {"2026-02-10T15:00", "cycle.ratings.communication", "4", "4"},
    {"2026-02-10T15:01", "cycle.ratings.self-efficacy", "3", "3"},
    {"2026-02-10T15:02", "cycle.ratings.interconnectedness", "2", "2"},
    {"2026-02-10T15:03", "cycle.ratings.costs", "3", "3"},
    {"2026-02-10T15:04", "cycle.ratings.professional-experience", "4", "4"},
    {"2026-02-10T15:05", "cycle.ratings.access", "3", "3"},
    {"2026-02-10T15:20", "cycle.learning",
     "The PHQ-9 mean fell by about three points from June 2025 and stayed down; talking about "
     "what matters first made the visits shorter, not longer.",
     "Medelvärdet på PHQ-9 sjönk med ungefär tre poäng från juni 2025 och har hållit sig nere; "
     "att först tala om det som är viktigt gjorde besöken kortare, inte längre."},
    {"2026-02-10T15:26", "cycle.next-step", "Offer the same agenda-setting by video visit.",
     "Erbjuda samma sätt att sätta dagordningen vid videobesök."},
};

std::int64_t At(const char* when) {
  const std::string text(when);
  const std::int64_t day = *ParseDateMs(text.substr(0, 10));
  const std::int64_t hours = std::stoll(text.substr(11, 2));
  const std::int64_t minutes = std::stoll(text.substr(14, 2));
  return day + (hours * 60 + minutes) * 60'000;
}

}  // namespace

Status WriteDemoPassports(app::App& app, const std::vector<PassportTeam>& teams,
                          app::ManualClock& story) {
  if (teams.empty() || !app.workbooks().GetGuide(teams.front().author, "improvement-passport")) {
    return Ok();  // an app::App without the guides keeps no passports
  }
  // The teams write side by side, a minute apart, so that every record is in time order.
  std::vector<Id> passports;
  for (std::size_t t = 0; t < teams.size(); ++t) {
    story.Set(At(kCycle[0].when) - static_cast<std::int64_t>(10 - t) * 60'000);
    COVALUE_ASSIGN_OR_RETURN(
        app::WorkbookView passport,
        app.workbooks().StartWorkbook(teams[t].author, teams[t].team_id, "improvement-passport"));
    passports.push_back(passport.workbook.id);
  }
  for (const DatedAnswer& answer : kCycle) {
    story.Set(At(answer.when));
    for (std::size_t t = 0; t < teams.size(); ++t) {
      story.Advance(1'000);
      const char* text = teams[t].language == "sv" ? answer.sv : answer.en;
      COVALUE_RETURN_IF_ERROR(
          app.workbooks()
              .SaveAnswer(teams[t].author, passports[t], answer.key, text, std::nullopt)
              .map([](auto&&) {}));
    }
  }
  for (std::size_t t = 0; t < teams.size(); ++t) {
    story.Advance(60'000);
    COVALUE_RETURN_IF_ERROR(app.workbooks().ShareWorkbook(teams[t].author, passports[t], true));
  }
  return Ok();
}

}  // namespace covalue::demo
