#include "domain/translations.h"

#include <gtest/gtest.h>

namespace covalue {
namespace {

TEST(Translations, KnowsLanguageTags) {
  for (const char* tag : {"sv", "nb", "fil", "en-GB", "sr-Latn-RS", "es-419"}) {
    EXPECT_TRUE(IsLanguageTag(tag)) << tag;
  }
  for (const char* tag :
       {"", "s", "SV", "svensk", "sv_SE", "sv-", "-sv", "sv--SE", "sv SE", "sv-toolongsubtag"}) {
    EXPECT_FALSE(IsLanguageTag(tag)) << tag;
  }
}

TEST(Translations, RefusesWhatCannotBeShownAsOneName) {
  EXPECT_TRUE(ValidateTranslations({{"sv", "Personer med MS"}}, "/names").has_value());
  const auto bad_tag = ValidateTranslations({{"Swedish", "x"}}, "/names");
  ASSERT_FALSE(bad_tag.has_value());
  EXPECT_EQ(bad_tag.error().field, "/names");
  const auto empty = ValidateTranslations({{"sv", ""}}, "/names");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().field, "/names/sv");
  EXPECT_FALSE(ValidateTranslations({{"sv", "two\nlines"}}, "/names").has_value());
  EXPECT_FALSE(ValidateTranslations({{"sv", std::string(201, 'a')}}, "/names").has_value());
}

TEST(Translations, StoresAndReadsBackEveryLanguage) {
  const Translations names{{"sv", "Personer med MS"}, {"nb", "Personer med MS-diagnose"}};
  EXPECT_EQ(EncodeTranslations(names), "nb\tPersoner med MS-diagnose\nsv\tPersoner med MS\n");
  EXPECT_EQ(DecodeTranslations(EncodeTranslations(names)), names);
  EXPECT_TRUE(DecodeTranslations("").empty());
}

}  // namespace
}  // namespace covalue
