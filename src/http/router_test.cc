#include "http/router.h"

#include <nlohmann/json.hpp>

#include "http/api/api_routes.h"
#include "http/problem_json.h"
#include "support/app_fixture.h"

namespace covalue::http {
namespace {

class RouterTest : public app::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    router_ = std::make_unique<Router>(app_->accounts());
    api::AddApiRoutes(*router_, *app_, metrics_);
    auto user = app_->accounts().CreateUser(
        system_,
        app::NewUser{
            "pat", "Pat", "a long password", {{Role::kPatient, sites_[0].id, std::nullopt}}});
    ASSERT_OK(user);
    Response login =
        Send("POST", "/api/v1/auth/login", R"({"username": "pat", "password": "a long password"})");
    ASSERT_EQ(login.status, 200) << login.body;
    for (const auto& [name, value] : login.headers) {
      if (name == "Set-Cookie") {
        set_cookie_ = value;
      }
    }
    cookie_ = set_cookie_.substr(0, set_cookie_.find(';'));
  }

  Response Send(const std::string& method, const std::string& target, const std::string& body = "",
                std::map<std::string, std::string> headers = {}) {
    Request request;
    request.method = method;
    request.path = target.substr(0, target.find('?'));
    if (target.find('?') != std::string::npos) {
      request.query = ParseQuery(target.substr(target.find('?') + 1));
    }
    request.body = body;
    request.headers = std::move(headers);
    request.headers.emplace("host", "127.0.0.1:8080");
    if (!body.empty()) {
      request.headers.emplace("content-type", "application/json");
    }
    request.request_id = "test-request";
    request.client_address = "127.0.0.1";
    request.client_is_loopback = true;
    std::string route;
    return router_->Handle(request, route);
  }

  Response AsPatient(const std::string& method, const std::string& target,
                     const std::string& body = "",
                     std::map<std::string, std::string> headers = {}) {
    headers["cookie"] = cookie_;
    return Send(method, target, body, std::move(headers));
  }

  static nlohmann::json Body(const Response& r) { return nlohmann::json::parse(r.body); }

  Metrics metrics_;
  std::unique_ptr<Router> router_;
  std::string set_cookie_;
  std::string cookie_;
};

TEST_F(RouterTest, EveryApiRouteButLoginAndOpenApiNeedsCredentials) {
  for (const Route& route : router_->Routes()) {
    if (!route.pattern.starts_with("/api/v1/")) {
      continue;
    }
    std::string path = route.pattern;
    if (auto brace = path.find("{id}"); brace != std::string::npos) {
      path.replace(brace, 4, "1");
    }
    Response response = Send(route.method, path, route.max_body > 0 ? "{}" : "");
    if (route.pattern == "/api/v1/auth/login" || route.pattern == "/api/v1/openapi.json") {
      EXPECT_NE(response.status, 401) << route.method << " " << route.pattern;
    } else {
      EXPECT_EQ(response.status, 401) << route.method << " " << route.pattern;
      EXPECT_EQ(response.content_type, "application/problem+json");
    }
  }
}

TEST_F(RouterTest, TheSessionCookieIsHttpOnlyAndStrict) {
  EXPECT_NE(set_cookie_.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie_.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(set_cookie_.find("Secure"), std::string::npos);  // no TLS in this request
}

TEST_F(RouterTest, ListsAnswerItemsAndNextWithTheCursorOfTheNextPage) {
  Response first = AsPatient("GET", "/api/v1/sites?limit=1");
  ASSERT_EQ(first.status, 200) << first.body;
  auto page = Body(first);
  ASSERT_EQ(page["items"].size(), 1U);
  ASSERT_TRUE(page["next"].is_string());
  Response second =
      AsPatient("GET", "/api/v1/sites?limit=1&cursor=" + page["next"].get<std::string>());
  auto page2 = Body(second);
  ASSERT_EQ(page2["items"].size(), 1U);
  EXPECT_NE(page2["items"][0]["id"], page["items"][0]["id"]);
  EXPECT_TRUE(page2["next"].is_null());
  EXPECT_EQ(Body(AsPatient("GET", "/api/v1/sites?limit=0"))["field"], "limit");
  EXPECT_EQ(Body(AsPatient("GET", "/api/v1/sites?cursor=abc"))["field"], "cursor");
}

TEST_F(RouterTest, BadBodiesGetAProblemNamingTheField) {
  struct Case {
    std::string body;
    int status;
    std::string field;
  };
  const Case cases[] = {
      {R"({"username": "pat", "password": )", 400, "body"},
      {R"([1, 2])", 400, "body"},
      {R"({"username": 12, "password": "x"})", 400, "/username"},
      {R"({"username": "pat"})", 400, "/password"},
      {R"({"username": "pat", "password": "a long password", "remember": true})", 400, "/remember"},
      {std::string(40, '[') + std::string(40, ']'), 400, "body"},
  };
  for (const Case& c : cases) {
    Response response = Send("POST", "/api/v1/auth/login", c.body);
    EXPECT_EQ(response.status, c.status) << c.body;
    EXPECT_EQ(response.content_type, "application/problem+json");
    EXPECT_EQ(Body(response)["field"], c.field) << c.body;
    EXPECT_EQ(Body(response)["request_id"], "test-request");
  }
}

TEST_F(RouterTest, ABodyThatIsNotJsonIsRefusedAs415) {
  Response response = Send("POST", "/api/v1/auth/login", "username=pat",
                           {{"content-type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(response.status, 415);
  EXPECT_EQ(Body(response)["field"], "content-type");
}

TEST_F(RouterTest, CrossOriginCookieWritesAreRefusedButSameOriginAndTokenWritesPass) {
  const std::string body = R"({"name": "laptop"})";
  Response cross =
      AsPatient("POST", "/api/v1/auth/tokens", body, {{"origin", "https://evil.example"}});
  EXPECT_EQ(cross.status, 403);
  Response same =
      AsPatient("POST", "/api/v1/auth/tokens", body, {{"origin", "http://127.0.0.1:8080"}});
  ASSERT_EQ(same.status, 201) << same.body;
  const std::string token = Body(same)["token"];
  Response bearer =
      Send("POST", "/api/v1/auth/tokens", body,
           {{"authorization", "Bearer " + token}, {"origin", "https://evil.example"}});
  EXPECT_EQ(bearer.status, 201);
  Response read = Send("GET", "/api/v1/users/me", "", {{"authorization", "Bearer " + token}});
  EXPECT_EQ(read.status, 200);
  EXPECT_EQ(Body(read)["username"], "pat");
}

TEST_F(RouterTest, APatientGetsForbiddenForOtherPeopleAndOtherSitesTeams) {
  auto other = app_->accounts().CreateUser(
      system_,
      app::NewUser{
          "other", "Other", "a long password", {{Role::kPatient, sites_[0].id, std::nullopt}}});
  ASSERT_OK(other);
  EXPECT_EQ(AsPatient("GET", "/api/v1/users/" + std::to_string(other->id)).status, 403);
  EXPECT_EQ(AsPatient("GET", "/api/v1/teams/" + std::to_string(teams_[1].id)).status, 403);
  EXPECT_EQ(AsPatient("GET", "/api/v1/users").status, 403);
  EXPECT_EQ(AsPatient("GET", "/api/v1/audit").status, 403);
  EXPECT_EQ(AsPatient("GET", "/api/v1/users/me").status, 200);
}

TEST_F(RouterTest, UnknownRoutesAndMethodsAreProblems) {
  EXPECT_EQ(AsPatient("GET", "/api/v1/nothing").status, 404);
  EXPECT_EQ(AsPatient("DELETE", "/api/v1/sites").status, 405);
  Response bad_id = AsPatient("GET", "/api/v1/sites/abc");
  EXPECT_EQ(bad_id.status, 400);
  EXPECT_EQ(Body(bad_id)["field"], "id");
}

TEST_F(RouterTest, LogoutEndsTheSession) {
  EXPECT_EQ(AsPatient("POST", "/api/v1/auth/logout").status, 204);
  EXPECT_EQ(AsPatient("GET", "/api/v1/users/me").status, 401);
}

TEST_F(RouterTest, HealthIsOpenAndMetricsOnlyOnLoopback) {
  EXPECT_EQ(Send("GET", "/healthz").status, 200);
  EXPECT_EQ(Send("GET", "/healthz", "", {{"authorization", "Bearer not-a-token"}}).status, 200);
  EXPECT_EQ(Send("GET", "/metrics").status, 200);
  Request remote;
  remote.method = "GET";
  remote.path = "/metrics";
  remote.client_is_loopback = false;
  std::string route;
  EXPECT_EQ(router_->Handle(remote, route).status, 403);
}

}  // namespace
}  // namespace covalue::http

namespace covalue::http {
namespace {

bool HasHeader(const Response& response, const std::string& name, const std::string& value) {
  for (const auto& [n, v] : response.headers) {
    if (n == name && v == value) {
      return true;
    }
  }
  return false;
}

// An area of its own: its errors written its way, its checks and finish run, its CORS origins.
class AreaTest : public RouterTest {
 protected:
  void SetUp() override {
    RouterTest::SetUp();
    router_->AddArea(Area{"/area/",
                          [](const Error& e, const std::string&) {
                            Response r;
                            r.status = HttpStatus(e);
                            r.content_type = "text/plain";
                            r.body = "area: " + e.message;
                            return r;
                          },
                          [](const Request& r) -> std::optional<Response> {
                            if (r.Query("refuse") == nullptr) {
                              return std::nullopt;
                            }
                            Response refusal;
                            refusal.status = 406;
                            return refusal;
                          },
                          [](const Request&, Response& r) { r.SetHeader("X-Finished", "yes"); },
                          {"http://app.example.org"}});
    router_->Add({"GET", "/area/thing", "a thing", Access::kSignedIn,
                  [](RouteContext&) -> Result<Response> { return JsonResponse(200, "{}"); }, 0});
  }
};

TEST_F(AreaTest, WritesEveryErrorOfItsPathsItsWayUnknownRoutesAndMethodsToo) {
  const Response unknown = AsPatient("GET", "/area/nothing");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.body, "area: no route for /area/nothing");
  const Response method = AsPatient("DELETE", "/area/thing");
  EXPECT_EQ(method.status, 405);
  EXPECT_EQ(method.body, "area: DELETE is not allowed here");
  const Response anonymous = Send("GET", "/area/thing");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_TRUE(anonymous.body.starts_with("area: "));
  EXPECT_EQ(AsPatient("GET", "/area/thing?refuse=1").status, 406);
  const Response ok = AsPatient("GET", "/area/thing");
  EXPECT_EQ(ok.status, 200);
  EXPECT_TRUE(HasHeader(ok, "X-Finished", "yes"));
  EXPECT_FALSE(HasHeader(anonymous, "X-Finished", "yes")) << "finish runs on answers only";
  // Outside the area nothing changes.
  EXPECT_EQ(AsPatient("GET", "/api/v1/nothing").content_type, "application/problem+json");
}

TEST_F(AreaTest, AnswersItsOriginsPreflightsAndNeverTakesTheirCookies) {
  const Response preflight =
      Send("OPTIONS", "/area/thing", "",
           {{"origin", "http://app.example.org"}, {"access-control-request-method", "GET"}});
  EXPECT_EQ(preflight.status, 204);
  EXPECT_TRUE(HasHeader(preflight, "Access-Control-Allow-Origin", "http://app.example.org"));
  EXPECT_TRUE(HasHeader(preflight, "Access-Control-Allow-Methods", "GET"));
  const Response other =
      Send("OPTIONS", "/area/thing", "",
           {{"origin", "http://evil.example.org"}, {"access-control-request-method", "GET"}});
  EXPECT_EQ(other.status, 405);
  EXPECT_FALSE(HasHeader(other, "Access-Control-Allow-Origin", "http://evil.example.org"));
  // A cookie from the allowed origin is not enough: its pages send bearer tokens.
  const Response cookie =
      AsPatient("GET", "/area/thing", "", {{"origin", "http://app.example.org"}});
  EXPECT_EQ(cookie.status, 401);
  EXPECT_TRUE(HasHeader(cookie, "Access-Control-Allow-Origin", "http://app.example.org"));
}

TEST(QueryIdsTest, ReadsPositiveIdsJoinedByCommasAndNamesTheParameterOtherwise) {
  const auto ids = [](std::string_view query) {
    Request request;
    request.query = ParseQuery(query);
    return QueryIds(request, "patient_id");
  };
  auto read = ids("patient_id=3,17,42");
  ASSERT_OK(read);
  EXPECT_EQ(*read, (std::vector<Id>{3, 17, 42}));
  auto none = ids("other=1");
  ASSERT_OK(none);
  EXPECT_TRUE(none->empty());
  for (std::string_view bad : {"patient_id=1,,2", "patient_id=1,2,", "patient_id=,1",
                               "patient_id=a", "patient_id=-4", "patient_id=0", "patient_id=1;2"}) {
    auto refused = ids(bad);
    ASSERT_FALSE(refused.has_value()) << bad;
    EXPECT_EQ(refused.error().field, "patient_id") << bad;
  }
}

}  // namespace
}  // namespace covalue::http
