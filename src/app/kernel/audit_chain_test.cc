#include "app/kernel/audit_chain.h"

#include <sqlite3.h>

#include "support/app_fixture.h"

namespace covalue::app {
namespace {

class AuditChainTest : public AppTest {
 protected:
  // Changes the file behind the store's back, as someone holding the file could.
  void Tamper(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(dir_.File("covalue.db").c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(
        db, ("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; " + sql).c_str(),
        nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
  }
};

TEST_F(AuditChainTest, AnIntactTrailVerifies) {
  auto result = VerifyAuditTrail(*store_);
  ASSERT_OK(result);
  EXPECT_FALSE(result->broken.has_value());
  EXPECT_EQ(result->records, static_cast<std::int64_t>(AuditTrail().size()));
  EXPECT_GE(AuditTrail().size(), 6U);  // the fixture's sites, populations and teams
}

TEST_F(AuditChainTest, AChangedRecordIsNamed) {
  Tamper("UPDATE audit_log SET action = 'site.read' WHERE seq = 3");
  auto result = VerifyAuditTrail(*store_);
  ASSERT_OK(result);
  ASSERT_TRUE(result->broken.has_value());
  EXPECT_EQ(result->broken->seq, 3);
}

TEST_F(AuditChainTest, ARemovedRecordIsNamed) {
  Tamper("DELETE FROM audit_log WHERE seq = 2");
  auto result = VerifyAuditTrail(*store_);
  ASSERT_OK(result);
  ASSERT_TRUE(result->broken.has_value());
  EXPECT_EQ(result->broken->seq, 3);
  EXPECT_EQ(result->broken->reason, "record 2 is missing");
}

TEST_F(AuditChainTest, ARecomputedHashStillBreaksTheNextLink) {
  // Rewriting a record and its own hash leaves the next record's prev_hash pointing at the old one.
  auto trail = AuditTrail();
  AuditRecord changed = trail[1];
  changed.action = "site.read";
  const std::string new_hash = AuditChainHash(changed);
  Tamper("UPDATE audit_log SET action = 'site.read', hash = '" + new_hash + "' WHERE seq = 2");
  auto result = VerifyAuditTrail(*store_);
  ASSERT_OK(result);
  ASSERT_TRUE(result->broken.has_value());
  EXPECT_EQ(result->broken->seq, 3);
}

}  // namespace
}  // namespace covalue::app
