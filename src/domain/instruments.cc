#include "domain/instruments.h"

#include <algorithm>
#include <functional>
#include <map>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace covalue {
namespace {

constexpr std::string_view kLoinc = "http://loinc.org";

struct InstrumentSubscale {
  std::string_view name;
  std::vector<std::string_view> items;
};

struct InstrumentAlert {
  std::string_view code;
  std::string_view item;  // LOINC code of the item; "" for the total
  AlertComparator comparator;
  double threshold;
  AlertSeverity severity;
  std::string_view message;
};

struct Instrument {
  std::string_view name;
  std::string_view panel;
  std::vector<std::string_view> items;  // LOINC codes of the scored items, in order
  std::string_view total;               // LOINC code of the total score item
  std::vector<ScoreBand> bands;
  std::vector<InstrumentSubscale> subscales;
  std::vector<InstrumentAlert> alerts = {};
};

const std::vector<Instrument>& Instruments() {
  static const std::vector<Instrument> kInstruments = {
      // Kroenke K, Spitzer RL, Williams JB. The PHQ-9. J Gen Intern Med 2001;16:606-13.
      {"PHQ-9",
       "44249-1",
       {"44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3",
        "44260-8"},
       "44261-6",
       {{0, 4, "minimal"},
        {5, 9, "mild"},
        {10, 14, "moderate"},
        {15, 19, "moderately severe"},
        {20, 27, "severe"}},
       {},
       {{"phq9-item9", "44260-8", AlertComparator::kGreater, 0, AlertSeverity::kHigh,
         "PHQ-9 item 9: thoughts that you would be better off dead, or of hurting yourself"},
        {"phq9-severe", "", AlertComparator::kGreaterOrEqual, 20, AlertSeverity::kMedium,
         "PHQ-9 total of 20 or more: severe depression"}}},
      // Spitzer RL, Kroenke K, Williams JB, Löwe B. The GAD-7. Arch Intern Med 2006;166:1092-7.
      {"GAD-7",
       "69737-5",
       {"69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"},
       "70274-6",
       {{0, 4, "minimal"}, {5, 9, "mild"}, {10, 14, "moderate"}, {15, 21, "severe"}},
       {}},
      // Kroenke K, Spitzer RL, Williams JB, Löwe B. An ultra-brief screening scale for anxiety
      // and depression: the PHQ-4. Psychosomatics 2009;50:613-21.
      {"PHQ-4",
       "69724-3",
       {"44250-9", "44255-8", "69725-0", "68509-9"},
       "",
       {{0, 2, "normal"}, {3, 5, "mild"}, {6, 8, "moderate"}, {9, 12, "severe"}},
       {{"PHQ-2", {"44250-9", "44255-8"}}, {"GAD-2", {"69725-0", "68509-9"}}}},
  };
  return kInstruments;
}

bool HasLoinc(const std::vector<Coding>& codes, std::string_view code) {
  for (const Coding& c : codes) {
    if (c.code == code && (c.system.empty() || c.system == kLoinc)) {
      return true;
    }
  }
  return false;
}

// The link id of each item that carries one of the instrument's LOINC codes.
void MapCodes(const std::vector<QuestionnaireItem>& items,
              std::map<std::string, std::string>& link_of_code) {
  for (const QuestionnaireItem& item : items) {
    for (const Coding& c : item.codes) {
      if (c.system.empty() || c.system == kLoinc) {
        link_of_code.emplace(c.code, item.link_id);
      }
    }
    const std::string_view bare =
        std::string_view(item.link_id)
            .substr(!item.link_id.empty() && item.link_id.front() == '/' ? 1 : 0);
    link_of_code.emplace(std::string(bare), item.link_id);
    MapCodes(item.items, link_of_code);
  }
}

const Instrument* InstrumentOf(const Questionnaire& questionnaire) {
  for (const Instrument& instrument : Instruments()) {
    if (HasLoinc(questionnaire.codes, instrument.panel)) {
      return &instrument;
    }
  }
  return nullptr;
}

}  // namespace

std::vector<AlertRule> PublishedAlerts(const Questionnaire& questionnaire) {
  const Instrument* instrument = InstrumentOf(questionnaire);
  if (instrument == nullptr) {
    return {};
  }
  std::map<std::string, std::string> link_of_code;
  MapCodes(questionnaire.items, link_of_code);
  const bool whole =
      std::all_of(instrument->items.begin(), instrument->items.end(),
                  [&](std::string_view code) { return link_of_code.contains(std::string(code)); });
  std::vector<AlertRule> rules;
  for (const InstrumentAlert& alert : instrument->alerts) {
    AlertRule rule{std::string(alert.code),   "", alert.comparator, alert.threshold, alert.severity,
                   std::string(alert.message)};
    if (!alert.item.empty()) {
      const auto found = link_of_code.find(std::string(alert.item));
      if (found == link_of_code.end()) {
        continue;
      }
      rule.link_id = found->second;
    } else if (!whole) {
      continue;
    }
    rules.push_back(std::move(rule));
  }
  return rules;
}

std::optional<ScoringRule> PublishedRule(const Questionnaire& questionnaire,
                                         std::vector<Issue>& issues) {
  for (const Instrument& instrument : Instruments()) {
    if (!HasLoinc(questionnaire.codes, instrument.panel)) {
      continue;
    }
    std::map<std::string, std::string> link_of_code;
    MapCodes(questionnaire.items, link_of_code);
    ScoringRule rule;
    rule.instrument = std::string(instrument.name);
    std::vector<std::string_view> absent;
    for (std::string_view code : instrument.items) {
      if (auto found = link_of_code.find(std::string(code)); found != link_of_code.end()) {
        rule.link_ids.push_back(found->second);
      } else {
        absent.push_back(code);
      }
    }
    if (rule.link_ids.empty()) {
      issues.push_back({"warning", "",
                        fmt::format("the questionnaire is coded as {} but has none of its items; "
                                    "it is scored by its own answer values",
                                    instrument.name)});
      return std::nullopt;
    }
    if (auto total = link_of_code.find(std::string(instrument.total));
        !instrument.total.empty() && total != link_of_code.end()) {
      rule.total_link_id = total->second;
    }
    if (absent.empty()) {
      rule.bands = instrument.bands;
      for (const InstrumentSubscale& subscale : instrument.subscales) {
        Subscale mapped{std::string(subscale.name), {}};
        for (std::string_view code : subscale.items) {
          mapped.link_ids.push_back(link_of_code.at(std::string(code)));
        }
        rule.subscales.push_back(std::move(mapped));
      }
    } else {
      issues.push_back(
          {"warning", "",
           fmt::format("the questionnaire lacks {} of the {} items of {} (LOINC {}): the total "
                       "covers the {} present, without the instrument's severity bands",
                       absent.size(), instrument.items.size(), instrument.name,
                       fmt::join(absent, ", "), rule.link_ids.size())});
    }
    return rule;
  }
  return std::nullopt;
}

}  // namespace covalue
