#include "store/sql/sql_store.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "store/sql/sql_repositories.h"

namespace covalue::store::sql {
namespace {

// One caller's write waiting for its group commit.
struct PendingWrite {
  const std::function<Status(Repositories&)>* work;
  Status status;
  std::exception_ptr exception;  // thrown by work: rethrown on the caller's thread
  bool done = false;
};

// Runs work, turning an exception into the pending write's exception.
Status RunGuarded(const std::function<Status(Repositories&)>& work, Repositories& repos,
                  std::exception_ptr& exception) {
  try {
    return work(repos);
  } catch (...) {
    exception = std::current_exception();
    return Fail(ErrorCode::kInternal, "the write threw an exception");
  }
}

// A connection with the rescan and the repositories over it.
struct Session {
  Session(std::unique_ptr<Connection> c, ConnectionSource& source, ConnectionSource::Role r)
      : connection(std::move(c)), scan(source.ScanOver(*connection, r)), repos(*connection, *scan),
        role(r) {}
  std::unique_ptr<Connection> connection;
  std::unique_ptr<ObservationScan> scan;
  SqlRepositories repos;
  ConnectionSource::Role role;
};

class SqlStore final : public Store {
 public:
  SqlStore(std::unique_ptr<ConnectionSource> source, std::unique_ptr<Connection> writer,
           SqlStoreOptions options)
      : source_(std::move(source)),
        options_(options),
        writer_(std::make_unique<Session>(std::move(writer), *source_,
                                          ConnectionSource::Role::kWriter)),
        writer_thread_([this] { WriterLoop(); }) {
    events_ = source_->OpenEvents([this](std::string_view channel, std::string_view message) {
      Deliver(channel, message);
    });
  }

  SqlStore(const SqlStore&) = delete;
  SqlStore& operator=(const SqlStore&) = delete;

  ~SqlStore() override {
    events_.reset();  // no more deliveries
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    queued_.notify_all();
    writer_thread_.join();
  }

  Status Write(const std::function<Status(Repositories&)>& work) override {
    PendingWrite pending{&work, Ok(), nullptr, false};
    {
      std::unique_lock lock(mutex_);
      if (stopping_) {
        return Fail(ErrorCode::kUnavailable, "the store is closing");
      }
      queue_.push_back(&pending);
      queued_.notify_one();
      committed_.wait(lock, [&] { return pending.done; });
    }
    if (pending.exception) {
      std::rethrow_exception(pending.exception);
    }
    return pending.status;
  }

  void Publish(const std::string& channel, const std::string& message) override {
    if (events_) {
      events_->Publish(channel, message);
    }
  }

  std::unique_ptr<Subscription> Subscribe(
      const std::string& channel, std::function<void(std::string_view)> listener) override {
    std::lock_guard lock(listeners_mutex_);
    const std::int64_t id = ++last_listener_;
    listeners_.emplace(id, Listener{channel, std::move(listener)});
    return std::make_unique<Unsubscribe>(*this, id);
  }

  StoreStats Stats() const override {
    std::lock_guard lock(mutex_);
    return stats_;
  }

  Status Read(const std::function<Status(Repositories&)>& work) override {
    COVALUE_ASSIGN_OR_RETURN(auto session, Borrow(Role::kReader));
    return ReadOn(std::move(session), work);
  }

  Status ReadReplica(const std::function<Status(Repositories&)>& work) override {
    if (!source_->HasReplica()) {
      return Read(work);
    }
    std::string position;
    {
      COVALUE_ASSIGN_OR_RETURN(auto primary, Borrow(Role::kReader));
      auto now = source_->Position(*primary->connection);
      Return(std::move(primary));
      COVALUE_RETURN_IF_ERROR(now);
      position = std::move(*now);
    }
    // The work runs once, where it starts: a replica that breaks during it answers
    // kUnavailable rather than running the work again on the primary.
    if (auto replica = CaughtUpReplica(position)) {
      Count(&StoreStats::replica_reads);
      return ReadOn(std::move(replica), work);
    }
    Count(&StoreStats::replica_fallbacks);
    return Read(work);
  }

 private:
  void WriterLoop() {
    for (;;) {
      std::vector<PendingWrite*> batch;
      {
        std::unique_lock lock(mutex_);
        queued_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) {
          return;  // stopping, and every queued write is done
        }
        while (!queue_.empty() &&
               batch.size() < static_cast<std::size_t>(options_.max_group_size)) {
          batch.push_back(queue_.front());
          queue_.pop_front();
        }
      }
      const bool committed = CommitGroup(batch);
      {
        std::lock_guard lock(mutex_);
        for (PendingWrite* pending : batch) {
          pending->done = true;
          stats_.writes += committed && pending->status ? 1 : 0;
        }
        stats_.commits += committed ? 1 : 0;
      }
      committed_.notify_all();
    }
  }

  // The writer's session, reconnected when its connection broke.
  Status EnsureWriter() {
    if (writer_ && !writer_->connection->Broken()) {
      return Ok();
    }
    writer_.reset();
    COVALUE_ASSIGN_OR_RETURN(auto connection, source_->Connect(ConnectionSource::Role::kWriter));
    writer_ = std::make_unique<Session>(std::move(connection), *source_,
                                        ConnectionSource::Role::kWriter);
    return Ok();
  }

  // One transaction, one durable commit, for every write in batch; each write in its own
  // savepoint. False when the transaction could not begin or commit (every write then has its
  // error).
  bool CommitGroup(const std::vector<PendingWrite*>& batch) {
    const auto fail_all = [&](const Status& status) {
      for (PendingWrite* pending : batch) {
        if (pending->status) {
          pending->status = status;
        }
      }
      return false;
    };
    if (auto ready = EnsureWriter(); !ready) {
      return fail_all(ready);
    }
    Connection& writer = *writer_->connection;
    if (auto begun = writer.Execute(writer.dialect().BeginWrite()); !begun) {
      return fail_all(begun);
    }
    // Each write in a savepoint of its own; releasing one and opening the next go together
    // (one round trip to a database server).
    bool open = false;
    for (PendingWrite* pending : batch) {
      if (auto s = writer.Execute(open ? "RELEASE SAVEPOINT covalue_write; SAVEPOINT covalue_write"
                                       : "SAVEPOINT covalue_write");
          !s) {
        pending->status = s;
        open = false;
        continue;
      }
      open = true;
      pending->status = RunGuarded(*pending->work, writer_->repos, pending->exception);
      if (!pending->status) {
        (void)writer.Execute("ROLLBACK TO SAVEPOINT covalue_write");
      }
    }
    if (open) {
      (void)writer.Execute("RELEASE SAVEPOINT covalue_write");
    }
    if (auto committed = writer.Execute("COMMIT"); !committed) {
      (void)writer.Execute("ROLLBACK");
      return fail_all(committed);
    }
    return true;
  }

  struct Listener {
    std::string channel;
    std::function<void(std::string_view)> call;
  };

  class Unsubscribe final : public Subscription {
   public:
    Unsubscribe(SqlStore& store, std::int64_t id) : store_(store), id_(id) {}
    Unsubscribe(const Unsubscribe&) = delete;
    Unsubscribe& operator=(const Unsubscribe&) = delete;
    ~Unsubscribe() override {
      std::lock_guard lock(store_.listeners_mutex_);  // waits for a call under way
      store_.listeners_.erase(id_);
    }

   private:
    SqlStore& store_;
    const std::int64_t id_;
  };

  // An event from another process to this one's listeners of its channel (every listener when
  // events may have been missed).
  void Deliver(std::string_view channel, std::string_view message) {
    std::lock_guard lock(listeners_mutex_);
    for (const auto& [id, listener] : listeners_) {
      if (channel.empty() || listener.channel == channel) {
        listener.call(message);
      }
    }
  }

  using Role = ConnectionSource::Role;

  std::vector<std::unique_ptr<Session>>& Pool(Role role) {
    return role == Role::kReplica ? replicas_ : readers_;
  }

  // A pooled connection of role (kReader or kReplica), or a new one.
  Result<std::unique_ptr<Session>> Borrow(Role role) {
    {
      std::lock_guard lock(pools_mutex_);
      auto& pool = Pool(role);
      while (!pool.empty()) {
        auto session = std::move(pool.back());
        pool.pop_back();
        if (!session->connection->Broken()) {
          return session;
        }
      }
    }
    COVALUE_ASSIGN_OR_RETURN(auto connection, source_->Connect(role));
    return std::make_unique<Session>(std::move(connection), *source_, role);
  }

  void Return(std::unique_ptr<Session> session) {
    if (session->connection->Broken()) {
      return;
    }
    std::lock_guard lock(pools_mutex_);
    Pool(session->role).push_back(std::move(session));
  }

  // Runs work on a read-only snapshot of session's connection, then pools it again.
  Status ReadOn(std::unique_ptr<Session> session, const std::function<Status(Repositories&)>& work) {
    Connection& connection = *session->connection;
    Status status = connection.Execute(connection.dialect().BeginRead());
    std::exception_ptr exception;
    if (status) {
      status = RunGuarded(work, session->repos, exception);
      (void)connection.Execute("COMMIT");
    }
    Return(std::move(session));
    if (exception) {
      std::rethrow_exception(exception);
    }
    return status;
  }

  // A replica connection whose server has replayed the history up to position, waiting up to
  // options_.replica_wait for it; nullptr when it lags longer or cannot be reached. Replay only
  // moves forward, so a snapshot begun after the check sees everything up to position.
  // A replica that could not be reached or asked is left alone for kReplicaBackOff, so that
  // reads do not each wait for its connection to time out meanwhile.
  std::unique_ptr<Session> CaughtUpReplica(const std::string& position) {
    const auto now = std::chrono::steady_clock::now();
    if (now.time_since_epoch().count() < replica_away_until_.load()) {
      return nullptr;
    }
    const auto away = [&] {
      replica_away_until_.store((now + kReplicaBackOff).time_since_epoch().count());
      return nullptr;
    };
    auto replica = Borrow(Role::kReplica);
    if (!replica) {
      return away();
    }
    const auto deadline = now + options_.replica_wait;
    for (;;) {
      const auto replayed = source_->Replayed(*(*replica)->connection, position);
      if (!replayed) {
        Return(std::move(*replica));
        return away();
      }
      if (*replayed) {
        return std::move(*replica);
      }
      if (std::chrono::steady_clock::now() >= deadline) {
        Return(std::move(*replica));
        return nullptr;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }

  void Count(std::int64_t StoreStats::*counter) {
    std::lock_guard lock(mutex_);
    ++(stats_.*counter);
  }

  const std::unique_ptr<ConnectionSource> source_;
  const SqlStoreOptions options_;
  std::unique_ptr<Session> writer_;  // used by writer_thread_ only

  mutable std::mutex mutex_;           // guards queue_, stopping_, stats_, every PendingWrite::done
  std::condition_variable queued_;     // a write was queued, or stopping_ was set
  std::condition_variable committed_;  // a group finished
  std::deque<PendingWrite*> queue_;
  bool stopping_ = false;
  StoreStats stats_;

  std::mutex pools_mutex_;  // guards readers_ and replicas_
  std::vector<std::unique_ptr<Session>> readers_;   // the primary's
  std::vector<std::unique_ptr<Session>> replicas_;  // the replica's
  static constexpr std::chrono::seconds kReplicaBackOff{2};
  std::atomic<std::chrono::steady_clock::rep> replica_away_until_{0};  // steady-clock ticks

  std::mutex listeners_mutex_;  // guards listeners_ and last_listener_; held while one is called
  std::map<std::int64_t, Listener> listeners_;
  std::int64_t last_listener_ = 0;

  std::thread writer_thread_;  // starts once everything above exists
  std::unique_ptr<EventChannel> events_;  // opened last, closed first
};

}  // namespace

std::unique_ptr<Store> MakeSqlStore(std::unique_ptr<ConnectionSource> source,
                                    std::unique_ptr<Connection> writer, SqlStoreOptions options) {
  return std::make_unique<SqlStore>(std::move(source), std::move(writer), options);
}

}  // namespace covalue::store::sql
