#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <utility>
#include <vector>

#include "analytics/measure_store.h"
#include "domain/measure.h"
#include "domain/registry.h"
#include "store/measure_repository.h"
#include "store/store.h"

namespace covalue::app {

// The measure store (DESIGN.md §3): the database keeps per (site, population, measure, period)
// aggregates written in the transaction that writes the observations; this process keeps a
// copy in memory (analytics::MeasureAggregates) that serves every chart in O(periods).
//
// Writers collect a Batch inside their write, Flush it before the write ends, and Apply it
// once the write has committed. Each flush counts one generation in the database; the copy
// knows the generation it reflects, so a gap (another process wrote, or two commits applied out
// of order) makes the next read reload the copy from the database. Another process's writes
// are seen within kRecheckInterval.
class MeasureStore {
 public:
  static constexpr std::chrono::milliseconds kRecheckInterval{500};

  // What one write adds: the contributions of its observations to every measure of their code,
  // for weeks, months and quarters.
  using DefinitionsByCode = std::multimap<std::pair<std::string, std::string>, MeasureDefinition>;
  class Batch {
   public:
    void Observe(const Observation& observation);
    // Adds the batch to the stored aggregates (a new generation). Call once, inside the write.
    [[nodiscard]] Status Flush(store::Repositories& repos);

   private:
    friend class MeasureStore;
    std::shared_ptr<const DefinitionsByCode> by_code_;
    analytics::MeasureAggregates delta_;
    std::int64_t generation_ = 0;  // set by Flush
  };

  // A batch with the definitions stored in the write's transaction. They are read whole only
  // when their ids differ from those read last (definitions are only ever added: the same ids
  // are the same definitions), so that a write of a few observations does not decode every
  // definition; the batches share them. (Read inside the write, they may include a definition
  // of the same group commit that is then rolled back: its id is gone at the next read.)
  [[nodiscard]] Result<Batch> BeginBatch(store::Repositories& repos);

  // The rows the database keeps for aggregates.
  static std::vector<store::MeasureAggregateRow> RowsOf(
      const analytics::MeasureAggregates& aggregates);

  // After a write with the batch committed.
  void Apply(const Batch& batch);
  // After a write that changed the definitions or the names of sites or populations: the next
  // read reloads.
  void Invalidate();

  // What a read sees: the definitions (by id), the aggregates, and the names of the sites and
  // populations the series belong to.
  struct Snapshot {
    const std::vector<MeasureDefinition>& definitions;
    const analytics::MeasureAggregates& aggregates;
    const std::map<Id, std::string>& sites;
    const std::map<Id, std::string>& populations;
  };

  // Calls read with the snapshot under a shared lock: read copies what it needs and returns.
  // Loads the copy on first use and reloads it when the database has moved on without this
  // process.
  [[nodiscard]] Status Read(store::Store& store,
                            const std::function<Status(const Snapshot& snapshot)>& read);

  // Loads the copy now (at start, so that the first reader does not wait).
  [[nodiscard]] Status Load(store::Store& store);

 private:
  // Reloads when never loaded, marked stale, or another process wrote (checked at most once per
  // kRecheckInterval).
  Status Refresh(store::Store& store);

  mutable std::shared_mutex mutex_;
  bool loaded_ = false;
  bool stale_ = false;
  std::int64_t invalidations_ = 0;  // so that a load racing an invalidation stays stale
  std::int64_t generation_ = 0;
  std::chrono::steady_clock::time_point checked_{};
  std::vector<MeasureDefinition> definitions_;
  analytics::MeasureAggregates aggregates_;
  std::map<Id, std::string> sites_;
  std::map<Id, std::string> populations_;

  std::mutex by_code_mutex_;  // guards the two below, which BeginBatch keeps
  std::vector<std::string> by_code_ids_;
  std::shared_ptr<const DefinitionsByCode> by_code_;
};

}  // namespace covalue::app
