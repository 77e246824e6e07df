#pragma once

#include <map>
#include <string>
#include <string_view>

#include "domain/error.h"

namespace covalue {

// A text in languages other than the one it was written in, by language tag: "sv", "nb",
// "en-GB" (BCP 47: a 2–3 letter language, lower case, and optional subtags of letters and
// digits). The written text stays the one every reader falls back to.
using Translations = std::map<std::string, std::string>;

// Whether tag is a language tag as above.
bool IsLanguageTag(std::string_view tag);

// kInvalidArgument naming field + "/" + the tag: a tag that is not a language tag, or a text
// that is empty, longer than max_bytes or more than one line.
Status ValidateTranslations(const Translations& translations, std::string_view field,
                            std::size_t max_bytes = 200);

// The stored form: one "tag<TAB>text" line per language, in tag order ("" for none); decoding
// skips lines without a tab.
std::string EncodeTranslations(const Translations& translations);
Translations DecodeTranslations(std::string_view stored);

}  // namespace covalue
