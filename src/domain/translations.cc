#include "domain/translations.h"

#include <fmt/format.h>

namespace covalue {
namespace {

bool Lower(char c) { return c >= 'a' && c <= 'z'; }
bool Alnum(char c) { return Lower(c) || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

}  // namespace

bool IsLanguageTag(std::string_view tag) {
  std::size_t i = 0;
  while (i < tag.size() && Lower(tag[i])) {
    ++i;
  }
  if (i < 2 || i > 3) {
    return false;
  }
  while (i < tag.size()) {
    if (tag[i] != '-') {
      return false;
    }
    const std::size_t start = ++i;
    while (i < tag.size() && Alnum(tag[i])) {
      ++i;
    }
    if (i - start < 1 || i - start > 8) {
      return false;
    }
  }
  return true;
}

Status ValidateTranslations(const Translations& translations, std::string_view field,
                            std::size_t max_bytes) {
  for (const auto& [tag, text] : translations) {
    const std::string where = fmt::format("{}/{}", field, tag);
    if (!IsLanguageTag(tag)) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("'{}' is not a language tag such as \"sv\" or \"en-GB\"", tag),
                  std::string(field));
    }
    if (text.empty() || text.size() > max_bytes) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("a translation has 1 to {} bytes", max_bytes), where);
    }
    if (text.find_first_of("\t\r\n") != std::string::npos) {
      return Fail(ErrorCode::kInvalidArgument, "a translation is one line", where);
    }
  }
  return Ok();
}

std::string EncodeTranslations(const Translations& translations) {
  std::string out;
  for (const auto& [tag, text] : translations) {
    out += tag;
    out += '\t';
    out += text;
    out += '\n';
  }
  return out;
}

Translations DecodeTranslations(std::string_view stored) {
  Translations out;
  while (!stored.empty()) {
    const std::size_t end = std::min(stored.find('\n'), stored.size());
    const std::string_view line = stored.substr(0, end);
    if (const std::size_t tab = line.find('\t'); tab != std::string_view::npos) {
      out.emplace(std::string(line.substr(0, tab)), std::string(line.substr(tab + 1)));
    }
    stored.remove_prefix(std::min(end + 1, stored.size()));
  }
  return out;
}

}  // namespace covalue
