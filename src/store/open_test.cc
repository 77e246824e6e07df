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

TEST(Open, APostgresqlUrlIsNotSupportedYetAndOtherSchemesAreNoDriver) {
  for (const char* url : {"postgresql://covalue@localhost/covalue", "postgres://db/covalue"}) {
    auto store = Open(url);
    ASSERT_FALSE(store.has_value()) << url;
    EXPECT_EQ(store.error().code, ErrorCode::kUnsupported);
    EXPECT_NE(store.error().message.find("not supported yet"), std::string::npos);
    EXPECT_EQ(store.error().field, "db");
  }
  auto other = Open("mysql://db/covalue");
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(other.error().message.find("mysql://"), std::string::npos);
}

}  // namespace
}  // namespace covalue::store
