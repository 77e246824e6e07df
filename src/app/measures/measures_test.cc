// The measure store through the app: ingest, reload, another process's writes, a new
// measure's rebuild, the community's suppressed view and a team's passport changes. Expected
// values are recomputed in the test from the observations it wrote.

#include <chrono>
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <random>
#include <thread>
#include <tuple>

#include "domain/dates.h"
#include "formats/guide_file.h"
#include "store/measure_repository.h"
#include "support/app_fixture.h"

namespace covalue::app {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;

MeasureDefinition BelowTen() {
  MeasureDefinition m;
  m.id = "phq9-below-10";
  m.name = "PHQ-9 below 10";
  m.kind = MeasureKind::kProportion;
  m.system = kScoreSystem;
  m.code = "phq-9";
  m.threshold = 9;
  m.at_least = false;
  return m;
}

MeasureDefinition Mean() {
  MeasureDefinition m;
  m.id = "phq9-mean";
  m.name = "PHQ-9 mean";
  m.kind = MeasureKind::kContinuous;
  m.system = kScoreSystem;
  m.code = "phq-9";
  m.direction = Direction::kLowerIsBetter;
  return m;
}

// Observations written in the test, by (site, month "YYYY-MM").
struct Written {
  std::map<std::pair<Id, std::string>, std::vector<double>> values;
};

class MeasuresTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    ASSERT_OK(app_->measures().DefineMeasure(system_, BelowTen()));
  }

  // patients people at site s with a PHQ-9 on the 10th of each of months months from
  // 2025-01, values from the generator; site B's months have few people when small is set.
  void Import(std::size_t s, int patients, int months, std::uint64_t seed, App* app = nullptr) {
    std::mt19937_64 bits(seed);
    std::vector<RegistryRecord> records;
    for (int p = 0; p < patients; ++p) {
      RegistryRecord r;
      r.patient.population_id = teams_[s].population_id;
      r.patient.identifier = "P" + std::to_string(seed) + "-" + std::to_string(p);
      r.patient.birth_date = "1970-01-01";
      r.patient.sex = Sex::kFemale;
      r.patient.consent = Consent::kConsented;
      for (int m = 0; m < months; ++m) {
        if (bits() % 4 == 0) {
          continue;  // a missed visit
        }
        const std::int64_t at =
            DaysFromCivil(2025 + m / 12, static_cast<unsigned>(m % 12 + 1), 10) * kDayMs;
        const double value = static_cast<double>(bits() % 28);
        r.observations.push_back(Observation{0, 0, 0, 0, kScoreSystem, "phq-9", "PHQ-9", at, value,
                                             "{score}", "", std::nullopt});
        written_.values[{sites_[s].id, FormatDate(at).substr(0, 7)}].push_back(value);
      }
      records.push_back(std::move(r));
    }
    ASSERT_OK((app ? app : app_.get())
                  ->registry()
                  .ImportRegistry(system_, sites_[s].id, std::move(records)));
  }

  RequestContext Lead(std::size_t s) {
    auto known = leads_.find(s);
    if (known == leads_.end()) {
      known = leads_
                  .emplace(s, As("lead" + std::to_string(s),
                                 {Role::kTeamLead, sites_[s].id, teams_[s].id}))
                  .first;
    }
    return known->second;
  }

  // The p chart's points recomputed from the written values: p, centre p̄ over all months,
  // limits p̄ ± 3·sqrt(p̄(1−p̄)/n) clipped to [0, 1] (Provost & Murray 2011, ch. 6).
  // The p chart of a site's cells recomputed from the written values (meets: the
  // observations the measure counts), cells withheld by the small-cell rule worked out here
  // independently: any of n, the meeting and the others from 1 to min_cell − 1.
  void ExpectProportionChart(
      const MeasureSeries& series, Id site, std::size_t min_cell = 0,
      const std::function<bool(double)>& meets_fn = [](double v) { return v <= 9; }) {
    double num = 0, den = 0;
    std::vector<std::tuple<double, double, bool>> cells;
    const auto small = [&](double count) {
      return count > 0 && count < static_cast<double>(min_cell);
    };
    for (const auto& [key, values] : written_.values) {
      if (key.first != site) {
        continue;
      }
      double meets = 0;
      for (double v : values) {
        meets += meets_fn(v) ? 1 : 0;
      }
      const auto n = static_cast<double>(values.size());
      const bool withheld = small(n) || small(meets) || small(n - meets);
      cells.emplace_back(meets, n, withheld);
      if (!withheld) {
        num += meets;
        den += n;
      }
    }
    ASSERT_EQ(series.chart.points.size(), cells.size());
    const double pbar = num / den;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const auto& [meets, n, withheld] = cells[i];
      const auto& point = series.chart.points[i];
      EXPECT_EQ(series.suppressed[i], withheld) << series.x[i];
      if (withheld) {
        EXPECT_FALSE(point.y.has_value());
        EXPECT_FALSE(point.n.has_value());
        EXPECT_FALSE(point.ucl.has_value());
        EXPECT_FALSE(series.n[i].has_value());
        continue;
      }
      EXPECT_NEAR(*point.y, meets / n, 1e-12) << series.x[i];
      EXPECT_NEAR(*point.cl, pbar, 1e-12);
      const double sigma = std::sqrt(pbar * (1 - pbar) / n);
      EXPECT_NEAR(*point.ucl, std::min(1.0, pbar + 3 * sigma), 1e-12);
      EXPECT_NEAR(*point.lcl, std::max(0.0, pbar - 3 * sigma), 1e-12);
      EXPECT_EQ(*series.n[i], n);
    }
  }

  Written written_;
  std::map<std::size_t, RequestContext> leads_;
};

TEST_F(MeasuresTest, AChartFromTheStoreEqualsOneRecomputedFromTheObservations) {
  Import(0, 40, 18, 1);
  Import(0, 10, 18, 2);  // a second import adds to the same months
  const RequestContext lead = Lead(0);
  auto view =
      app_->measures().SiteMeasureChart(lead, "phq9-below-10", sites_[0].id, std::nullopt, {});
  ASSERT_OK(view);
  EXPECT_EQ(view->min_cell, 0U) << "the site's own staff see every cell";
  ASSERT_EQ(view->series.size(), 1U);
  EXPECT_EQ(view->series[0].x.front(), "2025-01");
  EXPECT_EQ(view->series[0].x.back(), "2026-06");
  ExpectProportionChart(view->series[0], sites_[0].id);

  // A new process (a new App over the same database) rebuilds the copy from the stored
  // aggregates and draws the same chart.
  App restarted(*store_);
  auto again =
      restarted.measures().SiteMeasureChart(lead, "phq9-below-10", sites_[0].id, std::nullopt, {});
  ASSERT_OK(again);
  ExpectProportionChart(again->series[0], sites_[0].id);

  // The restarted process writes; the first one sees it within the recheck interval.
  Import(0, 20, 18, 3, &restarted);
  std::this_thread::sleep_for(MeasureStore::kRecheckInterval + std::chrono::milliseconds(100));
  view = app_->measures().SiteMeasureChart(lead, "phq9-below-10", sites_[0].id, std::nullopt, {});
  ASSERT_OK(view);
  ExpectProportionChart(view->series[0], sites_[0].id);

  // A measure defined after the data is built from the stored observations.
  ASSERT_OK(app_->measures().DefineMeasure(system_, Mean()));
  auto mean = app_->measures().SiteMeasureChart(lead, "phq9-mean", sites_[0].id, std::nullopt, {});
  ASSERT_OK(mean);
  const MeasureSeries& s = mean->series.at(0);
  EXPECT_EQ(s.chart.type, analytics::spc::ChartType::kI);
  std::size_t i = 0;
  for (const auto& [key, values] : written_.values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    EXPECT_NEAR(*s.chart.points.at(i).y, sum / static_cast<double>(values.size()), 1e-12);
    ++i;
  }
  // Writes after the definition add to it too: the definitions a write's batch shares with the
  // writes before it are read again once a measure is added.
  Import(0, 15, 18, 4);
  mean = app_->measures().SiteMeasureChart(lead, "phq9-mean", sites_[0].id, std::nullopt, {});
  ASSERT_OK(mean);
  i = 0;
  for (const auto& [key, values] : written_.values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    EXPECT_NEAR(*mean->series.at(0).chart.points.at(i).y,
                sum / static_cast<double>(values.size()), 1e-12)
        << key.second;
    ++i;
  }
  ExpectProportionChart(app_->measures()
                            .SiteMeasureChart(lead, "phq9-below-10", sites_[0].id, std::nullopt, {})
                            ->series.at(0),
                        sites_[0].id);

  // Weeks and quarters are kept too.
  MeasureChartQuery quarters;
  quarters.period = PeriodKind::kQuarter;
  auto by_quarter = app_->measures().SiteMeasureChart(lead, "phq9-below-10", sites_[0].id,
                                                      std::nullopt, quarters);
  ASSERT_OK(by_quarter);
  EXPECT_EQ(
      by_quarter->series.at(0).x,
      (std::vector<std::string>{"2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"}));
}

TEST_F(MeasuresTest, TheCommunityNeverSeesACellOfFewerThanFive) {
  Import(0, 30, 12, 4);
  Import(1, 5, 12, 5);  // about 3.75 people a month: most months under 5
  const RequestContext facilitator = As("fay", {Role::kFacilitator, std::nullopt, std::nullopt});
  auto view = app_->measures().CrossSiteMeasure(facilitator, "phq9-below-10", {});
  ASSERT_OK(view);
  EXPECT_EQ(view->min_cell, 5U);
  ASSERT_EQ(view->series.size(), 2U);
  std::size_t suppressed = 0;
  for (const MeasureSeries& series : view->series) {
    // Withheld when the people in the cell, those below 10 or those not are 1 to 4.
    ExpectProportionChart(series, series.site_id, 5);
    for (std::size_t i = 0; i < series.chart.points.size(); ++i) {
      suppressed += series.suppressed[i] ? 1 : 0;
      if (!series.suppressed[i]) {
        EXPECT_GE(series.cells[i].numerator, 5);
        EXPECT_GE(series.cells[i].denominator - series.cells[i].numerator, 5);
      }
    }
  }
  EXPECT_GT(suppressed, 0U);
  // A facilitator reading one site gets the same suppression; a team lead may not compare.
  auto site_b = app_->measures().SiteMeasureChart(facilitator, "phq9-below-10", sites_[1].id,
                                                  std::nullopt, {});
  ASSERT_OK(site_b);
  EXPECT_EQ(site_b->min_cell, 5U);
  EXPECT_ERROR(app_->measures().CrossSiteMeasure(Lead(0), "phq9-below-10", {}),
               ErrorCode::kPermissionDenied);
  EXPECT_ERROR(
      app_->measures().SiteMeasureChart(Lead(0), "phq9-below-10", sites_[1].id, std::nullopt, {}),
      ErrorCode::kPermissionDenied);
  EXPECT_ERROR(app_->measures().CrossSiteMeasure(facilitator, "none", {}), ErrorCode::kNotFound);
  // Weeks do not nest in months: the community reads months and quarters.
  MeasureChartQuery weekly;
  weekly.period = PeriodKind::kWeek;
  auto refused = app_->measures().CrossSiteMeasure(facilitator, "phq9-below-10", weekly);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().field, "period");
}

// Complementary suppression: a quarter is withheld when one of its months is, or the month would
// be the quarter less the other two.
TEST_F(MeasuresTest, AQuarterThatWouldGiveAwayAWithheldMonthIsWithheldToo) {
  Import(0, 30, 12, 4);
  Import(1, 5, 12, 5);
  const RequestContext facilitator = As("fay", {Role::kFacilitator, std::nullopt, std::nullopt});
  MeasureChartQuery quarterly;
  quarterly.period = PeriodKind::kQuarter;
  auto months = app_->measures().CrossSiteMeasure(facilitator, "phq9-below-10", {});
  auto quarters = app_->measures().CrossSiteMeasure(facilitator, "phq9-below-10", quarterly);
  ASSERT_OK(months);
  ASSERT_OK(quarters);
  std::size_t checked = 0;
  for (std::size_t k = 0; k < months->series.size(); ++k) {
    const MeasureSeries& m = months->series[k];
    const MeasureSeries& q = quarters->series[k];
    for (std::size_t i = 0; i < q.x.size(); ++i) {
      bool any_month_withheld = false;
      bool all_shown = true;
      for (std::size_t j = 0; j < m.x.size(); ++j) {
        const auto quarter = analytics::PeriodOf(PeriodKind::kQuarter, m.start_ms[j]);
        if (quarter == analytics::PeriodOf(PeriodKind::kQuarter, q.start_ms[i])) {
          any_month_withheld = any_month_withheld || m.suppressed[j];
          all_shown = all_shown && !m.suppressed[j];
        }
      }
      if (any_month_withheld) {
        EXPECT_TRUE(q.suppressed[i]) << q.site << " " << q.x[i];
        ++checked;
      }
      // A quarter is never shown beside a month that is not: no subtraction gives a month.
      EXPECT_TRUE(q.suppressed[i] || all_shown);
    }
  }
  EXPECT_GT(checked, 0U);
}

TEST_F(MeasuresTest, DefinitionsAreValidatedAndTheCommunityAdminsToMake) {
  MeasureDefinition bad = BelowTen();
  bad.id = "Not An Id";
  EXPECT_ERROR(app_->measures().DefineMeasure(system_, bad), ErrorCode::kInvalidArgument);
  bad = BelowTen();
  bad.id = "no-threshold";
  bad.threshold.reset();
  auto refused = app_->measures().DefineMeasure(system_, bad);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().field, "threshold");
  EXPECT_ERROR(app_->measures().DefineMeasure(system_, BelowTen()), ErrorCode::kConflict);
  EXPECT_ERROR(app_->measures().DefineMeasure(Lead(0), Mean()), ErrorCode::kPermissionDenied);
  auto listed = app_->measures().ListMeasures(Lead(0));
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 1U);
  EXPECT_EQ(listed->front().id, "phq9-below-10");
}

// The team's passport names a change and its date: the chart marks it, judges the points
// after it against the baseline before it, or starts a new phase there.
TEST_F(MeasuresTest, ATeamsChartTakesTheChangesOfItsPassport) {
  auto guides = formats::LoadGuides(std::filesystem::path(COVALUE_SOURCE_DIR) / "guides");
  ASSERT_OK(guides);
  App app(*store_, *guides);
  Import(0, 30, 12, 6, &app);
  const RequestContext lead = Lead(0);
  auto passport = app.workbooks().StartWorkbook(lead, teams_[0].id, "improvement-passport");
  ASSERT_OK(passport);
  ASSERT_OK(app.workbooks().SaveAnswer(lead, passport->workbook.id, "cycle.change",
                                       "Agenda set together", std::nullopt));
  ASSERT_OK(app.workbooks().SaveAnswer(lead, passport->workbook.id, "cycle.change-date",
                                       "2025-07-01", std::nullopt));
  auto baseline = app.measures().TeamMeasureChart(lead, teams_[0].id, "phq9-below-10", {},
                                                  ChangeLimits::kBaseline);
  ASSERT_OK(baseline);
  ASSERT_EQ(baseline->changes.size(), 1U);
  EXPECT_EQ(baseline->changes[0].text, "Agenda set together");
  EXPECT_EQ(baseline->changes[0].point, 7U) << "July is the seventh month";
  const auto& points = baseline->series.at(0).chart.points;
  EXPECT_TRUE(points[5].baseline);
  EXPECT_FALSE(points[6].baseline);
  EXPECT_EQ(points[0].cl, points[11].cl) << "one centre, from the six baseline months";
  // Centre from the baseline months only.
  double num = 0, den = 0;
  for (const auto& [key, values] : written_.values) {
    if (key.second < "2025-07") {
      for (double v : values) {
        num += v <= 9 ? 1 : 0;
        den += 1;
      }
    }
  }
  EXPECT_NEAR(*points[11].cl, num / den, 1e-12);

  auto phases = app.measures().TeamMeasureChart(lead, teams_[0].id, "phq9-below-10", {},
                                                ChangeLimits::kPhases);
  ASSERT_OK(phases);
  const auto& phased = phases->series.at(0).chart;
  ASSERT_EQ(phased.parts.size(), 2U);
  EXPECT_EQ(phased.points[5].part, 1U);
  EXPECT_EQ(phased.points[6].part, 2U);

  // Another site's lead reads neither the chart nor the passport.
  EXPECT_ERROR(app.measures().TeamMeasureChart(Lead(1), teams_[0].id, "phq9-below-10", {},
                                               ChangeLimits::kBaseline),
               ErrorCode::kPermissionDenied);
}

// The rescan path: a preview of a definition not stored, and a rebuild of every stored
// aggregate, both from the observations themselves (through the observation file beside the
// database, and the rows it does not have yet).
TEST_F(MeasuresTest, APreviewAndARebuildComeFromTheObservationsThemselves) {
  Import(0, 40, 12, 7);
  Import(1, 30, 12, 8);
  const RequestContext facilitator = As("fay", {Role::kFacilitator, std::nullopt, std::nullopt});
  MeasureDefinition ten_or_more = BelowTen();
  ten_or_more.id = "phq9-10-or-more";
  ten_or_more.threshold = 10;
  ten_or_more.at_least = true;
  auto preview = app_->measures().PreviewMeasures(facilitator, {ten_or_more, Mean()}, {});
  ASSERT_OK(preview);
  ASSERT_EQ(preview->size(), 2U);
  auto stored = app_->measures().CrossSiteMeasure(facilitator, "phq9-below-10", {});
  ASSERT_OK(stored);
  ASSERT_EQ((*preview)[0].series.size(), 2U);
  for (std::size_t k = 0; k < 2; ++k) {
    const MeasureSeries& previewed = (*preview)[0].series[k];
    EXPECT_EQ(previewed.x, stored->series[k].x);
    // The complement of the stored measure: the same cells withheld.
    EXPECT_EQ(previewed.suppressed, stored->series[k].suppressed);
    ExpectProportionChart(previewed, previewed.site_id, 5, [](double v) { return v >= 10; });
  }
  // The mean, never defined, from the written values.
  for (const MeasureSeries& series : (*preview)[1].series) {
    for (std::size_t i = 0; i < series.x.size(); ++i) {
      const auto& values = written_.values.at({series.site_id, series.x[i]});
      if (values.size() < 5) {
        EXPECT_TRUE(series.suppressed[i]);
        continue;
      }
      double sum = 0;
      for (double v : values) {
        sum += v;
      }
      EXPECT_NEAR(*series.chart.points[i].y, sum / static_cast<double>(values.size()), 1e-12);
    }
  }
  // Sweeping the threshold is refused: a preview takes fixed cut-points only.
  for (double sweep : {6.0, 7.0, 11.0, 9.5}) {
    MeasureDefinition swept = ten_or_more;
    swept.threshold = sweep;
    auto refused = app_->measures().PreviewMeasures(facilitator, {swept}, {});
    ASSERT_FALSE(refused.has_value()) << sweep;
    EXPECT_EQ(refused.error().field, "/threshold");
    // The command line's operator holds the database file: not bound (the benchmarks' Q2).
    EXPECT_TRUE(app_->measures().PreviewMeasures(system_, {swept}, {}).has_value()) << sweep;
  }
  EXPECT_TRUE(std::filesystem::exists(dir_.File("covalue.db") + "-observations"))
      << "the file was caught up";
  // Observations written after the file's catch-up are read from the database.
  Import(0, 10, 12, 9);
  preview = app_->measures().PreviewMeasures(facilitator, {ten_or_more}, {});
  ASSERT_OK(preview);
  ExpectProportionChart((*preview)[0].series.at(0), sites_[0].id, 5,
                        [](double v) { return v >= 10; });

  // Aggregates gone wrong (written behind the app's back) are set right by a rebuild.
  const Id site = sites_[0].id;
  const Id population = teams_[0].population_id;
  ASSERT_OK(store_->Write([&](store::Repositories& r) -> Status {
    return r.Measures()
        .AddAggregates(
            {{site, population, "phq9-below-10", PeriodKind::kMonth,
              analytics::PeriodOf(PeriodKind::kMonth, DaysFromCivil(2025, 3, 10) * kDayMs), 1000, 0,
              0, 0, 1000}})
        .map([](std::int64_t) {});
  }));
  App restarted(*store_);
  auto wrong =
      restarted.measures().SiteMeasureChart(Lead(0), "phq9-below-10", site, std::nullopt, {});
  ASSERT_OK(wrong);
  EXPECT_NE(*wrong->series.at(0).n[2],
            static_cast<double>(written_.values.at({site, "2025-03"}).size()));
  EXPECT_ERROR(restarted.measures().RebuildMeasures(Lead(0)), ErrorCode::kPermissionDenied);
  auto rows = restarted.measures().RebuildMeasures(system_);
  ASSERT_OK(rows);
  // Each site's 12 months, 4 quarters and 12 weeks (the 10th of each month is in its own).
  EXPECT_EQ(*rows, 2U * (12 + 4 + 12));
  auto right =
      restarted.measures().SiteMeasureChart(Lead(0), "phq9-below-10", site, std::nullopt, {});
  ASSERT_OK(right);
  ExpectProportionChart(right->series.at(0), site);

  EXPECT_ERROR(app_->measures().PreviewMeasures(Lead(0), {BelowTen()}, {}),
               ErrorCode::kPermissionDenied);
  MeasureDefinition bad = Mean();
  bad.code = "";
  EXPECT_ERROR(app_->measures().PreviewMeasures(facilitator, {bad}, {}),
               ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace covalue::app
