#include "store/audit_repository.h"

#include <thread>

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

  AuditQuery site_seven;
  site_seven.site_ids = std::vector<Id>{7};
  auto of_site = ReadValue<Page<AuditRecord>>(
      *store_, [&](Repositories& r) { return r.Audit().List({}, site_seven); });
  ASSERT_OK(of_site);
  ASSERT_EQ(of_site->items.size(), 1U);
  EXPECT_EQ(of_site->items[0].action, "team.read");
}

// Two stores on one database (two servers) appending at once still make one chain: every
// record names the one before it, and the sequence has no gap and no repeat.
TEST_P(AuditRepositoryTest, AppendsFromTwoStoresOnOneDatabaseMakeOneChain) {
  auto second = GetParam().reopen(dir_.File(""));
  ASSERT_OK(second);
  const auto append = [](Store& store, int n) {
    for (int i = 0; i < n; ++i) {
      AuditRecord record;
      record.action = "patient.read";
      ASSERT_OK(WriteValue<AuditRecord>(
          store, [&](Repositories& r) { return r.Audit().Append(record, FakeChain); }));
    }
  };
  std::thread other([&] { append(**second, 40); });
  append(*store_, 40);
  other.join();
  std::vector<AuditRecord> all;
  ASSERT_OK(store_->Read([&](Repositories& r) {
    return r.Audit().Scan([&](const AuditRecord& rec) {
      all.push_back(rec);
      return true;
    });
  }));
  ASSERT_EQ(all.size(), 80U);
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].seq, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(all[i].prev_hash, i == 0 ? std::string(64, '0') : all[i - 1].hash) << i;
  }
}

// Twelve records: times 1000..12000, users 1 and 2 in turn, sites 1..3 in turn, actions
// patient.read / patient.list / user.read in turn; the bulk reads name persons 50 and 51.
class AuditQueryTest : public AuditRepositoryTest {
 protected:
  void SetUp() override {
    AuditRepositoryTest::SetUp();
    for (int i = 0; i < 12; ++i) {
      AuditRecord record;
      record.time_ms = 1000 * (i + 1);
      record.user_id = 1 + i % 2;
      record.site_id = 1 + i % 3;
      record.action = std::vector<std::string>{"patient.read", "patient.list", "user.read"}[i % 3];
      if (i % 3 == 0) {
        record.person_id = 40 + i;
      } else if (i % 3 == 1) {
        record.person_ids = {50, 51};
      }
      ASSERT_OK(WriteValue<AuditRecord>(
          *store_, [&](Repositories& r) { return r.Audit().Append(record, FakeChain); }));
    }
  }

  std::vector<std::int64_t> Seqs(const AuditQuery& query, PageRequest page = {}) {
    auto found = ReadValue<Page<AuditRecord>>(
        *store_, [&](Repositories& r) { return r.Audit().List(page, query); });
    EXPECT_TRUE(found.has_value());
    std::vector<std::int64_t> seqs;
    for (const AuditRecord& record : found ? found->items : std::vector<AuditRecord>{}) {
      seqs.push_back(record.seq);
    }
    return seqs;
  }
};

TEST_P(AuditQueryTest, ListsNewestFirstOrOldestFirstAndPagesEitherWay) {
  AuditQuery newest;
  EXPECT_EQ(Seqs(newest, {0, 3}), (std::vector<std::int64_t>{12, 11, 10}));
  EXPECT_EQ(Seqs(newest, {10, 3}), (std::vector<std::int64_t>{9, 8, 7}));
  AuditQuery oldest;
  oldest.newest_first = false;
  EXPECT_EQ(Seqs(oldest, {0, 3}), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(Seqs(oldest, {10, 3}), (std::vector<std::int64_t>{11, 12}));
}

TEST_P(AuditQueryTest, NarrowsBySitesUserPersonActionAndTime) {
  AuditQuery sites;
  sites.site_ids = std::vector<Id>{1, 3};  // i % 3 == 0 or 2: seq 1, 3, 4, 6, 7, 9, 10, 12
  EXPECT_EQ(Seqs(sites), (std::vector<std::int64_t>{12, 10, 9, 7, 6, 4, 3, 1}));
  AuditQuery none;
  none.site_ids = std::vector<Id>{};
  EXPECT_TRUE(Seqs(none).empty());

  AuditQuery user;
  user.user_id = 2;  // odd i: even seq
  EXPECT_EQ(Seqs(user), (std::vector<std::int64_t>{12, 10, 8, 6, 4, 2}));

  AuditQuery person;
  person.person_id = 46;  // i = 6 only
  EXPECT_EQ(Seqs(person), (std::vector<std::int64_t>{7}));
  person.person_id = 51;  // in the bulk reads' lists: i % 3 == 1
  EXPECT_EQ(Seqs(person), (std::vector<std::int64_t>{11, 8, 5, 2}));
  person.person_id = 5;  // a prefix of 50 and 51 matches nothing
  EXPECT_TRUE(Seqs(person).empty());

  AuditQuery family;
  family.action = "patient.";
  EXPECT_EQ(Seqs(family).size(), 8U);
  AuditQuery exact;
  exact.action = "patient.list";
  EXPECT_EQ(Seqs(exact), (std::vector<std::int64_t>{11, 8, 5, 2}));
  exact.action = "patient";  // neither a family (no dot) nor an action
  EXPECT_TRUE(Seqs(exact).empty());

  AuditQuery when;
  when.from_ms = 3000;
  when.to_ms = 6000;  // exclusive
  when.user_id = 1;
  EXPECT_EQ(Seqs(when), (std::vector<std::int64_t>{5, 3}));
}

COVALUE_ON_EVERY_DRIVER(AuditQueryTest);

COVALUE_ON_EVERY_DRIVER(AuditRepositoryTest);

}  // namespace
}  // namespace covalue::store::conformance
