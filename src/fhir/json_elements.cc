#include "fhir/json_elements.h"

#include <cctype>
#include <charconv>

#include <fmt/format.h>

namespace covalue::fhir {
namespace {

using nlohmann::json;

constexpr const char* kOrdinalValue = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
constexpr const char* kItemWeight = "http://hl7.org/fhir/StructureDefinition/itemWeight";

}  // namespace

std::string Member(const std::string& path, const std::string& name) {
  return path.empty() ? name : path + "." + name;
}

Error Invalid(const std::string& path, const std::string& message) {
  return Error{ErrorCode::kInvalidArgument, fmt::format("{}: {}", path, message), path};
}

std::vector<const json*> Extensions(const json& element, std::string_view url) {
  std::vector<const json*> out;
  const auto found = element.find("extension");
  if (found == element.end() || !found->is_array()) {
    return out;
  }
  for (const json& extension : *found) {
    if (extension.is_object() && extension.value("url", "") == url) {
      out.push_back(&extension);
    }
  }
  return out;
}

Result<std::optional<double>> Number(const json& element, const std::string& name,
                                     const std::string& path, std::vector<Issue>& warnings) {
  const auto found = element.find(name);
  if (found == element.end()) {
    return std::nullopt;
  }
  if (found->is_number()) {
    return found->get<double>();
  }
  if (found->is_string()) {
    const std::string& text = found->get_ref<const std::string&>();
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc() && end == text.data() + text.size()) {
      warnings.push_back({"warning", Member(path, name),
                          fmt::format("the number {} is written as a string", text)});
      return value;
    }
  }
  return Fail(Invalid(Member(path, name), "is not a number"));
}

Result<std::optional<double>> ScoreOf(const json& element, const std::string& path,
                                      std::vector<Issue>& warnings) {
  for (const char* url : {kItemWeight, kOrdinalValue}) {
    for (const json* extension : Extensions(element, url)) {
      for (const char* name : {"valueDecimal", "valueInteger"}) {
        COVALUE_ASSIGN_OR_RETURN(auto value,
                                 Number(*extension, name, path + ".extension", warnings));
        if (value) {
          return value;
        }
      }
    }
  }
  return std::nullopt;
}

Result<std::string> String(const json& element, const std::string& name, const std::string& path,
                           bool required) {
  const auto found = element.find(name);
  if (found == element.end()) {
    if (required) {
      return Fail(Invalid(path, fmt::format("{} is missing", name)));
    }
    return std::string();
  }
  if (!found->is_string()) {
    return Fail(Invalid(Member(path, name), "is not a string"));
  }
  return found->get<std::string>();
}

Result<bool> Bool(const json& element, const std::string& name, const std::string& path) {
  const auto found = element.find(name);
  if (found == element.end()) {
    return false;
  }
  if (!found->is_boolean()) {
    return Fail(Invalid(Member(path, name), "is not true or false"));
  }
  return found->get<bool>();
}

Result<json> Array(const json& element, const std::string& name, const std::string& path) {
  const auto found = element.find(name);
  if (found == element.end()) {
    return json::array();
  }
  if (!found->is_array()) {
    return Fail(Invalid(Member(path, name), "is not an array"));
  }
  for (std::size_t i = 0; i < found->size(); ++i) {
    if (!(*found)[i].is_object()) {
      return Fail(Invalid(fmt::format("{}[{}]", Member(path, name), i), "is not an object"));
    }
  }
  return *found;
}

Result<Coding> ReadCoding(const json& element, const std::string& path) {
  if (!element.is_object()) {
    return Fail(Invalid(path, "is not a Coding object"));
  }
  Coding coding;
  COVALUE_ASSIGN_OR_RETURN(coding.system, String(element, "system", path, false));
  COVALUE_ASSIGN_OR_RETURN(coding.code, String(element, "code", path, false));
  COVALUE_ASSIGN_OR_RETURN(coding.display, String(element, "display", path, false));
  return coding;
}

Result<std::vector<Coding>> ReadCodings(const json& element, const std::string& name,
                                        const std::string& path) {
  COVALUE_ASSIGN_OR_RETURN(json array, Array(element, name, path));
  std::vector<Coding> out;
  for (std::size_t i = 0; i < array.size(); ++i) {
    COVALUE_ASSIGN_OR_RETURN(Coding coding,
                             ReadCoding(array[i], fmt::format("{}.{}[{}]", path, name, i)));
    out.push_back(std::move(coding));
  }
  return out;
}

Result<std::optional<AnswerValue>> ReadValue(const json& element, const std::string& prefix,
                                             const std::string& path, std::vector<Issue>& warnings,
                                             std::string* unsupported) {
  using Kind = AnswerValue::Kind;
  static const std::pair<const char*, Kind> kKinds[] = {
      {"Boolean", Kind::kBoolean}, {"Decimal", Kind::kDecimal},   {"Integer", Kind::kInteger},
      {"Date", Kind::kDate},       {"DateTime", Kind::kDateTime}, {"Time", Kind::kTime},
      {"String", Kind::kString},   {"Coding", Kind::kCoding},
  };
  for (const auto& [suffix, kind] : kKinds) {
    const std::string name = prefix + suffix;
    const auto found = element.find(name);
    if (found == element.end()) {
      continue;
    }
    AnswerValue value;
    value.kind = kind;
    switch (kind) {
      case Kind::kBoolean: {
        COVALUE_ASSIGN_OR_RETURN(value.boolean, Bool(element, name, path));
        break;
      }
      case Kind::kDecimal:
      case Kind::kInteger: {
        COVALUE_ASSIGN_OR_RETURN(auto number, Number(element, name, path, warnings));
        value.number = *number;
        break;
      }
      case Kind::kCoding: {
        COVALUE_ASSIGN_OR_RETURN(value.coding, ReadCoding(*found, Member(path, name)));
        break;
      }
      default: {
        COVALUE_ASSIGN_OR_RETURN(value.text, String(element, name, path, true));
        break;
      }
    }
    return std::optional(value);
  }
  if (unsupported != nullptr) {
    for (const auto& [key, member] : element.items()) {
      if (key.rfind(prefix, 0) == 0 && key.size() > prefix.size() &&
          std::isupper(static_cast<unsigned char>(key[prefix.size()])) != 0) {
        *unsupported = key;
      }
    }
  }
  return std::optional<AnswerValue>();
}

}  // namespace covalue::fhir
