#include "store/sqlite/sqlite_store.h"

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store/population_repository.h"
#include "store/site_repository.h"
#include "store/sql/migrations.h"
#include "support/store_fixture.h"

namespace covalue::store::sqlite {
namespace {

class SqliteStoreTest : public testing_support::StoreTest {
 protected:
  // Reads one integer with the plain SQLite API, apart from the store.
  std::int64_t QueryInt(const char* sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(dir_.File("covalue.db").c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    const std::int64_t value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
  }
};

TEST_F(SqliteStoreTest, AppliesEveryMigrationOnceAcrossReopens) {
  EXPECT_EQ(QueryInt("SELECT MAX(version) FROM schema_migrations"), sql::LatestSchemaVersion());
  store_.reset();
  ASSERT_OK(OpenSqliteStore(dir_.File("covalue.db")));
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM schema_migrations"), sql::LatestSchemaVersion());
}

TEST_F(SqliteStoreTest, UsesWalWithForeignKeys) {
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), 1);
  auto bad = store_->Write([](Repositories& repos) -> Status {
    auto created = repos.Populations().Create(Population{0, 999, "Nobody", ""});
    if (!created) {
      return Fail(created.error());
    }
    return Ok();
  });
  EXPECT_ERROR(bad, ErrorCode::kInvalidArgument);
}

TEST_F(SqliteStoreTest, AFailedWriteIsRolledBackAloneInItsGroup) {
  ASSERT_OK(store_->Write([](Repositories& repos) -> Status {
    COVALUE_RETURN_IF_ERROR(repos.Sites().Create(Site{0, "Kept", "SE"}, 0));
    return Ok();
  }));
  auto failed = store_->Write([](Repositories& repos) -> Status {
    COVALUE_RETURN_IF_ERROR(repos.Sites().Create(Site{0, "Discarded", "SE"}, 0));
    return Fail(ErrorCode::kInvalidArgument, "changed my mind");
  });
  EXPECT_ERROR(failed, ErrorCode::kInvalidArgument);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM sites"), 1);
}

TEST_F(SqliteStoreTest, ConcurrentWritersAllCommit) {
  constexpr int kThreads = 8;
  constexpr int kWritesEach = 50;
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWritesEach; ++i) {
        auto s = store_->Write([&](Repositories& repos) -> Status {
          COVALUE_RETURN_IF_ERROR(
              repos.Sites().Create(Site{0, "Site " + std::to_string(t * 1000 + i), "NO"}, 0));
          return Ok();
        });
        failures += s ? 0 : 1;
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM sites"), kThreads * kWritesEach);
}

TEST_F(SqliteStoreTest, WritesQueuedBehindACommitShareTheNextOne) {
  // The first write holds the writer while ten more queue up; they then commit together.
  std::atomic<bool> first_running = false;
  std::thread first([&] {
    ASSERT_OK(store_->Write([&](Repositories& repos) -> Status {
      first_running = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      COVALUE_RETURN_IF_ERROR(repos.Sites().Create(Site{0, "First", "SE"}, 0));
      return Ok();
    }));
  });
  while (!first_running) {
    std::this_thread::yield();
  }
  std::vector<std::thread> queued;
  queued.reserve(10);
  for (int i = 0; i < 10; ++i) {
    queued.emplace_back([&, i] {
      ASSERT_OK(store_->Write([&](Repositories& repos) -> Status {
        COVALUE_RETURN_IF_ERROR(
            repos.Sites().Create(Site{0, "Queued " + std::to_string(i), "SE"}, 0));
        return Ok();
      }));
    });
  }
  first.join();
  for (auto& thread : queued) {
    thread.join();
  }
  const StoreStats stats = store_->Stats();
  EXPECT_EQ(stats.writes, 11);
  EXPECT_EQ(stats.commits, 2);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM sites"), 11);
}

TEST_F(SqliteStoreTest, ReadsCannotWrite) {
  auto attempt = store_->Read([](Repositories& repos) -> Status {
    COVALUE_RETURN_IF_ERROR(repos.Sites().Create(Site{0, "Sneaky", "SE"}, 0));
    return Ok();
  });
  EXPECT_FALSE(attempt.has_value());
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM sites"), 0);
}

TEST_F(SqliteStoreTest, AnExceptionInAWriteReachesTheCallerAndKeepsTheStoreUsable) {
  EXPECT_THROW(
      (void)store_->Write([](Repositories&) -> Status { throw std::runtime_error("bug"); }),
      std::runtime_error);
  ASSERT_OK(store_->Write([](Repositories& repos) -> Status {
    COVALUE_RETURN_IF_ERROR(repos.Sites().Create(Site{0, "After", "SE"}, 0));
    return Ok();
  }));
}

TEST(SqliteStoreOpen, RefusesAPathThatCannotBeADatabase) {
  EXPECT_ERROR(OpenSqliteStore("/nonexistent-dir/covalue.db"), ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace covalue::store::sqlite
