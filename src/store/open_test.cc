#include "store/open.h"

#include <gtest/gtest.h>

#include "store/site_repository.h"
#include "support/status_matchers.h"
#include "support/temp_dir.h"

namespace covalue::store {
namespace {

TEST(Open, APathIsAnSqliteFileCreatedAndMigrated) {
  testing_support::TempDir dir;
  auto store = Open(dir.File("covalue.db"), {.opened_ms = 5});
  ASSERT_OK(store);
  ASSERT_OK(WriteValue<Site>(**store, [](Repositories& r) {
    return r.Sites().Create({0, "Region Norrland", "SE"}, 5);
  }));
}

TEST(Open, APostgresqlUrlThatNoServerAnswersIsUnavailableAndOtherSchemesAreNoDriver) {
  // Port 1 on loopback: refused at once, whatever runs on the machine.
  for (const char* url : {"postgresql://covalue@127.0.0.1:1/covalue", "postgres://127.0.0.1:1/db"}) {
    EXPECT_TRUE(IsPostgresUrl(url));
    auto store = Open(url);
    ASSERT_FALSE(store.has_value()) << url;
    EXPECT_EQ(store.error().code, ErrorCode::kUnavailable);
    EXPECT_NE(store.error().message.find("cannot connect"), std::string::npos);
    EXPECT_EQ(store.error().field, "db");
  }
  EXPECT_FALSE(IsPostgresUrl("covalue.db"));
  auto other = Open("mysql://db/covalue");
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(other.error().message.find("mysql://"), std::string::npos);
}

}  // namespace
}  // namespace covalue::store
