#include "store/schedule_repository.h"

#include <gtest/gtest.h>

#include "store/conformance/conformance.h"
#include "store/population_repository.h"
#include "store/registry_repository.h"
#include "store/site_repository.h"
#include "store/user_repository.h"

namespace covalue::store::conformance {
namespace {

class ScheduleRepositoryTest : public ConformanceTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ConformanceTest::SetUp());
    ASSERT_OK(store_->Write([&](Repositories& r) -> Status {
      for (const char* name : {"A", "B"}) {
        COVALUE_ASSIGN_OR_RETURN(SiteWithPatient added, AddSiteWithPatient(r, name));
        sites_.push_back(added.site);
        populations_.push_back(added.population);
        patients_.push_back(added.patient);
      }
      COVALUE_ASSIGN_OR_RETURN(User user, r.Users().Create({0, "sam", "Sam", {}}, "h", {}));
      user_ = user.id;
      return Ok();
    }));
  }

  QuestionnaireSchedule Schedule(std::size_t site, const std::string& questionnaire) {
    QuestionnaireSchedule s;
    s.site_id = sites_[site];
    s.population_id = populations_[site];
    s.questionnaire_id = questionnaire;
    s.kind = ScheduleKind::kEvery;
    s.every = 3;
    s.unit = ScheduleUnit::kMonths;
    s.window_days = 10;
    s.until = "2027-12-31";
    s.created_by = user_;
    s.created_ms = 5;
    return s;
  }

  std::vector<Id> sites_, populations_, patients_;
  Id user_ = 0;
};

TEST_P(ScheduleRepositoryTest, KeepsSchedulesPerSiteAndChangesWhatTheyAsk) {
  auto a = WriteValue<QuestionnaireSchedule>(
      *store_, [&](Repositories& r) { return r.Schedules().Create(Schedule(0, "phq-9")); });
  ASSERT_OK(a);
  auto b = WriteValue<QuestionnaireSchedule>(
      *store_, [&](Repositories& r) { return r.Schedules().Create(Schedule(1, "gad-7")); });
  ASSERT_OK(b);
  auto read = ReadValue<QuestionnaireSchedule>(
      *store_, [&](Repositories& r) { return r.Schedules().Get(a->id); });
  ASSERT_OK(read);
  EXPECT_EQ(read->questionnaire_id, "phq-9");
  EXPECT_EQ(read->kind, ScheduleKind::kEvery);
  EXPECT_EQ(read->every, 3);
  EXPECT_EQ(read->unit, ScheduleUnit::kMonths);
  EXPECT_EQ(read->window_days, 10);
  EXPECT_EQ(read->until, "2027-12-31");
  EXPECT_TRUE(read->active);
  EXPECT_EQ(read->created_by, user_);

  QuestionnaireSchedule changed = *read;
  changed.kind = ScheduleKind::kBeforeVisits;
  changed.window_days = 7;
  changed.until = "";
  changed.active = false;
  ASSERT_OK(store_->Write([&](Repositories& r) { return r.Schedules().Update(changed); }));
  auto again = ReadValue<QuestionnaireSchedule>(
      *store_, [&](Repositories& r) { return r.Schedules().Get(a->id); });
  EXPECT_EQ(again->kind, ScheduleKind::kBeforeVisits);
  EXPECT_EQ(again->window_days, 7);
  EXPECT_EQ(again->until, "");
  EXPECT_FALSE(again->active);
  EXPECT_EQ(again->questionnaire_id, "phq-9") << "what it asks, never which questionnaire";

  const auto list = [&](std::optional<std::vector<Id>> sites) {
    auto listed = ReadValue<std::vector<QuestionnaireSchedule>>(
        *store_, [&](Repositories& r) { return r.Schedules().List(sites); });
    EXPECT_TRUE(listed.has_value());
    std::vector<std::string> out;
    for (const auto& s : *listed) {
      out.push_back(s.questionnaire_id);
    }
    return out;
  };
  EXPECT_EQ(list(std::vector<Id>{sites_[1]}), std::vector<std::string>{"gad-7"});
  EXPECT_EQ(list(std::nullopt), (std::vector<std::string>{"phq-9", "gad-7"}));
  EXPECT_TRUE(list(std::vector<Id>{}).empty());
  changed.id = 999;
  EXPECT_ERROR(store_->Write([&](Repositories& r) { return r.Schedules().Update(changed); }),
               ErrorCode::kNotFound);
  EXPECT_EQ(ReadValue<QuestionnaireSchedule>(
                *store_, [&](Repositories& r) { return r.Schedules().Get(999); })
                .error()
                .code,
            ErrorCode::kNotFound);
}

TEST_P(ScheduleRepositoryTest, KeepsVisitsSoonestFirstAndRemovesThem) {
  const auto add = [&](std::size_t site, std::int64_t at, const std::string& note) {
    auto added = WriteValue<PlannedVisit>(*store_, [&](Repositories& r) {
      return r.Schedules().AddVisit({0, sites_[site], patients_[site], at, note, user_, 1});
    });
    EXPECT_TRUE(added.has_value());
    return *added;
  };
  const PlannedVisit late = add(0, 300, "follow-up");
  const PlannedVisit early = add(0, 100, "first");
  add(1, 200, "elsewhere");
  const auto visits = [&](std::optional<Id> patient, std::optional<Id> site, std::int64_t from,
                          std::int64_t to) {
    auto listed = ReadValue<std::vector<PlannedVisit>>(
        *store_, [&](Repositories& r) { return r.Schedules().Visits(patient, site, from, to); });
    EXPECT_TRUE(listed.has_value());
    std::vector<std::string> out;
    for (const PlannedVisit& v : *listed) {
      out.push_back(v.note);
    }
    return out;
  };
  EXPECT_EQ(visits(patients_[0], std::nullopt, 0, 1000),
            (std::vector<std::string>{"first", "follow-up"}));
  EXPECT_EQ(visits(std::nullopt, sites_[1], 0, 1000), std::vector<std::string>{"elsewhere"});
  EXPECT_EQ(visits(std::nullopt, std::nullopt, 150, 300),
            (std::vector<std::string>{"elsewhere", "follow-up"}));
  auto read = ReadValue<PlannedVisit>(
      *store_, [&](Repositories& r) { return r.Schedules().GetVisit(early.id); });
  ASSERT_OK(read);
  EXPECT_EQ(read->at_ms, 100);
  EXPECT_EQ(read->created_by, user_);
  ASSERT_OK(store_->Write([&](Repositories& r) { return r.Schedules().RemoveVisit(late.id); }));
  EXPECT_EQ(visits(patients_[0], std::nullopt, 0, 1000), std::vector<std::string>{"first"});
  EXPECT_ERROR(store_->Write([&](Repositories& r) { return r.Schedules().RemoveVisit(late.id); }),
               ErrorCode::kNotFound);
}

TEST_P(ScheduleRepositoryTest, ReadsTheCompletedResponsesOfASite) {
  ASSERT_OK(store_->Write([&](Repositories& r) -> Status {
    for (const auto& [site, status, at] :
         {std::tuple{0, "completed", 30}, std::tuple{0, "in-progress", 20},
          std::tuple{0, "completed", 10}, std::tuple{1, "completed", 15}}) {
      COVALUE_RETURN_IF_ERROR(r.Registry().AddResponse(StoredResponse{
          0, sites_[site], patients_[site], "phq-9", 1, status, at, std::nullopt, "{}", at}));
    }
    return Ok();
  }));
  auto done = ReadValue<std::vector<Completion>>(
      *store_, [&](Repositories& r) { return r.Schedules().Completions(sites_[0], std::nullopt); });
  ASSERT_OK(done);
  ASSERT_EQ(done->size(), 2U);
  EXPECT_EQ((*done)[0].authored_ms, 10);
  EXPECT_EQ((*done)[1].authored_ms, 30);
  EXPECT_EQ((*done)[1].questionnaire_id, "phq-9");
  auto one = ReadValue<std::vector<Completion>>(
      *store_, [&](Repositories& r) { return r.Schedules().Completions(sites_[1], patients_[0]); });
  EXPECT_TRUE(one->empty());
}

TEST_P(ScheduleRepositoryTest, KeepsOneFeedAddressPerUser) {
  ASSERT_OK(store_->Write([&](Repositories& r) { return r.Schedules().SetFeed(user_, "h1", 1); }));
  EXPECT_EQ(*ReadValue<Id>(*store_, [&](Repositories& r) { return r.Schedules().FeedOwner("h1"); }),
            user_);
  ASSERT_OK(store_->Write([&](Repositories& r) { return r.Schedules().SetFeed(user_, "h2", 2); }));
  EXPECT_EQ(ReadValue<Id>(*store_, [&](Repositories& r) { return r.Schedules().FeedOwner("h1"); })
                .error()
                .code,
            ErrorCode::kNotFound)
      << "a new address revokes the old";
  ASSERT_OK(store_->Write([&](Repositories& r) { return r.Schedules().SetFeed(user_, "", 3); }));
  EXPECT_FALSE(
      ReadValue<Id>(*store_, [&](Repositories& r) { return r.Schedules().FeedOwner("h2"); }));
}

COVALUE_ON_EVERY_DRIVER(ScheduleRepositoryTest);

}  // namespace
}  // namespace covalue::store::conformance
