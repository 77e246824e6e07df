#include "app/audit/audit.h"

#include <algorithm>

#include "support/app_fixture.h"

namespace covalue::app {
namespace {

class AuditTrailTest : public AppTest {
 protected:
  // Every record of the page, read as ctx.
  std::vector<AuditRecord> Read(const RequestContext& ctx) {
    auto page = app_->audit().List(ctx, PageRequest{0, 500});
    EXPECT_TRUE(page.has_value()) << page.error().message;
    return page ? page->items : std::vector<AuditRecord>{};
  }
};

TEST_F(AuditTrailTest, TheCommunityAdminReadsEveryRecordASiteAdminOnlyTheirSites) {
  const RequestContext admin_a = As("admin-a", {Role::kAdmin, sites_[0].id, std::nullopt});
  const RequestContext admin_b = As("admin-b", {Role::kAdmin, sites_[1].id, std::nullopt});
  const auto everything = Read(system_);
  const auto of_a = Read(admin_a);
  ASSERT_FALSE(of_a.empty());
  EXPECT_LT(of_a.size(), everything.size());
  for (const AuditRecord& r : of_a) {
    EXPECT_EQ(r.site_id, std::optional<Id>(sites_[0].id)) << r.action;
  }
  for (const AuditRecord& r : Read(admin_b)) {
    EXPECT_EQ(r.site_id, std::optional<Id>(sites_[1].id)) << r.action;
  }
}

TEST_F(AuditTrailTest, OthersAreRefusedAndBothTheRefusalAndEachReadAreRecorded) {
  const RequestContext professional =
      As("prof-a", {Role::kProfessional, sites_[0].id, std::nullopt});
  const RequestContext facilitator =
      As("facilitator", {Role::kFacilitator, std::nullopt, std::nullopt});
  EXPECT_ERROR(app_->audit().List(professional, {}), ErrorCode::kPermissionDenied);
  EXPECT_ERROR(app_->audit().List(facilitator, {}), ErrorCode::kPermissionDenied);
  EXPECT_ERROR(app_->audit().List(RequestContext{}, {}), ErrorCode::kUnauthenticated);

  const auto trail = Read(system_);
  const auto denied = std::count_if(trail.begin(), trail.end(), [](const AuditRecord& r) {
    return r.action == ActionName(Action::kAuditRead) && r.outcome == AuditOutcome::kDenied;
  });
  EXPECT_EQ(denied, 2);
  // The read just made is the newest record (reads are recorded before the page is taken, so
  // the page shows it first).
  const auto again = Read(system_);
  ASSERT_FALSE(again.empty());
  EXPECT_EQ(again.front().action, ActionName(Action::kAuditRead));
  EXPECT_EQ(again.front().outcome, AuditOutcome::kAllowed);
  EXPECT_GT(again.front().seq, again.back().seq);
}

TEST_F(AuditTrailTest, ASiteAdminsFilterNeverWidensToAnotherSite) {
  const RequestContext admin_a = As("admin-a", {Role::kAdmin, sites_[0].id, std::nullopt});
  store::AuditQuery other;
  other.site_ids = std::vector<Id>{sites_[1].id};
  auto page = app_->audit().List(admin_a, PageRequest{0, 500}, other);
  ASSERT_OK(page);
  ASSERT_FALSE(page->items.empty());
  for (const AuditRecord& r : page->items) {
    EXPECT_EQ(r.site_id, std::optional<Id>(sites_[0].id)) << r.action;
  }
}

TEST_F(AuditTrailTest, ExportsEveryMatchingRecordWithUsernamesOrRefusesMoreThanItsLimit) {
  const RequestContext admin_a = As("admin-a", {Role::kAdmin, sites_[0].id, std::nullopt});
  ASSERT_FALSE(Read(admin_a).empty());
  const auto everything = Read(system_);
  auto entries = app_->audit().Export(system_, {}, everything.size() + 10);
  ASSERT_OK(entries);
  // Every record read before (Read's own read among them) and Export's own read.
  EXPECT_EQ(entries->size(), everything.size() + 1);
  EXPECT_GT(entries->front().record.seq, entries->back().record.seq);
  const Id admin_id = admin_a.principal->user_id;
  const auto by_admin = std::find_if(entries->begin(), entries->end(), [&](const auto& e) {
    return e.record.action == ActionName(Action::kAuditRead) && e.record.user_id == admin_id;
  });
  ASSERT_NE(by_admin, entries->end());
  EXPECT_EQ(by_admin->username, "admin-a");

  auto refused = app_->audit().Export(admin_a, {}, 1);
  EXPECT_ERROR(refused, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace covalue::app
