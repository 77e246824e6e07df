#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/error.h"
#include "domain/translations.h"

namespace covalue::http {

// Most nesting a request body may have. Default for every JSON route.
inline constexpr int kMaxJsonDepth = 32;

// Parses a request body. kInvalidArgument (400) for malformed JSON (naming line and column),
// for nesting deeper than max_depth, and for a body that is not a JSON object.
[[nodiscard]] Result<nlohmann::json> ParseJsonObject(std::string_view body,
                                                     int max_depth = kMaxJsonDepth);

// Reads the members of one JSON object strictly: each member is read once with the type it
// must have, and Finish() refuses members nobody read. Errors name the member as a JSON
// pointer under `pointer` ("/memberships/0/role").
class ObjectReader {
 public:
  explicit ObjectReader(const nlohmann::json& object, std::string pointer = "")
      : object_(object), pointer_(std::move(pointer)) {}

  [[nodiscard]] Result<std::string> RequiredString(const std::string& name);
  [[nodiscard]] Result<std::optional<std::string>> OptionalString(const std::string& name);
  [[nodiscard]] Result<std::int64_t> RequiredInt(const std::string& name);
  [[nodiscard]] Result<std::optional<std::int64_t>> OptionalInt(const std::string& name);
  [[nodiscard]] Result<bool> RequiredBool(const std::string& name);
  [[nodiscard]] Result<std::optional<bool>> OptionalBool(const std::string& name);
  // A finite number (integer or not).
  [[nodiscard]] Result<std::optional<double>> OptionalNumber(const std::string& name);
  // An array member; absent gives an empty array.
  [[nodiscard]] Result<nlohmann::json> OptionalArray(const std::string& name);
  [[nodiscard]] Result<nlohmann::json> RequiredObject(const std::string& name);
  // A member of any type but null; the caller checks its shape.
  [[nodiscard]] Result<nlohmann::json> RequiredValue(const std::string& name);
  // An object of strings by language tag ({"sv": "Personer med MS"}); the tags and texts are
  // the use case's to check (domain/translations.h). null or absent: nullopt.
  [[nodiscard]] Result<std::optional<Translations>> OptionalTranslations(const std::string& name);

  // kInvalidArgument naming the first member that was not read.
  [[nodiscard]] Status Finish() const;

  // The JSON pointer of a member (RFC 6901: '~' is written ~0 and '/' ~1).
  std::string Pointer(const std::string& name) const;

 private:
  const nlohmann::json* Find(const std::string& name);

  const nlohmann::json& object_;
  std::string pointer_;
  std::vector<std::string> read_;
};

// Parses body as a JSON object and reads it with read(ObjectReader&) → Result<T>; members
// read did not ask for are refused after it succeeds.
template <typename Read>
auto ReadBody(std::string_view body, Read read) -> decltype(read(std::declval<ObjectReader&>())) {
  COVALUE_ASSIGN_OR_RETURN(auto json, ParseJsonObject(body));
  ObjectReader reader(json);
  auto value = read(reader);
  if (!value) {
    return value;
  }
  COVALUE_RETURN_IF_ERROR(reader.Finish());
  return value;
}

// Each member of an array of objects read by read (its reader finished after), at most most;
// kInvalidArgument naming the array for more than most, and the entry (pointer/i) for one that
// is not an object.
template <typename T, typename Read>
Result<std::vector<T>> ReadObjects(const nlohmann::json& array, const std::string& pointer, std::size_t most,
                                   const char* shape, Read read) {
  if (array.size() > most) {
    return Fail(ErrorCode::kInvalidArgument,
                pointer + " holds at most " + std::to_string(most) + " entries, not " +
                    std::to_string(array.size()),
                pointer);
  }
  std::vector<T> out;
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::string at = pointer + "/" + std::to_string(i);
    if (!array[i].is_object()) {
      return Fail(ErrorCode::kInvalidArgument, shape, at);
    }
    ObjectReader reader(array[i], at);
    COVALUE_ASSIGN_OR_RETURN(T value, read(reader));
    COVALUE_RETURN_IF_ERROR(reader.Finish());
    out.push_back(std::move(value));
  }
  return out;
}

// An optional member naming one of a closed set of words (parse: the words' parser, giving an
// optional); def when absent; kInvalidArgument naming the member and listing words otherwise.
template <typename Enum, typename Parse>
Result<Enum> ReadWord(ObjectReader& reader, const std::string& name, Enum def, Parse parse,
                      const char* words) {
  COVALUE_ASSIGN_OR_RETURN(auto text, reader.OptionalString(name));
  if (!text) return def;
  const std::optional<Enum> value = parse(*text);
  if (!value) {
    return Fail(ErrorCode::kInvalidArgument, name + " is one of " + words, reader.Pointer(name));
  }
  return *value;
}

}  // namespace covalue::http
