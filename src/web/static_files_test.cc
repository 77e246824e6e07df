#include "web/static_files.h"

#include <fstream>

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace covalue::web {
namespace {

class StaticFilesTest : public testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_.File("assets"));
    std::ofstream(dir_.File("index.html")) << "<!doctype html><title>covalue</title>";
    std::ofstream(dir_.File("assets/app-1a2b.js")) << "console.log(1)";
  }
  http::Response Get(const std::string& path, const std::string& method = "GET") {
    StaticFiles files(dir_.File(""));
    http::Request request;
    request.method = method;
    request.path = path;
    return files.Serve(request);
  }
  static std::string HeaderOf(const http::Response& r, const std::string& name) {
    for (const auto& [key, value] : r.headers) {
      if (key == name) {
        return value;
      }
    }
    return "";
  }
  testing_support::TempDir dir_;
};

TEST_F(StaticFilesTest, ServesFilesWithTypesAndCachePolicy) {
  auto js = Get("/assets/app-1a2b.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(js.body, "console.log(1)");
  EXPECT_NE(HeaderOf(js, "Cache-Control").find("immutable"), std::string::npos);
  auto index = Get("/");
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(HeaderOf(index, "Cache-Control"), "no-cache");
  EXPECT_NE(HeaderOf(index, "Content-Security-Policy").find("default-src 'self'"),
            std::string::npos);
}

TEST_F(StaticFilesTest, FrontEndRoutesAnswerTheIndexAndMissingFilesA404) {
  EXPECT_EQ(Get("/teams/3").body, "<!doctype html><title>covalue</title>");
  EXPECT_EQ(Get("/assets/missing.js").status, 404);
  EXPECT_EQ(Get("/../../etc/passwd").body,
            "<!doctype html><title>covalue</title>");  // never outside root
  EXPECT_EQ(Get("/", "POST").status, 405);
  EXPECT_EQ(Get("/", "HEAD").body, "");
}

}  // namespace
}  // namespace covalue::web
