#pragma once

#include <gtest/gtest.h>

#include "domain/error.h"

// ASSERT_OK(r) and EXPECT_ERROR(r, code) print the error's message and field on failure.
#define ASSERT_OK(expr)                                                                           \
  do {                                                                                            \
    const auto& covalue_r_ = (expr);                                                              \
    ASSERT_TRUE(covalue_r_.has_value()) << "error: " << covalue_r_.error().message << " (field '" \
                                        << covalue_r_.error().field << "')";                      \
  } while (false)

#define EXPECT_ERROR(expr, expected_code)                                                   \
  do {                                                                                      \
    const auto& covalue_r_ = (expr);                                                        \
    EXPECT_FALSE(covalue_r_.has_value()) << "expected an error";                            \
    if (!covalue_r_.has_value()) {                                                          \
      EXPECT_EQ(static_cast<int>(covalue_r_.error().code), static_cast<int>(expected_code)) \
          << covalue_r_.error().message;                                                    \
    }                                                                                       \
  } while (false)
