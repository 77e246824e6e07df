#include <fmt/format.h>

#include "app/audit/audit.h"
#include "domain/dates.h"
#include "formats/csv_file.h"
#include "http/api/api_routes.h"

namespace covalue::http::api {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;
// The most records one CSV file holds; a wider filter is refused, never cut short.
constexpr std::size_t kMaxExport = 100'000;

// from and to: a day (YYYY-MM-DD, UTC; to includes the whole day) or a FHIR dateTime.
Result<std::optional<std::int64_t>> QueryTime(const Request& request, const std::string& name,
                                              bool end_of_day) {
  const std::string* text = request.Query(name);
  if (text == nullptr || text->empty()) {
    return std::optional<std::int64_t>{};
  }
  if (auto day = ParseDateMs(*text)) {
    return std::optional(end_of_day ? *day + kDayMs : *day);
  }
  if (text->find('T') != std::string::npos) {
    if (auto at = ParseDateTimeMs(*text)) {
      return std::optional(end_of_day ? *at + 1 : *at);
    }
  }
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("{} must be a day (YYYY-MM-DD) or a dateTime with its zone", name), name);
}

// The filters of the audit page and its CSV file: user_id, person_id, action (a name, or a
// family ending in '.'), from, to, order (newest, the default, or oldest).
Result<store::AuditQuery> ReadFilter(const Request& request) {
  store::AuditQuery filter;
  COVALUE_ASSIGN_OR_RETURN(filter.user_id, QueryId(request, "user_id"));
  COVALUE_ASSIGN_OR_RETURN(filter.person_id, QueryId(request, "person_id"));
  if (const std::string* action = request.Query("action")) {
    if (action->size() > 64) {
      return Fail(ErrorCode::kInvalidArgument, "action is at most 64 characters", "action");
    }
    filter.action = *action;
  }
  COVALUE_ASSIGN_OR_RETURN(filter.from_ms, QueryTime(request, "from", false));
  COVALUE_ASSIGN_OR_RETURN(filter.to_ms, QueryTime(request, "to", true));
  if (filter.from_ms && filter.to_ms && *filter.from_ms >= *filter.to_ms) {
    return Fail(ErrorCode::kInvalidArgument, "from must come before to", "from");
  }
  if (const std::string* order = request.Query("order")) {
    if (*order != "newest" && *order != "oldest") {
      return Fail(ErrorCode::kInvalidArgument, "order must be newest or oldest", "order");
    }
    filter.newest_first = *order == "newest";
  }
  return filter;
}

// An instant as ISO 8601 in UTC with milliseconds.
std::string Instant(std::int64_t ms) {
  const std::int64_t in_day = ((ms % kDayMs) + kDayMs) % kDayMs;
  return fmt::format("{}T{:02}:{:02}:{:02}.{:03}Z", FormatDate(ms), in_day / 3'600'000,
                     in_day / 60'000 % 60, in_day / 1000 % 60, in_day % 1000);
}

std::string Optional(const std::optional<Id>& id) { return id ? std::to_string(*id) : ""; }

std::string AuditCsv(const std::vector<app::AuditTrail::Entry>& entries) {
  using formats::CsvCells;
  std::string out = formats::CsvRow({"seq", "time", "user_id", "username", "role", "action",
                                     "resource_type", "resource_id", "person_id", "person_ids",
                                     "site_id", "outcome", "client_address", "request_id", "hash"});
  for (const auto& [r, username] : entries) {
    std::string persons;
    for (Id id : r.person_ids) {
      persons += (persons.empty() ? "" : " ") + std::to_string(id);
    }
    out += formats::CsvRow(
        {std::to_string(r.seq), Instant(r.time_ms), Optional(r.user_id), username, r.role, r.action,
         r.resource_type, r.resource_id, Optional(r.person_id), persons, Optional(r.site_id),
         std::string(AuditOutcomeName(r.outcome)), r.client_address, r.request_id, r.hash},
        CsvCells::kSpreadsheetSafe);
  }
  return out;
}

}  // namespace

void AddAuditRoutes(Router& router, app::AuditTrail& audit) {
  router.Add({"GET", "/api/v1/audit",
              "Page through the audit trail, newest first (admins: their sites'; user_id, "
              "person_id, action or an action family ending in '.', from, to, order)",
              Access::kSignedIn,
              [&audit](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto page, ReadPage(r.request));
                COVALUE_ASSIGN_OR_RETURN(auto filter, ReadFilter(r.request));
                COVALUE_ASSIGN_OR_RETURN(auto records, audit.List(r.ctx, page, filter));
                return Json(200, PageJson(records));
              },
              0});
  router.Add({"GET", "/api/v1/audit/export",
              "The audit trail's records of the same filters as a CSV file, spreadsheet-safe "
              "(admins; at most 100000 records)",
              Access::kSignedIn,
              [&audit](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto filter, ReadFilter(r.request));
                COVALUE_ASSIGN_OR_RETURN(auto entries, audit.Export(r.ctx, filter, kMaxExport));
                Response response =
                    Document("text/csv; charset=utf-8", AuditCsv(entries), "audit-trail.csv");
                response.SetHeader("Cache-Control", "no-store");
                return response;
              },
              0});
}

}  // namespace covalue::http::api
