// PostgreSQL's layout of the two tables that grow without end: observations and the audit trail
// are partitioned by month (one partition per month that has rows, made before its first row),
// and site_id leads the key of observations so that a Citus deployment can shard by site.
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "store/audit_repository.h"
#include "store/conformance/conformance.h"
#include "store/postgres/connection.h"
#include "store/registry_repository.h"
#include "support/postgres_cluster.h"

namespace covalue::store::postgres {
namespace {

class PartitionsTest : public testing::Test {
 protected:
  void SetUp() override {
    for (const auto& driver : conformance::Drivers()) {
      if (driver.name == "PostgreSQL") {
        auto opened = driver.open(dir_.File(""));
        ASSERT_OK(opened);
        store_ = std::move(*opened);
      }
    }
    ASSERT_NE(store_, nullptr);
    std::ifstream in(dir_.File("database"));
    std::string name;
    std::getline(in, name);
    auto connection = Connection::Open(testing_support::PostgresDatabaseUrl(name));
    ASSERT_OK(connection);
    db_ = std::move(*connection);
  }

  // The first column of every row of sql.
  std::vector<std::string> Column(const std::string& sql) {
    std::vector<std::string> values;
    auto query = db_->Prepare(sql);
    EXPECT_TRUE(query.has_value()) << query.error().message;
    for (;;) {
      auto row = query->Step();
      EXPECT_TRUE(row.has_value()) << row.error().message;
      if (!row || !*row) {
        return values;
      }
      values.push_back(query->Text(0));
    }
  }

  std::vector<std::string> PartitionsOf(const std::string& table) {
    return Column(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "WHERE i.inhparent = '" + table + "'::regclass ORDER BY 1");
  }

  Status Observe(std::int64_t at) {
    return store_->Write([&](Repositories& r) -> Status {
      COVALUE_ASSIGN_OR_RETURN(auto where, conformance::AddSiteWithPatient(
                                               r, "S" + std::to_string(++patients_)));
      COVALUE_ASSIGN_OR_RETURN(
          Observation stored,
          r.Registry().AddObservation(Observation{0, where.site, where.population, where.patient,
                                                  kScoreSystem, "edss", "EDSS", at, 2, "score",
                                                  "", std::nullopt}));
      (void)stored;
      return Ok();
    });
  }

  testing_support::TempDir dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Connection> db_;
  int patients_ = 0;
};

TEST_F(PartitionsTest, PartitionsObservationsAndTheAuditTrailByMonth) {
  EXPECT_EQ(Column("SELECT c.relname || ':' || p.partstrat::text FROM pg_partitioned_table p "
                   "JOIN pg_class c ON c.oid = p.partrelid ORDER BY 1"),
            (std::vector<std::string>{"audit_log:r", "observations:r"}));
  EXPECT_TRUE(PartitionsOf("observations").empty()) << "no partition before a row needs one";

  ASSERT_OK(Observe(1'709'164'800'000));  // 2024-02-29
  ASSERT_OK(Observe(1'709'251'199'999));  // 2024-02-29T23:59:59.999Z: the same month
  ASSERT_OK(Observe(-1));                 // 1969-12-31T23:59:59.999Z
  ASSERT_OK(Observe(1'709'251'200'000));  // 2024-03-01
  EXPECT_EQ(PartitionsOf("observations"),
            (std::vector<std::string>{"observations_y1969m12", "observations_y2024m02",
                                      "observations_y2024m03"}));
  EXPECT_EQ(Column("SELECT COUNT(*) FROM observations_y2024m02"),
            (std::vector<std::string>{"2"}));

  AuditRecord record;
  record.action = "patient.read";
  record.time_ms = 1'767'225'600'000;  // 2026-01-01
  ASSERT_OK(WriteValue<AuditRecord>(*store_, [&](Repositories& r) {
    return r.Audit().Append(record, [](const AuditRecord& a) { return a.prev_hash + "+"; });
  }));
  EXPECT_EQ(PartitionsOf("audit_log"), (std::vector<std::string>{"audit_log_y2026m01"}));
}

// A long read of observations (the measures' rescan, an export) holds its lock to the end: a new
// month's partition is made beside it, without waiting for it.
TEST_F(PartitionsTest, MakesAMonthWhileALongReadIsUnderWay) {
  ASSERT_OK(Observe(1'709'164'800'000));
  ASSERT_OK(db_->Execute("BEGIN ISOLATION LEVEL REPEATABLE READ"));
  EXPECT_EQ(Column("SELECT COUNT(*) FROM observations"), (std::vector<std::string>{"1"}));
  ASSERT_OK(Observe(1'800'000'000'000));  // 2027-01-15: a month of its own
  EXPECT_EQ(Column("SELECT COUNT(*) FROM observations"), (std::vector<std::string>{"1"}))
      << "the reader's snapshot";
  ASSERT_OK(db_->Execute("COMMIT"));
  EXPECT_EQ(PartitionsOf("observations"),
            (std::vector<std::string>{"observations_y2024m02", "observations_y2027m01"}));
}

TEST_F(PartitionsTest, LeadsTheKeyOfObservationsWithTheSite) {
  EXPECT_EQ(Column("SELECT a.attname FROM pg_index i JOIN pg_attribute a "
                   "ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
                   "WHERE i.indrelid = 'observations'::regclass AND i.indisprimary "
                   "ORDER BY array_position(i.indkey::int2[], a.attnum)"),
            (std::vector<std::string>{"site_id", "id", "effective_ms"}));
}

TEST_F(PartitionsTest, RefusesATimeNoMonthCanHold) {
  const Status far = Observe(253'402'300'800'000);  // 10000-01-01
  ASSERT_FALSE(far);
  EXPECT_EQ(far.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(far.error().message.find("years 1 to 9999"), std::string::npos) << far.error().message;
  EXPECT_TRUE(PartitionsOf("observations").empty());
}

}  // namespace
}  // namespace covalue::store::postgres
