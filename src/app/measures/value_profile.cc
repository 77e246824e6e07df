// A team's six-domain coproduction value profile: the people's view beside the team's.
//
// The people's view comes from the people's coproduction value questionnaire
// (questionnaires/coproduction-value-patient.json): each completed response stores one score
// per domain subscale (the sum of its items) as an observation coded
// "coproduction-value-patient/<domain>". Where the community has defined a continuous measure of
// that code, the measure store holds its quarterly sums, and the profile shows the latest
// quarter's mean item score (the subscale's mean divided by its number of items, so that it
// reads on the items' 1–5 agreement scale). The team's view is the self-rating (1–5) of its
// latest improvement passport that has one. Both read on the same scale, side by side.

#include <algorithm>

#include "analytics/measure_store.h"
#include "app/kernel/suppression.h"
#include "app/measures/measures.h"

namespace covalue::app {
namespace {

constexpr const char* kPeopleQuestionnaire = "coproduction-value-patient";

// The people's measure of a domain: a continuous measure of its subscale's score.
const MeasureDefinition* PeopleMeasureOf(const std::vector<MeasureDefinition>& definitions,
                                         ValueDomain domain) {
  const std::string code =
      std::string(kPeopleQuestionnaire) + "/" + std::string(ValueDomainName(domain));
  const auto found = std::find_if(definitions.begin(), definitions.end(), [&](const auto& m) {
    return m.kind == MeasureKind::kContinuous && m.system == kScoreSystem && m.code == code;
  });
  return found == definitions.end() ? nullptr : &*found;
}

}  // namespace

Result<ValueProfile> Measures::TeamValueProfile(const RequestContext& ctx, Id team_id) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(Team team, TeamById(team_id));
  const Target target{team.site_id, team.id, std::nullopt, {}};
  COVALUE_RETURN_IF_ERROR(
      gate_.Permit(ctx, principal, Action::kMeasureRead, target, {"value_profile", "", {}}));
  ValueProfile profile;
  profile.team_id = team.id;
  for (ValueDomain domain : kAllValueDomains) {
    profile.domains.push_back({domain, {}, 0, {}, {}, {}, false});
  }

  // How many items each subscale sums, from the questionnaire's latest version.
  std::map<std::string, std::size_t> items;
  if (questionnaires_.Format() != nullptr) {
    if (auto version =
            questionnaires_.GetQuestionnaire(ctx, kPeopleQuestionnaire, std::nullopt, false)) {
      if (auto model = questionnaires_.ModelOf(*version); model && (*model)->scoring) {
        for (const Subscale& subscale : (*model)->scoring->subscales) {
          items[subscale.name] = subscale.link_ids.size();
        }
      }
    }
  }
  COVALUE_RETURN_IF_ERROR(
      measure_store_.Read(store_, [&](const MeasureStore::Snapshot& s) -> Status {
        std::vector<const analytics::AggregateSeries*> series(profile.domains.size(), nullptr);
        std::optional<std::int64_t> latest;
        for (std::size_t d = 0; d < profile.domains.size(); ++d) {
          const ValueDomain domain = profile.domains[d].domain;
          const MeasureDefinition* measure = PeopleMeasureOf(s.definitions, domain);
          const auto counted = items.find(std::string(ValueDomainName(domain)));
          if (measure == nullptr || counted == items.end() || counted->second == 0) {
            continue;
          }
          const analytics::AggregateSeries& quarters = s.aggregates.Series(
              {team.site_id, team.population_id, measure->id, PeriodKind::kQuarter});
          if (quarters.Periods() > 0) {
            series[d] = &quarters;
            latest = std::max(latest.value_or(quarters.period.back()), quarters.period.back());
          }
        }
        if (!latest) {
          return Ok();
        }
        profile.quarter = analytics::PeriodLabel(PeriodKind::kQuarter, *latest);
        profile.previous_quarter = analytics::PeriodLabel(PeriodKind::kQuarter, *latest - 1);
        for (std::size_t d = 0; d < profile.domains.size(); ++d) {
          if (series[d] == nullptr) {
            continue;
          }
          DomainValue& value = profile.domains[d];
          const analytics::AggregateSeries& q = *series[d];
          const auto per_item =
              static_cast<double>(items.at(std::string(ValueDomainName(value.domain))));
          // The index of a period in the series, if it has one.
          const auto index_of = [&](std::int64_t period) -> std::optional<std::size_t> {
            const auto at = std::lower_bound(q.period.begin(), q.period.end(), period);
            if (at == q.period.end() || *at != period) {
              return std::nullopt;
            }
            return static_cast<std::size_t>(at - q.period.begin());
          };
          const auto mean = [&](std::size_t i) {
            return q.sum[i] / static_cast<double>(q.count[i]) / per_item;
          };
          // The people rate the team that reads this: a mean of fewer answers than the minimum
          // cell would tell the team what one person said, so the small-cell rule holds here too.
          const auto small = [&](std::size_t i) {
            return IsSmallCell(MeasureKind::kContinuous, CellOf(q, i), min_cell_);
          };
          if (const auto i = index_of(*latest)) {
            if (small(*i)) {
              value.people_suppressed = true;
            } else {
              value.people = mean(*i);
              value.people_n = q.count[*i];
            }
          }
          if (const auto i = index_of(*latest - 1); i && !small(*i)) {
            value.people_previous = mean(*i);
          }
        }
        return Ok();
      }));

  // The team's view, when the reader may read its passports.
  if (Authorize(principal, Action::kWorkbookRead, target).allowed) {
    COVALUE_ASSIGN_OR_RETURN(std::vector<PassportSummary> passports, workbooks_.Passports(team.id));
    std::vector<const PassportSummary*> rated;
    for (const PassportSummary& p : passports) {
      if (!p.ratings.empty()) {
        rated.push_back(&p);
      }
    }
    const PassportSummary* latest = rated.empty() ? nullptr : rated.back();
    const PassportSummary* before = rated.size() < 2 ? nullptr : rated[rated.size() - 2];
    if (latest != nullptr) {
      profile.passport_id = latest->workbook_id;
      profile.passport_date = latest->date;
    }
    if (before != nullptr) {
      profile.previous_passport_id = before->workbook_id;
    }
    for (DomainValue& value : profile.domains) {
      const auto rating = [&](const PassportSummary* p) -> std::optional<int> {
        if (p == nullptr) {
          return std::nullopt;
        }
        const auto found = p->ratings.find(value.domain);
        return found == p->ratings.end() ? std::nullopt : std::optional<int>(found->second);
      };
      value.team = rating(latest);
      value.team_previous = rating(before);
    }
  }
  return profile;
}

}  // namespace covalue::app
