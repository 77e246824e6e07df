#include "http/json/json_body.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace covalue::http {
namespace {

struct TooDeep {};

// Line and column (1-based) of a byte offset, for parse errors people can find.
std::pair<std::size_t, std::size_t> LineColumn(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

Error WrongType(const std::string& pointer, std::string_view expected) {
  return {ErrorCode::kInvalidArgument, fmt::format("{} must be {}", pointer, expected), pointer};
}

}  // namespace

Result<nlohmann::json> ParseJsonObject(std::string_view body, int max_depth) {
  nlohmann::json parsed;
  // The member being read, by depth, to name the one whose number is out of range.
  std::vector<std::string> path;
  try {
    parsed = nlohmann::json::parse(
        body.begin(), body.end(),
        [max_depth, &path](int depth, nlohmann::json::parse_event_t event, nlohmann::json& value) {
          if (depth > max_depth) {
            throw TooDeep{};
          }
          if (event == nlohmann::json::parse_event_t::key && depth > 0) {
            path.resize(static_cast<std::size_t>(depth));
            path.back() = value.get<std::string>();
          }
          return true;
        });
  } catch (const nlohmann::json::out_of_range&) {
    // A number beyond a double ({"value": 1e999}) is the client's mistake, not ours.
    std::string pointer;
    for (const std::string& key : path) {
      pointer += "/" + key;
    }
    return Fail(
        ErrorCode::kInvalidArgument,
        fmt::format("{} is a number too large to read", pointer.empty() ? "a value" : pointer),
        pointer.empty() ? "body" : pointer);
  } catch (const TooDeep&) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("the JSON nests deeper than {} levels", max_depth), "body");
  } catch (const nlohmann::json::parse_error& e) {
    const auto [line, column] = LineColumn(body, e.byte > 0 ? e.byte - 1 : 0);
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("not valid JSON (line {}, column {})", line, column), "body");
  }
  if (!parsed.is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "not a JSON object", "body");
  }
  return parsed;
}

std::string ObjectReader::Pointer(const std::string& name) const {
  std::string pointer = pointer_ + "/";
  for (char c : name) {
    if (c == '~') {
      pointer += "~0";
    } else if (c == '/') {
      pointer += "~1";
    } else {
      pointer += c;
    }
  }
  return pointer;
}

const nlohmann::json* ObjectReader::Find(const std::string& name) {
  read_.push_back(name);
  auto found = object_.find(name);
  return found == object_.end() ? nullptr : &*found;
}

Result<std::string> ObjectReader::RequiredString(const std::string& name) {
  COVALUE_ASSIGN_OR_RETURN(auto value, OptionalString(name));
  if (!value) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{} is required", Pointer(name)),
                Pointer(name));
  }
  return *value;
}

Result<std::optional<std::string>> ObjectReader::OptionalString(const std::string& name) {
  const nlohmann::json* value = Find(name);
  if (value == nullptr || value->is_null()) {
    return std::optional<std::string>{};
  }
  if (!value->is_string()) {
    return Fail(WrongType(Pointer(name), "a string"));
  }
  return std::optional<std::string>(value->get<std::string>());
}

Result<std::int64_t> ObjectReader::RequiredInt(const std::string& name) {
  COVALUE_ASSIGN_OR_RETURN(auto value, OptionalInt(name));
  if (!value) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{} is required", Pointer(name)),
                Pointer(name));
  }
  return *value;
}

Result<std::optional<std::int64_t>> ObjectReader::OptionalInt(const std::string& name) {
  const nlohmann::json* value = Find(name);
  if (value == nullptr || value->is_null()) {
    return std::optional<std::int64_t>{};
  }
  if (!value->is_number_integer() ||
      (value->is_number_unsigned() &&
       value->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))) {
    return Fail(WrongType(Pointer(name), "an integer from -2^63 to 2^63-1"));
  }
  return std::optional<std::int64_t>(value->get<std::int64_t>());
}

Result<bool> ObjectReader::RequiredBool(const std::string& name) {
  const nlohmann::json* value = Find(name);
  if (value == nullptr || value->is_null()) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{} is required", Pointer(name)),
                Pointer(name));
  }
  if (!value->is_boolean()) {
    return Fail(WrongType(Pointer(name), "true or false"));
  }
  return value->get<bool>();
}

Result<std::optional<bool>> ObjectReader::OptionalBool(const std::string& name) {
  const nlohmann::json* value = Find(name);
  if (value == nullptr || value->is_null()) {
    return std::optional<bool>{};
  }
  if (!value->is_boolean()) {
    return Fail(WrongType(Pointer(name), "true or false"));
  }
  return std::optional<bool>(value->get<bool>());
}

Result<std::optional<double>> ObjectReader::OptionalNumber(const std::string& name) {
  const nlohmann::json* value = Find(name);
  if (value == nullptr || value->is_null()) {
    return std::optional<double>{};
  }
  if (!value->is_number() || !std::isfinite(value->get<double>())) {
    return Fail(WrongType(Pointer(name), "a finite number"));
  }
  return std::optional<double>(value->get<double>());
}

Result<nlohmann::json> ObjectReader::OptionalArray(const std::string& name) {
  const nlohmann::json* value = Find(name);
  if (value == nullptr || value->is_null()) {
    return nlohmann::json::array();
  }
  if (!value->is_array()) {
    return Fail(WrongType(Pointer(name), "an array"));
  }
  return *value;
}

Result<nlohmann::json> ObjectReader::RequiredObject(const std::string& name) {
  const nlohmann::json* value = Find(name);
  if (value == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{} is required", Pointer(name)),
                Pointer(name));
  }
  if (!value->is_object()) {
    return Fail(WrongType(Pointer(name), "an object"));
  }
  return *value;
}

Result<nlohmann::json> ObjectReader::RequiredValue(const std::string& name) {
  const nlohmann::json* value = Find(name);
  if (value == nullptr || value->is_null()) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{} is required", Pointer(name)),
                Pointer(name));
  }
  return *value;
}

Result<std::optional<Translations>> ObjectReader::OptionalTranslations(const std::string& name) {
  const nlohmann::json* value = Find(name);
  if (value == nullptr || value->is_null()) {
    return std::optional<Translations>();
  }
  if (!value->is_object()) {
    return Fail(WrongType(Pointer(name), "an object of texts by language tag"));
  }
  Translations out;
  const ObjectReader inner(*value, Pointer(name));
  for (const auto& [tag, text] : value->items()) {
    const std::string pointer = inner.Pointer(tag);
    if (!text.is_string()) {
      return Fail(WrongType(pointer, "a string"));
    }
    out.emplace(tag, text.get<std::string>());
  }
  return std::optional<Translations>(std::move(out));
}

Status ObjectReader::Finish() const {
  for (const auto& [name, value] : object_.items()) {
    if (std::find(read_.begin(), read_.end(), name) == read_.end()) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} is not a known member", Pointer(name)), Pointer(name));
    }
  }
  return Ok();
}

}  // namespace covalue::http
