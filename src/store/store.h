#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <optional>
#include <utility>

#include "domain/error.h"

// The persistence interface: one repository per aggregate, each declared in its own header
// (store/<name>_repository.h), and the store that runs work on them in transactions. The SQL of
// every repository is written once over the seam of store/sql/; drivers (store/sqlite/,
// store/postgres/) implement that seam. Nothing above this folder sees SQL or a driver's types.
//
// Errors every method may return besides those it names: kUnavailable (the database is busy or
// closing), kInternal (a driver failure that is a bug or a broken disk), kStorageFull (the disk
// refuses a write: full, read-only, gone).
namespace covalue::store {

class AlertRepository;
class AuditRepository;
class CostingRepository;
class CredentialRepository;
class MeasureRepository;
class PersonaRepository;
class PopulationRepository;
class ProcessMapRepository;
class QuestionnaireRepository;
class RegistryRepository;
class ResearchProjectRepository;
class ScheduleRepository;
class SiteRepository;
class StratificationRepository;
class StudyRepository;
class TeamRepository;
class UserRepository;
class WorkbookRepository;

// The repositories of one transaction.
class Repositories {
 public:
  virtual ~Repositories() = default;
  virtual SiteRepository& Sites() = 0;
  virtual PopulationRepository& Populations() = 0;
  virtual TeamRepository& Teams() = 0;
  virtual UserRepository& Users() = 0;
  virtual CredentialRepository& Credentials() = 0;
  virtual AuditRepository& Audit() = 0;
  virtual WorkbookRepository& Workbooks() = 0;
  virtual QuestionnaireRepository& Questionnaires() = 0;
  virtual RegistryRepository& Registry() = 0;
  virtual MeasureRepository& Measures() = 0;
  virtual AlertRepository& Alerts() = 0;
  virtual ScheduleRepository& Schedules() = 0;
  virtual StudyRepository& Studies() = 0;
  virtual ResearchProjectRepository& ResearchProjects() = 0;
  virtual CostingRepository& Costing() = 0;
  virtual StratificationRepository& Stratifications() = 0;
  virtual ProcessMapRepository& ProcessMaps() = 0;
  virtual PersonaRepository& Personas() = 0;
};

// Counters since the store was opened.
struct StoreStats {
  std::int64_t writes = 0;   // Write calls that committed
  std::int64_t commits = 0;  // transactions (fsyncs) that carried them
  std::int64_t replica_reads = 0;      // ReadReplica calls the replica answered
  std::int64_t replica_fallbacks = 0;  // ReadReplica calls the primary answered instead
};

// A listener's hold on a channel of events (Store::Subscribe): the listener is not called once
// this is destroyed.
class Subscription {
 public:
  virtual ~Subscription() = default;
};

// A database. Thread-safe: any thread may call Read and Write at once.
class Store {
 public:
  virtual ~Store() = default;

  // Tells the other processes that have this database open (servers on one PostgreSQL) of an
  // event on channel: a sign-in failure, a change to what they keep in memory. The publishing
  // process acts on its own event itself. Soon (PostgreSQL's NOTIFY: milliseconds) and best
  // effort (an event published while the database is unreachable is lost; the listeners are
  // then told they may have missed some). Nothing to do where only one process has the
  // database (SQLite).
  virtual void Publish(const std::string& channel, const std::string& message) = 0;
  // Calls listener with each event of channel another process publishes from now on, on a
  // thread of the store's, one event at a time; with an empty message when events may have been
  // missed (the database was unreachable for a while): the listener then assumes anything may
  // have changed. A listener must not subscribe or unsubscribe.
  [[nodiscard]] virtual std::unique_ptr<Subscription> Subscribe(
      const std::string& channel, std::function<void(std::string_view message)> listener) = 0;

  virtual StoreStats Stats() const = 0;

  // Runs work in a write transaction and returns once it is durably committed. Writes from
  // several threads may share one transaction and one fsync (group commit); each runs inside
  // its own savepoint, so a work that returns an error is rolled back alone and its error
  // returned. work must not block on other writes. A write method that fails on a statement
  // (kConflict of a taken name, kInvalidArgument of a missing reference) ends what the work may
  // write: on PostgreSQL the transaction accepts nothing more until the savepoint is rolled
  // back, so the work returns that error rather than going on (none goes on today).
  [[nodiscard]] virtual Status Write(const std::function<Status(Repositories&)>& work) = 0;

  // Runs work on a consistent read-only snapshot; write methods fail there.
  [[nodiscard]] virtual Status Read(const std::function<Status(Repositories&)>& work) = 0;

  // Runs work like Read, for reads that may go to a streaming replica (dashboards, the
  // community's views, searches): where the store has one, and it has replayed every write any
  // process had committed when the call began, the replica answers; otherwise the primary does.
  // So a reader sees its own writes, and everyone else's acknowledged before it asked
  // (read-your-writes for every session, not only the one that wrote), at the price of asking
  // the primary its position once per call. Where there is no replica, Read.
  [[nodiscard]] virtual Status ReadReplica(const std::function<Status(Repositories&)>& work) {
    return Read(work);
  }
};

// Runs work in a write (Store::Write) or on a read snapshot (Store::Read, Store::ReadReplica) and
// returns the value
// it produced, or the first error of the work or the store.
enum class Access { kRead, kWrite, kReplica };  // which a Transact runs in (kReplica: ReadReplica)

template <typename T, typename Work>
[[nodiscard]] Result<T> Transact(Store& store, Access access, Work&& work) {
  std::optional<T> value;
  const auto body = [&](Repositories& repos) -> Status {
    Result<T> result = work(repos);
    if (!result) {
      return Fail(result.error());
    }
    value = std::move(*result);
    return Ok();
  };
  const Status status = access == Access::kWrite     ? store.Write(body)
                        : access == Access::kReplica ? store.ReadReplica(body)
                                                     : store.Read(body);
  if (!status) {
    return Fail(status.error());
  }
  return std::move(*value);
}

template <typename T, typename Work>
[[nodiscard]] Result<T> WriteValue(Store& store, Work&& work) {
  return Transact<T>(store, Access::kWrite, std::forward<Work>(work));
}

template <typename T, typename Work>
[[nodiscard]] Result<T> ReadValue(Store& store, Work&& work) {
  return Transact<T>(store, Access::kRead, std::forward<Work>(work));
}

template <typename T, typename Work>
[[nodiscard]] Result<T> ReadReplicaValue(Store& store, Work&& work) {
  return Transact<T>(store, Access::kReplica, std::forward<Work>(work));
}

}  // namespace covalue::store
