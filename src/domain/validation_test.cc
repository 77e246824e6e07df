#include "domain/validation.h"

#include <gtest/gtest.h>

#include "support/status_matchers.h"

namespace covalue {
namespace {

TEST(ValidateText, AcceptsUnicodeNamesWithinTheLimit) {
  ASSERT_OK(ValidateText("Region Jönköping", "/name", 200));
  ASSERT_OK(ValidateText("أبو ظبي", "/name", 7));
}

TEST(ValidateText, CountsCharactersNotBytes) {
  EXPECT_ERROR(ValidateText("åäöåäö", "/name", 5), ErrorCode::kInvalidArgument);
  ASSERT_OK(ValidateText("åäöåä", "/name", 5));
}

TEST(ValidateText, RefusesBlankControlAndBrokenUtf8AndNamesTheField) {
  auto blank = ValidateText("   ", "/name", 10);
  ASSERT_FALSE(blank.has_value());
  EXPECT_EQ(blank.error().field, "/name");
  EXPECT_ERROR(ValidateText("a\nb", "/name", 10), ErrorCode::kInvalidArgument);
  EXPECT_ERROR(ValidateText("\xC3", "/name", 10), ErrorCode::kInvalidArgument);
  EXPECT_ERROR(ValidateText("\xC0\xAF", "/name", 10), ErrorCode::kInvalidArgument);
}

TEST(ValidateUsername, AcceptsLowerCaseDigitsAndPunctuationInside) {
  ASSERT_OK(ValidateUsername("anna.lead-2", "/username"));
  EXPECT_ERROR(ValidateUsername("Anna", "/username"), ErrorCode::kInvalidArgument);
  EXPECT_ERROR(ValidateUsername("ab", "/username"), ErrorCode::kInvalidArgument);
  EXPECT_ERROR(ValidateUsername(".anna", "/username"), ErrorCode::kInvalidArgument);
  EXPECT_ERROR(ValidateUsername("anna smith", "/username"), ErrorCode::kInvalidArgument);
}

TEST(ValidatePassword, NeedsTenToTwoHundredFiftySixBytes) {
  EXPECT_ERROR(ValidatePassword("short", "/password"), ErrorCode::kInvalidArgument);
  ASSERT_OK(ValidatePassword("long enough pass", "/password"));
  EXPECT_ERROR(ValidatePassword(std::string(257, 'x'), "/password"), ErrorCode::kInvalidArgument);
}

TEST(ValidateCountry, NeedsTwoUpperCaseLetters) {
  ASSERT_OK(ValidateCountry("SE", "/country"));
  EXPECT_ERROR(ValidateCountry("se", "/country"), ErrorCode::kInvalidArgument);
  EXPECT_ERROR(ValidateCountry("SWE", "/country"), ErrorCode::kInvalidArgument);
}

TEST(Validation, ProseSpansLinesButHoldsNoOtherControlCharacters) {
  EXPECT_TRUE(ValidateProse("", "/notes", 10));
  EXPECT_TRUE(ValidateProse("two\nlines\r\n\tand a tab", "/notes", 100));
  EXPECT_EQ(ValidateProse("bell\a", "/notes", 100).error().field, "/notes");
  EXPECT_EQ(ValidateProse("\xff", "/notes", 100).error().field, "/notes");
  EXPECT_EQ(ValidateProse("ååå", "/notes", 2).error().field, "/notes");
  EXPECT_TRUE(ValidateProse("ååå", "/notes", 3));
}

}  // namespace
}  // namespace covalue
