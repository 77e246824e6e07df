#include "store/sqlite/sqlite_store.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "store/sql/sql_repositories.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/observation_file.h"

namespace covalue::store::sqlite {
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

// A SQLite database shared by threads: one writer connection owned by a writer thread that
// commits queued writes in groups, and a pool of read-only connections.
class SqliteStore final : public Store {
 public:
  SqliteStore(std::string path, std::unique_ptr<Connection> writer, SqliteOptions options)
      : path_(std::move(path)),
        options_(options),
        writer_(std::move(writer)),
        writer_file_(*writer_),
        writer_repos_(*writer_, writer_file_),
        writer_thread_([this] { WriterLoop(); }) {}

  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  ~SqliteStore() override {
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

  StoreStats Stats() const override {
    std::lock_guard lock(mutex_);
    return stats_;
  }

  Status Read(const std::function<Status(Repositories&)>& work) override {
    COVALUE_ASSIGN_OR_RETURN(auto connection, BorrowReader());
    ObservationFile file(*connection);
    sql::SqlRepositories repos(*connection, file);
    Status status = connection->Execute("BEGIN");
    std::exception_ptr exception;
    if (status) {
      status = RunGuarded(work, repos, exception);
      (void)connection->Execute("COMMIT");
    }
    ReturnReader(std::move(connection));
    if (exception) {
      std::rethrow_exception(exception);
    }
    return status;
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

  // One transaction, one fsync, for every write in batch; each write in its own savepoint.
  // False when the transaction could not begin or commit (every write then has its error).
  bool CommitGroup(const std::vector<PendingWrite*>& batch) {
    if (auto begun = writer_->Execute("BEGIN IMMEDIATE"); !begun) {
      for (PendingWrite* pending : batch) {
        pending->status = begun;
      }
      return false;
    }
    for (PendingWrite* pending : batch) {
      if (auto s = writer_->Execute("SAVEPOINT covalue_write"); !s) {
        pending->status = s;
        continue;
      }
      pending->status = RunGuarded(*pending->work, writer_repos_, pending->exception);
      if (!pending->status) {
        (void)writer_->Execute("ROLLBACK TO covalue_write");
      }
      (void)writer_->Execute("RELEASE covalue_write");
    }
    if (auto committed = writer_->Execute("COMMIT"); !committed) {
      (void)writer_->Execute("ROLLBACK");
      for (PendingWrite* pending : batch) {
        if (pending->status) {
          pending->status = committed;
        }
      }
      return false;
    }
    return true;
  }

  Result<std::unique_ptr<Connection>> BorrowReader() {
    {
      std::lock_guard lock(readers_mutex_);
      if (!readers_.empty()) {
        auto connection = std::move(readers_.back());
        readers_.pop_back();
        return connection;
      }
    }
    return Connection::Open(path_, Connection::Mode::kReadOnly);
  }

  void ReturnReader(std::unique_ptr<Connection> connection) {
    std::lock_guard lock(readers_mutex_);
    readers_.push_back(std::move(connection));
  }

  const std::string path_;
  const SqliteOptions options_;
  std::unique_ptr<Connection> writer_;  // used by writer_thread_ only
  ObservationFile writer_file_;         // over writer_
  sql::SqlRepositories writer_repos_;   // over writer_

  mutable std::mutex mutex_;           // guards queue_, stopping_, stats_, every PendingWrite::done
  std::condition_variable queued_;     // a write was queued, or stopping_ was set
  std::condition_variable committed_;  // a group finished
  std::deque<PendingWrite*> queue_;
  bool stopping_ = false;
  StoreStats stats_;

  std::mutex readers_mutex_;  // guards readers_
  std::vector<std::unique_ptr<Connection>> readers_;

  std::thread writer_thread_;  // last: starts once everything above exists
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const SqliteOptions& options) {
  COVALUE_ASSIGN_OR_RETURN(auto writer, Connection::Open(path, Connection::Mode::kReadWrite));
  COVALUE_RETURN_IF_ERROR(Migrate(*writer, options.opened_ms));
  return std::unique_ptr<Store>(new SqliteStore(path, std::move(writer), options));
}

}  // namespace covalue::store::sqlite
