#include "fhir/measure_routes.h"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "analytics/measure_store.h"
#include "analytics/spc/chart.h"
#include "domain/dates.h"
#include "fhir/fhir_json.h"
#include "fhir/search.h"

namespace covalue::fhir {
namespace {

using nlohmann::json;
namespace spc = analytics::spc;

constexpr const char* kMeasureUrl = "urn:covalue:fhir:measure:";
constexpr const char* kScoring = "http://terminology.hl7.org/CodeSystem/measure-scoring";
constexpr const char* kImprovement =
    "http://terminology.hl7.org/CodeSystem/measure-improvement-notation";
constexpr const char* kPopulation = "http://terminology.hl7.org/CodeSystem/measure-population";
constexpr const char* kQuadrantExtension = "urn:covalue:fhir:extension:value-compass-quadrant";
constexpr const char* kDomainExtension = "urn:covalue:fhir:extension:value-domain";
constexpr const char* kPeriodKindExtension = "urn:covalue:fhir:extension:period-kind";

// FHIR's scoring of a covalue measure: proportions, ratios (rates: events per observation),
// cohorts (counts) and continuous variables (means, and the days or cases between events).
std::string_view ScoringOf(MeasureKind kind) {
  switch (kind) {
    case MeasureKind::kProportion:
      return "proportion";
    case MeasureKind::kRate:
      return "ratio";
    case MeasureKind::kCount:
      return "cohort";
    default:
      return "continuous-variable";
  }
}

json Coded(const char* system, std::string_view code) {
  return {{"coding", json::array({{{"system", system}, {"code", code}}})}};
}

json PopulationCode(std::string_view code) { return Coded(kPopulation, code); }

json MeasureJson(const MeasureDefinition& m) {
  json extensions =
      json::array({{{"url", kQuadrantExtension}, {"valueCode", QuadrantName(m.quadrant)}}});
  if (m.domain) {
    extensions.push_back({{"url", kDomainExtension}, {"valueCode", ValueDomainName(*m.domain)}});
  }
  std::string criteria = fmt::format("Observations of {}|{}", m.system, m.code);
  if (m.threshold) {
    criteria +=
        fmt::format(" with a value {} {}", m.at_least ? "of at least" : "of at most", *m.threshold);
  }
  json out = {
      {"resourceType", "Measure"},
      {"id", m.id},
      {"url", kMeasureUrl + m.id},
      {"name", m.id},
      {"title", m.name},
      {"status", "active"},
      {"extension", extensions},
      {"scoring", Coded(kScoring, ScoringOf(m.kind))},
      {"improvementNotation",
       Coded(kImprovement, m.direction == Direction::kHigherIsBetter ? "increase" : "decrease")},
      {"group", json::array({{{"description", criteria}}})}};
  if (json title = TranslationElement(m.names); !title.is_null()) {
    out["_title"] = std::move(title);
  }
  if (!m.unit.empty()) {
    out["group"][0]["extension"] =
        json::array({{{"url", "urn:covalue:fhir:extension:unit"}, {"valueString", m.unit}}});
  }
  return out;
}

json Searchset(const http::Request& request, const std::string& type, const json& resources,
               const std::vector<std::string>& ignored) {
  json entries = json::array();
  for (const json& resource : resources) {
    entries.push_back(
        {{"fullUrl", fmt::format("{}/{}/{}", BaseUrl(request), type, resource.value("id", ""))},
         {"resource", resource},
         {"search", {{"mode", "match"}}}});
  }
  const std::size_t total = entries.size();
  AddIgnoredOutcome(entries, ignored);
  const json self = {
      {"relation", "self"},
      {"url", fmt::format("{}/{}?{}", BaseUrl(request), type, SearchQuery(request, ignored))}};
  return {{"resourceType", "Bundle"},
          {"type", "searchset"},
          {"total", total},
          {"link", json::array({self})},
          {"entry", entries}};
}

// The measure a search names: "Measure/ID", its canonical URL, or the id.
std::string MeasureIdOf(const std::string& value) {
  if (value.rfind(kMeasureUrl, 0) == 0) {
    return value.substr(std::string(kMeasureUrl).size());
  }
  const auto slash = value.rfind("Measure/");
  return slash == std::string::npos ? value : value.substr(slash + 8);
}

constexpr const char* kSuppressedExtension = "urn:covalue:fhir:extension:suppressed";

// Which view a report comes from, and so where its read finds it again: a site's own (as
// `reporter` searches and the site's staff read it whole) or the community's (every site,
// small cells suppressed).
enum class ReportView { kSite, kCommunity };

// The letter of a report id that names its view and period: w, m, q for a site's weeks, months
// and quarters, e for a site's events (t and g charts), W, M, Q for the community's periods.
char KindLetter(ReportView origin, const app::MeasureChartView& view) {
  if (view.chart == spc::ChartType::kT || view.chart == spc::ChartType::kG) {
    return 'e';
  }
  const char letter = view.period == PeriodKind::kWeek    ? 'w'
                      : view.period == PeriodKind::kMonth ? 'm'
                                                          : 'q';
  return origin == ReportView::kSite ? letter : static_cast<char>(letter - 'a' + 'A');
}

// A report's id: "{measure}-{site}-{population}-{letter}{label}" ("phq9-mean-2-5-m2026-03").
std::string ReportId(ReportView origin, const app::MeasureChartView& view,
                     const app::MeasureSeries& s, std::size_t i) {
  return fmt::format("{}-{}-{}-{}{}", view.measure.id, s.site_id, s.population_id,
                     KindLetter(origin, view), s.x[i]);
}

// One report per point: the site as reporter, the period, and the group's populations and score
// as the chart drawn has them. A suppressed cell (app/kernel/suppression.h) keeps its period but
// withholds every count and the score, marked by covalue's suppressed extension.
json ReportJson(ReportView origin, const app::MeasureChartView& view, const app::MeasureSeries& s,
                std::size_t i) {
  const auto& point = s.chart.points[i];
  const std::int64_t start = s.start_ms[i];
  const bool per_event = view.chart == spc::ChartType::kT || view.chart == spc::ChartType::kG;
  const std::int64_t end =
      per_event
          ? start + 86'400'000
          : analytics::PeriodStartMs(view.period, analytics::PeriodOf(view.period, start) + 1);
  json extensions =
      json::array({{{"url", kPeriodKindExtension}, {"valueCode", PeriodKindName(view.period)}}});
  json group;
  if (s.suppressed[i]) {
    extensions.push_back({{"url", kSuppressedExtension}, {"valueBoolean", true}});
    group = {{"extension", json::array({{{"url", kSuppressedExtension}, {"valueBoolean", true}}})}};
  } else {
    const app::CellCounts& cell = s.cells[i];
    const auto count = [](double n) { return std::llround(n); };
    json populations = json::array();
    switch (view.chart) {
      case spc::ChartType::kP:
      case spc::ChartType::kU:
        populations.push_back({{"code", PopulationCode("denominator")},
                               {"count", count(view.chart == spc::ChartType::kU &&
                                                       view.measure.kind != MeasureKind::kRate
                                                   ? cell.count
                                                   : cell.denominator)}});
        populations.push_back(
            {{"code", PopulationCode("numerator")}, {"count", count(cell.numerator)}});
        break;
      default:
        populations.push_back(
            {{"code", PopulationCode("initial-population")}, {"count", count(cell.count)}});
        break;
    }
    json score = {{"value", *point.y}};
    if (!view.measure.unit.empty() && view.measure.kind != MeasureKind::kProportion) {
      score["unit"] = view.measure.unit;
    }
    group = {{"population", populations}, {"measureScore", score}};
  }
  return {
      {"resourceType", "MeasureReport"},
      {"id", ReportId(origin, view, s, i)},
      {"extension", extensions},
      {"status", "complete"},
      {"type", "summary"},
      {"measure", kMeasureUrl + view.measure.id},
      {"reporter", {{"reference", fmt::format("Organization/{}", s.site_id)}, {"display", s.site}}},
      {"date", FormatDate(start)},
      {"period", {{"start", FormatDate(start)}, {"end", FormatDate(end - 1)}}},
      {"group", json::array({group})}};
}

// The reports of a view's points that have a value or are suppressed.
json Reports(ReportView origin, const app::MeasureChartView& view) {
  json resources = json::array();
  for (const app::MeasureSeries& s : view.series) {
    for (std::size_t i = 0; i < s.chart.points.size(); ++i) {
      if (s.suppressed[i] || s.chart.points[i].y) {
        resources.push_back(ReportJson(origin, view, s, i));
      }
    }
  }
  return resources;
}

// Whole-number parts of a report id.
std::optional<Id> IdPart(std::string_view text) {
  Id id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  return ec == std::errc() && end == text.data() + text.size() && id > 0 ? std::optional(id)
                                                                         : std::nullopt;
}

// MeasureReport/{id}: the view its letter names, computed again, and the report with that id.
Result<json> ReadReport(app::Measures& measures, const http::RouteContext& r) {
  const std::string& id = r.params.at("id");
  const auto unknown = [&] {
    return Fail(ErrorCode::kNotFound, fmt::format("MeasureReport/{} does not exist", id), "id");
  };
  COVALUE_ASSIGN_OR_RETURN(auto definitions, measures.ListMeasures(r.ctx));
  std::string measure;
  for (const MeasureDefinition& m : definitions) {
    if (id.starts_with(m.id + "-") && m.id.size() > measure.size()) {
      measure = m.id;
    }
  }
  // The rest: "{site}-{population}-{letter}{label}".
  const std::string rest = measure.empty() ? "" : id.substr(measure.size() + 1);
  const std::size_t first = rest.find('-');
  const std::size_t second = first == std::string::npos ? first : rest.find('-', first + 1);
  if (second == std::string::npos || second + 2 >= rest.size()) {
    return unknown();
  }
  const auto site = IdPart(std::string_view(rest).substr(0, first));
  const auto population = IdPart(std::string_view(rest).substr(first + 1, second - first - 1));
  const char letter = rest[second + 1];
  const std::string_view kinds = "wmqeWMQ";
  if (!site || !population || kinds.find(letter) == std::string_view::npos) {
    return unknown();
  }
  app::MeasureChartQuery query;
  const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(letter)));
  query.period = lower == 'w'   ? PeriodKind::kWeek
                 : lower == 'q' ? PeriodKind::kQuarter
                                : PeriodKind::kMonth;
  const ReportView origin = std::isupper(static_cast<unsigned char>(letter)) != 0
                                ? ReportView::kCommunity
                                : ReportView::kSite;
  COVALUE_ASSIGN_OR_RETURN(
      app::MeasureChartView view,
      origin == ReportView::kSite
          ? measures.SiteMeasureChart(r.ctx, measure, *site, *population, query)
          : measures.CrossSiteMeasure(r.ctx, measure, query));
  for (json& report : Reports(origin, view)) {
    if (report.value("id", "") == id) {
      return std::move(report);
    }
  }
  return unknown();
}

Result<Id> OrganizationOf(const std::string& value) {
  const std::string digits = value.rfind("Organization/", 0) == 0 ? value.substr(13) : value;
  Id id = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (ec != std::errc() || end != digits.data() + digits.size() || id <= 0) {
    return Fail(Invalid("reporter", "reporter is Organization/{site id}"));
  }
  return id;
}

}  // namespace

void AddMeasureRoutes(http::Router& router, app::Measures& measures) {
  router.Add({"GET", "/fhir/r4/Measure", "FHIR R4 search of the community's Measures",
              http::Access::kSignedIn,
              [&measures](http::RouteContext& r) -> Result<http::Response> {
                COVALUE_ASSIGN_OR_RETURN(auto ignored, UnsupportedParameters(r.request, {"_id"}));
                COVALUE_ASSIGN_OR_RETURN(auto definitions, measures.ListMeasures(r.ctx));
                const std::string* id = r.request.Query("_id");
                json resources = json::array();
                for (const MeasureDefinition& m : definitions) {
                  if (id == nullptr || *id == m.id) {
                    resources.push_back(MeasureJson(m));
                  }
                }
                return FhirJson(200, Searchset(r.request, "Measure", resources, ignored));
              },
              0});
  router.Add({"GET", "/fhir/r4/Measure/{measure}", "FHIR R4 read of a Measure",
              http::Access::kSignedIn,
              [&measures](http::RouteContext& r) -> Result<http::Response> {
                COVALUE_ASSIGN_OR_RETURN(auto definitions, measures.ListMeasures(r.ctx));
                for (const MeasureDefinition& m : definitions) {
                  if (m.id == r.params.at("measure")) {
                    return FhirJson(200, MeasureJson(m));
                  }
                }
                return Fail(ErrorCode::kNotFound,
                            fmt::format("Measure/{} does not exist", r.params.at("measure")));
              },
              0});
  router.Add({"GET", "/fhir/r4/MeasureReport",
              "FHIR R4 search of summary MeasureReports per site and period (measure required; "
              "reporter, period-kind)",
              http::Access::kSignedIn,
              [&measures](http::RouteContext& r) -> Result<http::Response> {
                COVALUE_ASSIGN_OR_RETURN(
                    auto ignored,
                    UnsupportedParameters(r.request, {"measure", "reporter", "period-kind"}));
                const std::string* measure = r.request.Query("measure");
                if (measure == nullptr || measure->empty()) {
                  return Fail(
                      Invalid("measure", "measure names the Measure (its id or canonical URL)"));
                }
                app::MeasureChartQuery query;
                if (const std::string* kind = r.request.Query("period-kind")) {
                  const auto parsed = ParsePeriodKind(*kind);
                  if (!parsed) {
                    return Fail(Invalid("period-kind", "period-kind is week, month or quarter"));
                  }
                  query.period = *parsed;
                }
                const std::string id = MeasureIdOf(*measure);
                app::MeasureChartView view;
                ReportView origin = ReportView::kCommunity;
                if (const std::string* reporter = r.request.Query("reporter")) {
                  COVALUE_ASSIGN_OR_RETURN(Id site, OrganizationOf(*reporter));
                  COVALUE_ASSIGN_OR_RETURN(
                      view, measures.SiteMeasureChart(r.ctx, id, site, std::nullopt, query));
                  origin = ReportView::kSite;
                } else {
                  COVALUE_ASSIGN_OR_RETURN(view, measures.CrossSiteMeasure(r.ctx, id, query));
                }
                return FhirJson(
                    200, Searchset(r.request, "MeasureReport", Reports(origin, view), ignored));
              },
              0});
  // A report is computed, not stored: it has no versions to vread.
  router.Add({"GET", "/fhir/r4/MeasureReport/{id}",
              "FHIR R4 read of a MeasureReport, as the search that listed it gave it",
              http::Access::kSignedIn,
              [&measures](http::RouteContext& r) -> Result<http::Response> {
                COVALUE_ASSIGN_OR_RETURN(json report, ReadReport(measures, r));
                return FhirJson(200, report);
              },
              0});
}

}  // namespace covalue::fhir
