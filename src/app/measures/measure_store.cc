#include "app/measures/measure_store.h"

#include <mutex>

#include "analytics/measures.h"
#include "store/measure_repository.h"
#include "store/population_repository.h"
#include "store/site_repository.h"

namespace covalue::app {

Result<MeasureStore::Batch> MeasureStore::BeginBatch(store::Repositories& repos) {
  COVALUE_ASSIGN_OR_RETURN(std::vector<std::string> ids, repos.Measures().DefinitionIds());
  Batch batch;
  {
    const std::lock_guard lock(by_code_mutex_);
    if (by_code_ && ids == by_code_ids_) {
      batch.by_code_ = by_code_;
      return batch;
    }
  }
  COVALUE_ASSIGN_OR_RETURN(std::vector<MeasureDefinition> definitions,
                           repos.Measures().Definitions());
  auto by_code = std::make_shared<DefinitionsByCode>();  // ids: these, read in one snapshot
  for (MeasureDefinition& m : definitions) {
    auto key = std::make_pair(m.system, m.code);
    by_code->emplace(std::move(key), std::move(m));
  }
  batch.by_code_ = by_code;
  const std::lock_guard lock(by_code_mutex_);
  by_code_ids_ = std::move(ids);
  by_code_ = std::move(by_code);
  return batch;
}

void MeasureStore::Batch::Observe(const Observation& o) {
  const auto [first, last] = by_code_->equal_range({o.system, o.code});
  for (auto it = first; it != last; ++it) {
    const MeasureDefinition& m = it->second;
    const analytics::Contribution c = analytics::ContributionOf(m, o.value);
    for (PeriodKind kind : kAllPeriodKinds) {
      delta_.Add({o.site_id, o.population_id, m.id, kind},
                 analytics::PeriodOf(kind, o.effective_ms), c);
    }
  }
}

Status MeasureStore::Batch::Flush(store::Repositories& repos) {
  if (delta_.SeriesCount() == 0) {
    return Ok();  // nothing of any measure: no new generation
  }
  COVALUE_ASSIGN_OR_RETURN(generation_, repos.Measures().AddAggregates(RowsOf(delta_)));
  return Ok();
}

std::vector<store::MeasureAggregateRow> MeasureStore::RowsOf(
    const analytics::MeasureAggregates& aggregates) {
  std::vector<store::MeasureAggregateRow> rows;
  aggregates.ForEach([&](const analytics::SeriesKey& key, const analytics::AggregateSeries& s) {
    for (std::size_t i = 0; i < s.Periods(); ++i) {
      rows.push_back({key.site_id, key.population_id, key.measure, key.period, s.period[i],
                      s.count[i], s.sum[i], s.sum_squares[i], s.numerator[i], s.denominator[i]});
    }
  });
  return rows;
}

void MeasureStore::Apply(const Batch& batch) {
  const std::unique_lock lock(mutex_);
  if (!loaded_ || batch.generation_ <= generation_) {
    return;  // a later load reads it from the database, or a reload already has it
  }
  if (batch.generation_ != generation_ + 1) {
    stale_ = true;  // a generation in between is not here yet
    return;
  }
  aggregates_.Merge(batch.delta_);
  generation_ = batch.generation_;
}

void MeasureStore::Invalidate() {
  const std::unique_lock lock(mutex_);
  stale_ = true;
  ++invalidations_;
}

Status MeasureStore::Load(store::Store& store) {
  std::int64_t invalidations = 0;
  {
    const std::shared_lock lock(mutex_);
    invalidations = invalidations_;
  }
  std::int64_t generation = 0;
  std::vector<MeasureDefinition> definitions;
  analytics::MeasureAggregates aggregates;
  std::map<Id, std::string> sites;
  std::map<Id, std::string> populations;
  // The heavy read (every aggregate) may go to a replica; Refresh asks the primary.
  COVALUE_RETURN_IF_ERROR(store.ReadReplica([&](store::Repositories& repos) -> Status {
    COVALUE_ASSIGN_OR_RETURN(generation, repos.Measures().Generation());
    COVALUE_ASSIGN_OR_RETURN(definitions, repos.Measures().Definitions());
    for (PageRequest page{0, PageRequest::kMaxLimit};;) {
      COVALUE_ASSIGN_OR_RETURN(Page<Site> listed, repos.Sites().List(page));
      for (const Site& site : listed.items) {
        sites[site.id] = site.name;
      }
      if (!listed.next) {
        break;
      }
      page.after = *listed.next;
    }
    for (PageRequest page{0, PageRequest::kMaxLimit};;) {
      COVALUE_ASSIGN_OR_RETURN(Page<Population> listed,
                               repos.Populations().List(page, std::nullopt));
      for (const Population& population : listed.items) {
        populations[population.id] = population.name;
      }
      if (!listed.next) {
        break;
      }
      page.after = *listed.next;
    }
    return repos.Measures().ScanAggregates([&](const store::MeasureAggregateRow& r) {
      aggregates.Accumulate({r.site_id, r.population_id, r.measure_id, r.period_kind}, r.period,
                            {r.count, r.sum, r.sum_squares, r.numerator, r.denominator});
    });
  }));
  const std::unique_lock lock(mutex_);
  if (loaded_ && !stale_ && generation < generation_) {
    return Ok();  // commits applied while loading are newer than this snapshot
  }
  loaded_ = true;
  // Invalidated while this snapshot was read: it may predate the change.
  stale_ = invalidations != invalidations_;
  generation_ = generation;
  checked_ = std::chrono::steady_clock::now();
  definitions_ = std::move(definitions);
  aggregates_ = std::move(aggregates);
  sites_ = std::move(sites);
  populations_ = std::move(populations);
  return Ok();
}

Status MeasureStore::Refresh(store::Store& store) {
  const auto now = std::chrono::steady_clock::now();
  {
    const std::shared_lock lock(mutex_);
    if (loaded_ && !stale_ && now - checked_ < kRecheckInterval) {
      return Ok();
    }
  }
  std::int64_t stored = 0;
  COVALUE_RETURN_IF_ERROR(store.Read([&](store::Repositories& repos) -> Status {
    COVALUE_ASSIGN_OR_RETURN(stored, repos.Measures().Generation());
    return Ok();
  }));
  {
    const std::unique_lock lock(mutex_);
    if (loaded_ && !stale_ && stored <= generation_) {
      checked_ = now;
      return Ok();
    }
  }
  return Load(store);
}

Status MeasureStore::Read(store::Store& store,
                          const std::function<Status(const Snapshot& snapshot)>& read) {
  COVALUE_RETURN_IF_ERROR(Refresh(store));
  const std::shared_lock lock(mutex_);
  return read(Snapshot{definitions_, aggregates_, sites_, populations_});
}

}  // namespace covalue::app
