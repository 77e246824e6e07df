#include "store/questionnaire_repository.h"

#include <gtest/gtest.h>

#include "store/conformance/conformance.h"
#include "store/site_repository.h"
#include "store/user_repository.h"

namespace covalue::store::conformance {
namespace {

class QuestionnaireRepositoryTest : public ConformanceTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ConformanceTest::SetUp());
    ASSERT_OK(store_->Write([&](Repositories& r) -> Status {
      COVALUE_ASSIGN_OR_RETURN(Site a, r.Sites().Create({0, "A", "SE"}, 0));
      COVALUE_ASSIGN_OR_RETURN(Site b, r.Sites().Create({0, "B", "NO"}, 0));
      COVALUE_ASSIGN_OR_RETURN(User user, r.Users().Create({0, "anna", "Anna", {}}, "h", {}));
      site_a_ = a.id;
      site_b_ = b.id;
      user_ = user.id;
      return Ok();
    }));
  }

  QuestionnaireVersion Add(const std::string& resource_id, std::optional<Id> site,
                           const std::string& title, const std::string& url = "",
                           const std::string& url_version = "") {
    auto added = WriteValue<QuestionnaireVersion>(*store_, [&](Repositories& r) {
      return r.Questionnaires().AddVersion(QuestionnaireVersion{
          0, resource_id, 0, site, resource_id, title, "fhir", "{}", user_, 7, url, url_version});
    });
    EXPECT_TRUE(added.has_value()) << added.error().message;
    return *added;
  }

  Id site_a_ = 0;
  Id site_b_ = 0;
  Id user_ = 0;
};

TEST_P(QuestionnaireRepositoryTest, ImportingANameAgainAddsTheNextVersion) {
  EXPECT_EQ(Add("phq-9", std::nullopt, "PHQ-9").version, 1);
  EXPECT_EQ(Add("gad-7", std::nullopt, "GAD-7").version, 1);
  EXPECT_EQ(Add("phq-9", std::nullopt, "PHQ-9 (2nd)").version, 2);
  auto latest = ReadValue<QuestionnaireVersion>(
      *store_, [](Repositories& r) { return r.Questionnaires().Latest("phq-9"); });
  ASSERT_OK(latest);
  EXPECT_EQ(latest->title, "PHQ-9 (2nd)");
  auto first = ReadValue<QuestionnaireVersion>(
      *store_, [](Repositories& r) { return r.Questionnaires().Version("phq-9", 1); });
  ASSERT_OK(first);
  EXPECT_EQ(first->title, "PHQ-9");
  auto missing = ReadValue<QuestionnaireVersion>(
      *store_, [](Repositories& r) { return r.Questionnaires().Version("phq-9", 3); });
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_P(QuestionnaireRepositoryTest, FindsTheNewestVisibleVersionOfACanonical) {
  const std::string url = "http://loinc.org/q/44249-1";
  Add("phq-9", std::nullopt, "PHQ-9 2001", url, "2001");
  Add("phq-9", std::nullopt, "PHQ-9 2010", url, "2010");
  Add("b-phq-9", site_b_, "B's PHQ-9", url, "2010");
  Add("gad-7", std::nullopt, "GAD-7", "http://loinc.org/q/69737-5");
  const auto find = [&](const std::string& u, const std::string& v,
                        std::optional<std::vector<Id>> sites) {
    return ReadValue<QuestionnaireVersion>(
        *store_, [&](Repositories& r) { return r.Questionnaires().FindByUrl(u, v, sites); });
  };
  auto a = find(url, "", std::vector<Id>{site_a_});
  ASSERT_OK(a);
  EXPECT_EQ(a->title, "PHQ-9 2010") << "the newest the site may see; B's own is not";
  EXPECT_EQ(a->url, url);
  EXPECT_EQ(a->url_version, "2010");
  auto pinned = find(url, "2001", std::vector<Id>{site_a_});
  ASSERT_OK(pinned);
  EXPECT_EQ(pinned->version, 1);
  auto b = find(url, "", std::vector<Id>{site_b_});
  ASSERT_OK(b);
  EXPECT_EQ(b->resource_id, "b-phq-9");
  EXPECT_EQ(find(url, "2099", std::nullopt).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(find("http://example.org/none", "", std::nullopt).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(find("http://loinc.org/q/69737-5", "", std::nullopt)->title, "GAD-7");
}

TEST_P(QuestionnaireRepositoryTest, ListsTheLatestVersionsASiteCanSee) {
  Add("phq-9", std::nullopt, "PHQ-9");
  Add("a-local", site_a_, "A's own");
  Add("b-local", site_b_, "B's own");
  Add("phq-9", std::nullopt, "PHQ-9 v2");
  const auto titles = [&](std::optional<std::vector<Id>> sites) {
    auto page = ReadValue<Page<QuestionnaireVersion>>(*store_, [&](Repositories& r) {
      return r.Questionnaires().ListLatest(PageRequest{0, 50}, sites);
    });
    EXPECT_TRUE(page.has_value());
    std::vector<std::string> out;
    for (const auto& q : page->items) {
      out.push_back(q.title);
    }
    return out;
  };
  EXPECT_EQ(titles(std::vector<Id>{site_a_}), (std::vector<std::string>{"A's own", "PHQ-9 v2"}));
  EXPECT_EQ(titles(std::vector<Id>{}), (std::vector<std::string>{"PHQ-9 v2"}));
  EXPECT_EQ(titles(std::nullopt), (std::vector<std::string>{"A's own", "B's own", "PHQ-9 v2"}));
  for (bool with_resource : {true, false}) {
    auto page = ReadValue<Page<QuestionnaireVersion>>(*store_, [&](Repositories& r) {
      return r.Questionnaires().ListLatest(PageRequest{0, 50}, std::nullopt, with_resource);
    });
    ASSERT_TRUE(page.has_value());
    ASSERT_EQ(page->items.size(), 3U);
    EXPECT_EQ(page->items[0].resource.empty(), !with_resource);
    EXPECT_EQ(page->items[0].title, "A's own");
  }
}

COVALUE_ON_EVERY_DRIVER(QuestionnaireRepositoryTest);

}  // namespace
}  // namespace covalue::store::conformance
