#include "domain/validation.h"

#include <fmt/format.h>

namespace covalue {
namespace {

// Counts code points; -1 when the bytes are not well-formed UTF-8 (RFC 3629 §4).
long CountUtf8(std::string_view text) {
  long count = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    if (lead < 0x80) {
      length = 1;
    } else if ((lead & 0xE0) == 0xC0 && lead >= 0xC2) {
      length = 2;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
    } else if ((lead & 0xF8) == 0xF0 && lead <= 0xF4) {
      length = 4;
    } else {
      return -1;
    }
    if (i + length > text.size()) {
      return -1;
    }
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
        return -1;
      }
    }
    i += length;
    ++count;
  }
  return count;
}

}  // namespace

Status ValidateText(std::string_view text, std::string_view field, std::size_t max_length) {
  const long length = CountUtf8(text);
  if (length < 0) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{} is not valid UTF-8", field),
                std::string(field));
  }
  bool blank = true;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} must not contain control characters", field), std::string(field));
    }
    if (c != ' ') {
      blank = false;
    }
  }
  if (blank) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{} must not be empty", field),
                std::string(field));
  }
  if (static_cast<std::size_t>(length) > max_length) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} is longer than {} characters", field, max_length),
                std::string(field));
  }
  return Ok();
}

Status ValidateProse(std::string_view text, std::string_view field, std::size_t max_length) {
  const long length = CountUtf8(text);
  if (length < 0) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{} is not valid UTF-8", field),
                std::string(field));
  }
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\n' && c != '\r' && c != '\t') || byte == 0x7F) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} must not contain control characters", field), std::string(field));
    }
  }
  if (static_cast<std::size_t>(length) > max_length) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} is longer than {} characters", field, max_length),
                std::string(field));
  }
  return Ok();
}

Status ValidateUsername(std::string_view username, std::string_view field) {
  const auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  };
  bool ok = username.size() >= 3 && username.size() <= 64 && allowed(username.front()) &&
            username.front() != '.' && username.front() != '_' && username.front() != '-';
  for (char c : username) {
    ok = ok && allowed(c);
  }
  if (!ok) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} must be 3 to 64 characters of a-z, 0-9, '.', '_' or '-', "
                            "starting with a letter or digit",
                            field),
                std::string(field));
  }
  return Ok();
}

Status ValidatePassword(std::string_view password, std::string_view field) {
  if (password.size() < 10 || password.size() > 256) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} must be 10 to 256 characters long", field), std::string(field));
  }
  return Ok();
}

Status ValidateCountry(std::string_view country, std::string_view field) {
  if (country.size() != 2 || country[0] < 'A' || country[0] > 'Z' || country[1] < 'A' ||
      country[1] > 'Z') {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} must be an ISO 3166-1 alpha-2 code such as SE", field),
                std::string(field));
  }
  return Ok();
}

}  // namespace covalue
