#include "store/audit_repository.h"

#include <gtest/gtest.h>

#include "store/conformance/conformance.h"

namespace covalue::store::conformance {
namespace {

// A stand-in chain that makes each hash depend on the previous hash and the action.
std::string FakeChain(const AuditRecord& r) { return r.prev_hash.substr(0, 8) + ":" + r.action; }

class AuditRepositoryTest : public ConformanceTest {};

TEST_P(AuditRepositoryTest, AppendsInSequenceLinkingEachRecordToThePrevious) {
  for (const char* action : {"site.create", "team.read", "user.read"}) {
    AuditRecord record;
    record.action = action;
    record.site_id = std::string(action) == "team.read" ? std::optional<Id>(7) : std::nullopt;
    ASSERT_OK(WriteValue<AuditRecord>(
        *store_, [&](Repositories& r) { return r.Audit().Append(record, FakeChain); }));
  }
  std::vector<AuditRecord> all;
  ASSERT_OK(store_->Read([&](Repositories& r) {
    return r.Audit().Scan([&](const AuditRecord& rec) {
      all.push_back(rec);
      return true;
    });
  }));
  ASSERT_EQ(all.size(), 3U);
  EXPECT_EQ(all[0].seq, 1);
  EXPECT_EQ(all[0].prev_hash, std::string(64, '0'));
  EXPECT_EQ(all[1].prev_hash, all[0].hash);
  EXPECT_EQ(all[2].hash, all[1].hash.substr(0, 8) + ":user.read");

  auto of_site = ReadValue<Page<AuditRecord>>(
      *store_, [](Repositories& r) { return r.Audit().List({}, std::vector<Id>{7}); });
  ASSERT_OK(of_site);
  ASSERT_EQ(of_site->items.size(), 1U);
  EXPECT_EQ(of_site->items[0].action, "team.read");
}

COVALUE_ON_EVERY_DRIVER(AuditRepositoryTest);

}  // namespace
}  // namespace covalue::store::conformance
