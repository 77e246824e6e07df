// Strata: a stratification's live numbers, whole for the site's staff and through the
// small-cell rule for everyone else.

#include <algorithm>
#include <future>
#include <map>
#include <set>

#include "app/costs/costs.h"
#include "app/strata/strata.h"
#include "domain/dates.h"
#include "domain/registry.h"
#include "domain/research_project.h"
#include "domain/unit_cost.h"
#include "store/costing_repository.h"
#include "store/stratification_repository.h"

namespace covalue::app {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;
// How far back a person's latest score is sought in one pass before person by person.
constexpr std::int64_t kRecentDays = 92;
constexpr const char* kSexes[] = {"female", "male", "other", "unknown"};

std::size_t AgeBandOf(int years) {
  constexpr int kUpper[] = {17, 29, 44, 64, 79};
  for (std::size_t i = 0; i < std::size(kUpper); ++i) {
    if (years <= kUpper[i]) return i;
  }
  return std::size(kUpper);
}

// What the summary adds up per stratum before anything is withheld.
struct Tally {
  std::int64_t people = 0;
  double quantity = 0;
  double cost = 0;
  std::vector<std::int64_t> ages = std::vector<std::int64_t>(std::size(kAgeBands), 0);
  std::vector<std::int64_t> sexes = std::vector<std::int64_t>(std::size(kSexes), 0);
  std::map<std::string, std::vector<double>> scores;  // latest values by code
};

// Withholds counts of 1 to min_cell − 1, and when exactly one is withheld, the next smallest
// count above zero as well (so the one cannot be had from a total).
std::vector<bool> Withheld(const std::vector<std::int64_t>& counts, std::size_t min_cell) {
  std::vector<bool> withheld(counts.size(), false);
  const auto small = [&](std::int64_t n) {
    return n >= 1 && static_cast<std::size_t>(n) < min_cell;
  };
  std::size_t n = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (small(counts[i])) {
      withheld[i] = true;
      ++n;
    }
  }
  if (n == 1) {
    std::optional<std::size_t> next;
    for (std::size_t i = 0; i < counts.size(); ++i) {
      if (!withheld[i] && counts[i] > 0 && (!next || counts[i] < counts[*next])) next = i;
    }
    if (next) withheld[*next] = true;
  }
  return withheld;
}

std::vector<std::pair<std::string, ShownCount>> Shown(const char* const* names,
                                                      const std::vector<std::int64_t>& counts,
                                                      bool whole, std::size_t min_cell) {
  const std::vector<bool> withheld = whole ? std::vector<bool>(counts.size(), false)
                                           : Withheld(counts, min_cell);
  std::vector<std::pair<std::string, ShownCount>> shown;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    shown.emplace_back(names[i], withheld[i] ? ShownCount() : ShownCount(counts[i]));
  }
  return shown;
}

}  // namespace

Result<StratificationSummary> Strata::Summarize(const RequestContext& ctx, Id id, int months) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  if (months < 1 || months > 120) {
    return Fail(ErrorCode::kInvalidArgument, "the window is 1 to 120 months", "months");
  }
  COVALUE_ASSIGN_OR_RETURN(const Stratification s,
                           store::ReadValue<Stratification>(store_, [&](store::Repositories& r) {
                             return r.Stratifications().Get(id);
                           }));
  Target target;
  target.site_id = s.site_id;
  const Subject subject{"stratification", std::to_string(id), {}};
  // The site's staff see every number; anyone else signed in, what the small-cell rule leaves.
  const Decision decision = Authorize(principal, Action::kStratificationRead, target);
  const bool whole = decision.allowed;

  const std::int64_t now = gate_.NowMs();
  const std::int64_t today = DayOf(now) * kDayMs;
  const std::int64_t from_day = AddMonths(today, -months);
  StratificationSummary summary{id, s.population_id, s.site_id, "", FormatDate(from_day),
                                FormatDate(today), months, whole, min_cell_, {}};

  // What the rules and scores name, read on one snapshot.
  std::vector<std::string> fields;
  std::set<std::string> codes(s.scores.begin(), s.scores.end());
  for (const Stratum& stratum : s.strata) {
    for (const StratumCondition& c : stratum.conditions) {
      if (c.observation) {
        codes.insert(c.name);
      } else if (std::find(std::begin(kStratumFields), std::end(kStratumFields), c.name) ==
                 std::end(kStratumFields)) {
        fields.push_back(c.name);
      }
    }
  }
  std::vector<store::StratumPerson> people;
  std::vector<store::LatestValue> latest;
  std::vector<store::UtilisationEvent> events;
  std::vector<UnitCost> prices;
  // The prices first; then the window's events on a second read snapshot, on a thread of its
  // own, while this one reads the people and their latest values: the two halves take about
  // as long, and a person's numbers may come from snapshots a write apart (live numbers).
  COVALUE_RETURN_IF_ERROR(store_.ReadReplica([&](store::Repositories& r) -> Status {
    COVALUE_ASSIGN_OR_RETURN(const SiteCosting costing, Costs::CostingOf(r, s.site_id));
    summary.currency = costing.currency;
    COVALUE_ASSIGN_OR_RETURN(prices, r.Costing().UnitCosts(s.site_id));
    return Ok();
  }));
  const UnitCostTable table(std::move(prices));
  const std::vector<std::string> utilisation = table.Codes();
  auto window = std::async(std::launch::async, [&]() -> Status {
    return store_.ReadReplica([&](store::Repositories& r) -> Status {
      // (from_day, today]: from the start of the day after from_day to the end of today.
      COVALUE_ASSIGN_OR_RETURN(events, r.Stratifications().Events(s.population_id, utilisation,
                                                                  from_day + kDayMs - 1,
                                                                  today + kDayMs - 1));
      return Ok();
    });
  });
  const Status read = store_.ReadReplica([&](store::Repositories& r) -> Status {
    COVALUE_ASSIGN_OR_RETURN(people, r.Stratifications().People(s.population_id, fields));
    // Most people's latest scores lie in the last quarter: read those in one pass first.
    COVALUE_ASSIGN_OR_RETURN(latest, r.Stratifications().LatestValues(
                                         s.population_id, {codes.begin(), codes.end()},
                                         today - kRecentDays * kDayMs));
    return Ok();
  });
  const Status windowed = window.get();
  COVALUE_RETURN_IF_ERROR(read);
  COVALUE_RETURN_IF_ERROR(windowed);

  // Each person's subject (one object refilled: tens of thousands of people), their stratum,
  // and what they add to its tally. People come in id order; so do each code's latest values.
  std::vector<Id> ids;
  ids.reserve(people.size());
  for (const store::StratumPerson& p : people) ids.push_back(p.patient_id);
  const auto index_of = [&ids](Id patient) -> std::optional<std::size_t> {
    const auto it = std::lower_bound(ids.begin(), ids.end(), patient);
    if (it == ids.end() || *it != patient) return std::nullopt;
    return static_cast<std::size_t>(it - ids.begin());
  };
  const std::vector<std::string> coded(codes.begin(), codes.end());
  std::vector<std::vector<std::optional<double>>> latest_of(
      coded.size(), std::vector<std::optional<double>>(people.size()));
  for (const store::LatestValue& v : latest) {
    const auto c = std::find(coded.begin(), coded.end(), v.code);
    const auto i = index_of(v.patient_id);
    if (c != coded.end() && i) latest_of[static_cast<std::size_t>(c - coded.begin())][*i] = v.value;
  }
  std::vector<Tally> tallies(s.strata.size() + 1);
  std::vector<std::size_t> stratum_of(people.size());
  StratumSubject subject_of;
  for (std::size_t i = 0; i < people.size(); ++i) {
    const store::StratumPerson& p = people[i];
    subject_of.fields.clear();
    subject_of.latest.clear();
    subject_of.fields.insert(p.fields.begin(), p.fields.end());
    subject_of.fields["sex"] = p.sex;
    subject_of.fields["birth_date"] = p.birth_date;
    const std::optional<int> age = deidentify::AgeInYears(p.birth_date, now);
    if (age) subject_of.fields["age"] = std::to_string(*age);
    if (!p.diagnosis_date.empty()) {
      subject_of.fields["diagnosis_date"] = p.diagnosis_date;
      if (const auto years = deidentify::AgeInYears(p.diagnosis_date, now)) {
        subject_of.fields["years_since_diagnosis"] = std::to_string(*years);
      }
    }
    for (std::size_t c = 0; c < coded.size(); ++c) {
      if (latest_of[c][i]) subject_of.latest[coded[c]] = *latest_of[c][i];
    }
    const std::size_t k = StratumOf(s, subject_of);
    stratum_of[i] = k;
    Tally& t = tallies[k];
    ++t.people;
    if (age) ++t.ages[AgeBandOf(*age)];
    const auto sex = std::find(std::begin(kSexes), std::end(kSexes), p.sex);
    ++t.sexes[sex == std::end(kSexes) ? 3 : static_cast<std::size_t>(sex - std::begin(kSexes))];
    for (const std::string& code : s.scores) {
      if (const auto v = subject_of.latest.find(code); v != subject_of.latest.end()) {
        t.scores[code].push_back(v->second);
      }
    }
  }
  for (const store::UtilisationEvent& e : events) {
    const auto i = index_of(e.patient_id);
    if (!i) continue;
    Tally& t = tallies[stratum_of[*i]];
    t.quantity += e.quantity;
    t.cost += e.quantity * table.CostOnDay(utilisation[e.code], DayOf(e.effective_ms)).value_or(0);
  }

  // What is shown.
  std::vector<std::int64_t> sizes;
  for (const Tally& t : tallies) sizes.push_back(t.people);
  const std::vector<bool> withheld =
      whole ? std::vector<bool>(sizes.size(), false) : Withheld(sizes, min_cell_);
  for (std::size_t k = 0; k < tallies.size(); ++k) {
    const Tally& t = tallies[k];
    StratumSummary out;
    out.name = k < s.strata.size() ? s.strata[k].name : std::string(kOtherStratum);
    out.suppressed = withheld[k];
    if (!out.suppressed) {
      out.people = t.people;
      const double person_years = static_cast<double>(t.people) * months / 12.0;
      if (t.people > 0) {
        out.utilisation_per_person_year = t.quantity / person_years;
        out.cost_per_person_year = t.cost / person_years;
      }
      out.ages = Shown(kAgeBands, t.ages, whole, min_cell_);
      out.sexes = Shown(kSexes, t.sexes, whole, min_cell_);
    }
    for (const std::string& code : s.scores) {
      std::optional<Quartiles> q;
      const auto found = t.scores.find(code);
      if (!out.suppressed && found != t.scores.end() &&
          (whole || found->second.size() >= min_cell_)) {
        std::vector<double> values = found->second;
        std::sort(values.begin(), values.end());
        q = Quartiles{QuantileType7(values, 0.5), QuantileType7(values, 0.25),
                      QuantileType7(values, 0.75)};
      }
      out.scores.emplace_back(code, q);
    }
    summary.strata.push_back(std::move(out));
  }
  // The staff's read of people's numbers is audited; the suppressed view reads nobody's.
  if (whole) {
    COVALUE_RETURN_IF_ERROR(gate_.RecordRead(ctx, decision, Action::kStratificationRead, target, subject));
  }
  return summary;
}

}  // namespace covalue::app
