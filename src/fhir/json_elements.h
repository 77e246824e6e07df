#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/error.h"
#include "domain/questionnaire.h"

namespace covalue::fhir {

// Reading the elements of FHIR JSON strictly, each error naming the element's path
// ("item[3].answerOption[1].valueCoding"). Shared by the readers of resources.

// The path of a member: "item[2].answerOption" under "item[2]", "item" at the top.
std::string Member(const std::string& path, const std::string& name);

Error Invalid(const std::string& path, const std::string& message);

// The extensions of an element with the given URL.
std::vector<const nlohmann::json*> Extensions(const nlohmann::json& element, std::string_view url);

// A number member, accepting one written as a string with a warning; nullopt when absent.
Result<std::optional<double>> Number(const nlohmann::json& element, const std::string& name,
                                     const std::string& path, std::vector<Issue>& warnings);

// The ordinal value an element carries, from the itemWeight or ordinalValue extension.
Result<std::optional<double>> ScoreOf(const nlohmann::json& element, const std::string& path,
                                      std::vector<Issue>& warnings);

// A string member ("" when absent and not required).
Result<std::string> String(const nlohmann::json& element, const std::string& name,
                           const std::string& path, bool required);

// A boolean member (false when absent).
Result<bool> Bool(const nlohmann::json& element, const std::string& name, const std::string& path);

// An array of objects; absent gives an empty array.
Result<nlohmann::json> Array(const nlohmann::json& element, const std::string& name,
                             const std::string& path);

Result<Coding> ReadCoding(const nlohmann::json& element, const std::string& path);
Result<std::vector<Coding>> ReadCodings(const nlohmann::json& element, const std::string& name,
                                        const std::string& path);

// A value[x] (prefix "value") or answer[x] (prefix "answer") of the kinds PROMs use; nullopt
// when the element has none, or one covalue does not read (named in `unsupported`).
Result<std::optional<AnswerValue>> ReadValue(const nlohmann::json& element,
                                             const std::string& prefix, const std::string& path,
                                             std::vector<Issue>& warnings,
                                             std::string* unsupported = nullptr);

}  // namespace covalue::fhir
