#include <cstdint>
#include <filesystem>
#include <fstream>
#include <tuple>

#include <gtest/gtest.h>

#include "domain/dates.h"
#include "store/population_repository.h"
#include "store/registry_repository.h"
#include "store/site_repository.h"
#include "store/sqlite/sqlite_store.h"
#include "support/status_matchers.h"
#include "support/temp_dir.h"

namespace covalue::store::sqlite {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;

// What a scan says of one observation: site, population, system, code, day, value.
using Seen = std::tuple<Id, Id, std::string, std::string, std::int64_t, double>;

class ObservationFileTest : public testing::Test {
 protected:
  void SetUp() override { Open(); }

  void Open() {
    store_.reset();
    auto opened = OpenSqliteStore(path_);
    ASSERT_OK(opened);
    store_ = std::move(*opened);
    ASSERT_OK(store_->Write([&](Repositories& r) -> Status {
      COVALUE_ASSIGN_OR_RETURN(auto sites, r.Sites().List({0, 10}));
      if (!sites.items.empty()) {
        return Ok();
      }
      for (const char* name : {"A", "B"}) {
        COVALUE_ASSIGN_OR_RETURN(Site site, r.Sites().Create({0, name, "SE"}, 0));
        COVALUE_ASSIGN_OR_RETURN(Population population,
                                 r.Populations().Create({0, site.id, "MS", ""}));
        Patient p;
        p.site_id = site.id;
        p.population_id = population.id;
        p.identifier = std::string("P-") + name;
        p.birth_date = "1980-01-01";
        p.created_ms = 1;
        COVALUE_ASSIGN_OR_RETURN(Patient created, r.Registry().CreatePatient(p));
        patients_.push_back(created);
      }
      return Ok();
    }));
  }

  // Adds count observations spread over sites, codes and days (some before 1970), and what a
  // scan must say of them, in id order.
  void Add(int count, std::int64_t seed) {
    ASSERT_OK(store_->Write([&](Repositories& r) -> Status {
      for (int i = 0; i < count; ++i) {
        const std::int64_t k = seed + i;
        const Patient& p = patients_[static_cast<std::size_t>(k % 2)];
        const std::string code = k % 3 == 0 ? "phq9" : "eq-vas";
        const std::int64_t ms = (k % 7 - 2) * 40 * kDayMs + k * 3'600'000 - 1;
        const double value = static_cast<double>(k % 11) + 0.25;
        COVALUE_ASSIGN_OR_RETURN(
            Observation added,
            r.Registry().AddObservation({0, p.site_id, p.population_id, p.id, kScoreSystem, code,
                                         code, ms, value, "", "", std::nullopt}));
        (void)added;
        expected_.emplace_back(p.site_id, p.population_id, kScoreSystem, code, DayOf(ms), value);
      }
      return Ok();
    }));
  }

  std::vector<Seen> Scan(bool in_write = false) {
    std::vector<Seen> seen;
    const auto work = [&](Repositories& r) {
      return r.Registry().ScanObservationRecords([&](std::span<const ObservationSeries> series,
                                                     std::span<const ObservationRecord> records) {
        for (const ObservationRecord& record : records) {
          const ObservationSeries& s = series[record.series];
          seen.emplace_back(s.site_id, s.population_id, s.system, s.code, record.day, record.value);
        }
      });
    };
    const Status scanned = in_write ? store_->Write(work) : store_->Read(work);
    EXPECT_TRUE(scanned.has_value()) << scanned.error().message;
    return seen;
  }

  Status CatchUp() {
    return store_->Read([](Repositories& r) { return r.Registry().CatchUpScan(); });
  }

  // The record count in the file's header.
  std::int64_t FileRecords() const {
    std::ifstream file(path_ + "-observations", std::ios::binary);
    file.seekg(8);
    std::int64_t records = -1;
    file.read(reinterpret_cast<char*>(&records), sizeof records);
    return records;
  }

  testing_support::TempDir dir_;
  std::string path_ = dir_.File("covalue.db");
  std::unique_ptr<Store> store_;
  std::vector<Patient> patients_;
  std::vector<Seen> expected_;
};

TEST_F(ObservationFileTest, ScansTheFileThenTheObservationsItLacks) {
  Add(200, 0);
  EXPECT_EQ(Scan(), expected_);  // no file yet: all from the database
  EXPECT_FALSE(std::filesystem::exists(path_ + "-observations"));
  ASSERT_OK(CatchUp());
  EXPECT_EQ(FileRecords(), 200);
  Add(150'000, 200);  // more than one chunk, after the file's last
  EXPECT_EQ(Scan(), expected_);
  EXPECT_EQ(Scan(/*in_write=*/true), expected_);
  ASSERT_OK(CatchUp());
  EXPECT_EQ(FileRecords(), 150'200);
  EXPECT_EQ(Scan(), expected_);
  ASSERT_OK(CatchUp());  // nothing new
  EXPECT_EQ(FileRecords(), 150'200);
}

TEST_F(ObservationFileTest, IsCaughtUpInReadsOnly) {
  Add(3, 0);
  EXPECT_ERROR(store_->Write([](Repositories& r) { return r.Registry().CatchUpScan(); }),
               ErrorCode::kInternal);
}

TEST_F(ObservationFileTest, AReplacedDatabaseIsNotReadWithTheOldFile) {
  Add(50, 0);
  ASSERT_OK(CatchUp());
  // Another database under the same name (restored from a backup, say): fewer, other rows.
  store_.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(path_ + suffix);
  }
  patients_.clear();
  expected_.clear();
  Open();
  Add(20, 1000);
  EXPECT_EQ(Scan(), expected_);
  ASSERT_OK(CatchUp());
  EXPECT_EQ(FileRecords(), 20);
  EXPECT_EQ(Scan(), expected_);
}

TEST_F(ObservationFileTest, ATruncatedFileIsNotUsedAndADamagedOneIsRemoved) {
  Add(30, 0);
  ASSERT_OK(CatchUp());
  const std::string file = path_ + "-observations";
  std::filesystem::resize_file(file, std::filesystem::file_size(file) - 16);
  EXPECT_EQ(Scan(), expected_);
  ASSERT_OK(CatchUp());  // rebuilt
  EXPECT_EQ(FileRecords(), 30);
  {
    // A record in the middle naming a series the table does not have.
    std::fstream damaged(file, std::ios::in | std::ios::out | std::ios::binary);
    damaged.seekp(64 + 16 * 10 + 12);
    const std::uint32_t series = 9999;
    damaged.write(reinterpret_cast<const char*>(&series), sizeof series);
  }
  const Status scanned = store_->Read([](Repositories& r) {
    return r.Registry().ScanObservationRecords(
        [](std::span<const ObservationSeries>, std::span<const ObservationRecord>) {});
  });
  EXPECT_ERROR(scanned, ErrorCode::kUnavailable);
  ASSERT_FALSE(scanned.has_value());
  EXPECT_NE(scanned.error().message.find("removed: try again"), std::string::npos);
  // Removed: the next scan reads the database, and a catch-up writes the file anew.
  EXPECT_FALSE(std::filesystem::exists(file));
  EXPECT_EQ(Scan(), expected_);
  ASSERT_OK(CatchUp());
  EXPECT_EQ(FileRecords(), 30);
  EXPECT_EQ(Scan(), expected_);
}

}  // namespace
}  // namespace covalue::store::sqlite
