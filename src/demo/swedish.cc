#include "demo/swedish.h"

#include <array>
#include <utility>

namespace covalue::demo {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 54> kSwedish = {{
    // The populations (demo_sites.cc).
    {"People living with cancer", "Personer som lever med cancer"},
    {"People with MS", "Personer med MS"},
    {"People with mental illness", "Personer med psykisk sjukdom"},
    {"Older adults with depression", "Äldre med depression"},
    {"People with heart failure", "Personer med hjärtsvikt"},
    {"People receiving home care", "Personer med hemsjukvård"},
    {"People with morbid obesity", "Personer med svår fetma"},
    {"People with diabetes", "Personer med diabetes"},
    {"People with opiate use disorder", "Personer med opioidberoende"},
    {"People with epilepsy", "Personer med epilepsi"},
    // The populations' descriptions (demo_sites.cc).
    {"Adults in active oncological treatment and follow-up",
     "Vuxna i aktiv onkologisk behandling och uppföljning"},
    {"Adults with multiple sclerosis of every course",
     "Vuxna med multipel skleros av alla förlopp"},
    {"Adults with multiple sclerosis followed at the neurology clinic",
     "Vuxna med multipel skleros som följs på neurologiska kliniken"},
    {"Adults in specialist outpatient mental health care",
     "Vuxna i specialiserad öppen psykiatrisk vård"},
    {"People aged 65 and over treated for depression in primary care",
     "Personer 65 år och äldre som behandlas för depression i primärvården"},
    {"Adults with chronic heart failure after a first admission",
     "Vuxna med kronisk hjärtsvikt efter en första inläggning"},
    {"Adults with heart failure in community cardiology",
     "Vuxna med hjärtsvikt i öppen kardiologisk vård"},
    {"Housebound adults receiving nursing and social care at home",
     "Hemmaboende vuxna som får omvårdnad och omsorg i hemmet"},
    {"Adults with a BMI of 40 or more in specialist weight management",
     "Vuxna med BMI 40 eller mer i specialiserad viktbehandling"},
    {"Adults with type 1 or type 2 diabetes", "Vuxna med typ 1- eller typ 2-diabetes"},
    {"Adults in medication-assisted treatment for opiate use disorder",
     "Vuxna i läkemedelsassisterad behandling för opioidberoende"},
    {"Children and adults with epilepsy", "Barn och vuxna med epilepsi"},
    // The teams (demo_sites.cc).
    {"Norrbacka Cancer Care Team", "Norrbackas cancerteam"},
    {"Västerå MS Team", "Västerås MS-team"},
    {"Fjordvik MS Team", "Fjordviks MS-team"},
    {"Lindholmen Recovery Team", "Lindholmens återhämtningsteam"},
    {"Elmbrook Late-Life Team", "Elmbrooks äldreteam"},
    {"Solvang Heart Failure Team", "Solvangs hjärtsviktsteam"},
    {"Riverside Heart Team", "Riversides hjärtteam"},
    {"Harbourside Home Care Team", "Harboursides hemsjukvårdsteam"},
    {"Kingsmere Weight Team", "Kingsmeres viktteam"},
    {"Prairie Valley Diabetes Team", "Prairie Valleys diabetesteam"},
    {"Northgate Recovery Team", "Northgates återhämtningsteam"},
    {"Bergli Epilepsy Team", "Berglis epilepsiteam"},
    // The measures (demo_measures.cc) and each population's clinical measure
    // (clinical_profiles.cc).
    {"PHQ-9 mean score", "PHQ-9, medelpoäng"},
    {"PHQ-9 below 10 (none or mild)", "PHQ-9 under 10 (ingen eller lindrig)"},
    {"Health today (EQ VAS) mean", "Hälsan i dag (EQ VAS), medelvärde"},
    {"People's view: communication", "Personernas syn: kommunikation"},
    {"People's view: self-efficacy", "Personernas syn: självtillit"},
    {"People's view: interconnectedness", "Personernas syn: samhörighet"},
    {"People's view: costs of care", "Personernas syn: vårdens kostnader"},
    {"People's view: professional experience", "Personernas syn: de professionellas upplevelse"},
    {"People's view: access to the right care", "Personernas syn: tillgång till rätt vård"},
    {"ECOG performance status (0-4)", "ECOG funktionsstatus (0–4)"},
    {"EDSS (0-10)", "EDSS (0–10)"},
    {"Days in hospital, last 3 months", "Vårddagar på sjukhus, senaste 3 månaderna"},
    {"Falls, last 3 months", "Fall, senaste 3 månaderna"},
    {"NYHA class (1-4)", "NYHA-klass (1–4)"},
    {"Unplanned admissions, last 3 months", "Oplanerade inläggningar, senaste 3 månaderna"},
    {"Body weight", "Kroppsvikt"},
    {"HbA1c", "HbA1c"},
    {"Days of illicit opioid use, last 28 days",
     "Dagar med illegalt opioidbruk, senaste 28 dagarna"},
    {"Seizures, last month", "Anfall, senaste månaden"},
    {"Health today (EQ VAS, 0-100)", "Hälsan i dag (EQ VAS, 0–100)"},
}};

}  // namespace

Translations InSwedish(std::string_view english) {
  for (const auto& [en, sv] : kSwedish) {
    if (en == english) {
      return {{"sv", std::string(sv)}};
    }
  }
  return {};
}

}  // namespace covalue::demo
