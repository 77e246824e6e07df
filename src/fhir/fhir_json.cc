#include "fhir/fhir_json.h"

#include <cmath>
#include <ctime>

#include <fmt/format.h>

#include "fhir/operation_outcome.h"

namespace covalue::fhir {

namespace {

constexpr const char* kTranslation = "http://hl7.org/fhir/StructureDefinition/translation";

// Whole numbers as integers ("count": 35, "value": 12), never 35.0: JSON readers that type
// FHIR's integers strictly refuse a fraction, and a decimal's value is the same either way.
void WriteWholeNumbersAsIntegers(nlohmann::json& value) {
  constexpr double kExact = 9007199254740992.0;  // 2^53: every integer below is a double
  if (value.is_number_float()) {
    const double number = value.get<double>();
    if (std::isfinite(number) && std::floor(number) == number && std::fabs(number) < kExact) {
      value = static_cast<std::int64_t>(number);
    }
  } else if (value.is_structured()) {
    for (nlohmann::json& element : value) {
      WriteWholeNumbersAsIntegers(element);
    }
  }
}

}  // namespace

http::Response FhirJson(int status, nlohmann::json body) {
  WriteWholeNumbersAsIntegers(body);
  http::Response response;
  response.status = status;
  response.content_type = kFhirJson;
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

std::string BaseUrl(const http::Request& request) {
  return std::string(request.tls ? "https://" : "http://") + request.Header("host") + "/fhir/r4";
}

nlohmann::json TranslationElement(const Translations& translations) {
  if (translations.empty()) {
    return nullptr;
  }
  nlohmann::json extensions = nlohmann::json::array();
  for (const auto& [language, text] : translations) {
    extensions.push_back(
        {{"url", kTranslation},
         {"extension", nlohmann::json::array({{{"url", "lang"}, {"valueCode", language}},
                                              {{"url", "content"}, {"valueString", text}}})}});
  }
  return {{"extension", extensions}};
}

Translations TranslationsOf(const nlohmann::json& element) {
  Translations out;
  if (!element.is_object() || !element.contains("extension") || !element["extension"].is_array()) {
    return out;
  }
  for (const nlohmann::json& e : element["extension"]) {
    if (!e.is_object() || e.value("url", "") != kTranslation || !e.contains("extension") ||
        !e["extension"].is_array()) {
      continue;
    }
    std::string lang;
    std::string content;
    for (const nlohmann::json& part : e["extension"]) {
      if (!part.is_object()) {
        continue;
      }
      if (part.value("url", "") == "lang" && part.contains("valueCode") &&
          part["valueCode"].is_string()) {
        lang = part["valueCode"].get<std::string>();
      } else if (part.value("url", "") == "content" && part.contains("valueString") &&
                 part["valueString"].is_string()) {
        content = part["valueString"].get<std::string>();
      }
    }
    if (IsLanguageTag(lang) && !content.empty()) {
      out[lang] = content;
    }
  }
  return out;
}

std::string Instant(std::int64_t ms) {
  const auto seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1,
                     utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

}  // namespace covalue::fhir
