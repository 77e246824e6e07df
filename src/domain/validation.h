#pragma once

#include <string>
#include <string_view>

#include "domain/error.h"

namespace covalue {

// Rules for the words users type. Each returns kInvalidArgument naming `field` on failure.

// 1..max_length characters of valid UTF-8, not only white space, no control characters.
[[nodiscard]] Status ValidateText(std::string_view text, std::string_view field,
                                  std::size_t max_length);

// Prose that may span lines (Markdown notes): valid UTF-8, empty or up to max_length characters,
// no control characters but line feed, carriage return and tab.
[[nodiscard]] Status ValidateProse(std::string_view text, std::string_view field,
                                   std::size_t max_length);

// 3..64 characters from [a-z0-9._-], starting with a letter or digit.
[[nodiscard]] Status ValidateUsername(std::string_view username, std::string_view field);

// 10..256 bytes (NIST SP 800-63B asks for at least 8 and allowing long pass phrases).
[[nodiscard]] Status ValidatePassword(std::string_view password, std::string_view field);

// Two upper-case ASCII letters (ISO 3166-1 alpha-2).
[[nodiscard]] Status ValidateCountry(std::string_view country, std::string_view field);

}  // namespace covalue
