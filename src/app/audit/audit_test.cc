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
  // The read just made is the last record (reads are recorded before the page is taken, so the
  // next read shows it).
  const auto again = Read(system_);
  ASSERT_FALSE(again.empty());
  EXPECT_EQ(again.back().action, ActionName(Action::kAuditRead));
  EXPECT_EQ(again.back().outcome, AuditOutcome::kAllowed);
}

}  // namespace
}  // namespace covalue::app
