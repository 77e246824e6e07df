#include "http/json/json_writer.h"

#include <charconv>
#include <cmath>
#include <iterator>

#include <fmt/format.h>

namespace covalue::http {

void JsonWriter::Separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) {
      out_.push_back(',');
    }
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::Open(char bracket) {
  Separate();
  out_.push_back(bracket);
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::Close(char bracket) {
  out_.push_back(bracket);
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::Key(std::string_view name) {
  String(name);
  out_.push_back(':');
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view text) {
  Separate();
  out_.push_back('"');
  // Plain runs are appended whole; only quotes, backslashes and control characters are escaped.
  std::size_t plain = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') {
      continue;
    }
    out_.append(text.substr(plain, i - plain));
    plain = i + 1;
    switch (c) {
      case '"':
        out_.append(std::string_view("\\\""));
        break;
      case '\\':
        out_.append(std::string_view("\\\\"));
        break;
      case '\n':
        out_.append(std::string_view("\\n"));
        break;
      case '\r':
        out_.append(std::string_view("\\r"));
        break;
      case '\t':
        out_.append(std::string_view("\\t"));
        break;
      default:
        fmt::format_to(std::back_inserter(out_), "\\u{:04x}", static_cast<unsigned>(c));
    }
  }
  out_.append(text.substr(plain));
  out_.push_back('"');
  return *this;
}

JsonWriter& JsonWriter::Number(double value) {
  if (!std::isfinite(value)) {
    return Null();
  }
  Separate();
  char digits[32];  // the longest double is 24 characters
  // The shortest form that reads back exactly; a whole number without a fraction ("33").
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
  // (pointer, length): the iterator-pair overload goes through a general replace.
  out_.append(digits, static_cast<std::size_t>(end - digits));
  return *this;
}

JsonWriter& JsonWriter::Int(std::int64_t value) {
  Separate();
  char digits[24];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
  out_.append(digits, static_cast<std::size_t>(end - digits));
  return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
  Separate();
  out_.append(std::string_view(value ? "true" : "false"));
  return *this;
}

JsonWriter& JsonWriter::Raw(std::string_view json_text) {
  Separate();
  out_.append(json_text);
  return *this;
}

JsonWriter& JsonWriter::Null() {
  Separate();
  out_.append(std::string_view("null"));
  return *this;
}

}  // namespace covalue::http
