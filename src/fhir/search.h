#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "domain/error.h"
#include "domain/page.h"
#include "fhir/fhir_json.h"
#include "fhir/json_elements.h"
#include "http/message.h"
#include "http/router.h"

// What every FHIR search and read answers with (https://hl7.org/fhir/R4/search.html,
// https://hl7.org/fhir/R4/http.html): paging, searchset Bundles with self and next links,
// reads and creates with their version headers, and search parameters the server does not know.
namespace covalue::fhir {

inline constexpr int kDefaultCount = 50;
inline constexpr int kMaxCount = 500;

// A non-negative whole number; kInvalidArgument naming field otherwise.
Result<std::int64_t> WholeNumber(const std::string& text, const std::string& field);

// "Patient/12" (or "12") → 12.
Result<Id> PatientReference(const std::string& reference, const std::string& field);

// _count and _cursor (the keyset position a next link carries).
Result<PageRequest> PageOf(const http::Request& request);

// The parameters of a search that the route does not support. FHIR's search rules
// (search.html#errors): with `Prefer: handling=strict` such a parameter is an error (400 naming
// it); by default (lenient) it is ignored, left out of the Bundle's self link and named in an
// OperationOutcome entry (Searchset::Ignoring). _count, _cursor and _format are always known.
Result<std::vector<std::string>> UnsupportedParameters(
    const http::Request& request, std::initializer_list<std::string_view> supported);

// The query string of a search as the server understood it: every parameter but ignored and
// _cursor, percent-encoded again.
std::string SearchQuery(const http::Request& request, const std::vector<std::string>& ignored);

// Adds to a searchset's entries the OperationOutcome naming the parameters ignored (none:
// nothing).
void AddIgnoredOutcome(nlohmann::json& entries, const std::vector<std::string>& ignored);

// One page of a search as a searchset Bundle (self and next links; an OperationOutcome entry
// naming the parameters ignored).
nlohmann::json SearchsetBundle(const http::Request& request, const std::string& type,
                               std::vector<nlohmann::json> resources, std::optional<Id> next,
                               const std::vector<std::string>& ignored);

template <typename T, typename ToJson>
http::Response Bundle(const http::Request& request, const std::string& type, const Page<T>& page,
                      ToJson to_json, const std::vector<std::string>& ignored) {
  std::vector<nlohmann::json> resources;
  resources.reserve(page.items.size());
  for (const T& item : page.items) {
    resources.push_back(to_json(item));
  }
  return FhirJson(200, SearchsetBundle(request, type, std::move(resources), page.next, ignored));
}

// 201 with Location (the new version's URL) and ETag; 200 with ETag for a read.
http::Response Created(const http::Request& request, const std::string& type,
                       const nlohmann::json& body);
http::Response Read(const nlohmann::json& body);

// Adds the read GET /fhir/r4/{type}/{id} and its vread .../_history/{vid} for a resource of
// which only the current version is kept: the vread of its meta.versionId answers the resource,
// of another version kNotFound saying which is current.
void AddReads(http::Router& router, const std::string& type, const std::string& summary,
              std::function<Result<nlohmann::json>(http::RouteContext&)> read);

// A query parameter's name or value percent-encoded for a link (RFC 3986's unreserved
// characters and ":/," kept; '+', '&', '=' and ' ' encoded).
std::string EncodeQueryPart(std::string_view text);

}  // namespace covalue::fhir
