#include "store/alert_repository.h"

#include <gtest/gtest.h>

#include "store/conformance/conformance.h"
#include "store/population_repository.h"
#include "store/registry_repository.h"
#include "store/site_repository.h"
#include "store/user_repository.h"

namespace covalue::store::conformance {
namespace {

class AlertRepositoryTest : public ConformanceTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ConformanceTest::SetUp());
    ASSERT_OK(store_->Write([&](Repositories& r) -> Status {
      for (const char* name : {"A", "B"}) {
        COVALUE_ASSIGN_OR_RETURN(SiteWithPatient added, AddSiteWithPatient(r, name));
        COVALUE_ASSIGN_OR_RETURN(
            StoredResponse response,
            r.Registry().AddResponse(StoredResponse{0, added.site, added.patient, "phq-9", 1,
                                                    "completed", 1, std::nullopt, "{}", 1}));
        sites_.push_back(added.site);
        patients_.push_back(added.patient);
        responses_.push_back(response.id);
      }
      COVALUE_ASSIGN_OR_RETURN(User nurse,
                               r.Users().Create({0, "nina", "Nina Nurse", {}}, "h", {}));
      nurse_ = nurse.id;
      return Ok();
    }));
  }

  Alert Raise(std::size_t site, const std::string& rule, std::int64_t at) {
    auto added = WriteValue<Alert>(*store_, [&](Repositories& r) {
      Alert a;
      a.site_id = sites_[site];
      a.patient_id = patients_[site];
      a.response_id = responses_[site];
      a.questionnaire_id = "phq-9";
      a.rule = rule;
      a.severity = AlertSeverity::kHigh;
      a.message = "item 9";
      a.created_ms = at;
      return r.Alerts().Add(a);
    });
    EXPECT_TRUE(added.has_value());
    return *added;
  }

  std::vector<Id> Listed(const AlertQuery& query, PageRequest page = {}) {
    auto listed = ReadValue<Page<Alert>>(
        *store_, [&](Repositories& r) { return r.Alerts().List(query, page); });
    EXPECT_TRUE(listed.has_value());
    std::vector<Id> ids;
    for (const Alert& a : listed->items) {
      ids.push_back(a.id);
    }
    return ids;
  }

  std::vector<Id> sites_;
  std::vector<Id> patients_;
  std::vector<Id> responses_;
  Id nurse_ = 0;
};

TEST_P(AlertRepositoryTest, ListsNewestFirstBySiteAndPatientAndPagesBackwards) {
  const Alert a1 = Raise(0, "phq9-item9", 10);
  const Alert b1 = Raise(1, "phq9-item9", 20);
  const Alert a2 = Raise(0, "phq9-severe", 30);
  EXPECT_EQ(Listed({}), (std::vector<Id>{a2.id, b1.id, a1.id}));
  EXPECT_EQ(Listed({std::vector<Id>{sites_[0]}, {}, {}}), (std::vector<Id>{a2.id, a1.id}));
  EXPECT_EQ(Listed({{}, patients_[1], {}}), (std::vector<Id>{b1.id}));
  EXPECT_TRUE(Listed({std::vector<Id>{}, {}, {}}).empty());

  auto first = ReadValue<Page<Alert>>(*store_, [&](Repositories& r) {
    return r.Alerts().List({}, PageRequest{0, 2});
  });
  ASSERT_OK(first);
  ASSERT_TRUE(first->next.has_value());
  EXPECT_EQ(Listed({}, PageRequest{*first->next, 2}), (std::vector<Id>{a1.id}));
}

TEST_P(AlertRepositoryTest, AcknowledgesOnceWithTheNoteAndWho) {
  const Alert alert = Raise(0, "phq9-item9", 10);
  EXPECT_EQ(Listed({{}, {}, true}), (std::vector<Id>{alert.id}));
  ASSERT_OK(store_->Write([&](Repositories& r) {
    return r.Alerts().Acknowledge(alert.id, nurse_, "Called her; safety plan agreed", 50);
  }));
  EXPECT_TRUE(Listed({{}, {}, true}).empty());
  EXPECT_EQ(Listed({{}, {}, false}), (std::vector<Id>{alert.id}));
  auto read = ReadValue<Alert>(*store_, [&](Repositories& r) { return r.Alerts().Get(alert.id); });
  ASSERT_OK(read);
  EXPECT_FALSE(read->Open());
  EXPECT_EQ(read->acknowledged_ms, 50);
  EXPECT_EQ(read->acknowledged_by_name, "Nina Nurse");
  EXPECT_EQ(read->note, "Called her; safety plan agreed");
  EXPECT_ERROR(store_->Write([&](Repositories& r) {
    return r.Alerts().Acknowledge(alert.id, nurse_, "again", 60);
  }),
               ErrorCode::kConflict);
  EXPECT_ERROR(
      store_->Write([&](Repositories& r) { return r.Alerts().Acknowledge(999, nurse_, "x", 60); }),
      ErrorCode::kNotFound);
}

TEST_P(AlertRepositoryTest, KeepsSiteSettingsWithDefaultsUntilSet) {
  auto fresh = ReadValue<SiteSettings>(
      *store_, [&](Repositories& r) { return r.Alerts().Settings(sites_[0]); });
  ASSERT_OK(fresh);
  EXPECT_EQ(fresh->alert_working_days, 2);
  EXPECT_TRUE(fresh->crisis_contacts.empty());
  SiteSettings set{sites_[0], {{"en", "Call 112"}, {"sv", "Ring 112"}}, 3};
  ASSERT_OK(store_->Write([&](Repositories& r) { return r.Alerts().SetSettings(set, nurse_, 5); }));
  set.crisis_contacts = {{"sv", "Ring 1177"}};
  ASSERT_OK(store_->Write([&](Repositories& r) { return r.Alerts().SetSettings(set, nurse_, 6); }));
  auto read = ReadValue<SiteSettings>(
      *store_, [&](Repositories& r) { return r.Alerts().Settings(sites_[0]); });
  ASSERT_OK(read);
  EXPECT_EQ(read->alert_working_days, 3);
  EXPECT_EQ(read->crisis_contacts, (std::map<std::string, std::string>{{"sv", "Ring 1177"}}));
  auto other = ReadValue<SiteSettings>(
      *store_, [&](Repositories& r) { return r.Alerts().Settings(sites_[1]); });
  EXPECT_TRUE(other->crisis_contacts.empty());
}

COVALUE_ON_EVERY_DRIVER(AlertRepositoryTest);

}  // namespace
}  // namespace covalue::store::conformance
