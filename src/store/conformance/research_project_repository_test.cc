#include "store/research_project_repository.h"

#include <gtest/gtest.h>

#include "store/conformance/conformance.h"
#include "store/site_repository.h"
#include "store/user_repository.h"

namespace covalue::store::conformance {
namespace {

class ResearchProjectRepositoryTest : public ConformanceTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ConformanceTest::SetUp());
    ASSERT_OK(store_->Write([&](Repositories& r) -> Status {
      COVALUE_ASSIGN_OR_RETURN(User rita, r.Users().Create({0, "rita", "Rita", {}}, "h", {}));
      COVALUE_ASSIGN_OR_RETURN(User ada, r.Users().Create({0, "ada", "Ada", {}}, "h", {}));
      COVALUE_ASSIGN_OR_RETURN(Site a, r.Sites().Create({0, "Alpha", "SE"}, 0));
      COVALUE_ASSIGN_OR_RETURN(Site b, r.Sites().Create({0, "Beta", "SE"}, 0));
      researcher_ = rita.id;
      admin_ = ada.id;
      alpha_ = a.id;
      beta_ = b.id;
      return Ok();
    }));
  }

  Id researcher_ = 0, admin_ = 0, alpha_ = 0, beta_ = 0;
};

// A project keeps its fields and key; approvals are given, revoked (kept, marked) and given
// again; listings are newest first, per owner or all.
TEST_P(ResearchProjectRepositoryTest, KeepsProjectsTheirKeysAndEachSitesApproval) {
  auto first = WriteValue<ResearchProject>(*store_, [&](Repositories& r) {
    return r.ResearchProjects().Create({0, "MS outcomes", "Relapses", researcher_, 30, 5}, "k1");
  });
  auto second = WriteValue<ResearchProject>(*store_, [&](Repositories& r) {
    return r.ResearchProjects().Create({0, "Other", "", admin_, 182, 6}, "k2");
  });
  ASSERT_OK(first);
  ASSERT_OK(second);
  auto read = ReadValue<ResearchProject>(
      *store_, [&](Repositories& r) { return r.ResearchProjects().Get(first->id); });
  ASSERT_OK(read);
  EXPECT_EQ(read->title, "MS outcomes");
  EXPECT_EQ(read->purpose, "Relapses");
  EXPECT_EQ(read->owner_id, researcher_);
  EXPECT_EQ(read->shift_days, 30);
  EXPECT_EQ(read->created_ms, 5);
  EXPECT_EQ(ReadValue<std::string>(*store_, [&](Repositories& r) {
              return r.ResearchProjects().Key(first->id);
            }).value(),
            "k1");
  EXPECT_EQ(ReadValue<ResearchProject>(*store_, [](Repositories& r) {
              return r.ResearchProjects().Get(999);
            }).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(ReadValue<std::string>(*store_, [](Repositories& r) {
              return r.ResearchProjects().Key(999);
            }).error().code,
            ErrorCode::kNotFound);
  auto all = ReadValue<std::vector<ResearchProject>>(
      *store_, [](Repositories& r) { return r.ResearchProjects().List(std::nullopt); });
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 2U);
  EXPECT_EQ((*all)[0].title, "Other");
  auto owned = ReadValue<std::vector<ResearchProject>>(
      *store_, [&](Repositories& r) { return r.ResearchProjects().List(researcher_); });
  ASSERT_OK(owned);
  ASSERT_EQ(owned->size(), 1U);

  ASSERT_OK(store_->Write([&](Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.ResearchProjects().Approve({first->id, beta_, "", admin_, 10, {}}));
    return r.ResearchProjects().Approve({first->id, alpha_, "", admin_, 11, {}});
  }));
  ASSERT_OK(store_->Write(
      [&](Repositories& r) { return r.ResearchProjects().RevokeApproval(first->id, beta_, 12); }));
  EXPECT_ERROR(store_->Write([&](Repositories& r) {
                 return r.ResearchProjects().RevokeApproval(first->id, beta_, 13);
               }),
               ErrorCode::kNotFound);
  auto approvals = ReadValue<std::vector<SiteApproval>>(
      *store_, [&](Repositories& r) { return r.ResearchProjects().Approvals(first->id); });
  ASSERT_OK(approvals);
  ASSERT_EQ(approvals->size(), 2U);
  EXPECT_EQ((*approvals)[0].site_name, "Alpha");
  EXPECT_FALSE((*approvals)[0].revoked_ms.has_value());
  EXPECT_EQ((*approvals)[1].revoked_ms, 12);
  ASSERT_OK(store_->Write([&](Repositories& r) {
    return r.ResearchProjects().Approve({first->id, beta_, "", admin_, 14, {}});
  }));
  approvals = ReadValue<std::vector<SiteApproval>>(
      *store_, [&](Repositories& r) { return r.ResearchProjects().Approvals(first->id); });
  ASSERT_OK(approvals);
  EXPECT_FALSE((*approvals)[1].revoked_ms.has_value());
  EXPECT_EQ((*approvals)[1].approved_ms, 14);
}

COVALUE_ON_EVERY_DRIVER(ResearchProjectRepositoryTest);

}  // namespace
}  // namespace covalue::store::conformance
