#include "fhir/search.h"

#include <algorithm>
#include <charconv>

namespace covalue::fhir {
using nlohmann::json;

std::string EncodeQueryPart(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || c == '-' || c == '.' || c == '_' || c == '~' || c == ':' ||
        c == '/' || c == ',') {
      out += c;
    } else {
      out += fmt::format("%{:02X}", u);
    }
  }
  return out;
}

Result<std::int64_t> WholeNumber(const std::string& text, const std::string& field) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) {
    return Fail(Invalid(field, fmt::format("{} is a whole number, not '{}'", field, text)));
  }
  return value;
}

Result<Id> PatientReference(const std::string& reference, const std::string& field) {
  const std::string id = reference.rfind("Patient/", 0) == 0
                             ? reference.substr(std::string("Patient/").size())
                             : reference;
  return WholeNumber(id, field);
}

Result<PageRequest> PageOf(const http::Request& request) {
  PageRequest page{0, kDefaultCount};
  if (const std::string* count = request.Query("_count")) {
    COVALUE_ASSIGN_OR_RETURN(std::int64_t n, WholeNumber(*count, "_count"));
    if (n < 1 || n > kMaxCount) {
      return Fail(Invalid("_count", fmt::format("_count is from 1 to {}", kMaxCount)));
    }
    page.limit = static_cast<int>(n);
  }
  if (const std::string* cursor = request.Query("_cursor")) {
    COVALUE_ASSIGN_OR_RETURN(page.after, WholeNumber(*cursor, "_cursor"));
  }
  return page;
}

Result<std::vector<std::string>> UnsupportedParameters(
    const http::Request& request, std::initializer_list<std::string_view> supported) {
  const bool strict = request.Header("prefer").find("handling=strict") != std::string::npos;
  std::vector<std::string> ignored;
  for (const auto& [name, value] : request.query) {
    // A modifier (code:text) is a parameter covalue does not support either.
    const bool known = name == "_count" || name == "_cursor" || name == "_format" ||
                       std::find(supported.begin(), supported.end(), name) != supported.end();
    if (known) {
      continue;
    }
    if (strict) {
      return Fail(Invalid(name, fmt::format("the search parameter '{}' is not supported here "
                                            "(Prefer: handling=strict)",
                                            name)));
    }
    if (std::find(ignored.begin(), ignored.end(), name) == ignored.end()) {
      ignored.push_back(name);
    }
  }
  return ignored;
}

std::string SearchQuery(const http::Request& request, const std::vector<std::string>& ignored) {
  std::string query;
  for (const auto& [key, value] : request.query) {
    if (key == "_cursor" || std::find(ignored.begin(), ignored.end(), key) != ignored.end()) {
      continue;
    }
    query += fmt::format("{}{}={}", query.empty() ? "" : "&", EncodeQueryPart(key),
                         EncodeQueryPart(value));
  }
  return query;
}

void AddIgnoredOutcome(json& entries, const std::vector<std::string>& ignored) {
  if (ignored.empty()) {
    return;
  }
  json issues = json::array();
  for (const std::string& name : ignored) {
    issues.push_back(
        {{"severity", "warning"},
         {"code", "not-supported"},
         {"diagnostics", fmt::format("The search parameter '{}' is not supported here and was "
                                     "ignored",
                                     name)},
         {"expression", json::array({name})}});
  }
  entries.push_back({{"resource", {{"resourceType", "OperationOutcome"}, {"issue", issues}}},
                     {"search", {{"mode", "outcome"}}}});
}

json SearchsetBundle(const http::Request& request, const std::string& type,
                     std::vector<json> resources, std::optional<Id> next,
                     const std::vector<std::string>& ignored) {
  const std::string base = BaseUrl(request);
  const std::string query = SearchQuery(request, ignored);
  json entries = json::array();
  for (json& resource : resources) {
    const std::string url = fmt::format("{}/{}/{}", base, type, resource.value("id", ""));
    entries.push_back(
        {{"fullUrl", url}, {"resource", std::move(resource)}, {"search", {{"mode", "match"}}}});
  }
  AddIgnoredOutcome(entries, ignored);
  json links =
      json::array({{{"relation", "self"}, {"url", fmt::format("{}/{}?{}", base, type, query)}}});
  if (next) {
    links.push_back({{"relation", "next"},
                     {"url", fmt::format("{}/{}?{}{}_cursor={}", base, type, query,
                                         query.empty() ? "" : "&", *next)}});
  }
  return {{"resourceType", "Bundle"}, {"type", "searchset"}, {"link", links}, {"entry", entries}};
}

http::Response Created(const http::Request& request, const std::string& type, const json& body) {
  http::Response response = FhirJson(201, body);
  response.SetHeader(
      "Location", fmt::format("{}/{}/{}/_history/1", BaseUrl(request), type, body.value("id", "")));
  response.SetHeader("ETag", "W/\"1\"");
  return response;
}

http::Response Read(const json& body) {
  http::Response response = FhirJson(200, body);
  const std::string version = body.contains("meta") ? body["meta"].value("versionId", "1") : "1";
  response.SetHeader("ETag", fmt::format("W/\"{}\"", version));
  return response;
}

void AddReads(http::Router& router, const std::string& type, const std::string& summary,
              std::function<Result<json>(http::RouteContext&)> read) {
  const std::string path = "/fhir/r4/" + type + "/{id}";
  router.Add({"GET", path, summary, http::Access::kSignedIn,
              [read](http::RouteContext& r) -> Result<http::Response> {
                COVALUE_ASSIGN_OR_RETURN(json body, read(r));
                return Read(body);
              },
              0});
  router.Add({"GET", path + "/_history/{vid}", "FHIR R4 vread of the current version of a " + type,
              http::Access::kSignedIn,
              [read, type](http::RouteContext& r) -> Result<http::Response> {
                COVALUE_ASSIGN_OR_RETURN(json body, read(r));
                const std::string current =
                    body.contains("meta") ? body["meta"].value("versionId", "") : "";
                if (current.empty() || current != r.params.at("vid")) {
                  return Fail(
                      ErrorCode::kNotFound,
                      fmt::format("{}/{} keeps only its current version{}", type, r.params.at("id"),
                                  current.empty() ? "" : " (" + current + ")"),
                      "vid");
                }
                return Read(body);
              },
              0});
}

}  // namespace covalue::fhir
