#include "fhir/fhir_routes.h"

#include <nlohmann/json.hpp>

#include "fhir/operation_outcome.h"
#include "formats/guide_file.h"
#include "support/app_fixture.h"

namespace covalue::fhir {
namespace {

class FhirRoutesTest : public app::EmptyAppTest {
 protected:
  void SetUp() override {
    EmptyAppTest::SetUp();
    auto guides = formats::LoadGuides(std::filesystem::path(COVALUE_SOURCE_DIR) / "guides");
    ASSERT_OK(guides);
    app_ = std::make_unique<app::App>(*store_, std::move(*guides));
    auto user = app_->accounts().CreateUser(
        system_, app::NewUser{"reader",
                              "Reader",
                              "a long password",
                              {{Role::kResearcher, std::nullopt, std::nullopt}}});
    ASSERT_OK(user);
    auto token = app_->accounts().CreateToken(
        app::RequestContext{app::Principal{user->id, user->username, user->memberships}, "t", ""},
        "test");
    ASSERT_OK(token);
    token_ = token->secret;
    router_ = std::make_unique<http::Router>(app_->accounts());
    AddFhirRoutes(*router_, *app_);
  }

  http::Response Get(const std::string& path, bool signed_in = true) {
    http::Request request;
    request.method = "GET";
    request.path = path.substr(0, path.find('?'));
    if (path.find('?') != std::string::npos) {
      request.query = http::ParseQuery(path.substr(path.find('?') + 1));
    }
    request.headers["host"] = "127.0.0.1:8080";
    if (signed_in) {
      request.headers["authorization"] = "Bearer " + token_;
    }
    request.request_id = "fhir-test";
    std::string route;
    return router_->Handle(request, route);
  }

  std::unique_ptr<http::Router> router_;
  std::string token_;
};

TEST_F(FhirRoutesTest, ReadsAGuidesQuestionnaireAsFhirJson) {
  auto response = Get("/fhir/r4/Questionnaire/coproduction-guide-short");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.content_type, kFhirJson);
  auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["id"], "coproduction-guide-short");
  EXPECT_EQ(body["item"].size(), 6U);
}

TEST_F(FhirRoutesTest, AnswersErrorsWithOperationOutcomes) {
  auto missing = Get("/fhir/r4/Questionnaire/nothing");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.content_type, kFhirJson);
  auto body = nlohmann::json::parse(missing.body);
  EXPECT_EQ(body["resourceType"], "OperationOutcome");
  EXPECT_EQ(body["issue"][0]["code"], "not-found");
  auto anonymous = Get("/fhir/r4/Questionnaire/coproduction-guide-short", false);
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(nlohmann::json::parse(anonymous.body)["issue"][0]["code"], "login");
}

TEST_F(FhirRoutesTest, SearchesQuestionnairesIntoASearchsetBundle) {
  auto all = nlohmann::json::parse(Get("/fhir/r4/Questionnaire").body);
  EXPECT_EQ(all["resourceType"], "Bundle");
  EXPECT_EQ(all["type"], "searchset");
  EXPECT_EQ(all["total"], 3);
  EXPECT_EQ(all["entry"][0]["fullUrl"], "http://127.0.0.1:8080/fhir/r4/Questionnaire/" +
                                            all["entry"][0]["resource"]["id"].get<std::string>());
  auto one = nlohmann::json::parse(Get("/fhir/r4/Questionnaire?_id=improvement-passport").body);
  EXPECT_EQ(one["total"], 1);
}

}  // namespace
}  // namespace covalue::fhir
