#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/chart_note.h"
#include "domain/error.h"
#include "domain/measure.h"
#include "domain/page.h"

namespace covalue::store {

// One period's aggregates of one measure at one site and population.
struct MeasureAggregateRow {
  Id site_id = 0;
  Id population_id = 0;
  std::string measure_id;
  PeriodKind period_kind = PeriodKind::kMonth;
  std::int64_t period = 0;
  std::int64_t count = 0;
  double sum = 0;
  double sum_squares = 0;
  double numerator = 0;
  double denominator = 0;
};

// Measure definitions and the measure store's aggregates (DESIGN.md §3 "Measure store").
class MeasureRepository {
 public:
  virtual ~MeasureRepository() = default;
  // kConflict when the id is taken.
  [[nodiscard]] virtual Status CreateDefinition(const MeasureDefinition& measure) = 0;
  // A team's notes on its charts: added (id set), read, the notes of one team's chart in the
  // order they were written (authors' display names filled), deleted (kNotFound when absent).
  [[nodiscard]] virtual Result<ChartNote> AddChartNote(const ChartNote& note) = 0;
  [[nodiscard]] virtual Result<ChartNote> GetChartNote(Id id) = 0;
  [[nodiscard]] virtual Result<std::vector<ChartNote>> ChartNotes(
      Id team_id, const std::string& measure_id) = 0;
  [[nodiscard]] virtual Status DeleteChartNote(Id id) = 0;
  // By id. Definitions are only ever added, never changed or removed.
  [[nodiscard]] virtual Result<std::vector<MeasureDefinition>> Definitions() = 0;
  // Their ids, in the same order: what tells whether the definitions are still those read.
  [[nodiscard]] virtual Result<std::vector<std::string>> DefinitionIds() = 0;
  // The core set's drafts: added (kConflict when a draft or a measure has the id), every one by
  // id, one (kNotFound), and marked adopted at adopted_ms (kConflict when it was already).
  [[nodiscard]] virtual Status CreateDraft(const MeasureDraft& draft) = 0;
  [[nodiscard]] virtual Result<std::vector<MeasureDraft>> Drafts() = 0;
  [[nodiscard]] virtual Result<MeasureDraft> GetDraft(const std::string& id) = 0;
  [[nodiscard]] virtual Status MarkDraftAdopted(const std::string& id, std::int64_t adopted_ms) = 0;
  // Adds each row's aggregates to the stored ones of its period (a new period starts at zero)
  // and counts one more generation; returns that generation.
  [[nodiscard]] virtual Result<std::int64_t> AddAggregates(
      const std::vector<MeasureAggregateRow>& rows) = 0;
  // Replaces every stored aggregate with rows (a rebuild) and counts one more generation;
  // returns that generation.
  [[nodiscard]] virtual Result<std::int64_t> ReplaceAggregates(
      const std::vector<MeasureAggregateRow>& rows) = 0;
  // How many transactions have changed the aggregates.
  [[nodiscard]] virtual Result<std::int64_t> Generation() = 0;
  // Calls visit for every stored row, series by series in period order.
  [[nodiscard]] virtual Status ScanAggregates(
      const std::function<void(const MeasureAggregateRow&)>& visit) = 0;
};

}  // namespace covalue::store
