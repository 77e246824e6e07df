#include "app/kernel/gate.h"

#include "support/app_fixture.h"

namespace covalue::app {
namespace {

Target AtSite(Id site_id) {
  Target target;
  target.site_id = site_id;
  return target;
}

class GateTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    gate_ = std::make_unique<Gate>(*store_);
    gate_->SetClock(clock_);
    professional_ = RequestContext{
        Principal{77, "prof.a", {Membership{Role::kProfessional, sites_[0].id, std::nullopt}}},
        "req-gate", "192.0.2.7"};
  }

  // The records appended after the fixture's own.
  std::vector<AuditRecord> NewRecords() {
    std::vector<AuditRecord> all = AuditTrail();
    return {all.begin() + static_cast<std::ptrdiff_t>(before_), all.end()};
  }

  ManualClock clock_{1'764'000'000'000};
  std::unique_ptr<Gate> gate_;
  RequestContext professional_;
  std::size_t before_ = 0;
};

TEST_F(GateTest, NobodyPassesWithoutSigningIn) {
  const auto refused = gate_->Require(RequestContext{std::nullopt, "req-anon", "192.0.2.8"});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnauthenticated);
  ASSERT_OK(gate_->Require(professional_));
  EXPECT_EQ(gate_->Require(professional_)->username, "prof.a");
}

TEST_F(GateTest, ARefusalIsAuditedWithWhoWhenAndFromWhere) {
  before_ = AuditTrail().size();
  const auto refused = gate_->Permit(professional_, *professional_.principal, Action::kSiteCreate,
                                     {}, {"site", "", {}});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(refused.error().message.find("prof.a"), std::string::npos);
  const auto records = NewRecords();
  ASSERT_EQ(records.size(), 1U);
  EXPECT_EQ(records[0].outcome, AuditOutcome::kDenied);
  EXPECT_EQ(records[0].action, ActionName(Action::kSiteCreate));
  EXPECT_EQ(records[0].user_id, std::optional<Id>(77));
  EXPECT_EQ(records[0].time_ms, 1'764'000'000'000);  // the gate's clock, not the wall's
  EXPECT_EQ(records[0].client_address, "192.0.2.7");
  EXPECT_EQ(records[0].request_id, "req-gate");
}

TEST_F(GateTest, AnAllowedDecisionWritesNothingUntilTheUseCaseRecordsIt) {
  before_ = AuditTrail().size();
  const auto allowed =
      gate_->Permit(professional_, *professional_.principal, Action::kSiteRead,
                    AtSite(sites_[0].id), {"site", std::to_string(sites_[0].id), {}});
  ASSERT_OK(allowed);
  EXPECT_TRUE(allowed->allowed);
  EXPECT_TRUE(NewRecords().empty());

  clock_.Advance(5'000);
  ASSERT_OK(gate_->RecordRead(professional_, *allowed, Action::kPatientList, AtSite(sites_[0].id),
                              {"patient", "", std::nullopt, {11, 12}}));
  const auto records = NewRecords();
  ASSERT_EQ(records.size(), 1U);
  EXPECT_EQ(records[0].outcome, AuditOutcome::kAllowed);
  EXPECT_EQ(records[0].site_id, std::optional<Id>(sites_[0].id));
  EXPECT_EQ(records[0].person_ids, (std::vector<Id>{11, 12}));
  EXPECT_EQ(records[0].time_ms, 1'764'000'005'000);
  EXPECT_EQ(records[0].role, allowed->role);
}

TEST_F(GateTest, ARecordAppendedInAFailedWriteIsGoneWithIt) {
  before_ = AuditTrail().size();
  const Status failed = store_->Write([&](store::Repositories& repos) -> Status {
    COVALUE_RETURN_IF_ERROR(gate_->AppendAudit(repos, professional_, {true, "professional"},
                                               Action::kSiteRead, AtSite(sites_[0].id),
                                               {"site", "", {}}, AuditOutcome::kAllowed));
    return Fail(ErrorCode::kConflict, "the change itself failed");
  });
  ASSERT_FALSE(failed.has_value());
  EXPECT_TRUE(NewRecords().empty());
}

}  // namespace
}  // namespace covalue::app
