#include "store/workbook_repository.h"

#include <gtest/gtest.h>

#include "store/conformance/conformance.h"
#include "store/population_repository.h"
#include "store/site_repository.h"
#include "store/team_repository.h"
#include "store/user_repository.h"

namespace covalue::store::conformance {
namespace {

class WorkbookRepositoryTest : public ConformanceTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ConformanceTest::SetUp());
    auto made = WriteValue<Workbook>(*store_, [&](Repositories& r) -> Result<Workbook> {
      COVALUE_ASSIGN_OR_RETURN(Site site, r.Sites().Create({0, "Site", "SE"}, 0));
      COVALUE_ASSIGN_OR_RETURN(Population p, r.Populations().Create({0, site.id, "MS", ""}));
      COVALUE_ASSIGN_OR_RETURN(Team team, r.Teams().Create({0, site.id, p.id, "Team"}));
      COVALUE_ASSIGN_OR_RETURN(User user, r.Users().Create({0, "anna", "Anna", {}}, "h", {}));
      user_id_ = user.id;
      return r.Workbooks().Create(Workbook{0, site.id, team.id, "coproduction-guide-short", "1.0.0",
                                           user.id, 1, "", false, "", std::nullopt});
    });
    ASSERT_OK(made);
    workbook_ = *made;
  }

  AnswerRevision Save(const std::string& link_id, const std::string& text) {
    auto saved = WriteValue<AnswerRevision>(*store_, [&](Repositories& r) {
      return r.Workbooks().AddRevision(
          AnswerRevision{workbook_.id, link_id, 0, text, user_id_, "", 5, std::nullopt});
    });
    EXPECT_TRUE(saved.has_value()) << saved.error().message;
    return *saved;
  }

  Workbook workbook_;
  Id user_id_ = 0;
};

TEST_P(WorkbookRepositoryTest, NumbersRevisionsPerAnswerAndKeepsThemAll) {
  EXPECT_EQ(Save("short.population", "first").number, 1);
  EXPECT_EQ(Save("short.population", "second").number, 2);
  EXPECT_EQ(Save("short.chain", "chain").number, 1);
  auto latest = ReadValue<std::vector<AnswerRevision>>(
      *store_, [&](Repositories& r) { return r.Workbooks().LatestRevisions(workbook_.id); });
  ASSERT_OK(latest);
  ASSERT_EQ(latest->size(), 2U);
  EXPECT_EQ((*latest)[1].text, "second");
  EXPECT_EQ((*latest)[1].author, "anna");
  auto history = ReadValue<Page<AnswerRevision>>(*store_, [&](Repositories& r) {
    return r.Workbooks().Revisions(workbook_.id, "short.population", PageRequest{0, 1});
  });
  ASSERT_OK(history);
  ASSERT_EQ(history->items.size(), 1U);
  EXPECT_EQ(history->items[0].text, "first");
  EXPECT_EQ(history->next, std::optional<Id>(1));
  auto counts = ReadValue<std::map<std::string, std::int64_t>>(
      *store_, [&](Repositories& r) { return r.Workbooks().RevisionCounts(workbook_.id); });
  ASSERT_OK(counts);
  EXPECT_EQ(counts->at("short.population"), 2);
}

TEST_P(WorkbookRepositoryTest, StepStatusesUpsertAndCommentsList) {
  ASSERT_OK(store_->Write([&](Repositories& r) {
    return r.Workbooks().SetStepStatus(workbook_.id, "step-2", StepStatus::kInProgress, user_id_,
                                       1);
  }));
  ASSERT_OK(store_->Write([&](Repositories& r) {
    return r.Workbooks().SetStepStatus(workbook_.id, "step-2", StepStatus::kDone, user_id_, 2);
  }));
  auto statuses = ReadValue<std::vector<StepState>>(
      *store_, [&](Repositories& r) { return r.Workbooks().StepStatuses(workbook_.id); });
  ASSERT_OK(statuses);
  ASSERT_EQ(statuses->size(), 1U);
  EXPECT_EQ((*statuses)[0].status, StepStatus::kDone);
  ASSERT_OK(WriteValue<AnswerComment>(*store_, [&](Repositories& r) {
    return r.Workbooks().AddComment(workbook_.id, workbook_.site_id,
                                    AnswerComment{0, "short.chain", user_id_, "", 3, "Good point"});
  }));
  auto comments = ReadValue<std::vector<AnswerComment>>(*store_, [&](Repositories& r) {
    return r.Workbooks().Comments(workbook_.id, "short.chain");
  });
  ASSERT_OK(comments);
  ASSERT_EQ(comments->size(), 1U);
  EXPECT_EQ((*comments)[0].author, "anna");
}

TEST_P(WorkbookRepositoryTest, ARevisionOfAMissingWorkbookIsNotFound) {
  EXPECT_ERROR(WriteValue<AnswerRevision>(*store_,
                                          [&](Repositories& r) {
                                            return r.Workbooks().AddRevision(AnswerRevision{
                                                999, "x", 0, "t", user_id_, "", 1, std::nullopt});
                                          }),
               ErrorCode::kNotFound);
}

TEST_P(WorkbookRepositoryTest, ReadsOneRevisionAndTheLatestOfAnAnswer) {
  Save("short.population", "first");
  Save("short.population", "second");
  auto latest = ReadValue<std::optional<AnswerRevision>>(*store_, [&](Repositories& r) {
    return r.Workbooks().LatestRevision(workbook_.id, "short.population");
  });
  ASSERT_OK(latest);
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->number, 2);
  EXPECT_EQ((*latest)->text, "second");
  auto none = ReadValue<std::optional<AnswerRevision>>(*store_, [&](Repositories& r) {
    return r.Workbooks().LatestRevision(workbook_.id, "short.chain");
  });
  ASSERT_OK(none);
  EXPECT_FALSE(none->has_value());
  auto first = ReadValue<AnswerRevision>(*store_, [&](Repositories& r) {
    return r.Workbooks().Revision(workbook_.id, "short.population", 1);
  });
  ASSERT_OK(first);
  EXPECT_EQ(first->text, "first");
  EXPECT_ERROR(ReadValue<AnswerRevision>(*store_,
                                         [&](Repositories& r) {
                                           return r.Workbooks().Revision(workbook_.id,
                                                                         "short.population", 3);
                                         }),
               ErrorCode::kNotFound);
}

TEST_P(WorkbookRepositoryTest, ListsATeamsWorkbooksAndKeepsPositionAndSharing) {
  auto second = WriteValue<Workbook>(*store_, [&](Repositories& r) {
    return r.Workbooks().Create(Workbook{0, workbook_.site_id, workbook_.team_id,
                                         "coproduction-guide-short", "1.0.0", user_id_, 2, "",
                                         false, "", std::nullopt});
  });
  ASSERT_OK(second);
  auto listed = ReadValue<Page<Workbook>>(*store_, [&](Repositories& r) {
    return r.Workbooks().ListOfTeam(workbook_.team_id, PageRequest{0, 1});
  });
  ASSERT_OK(listed);
  ASSERT_EQ(listed->items.size(), 1U);
  EXPECT_EQ(listed->items[0].id, workbook_.id);
  EXPECT_EQ(listed->next, std::optional<Id>(workbook_.id));
  auto latest = ReadValue<std::optional<Workbook>>(*store_, [&](Repositories& r) {
    return r.Workbooks().LatestOfTeam(workbook_.team_id, "coproduction-guide-short");
  });
  ASSERT_OK(latest);
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->id, second->id);
  auto other_guide = ReadValue<std::optional<Workbook>>(*store_, [&](Repositories& r) {
    return r.Workbooks().LatestOfTeam(workbook_.team_id, "another-guide");
  });
  ASSERT_OK(other_guide);
  EXPECT_FALSE(other_guide->has_value());

  ASSERT_OK(store_->Write([&](Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.Workbooks().SetPosition(workbook_.id, "step-3"));
    return r.Workbooks().SetShared(workbook_.id, true);
  }));
  auto read = ReadValue<Workbook>(*store_,
                                  [&](Repositories& r) { return r.Workbooks().Get(workbook_.id); });
  ASSERT_OK(read);
  EXPECT_EQ(read->position, "step-3");
  EXPECT_TRUE(read->shared);
  EXPECT_EQ(read->name, "");
  EXPECT_EQ(read->archived_ms, std::nullopt);

  ASSERT_OK(store_->Write(
      [&](Repositories& r) { return r.Workbooks().SetLabel(workbook_.id, "Spring cycle", 1234); }));
  auto labelled = ReadValue<Page<Workbook>>(
      *store_, [&](Repositories& r) { return r.Workbooks().ListOfTeam(workbook_.team_id, {}); });
  ASSERT_OK(labelled);
  ASSERT_FALSE(labelled->items.empty());
  EXPECT_EQ(labelled->items[0].name, "Spring cycle");
  EXPECT_EQ(labelled->items[0].archived_ms, std::optional<std::int64_t>(1234));
  ASSERT_OK(store_->Write(
      [&](Repositories& r) { return r.Workbooks().SetLabel(workbook_.id, "", std::nullopt); }));
  auto cleared = ReadValue<Workbook>(
      *store_, [&](Repositories& r) { return r.Workbooks().Get(workbook_.id); });
  ASSERT_OK(cleared);
  EXPECT_EQ(cleared->name, "");
  EXPECT_EQ(cleared->archived_ms, std::nullopt);
}

COVALUE_ON_EVERY_DRIVER(WorkbookRepositoryTest);

}  // namespace
}  // namespace covalue::store::conformance
