#pragma once

#include <memory>

#include <gtest/gtest.h>

#include "store/open.h"
#include "support/status_matchers.h"
#include "support/temp_dir.h"

namespace covalue::testing_support {

// A real store, empty but for its schema, in a temporary folder: the fixture every repository's
// tests start from.
class StoreTest : public testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Open(dir_.File("covalue.db"));
    ASSERT_OK(opened);
    store_ = std::move(*opened);
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
};

}  // namespace covalue::testing_support
