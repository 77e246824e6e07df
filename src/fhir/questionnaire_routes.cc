#include "fhir/questionnaire_routes.h"

#include <charconv>

#include <fmt/format.h>

#include "app/questionnaires/questionnaires.h"
#include "fhir/fhir_json.h"
#include "fhir/prom_reader.h"
#include "fhir/questionnaire_file.h"
#include "fhir/search.h"
#include "fhir/workbook_resources.h"

namespace covalue::fhir {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxQuestionnaireBytes = std::size_t{4} * 1024 * 1024;
constexpr std::int64_t kDefaultCount = 50;
constexpr std::int64_t kMaxCount = 200;

// Where the questionnaires a reader sees come from: the guides' and the stored ones.
struct QuestionnaireServices {
  app::Questionnaires& questionnaires;
  app::Workbooks& workbooks;
};

// A stored version as the FHIR API shows it: the resource as imported, with its id and meta.
Result<json> ResourceOf(const QuestionnaireVersion& q) {
  COVALUE_ASSIGN_OR_RETURN(json resource, ParseResource(q.resource));
  resource["id"] = q.resource_id;
  resource["meta"]["versionId"] = std::to_string(q.version);
  resource["meta"]["lastUpdated"] = Instant(q.created_ms);
  return resource;
}

http::Response WithVersion(http::Response response, const std::string& version) {
  response.SetHeader("ETag", "W/\"" + version + "\"");
  return response;
}

Result<std::int64_t> QueryNumber(const http::Request& request, const std::string& name,
                                 std::int64_t fallback, std::int64_t max) {
  const std::string* text = request.Query(name);
  if (text == nullptr) {
    return fallback;
  }
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < 0 || value > max) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} is a whole number from 0 to {}", name, max), name);
  }
  return value;
}

// Every questionnaire visible to the caller: the guides, then the stored ones.
Result<std::vector<std::pair<std::string, json>>> Visible(const QuestionnaireServices& services,
                                                          const http::RouteContext& r) {
  std::vector<std::pair<std::string, json>> out;
  COVALUE_ASSIGN_OR_RETURN(auto guides, GuideQuestionnaires(services.workbooks, r.ctx));
  for (GuideQuestionnaire& guide : guides) {
    out.emplace_back(guide.id, std::move(guide.resource));
  }
  PageRequest page{0, 200};
  for (;;) {
    COVALUE_ASSIGN_OR_RETURN(auto stored, services.questionnaires.ListQuestionnaires(r.ctx, page));
    for (const QuestionnaireVersion& q : stored.items) {
      COVALUE_ASSIGN_OR_RETURN(json resource, ResourceOf(q));
      out.emplace_back(q.resource_id, std::move(resource));
    }
    if (!stored.next) {
      return out;
    }
    page.after = *stored.next;
  }
}

Result<http::Response> Search(const QuestionnaireServices& services, const http::RouteContext& r) {
  COVALUE_ASSIGN_OR_RETURN(auto ignored,
                           UnsupportedParameters(r.request, {"_id", "url", "name", "_offset"}));
  const std::string* id = r.request.Query("_id");
  const std::string* url = r.request.Query("url");
  const std::string* name = r.request.Query("name");
  COVALUE_ASSIGN_OR_RETURN(std::int64_t count,
                           QueryNumber(r.request, "_count", kDefaultCount, kMaxCount));
  COVALUE_ASSIGN_OR_RETURN(std::int64_t offset,
                           QueryNumber(r.request, "_offset", 0, std::int64_t{1} << 40));
  COVALUE_ASSIGN_OR_RETURN(auto visible, Visible(services, r));
  std::vector<std::pair<std::string, json>> matches;
  for (auto& [resource_id, resource] : visible) {
    const std::string resource_url = resource.value("url", "");
    const std::string resource_name = resource.value("name", "");
    if ((id != nullptr && *id != resource_id) ||
        (url != nullptr && *url != resource_url.substr(0, resource_url.find('|'))) ||
        (name != nullptr && *name != resource_name)) {
      continue;
    }
    matches.emplace_back(resource_id, std::move(resource));
  }
  const std::string base = BaseUrl(r.request);
  json entries = json::array();
  const auto first = static_cast<std::size_t>(offset);
  for (std::size_t i = first; i < matches.size() && i < first + static_cast<std::size_t>(count);
       ++i) {
    entries.push_back({{"fullUrl", base + "/Questionnaire/" + matches[i].first},
                       {"resource", std::move(matches[i].second)},
                       {"search", {{"mode", "match"}}}});
  }
  AddIgnoredOutcome(entries, ignored);
  std::string query;
  for (const auto& [key, value] :
       {std::pair{"_id", id}, std::pair{"url", url}, std::pair{"name", name}}) {
    if (value != nullptr) {
      query += fmt::format("{}={}&", key, EncodeQueryPart(*value));
    }
  }
  json links = json::array({{{"relation", "self"},
                             {"url", fmt::format("{}/Questionnaire?{}_count={}&_offset={}", base,
                                                 query, count, offset)}}});
  if (first + static_cast<std::size_t>(count) < matches.size()) {
    links.push_back({{"relation", "next"},
                     {"url", fmt::format("{}/Questionnaire?{}_count={}&_offset={}", base, query,
                                         count, offset + count)}});
  }
  return FhirJson(200, {{"resourceType", "Bundle"},
                        {"type", "searchset"},
                        {"total", matches.size()},
                        {"link", links},
                        {"entry", entries}});
}

// A create's body: a Questionnaire, imported as the next version of its name. Its warnings
// come back as an OperationOutcome when the client asks for one (Prefer: return=...).
Result<http::Response> Create(app::Questionnaires& questionnaires, const http::RouteContext& r) {
  COVALUE_ASSIGN_OR_RETURN(json resource, ParseResource(r.request.body));
  COVALUE_ASSIGN_OR_RETURN(ImportedQuestionnaire read, ReadQuestionnaire(resource));
  std::optional<Id> site;
  if (r.request.Query("site") != nullptr) {
    COVALUE_ASSIGN_OR_RETURN(site, QueryNumber(r.request, "site", 0, std::int64_t{1} << 53));
  }
  std::vector<app::QuestionnaireImport> imports;
  imports.push_back({std::move(read), r.request.body, "fhir"});
  COVALUE_ASSIGN_OR_RETURN(auto imported,
                           questionnaires.ImportQuestionnaires(r.ctx, std::move(imports), site));
  const app::ImportedVersion& q = imported.front();
  const std::string location = fmt::format("{}/Questionnaire/{}/_history/{}", BaseUrl(r.request),
                                           q.stored.resource_id, q.stored.version);
  http::Response response;
  if (r.request.Header("prefer").find("return=OperationOutcome") != std::string::npos) {
    json issues = json::array();
    for (const Issue& w : q.warnings) {
      json issue = {{"severity", "warning"}, {"code", "informational"}, {"diagnostics", w.message}};
      if (!w.location.empty()) {
        issue["expression"] = json::array({w.location});
      }
      issues.push_back(issue);
    }
    if (issues.empty()) {
      issues.push_back({{"severity", "information"},
                        {"code", "informational"},
                        {"diagnostics", "imported without warnings"}});
    }
    response = FhirJson(201, {{"resourceType", "OperationOutcome"}, {"issue", issues}});
  } else {
    COVALUE_ASSIGN_OR_RETURN(json stored, ResourceOf(q.stored));
    response = FhirJson(201, stored);
  }
  response.SetHeader("Location", location);
  return WithVersion(std::move(response), std::to_string(q.stored.version));
}

// A questionnaire file for the JSON API (the web's import): FHIR JSON, a REDCap data
// dictionary or an instrument zip, told apart by content, all or nothing; what was imported
// with its warnings.
Result<http::Response> ImportFile(app::Questionnaires& questionnaires,
                                  const http::RouteContext& r) {
  COVALUE_ASSIGN_OR_RETURN(auto imports, ReadQuestionnaireFile(r.request.body));
  std::optional<Id> site;
  if (r.request.Query("site_id") != nullptr) {
    COVALUE_ASSIGN_OR_RETURN(site, QueryNumber(r.request, "site_id", 1, std::int64_t{1} << 53));
  }
  COVALUE_ASSIGN_OR_RETURN(auto imported,
                           questionnaires.ImportQuestionnaires(r.ctx, std::move(imports), site));
  json out = json::array();
  for (const app::ImportedVersion& q : imported) {
    json warnings = json::array();
    for (const Issue& w : q.warnings) {
      warnings.push_back({{"location", w.location}, {"message", w.message}});
    }
    out.push_back({{"id", q.stored.resource_id},
                   {"version", q.stored.version},
                   {"name", q.stored.name},
                   {"title", q.stored.title},
                   {"site_id", q.stored.site_id ? json(*q.stored.site_id) : json(nullptr)},
                   {"warnings", warnings}});
  }
  return http::JsonResponse(201, json{{"imported", out}}.dump());
}

// A read (vid absent) or vread. A guide carries its version (1.0.0) as meta.versionId and keeps
// only that one; a stored questionnaire keeps every version (1, 2, …).
Result<http::Response> Read(const QuestionnaireServices& services, const http::RouteContext& r,
                            const std::string* vid) {
  const std::string& id = r.params.at("id");
  // Only the guide asked for is mapped to FHIR.
  if (auto guide = FindGuideQuestionnaire(services.workbooks, r.ctx, id)) {
    if (vid != nullptr && *vid != guide->version) {
      return Fail(
          ErrorCode::kNotFound,
          fmt::format("Questionnaire/{} keeps only its current version ({})", id, guide->version),
          "vid");
    }
    return WithVersion(FhirJson(200, guide->resource), guide->version);
  }
  std::optional<std::int64_t> version;
  if (vid != nullptr) {
    COVALUE_ASSIGN_OR_RETURN(version, WholeNumber(*vid, "vid"));
  }
  COVALUE_ASSIGN_OR_RETURN(QuestionnaireVersion q,
                           services.questionnaires.GetQuestionnaire(r.ctx, id, version));
  COVALUE_ASSIGN_OR_RETURN(json resource, ResourceOf(q));
  return WithVersion(FhirJson(200, resource), std::to_string(q.version));
}

}  // namespace

void AddQuestionnaireRoutes(http::Router& router, app::Questionnaires& questionnaires,
                            app::Workbooks& workbooks) {
  const QuestionnaireServices services{questionnaires, workbooks};
  router.Add({"GET", "/fhir/r4/Questionnaire/{id}",
              "FHIR R4 read of a Questionnaire (a guide's, or a questionnaire's latest version)",
              http::Access::kSignedIn,
              [services](http::RouteContext& r) { return Read(services, r, nullptr); }, 0});
  router.Add({"GET", "/fhir/r4/Questionnaire/{id}/_history/{vid}",
              "FHIR R4 vread of one version of a Questionnaire", http::Access::kSignedIn,
              [services](http::RouteContext& r) { return Read(services, r, &r.params.at("vid")); },
              0});
  router.Add({"GET", "/fhir/r4/Questionnaire",
              "FHIR R4 search of Questionnaires (_id, url, name; _count, _offset)",
              http::Access::kSignedIn,
              [services](http::RouteContext& r) { return Search(services, r); }, 0});
  http::Route import{
      "POST",
      "/api/v1/questionnaires/files",
      "Import a questionnaire file: FHIR JSON, a REDCap data dictionary (CSV) or "
      "instrument zip, all or nothing (admins; site_id: a site's own)",
      http::Access::kSignedIn,
      [&questionnaires](http::RouteContext& r) { return ImportFile(questionnaires, r); },
      kMaxQuestionnaireBytes};
  import.body_types = {"application/json", "application/fhir+json", "text/csv", "application/zip",
                       "application/octet-stream"};
  router.Add(std::move(import));
  router.Add({"POST", "/fhir/r4/Questionnaire",
              "FHIR R4 create: import a Questionnaire as the next version of its name (site)",
              http::Access::kSignedIn,
              [&questionnaires](http::RouteContext& r) { return Create(questionnaires, r); },
              kMaxQuestionnaireBytes});
}

}  // namespace covalue::fhir
