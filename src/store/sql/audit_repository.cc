#include "store/audit_repository.h"

#include <charconv>
#include <string>

#include <fmt/format.h>

#include "store/sql/sql_repositories.h"

namespace covalue::store::sql {
namespace {

constexpr const char* kColumns =
    "SELECT seq, time_ms, user_id, role, action, resource_type, resource_id, person_id, site_id, "
    "outcome, request_id, prev_hash, hash, person_ids, client_address FROM audit_log ";

// person_ids is kept as ids joined by commas.
std::string JoinIds(const std::vector<Id>& ids) {
  std::string out;
  for (Id id : ids) {
    out += out.empty() ? "" : ",";
    out += std::to_string(id);
  }
  return out;
}

std::vector<Id> SplitIds(std::string_view text) {
  std::vector<Id> ids;
  while (!text.empty()) {
    const auto comma = text.find(',');
    Id id = 0;
    const std::string_view part = text.substr(0, comma);
    std::from_chars(part.data(), part.data() + part.size(), id);
    ids.push_back(id);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
  }
  return ids;
}

AuditOutcome ParseOutcome(const std::string& name) {
  if (name == AuditOutcomeName(AuditOutcome::kDenied)) {
    return AuditOutcome::kDenied;
  }
  if (name == AuditOutcomeName(AuditOutcome::kFailed)) {
    return AuditOutcome::kFailed;
  }
  return AuditOutcome::kAllowed;
}

AuditRecord ReadRecord(const Statement& row) {
  AuditRecord r;
  r.seq = row.Int(0);
  r.time_ms = row.Int(1);
  r.user_id = row.OptionalInt(2);
  r.role = row.Text(3);
  r.action = row.Text(4);
  r.resource_type = row.Text(5);
  r.resource_id = row.Text(6);
  r.person_id = row.OptionalInt(7);
  r.site_id = row.OptionalInt(8);
  r.outcome = ParseOutcome(row.Text(9));
  r.request_id = row.Text(10);
  r.prev_hash = row.Text(11);
  r.hash = row.Text(12);
  r.person_ids = SplitIds(row.TextView(13));
  r.client_address = row.Text(14);
  return r;
}

}  // namespace

Result<AuditRecord> SqlAuditRepository::Append(AuditRecord record, const AuditChainHash& chain) {
  // The serialisation point of the chain: the head row is read locked (Dialect::ForUpdate) and
  // moved in the transaction that appends after it, so no two appends, from any server, name
  // the same predecessor.
  COVALUE_ASSIGN_OR_RETURN(auto head,
                           db_.Prepare("SELECT seq, hash FROM audit_chain_head WHERE only = 1" +
                                       std::string(db_.dialect().ForUpdate())));
  COVALUE_ASSIGN_OR_RETURN(bool found, head.Step());
  if (!found) {
    return Fail(ErrorCode::kInternal, "the audit trail has no chain head");
  }
  record.seq = head.Int(0) + 1;
  record.prev_hash = head.Text(1);
  record.hash = chain(record);
  COVALUE_ASSIGN_OR_RETURN(
      auto move, db_.Prepare("UPDATE audit_chain_head SET seq = ?, hash = ? WHERE only = 1"));
  COVALUE_RETURN_IF_ERROR(move.Bind(record.seq).Bind(record.hash).Run());
  COVALUE_RETURN_IF_ERROR(db_.EnsureMonth("audit_log", record.time_ms));
  COVALUE_ASSIGN_OR_RETURN(
      auto insert,
      db_.Prepare("INSERT INTO audit_log (seq, time_ms, user_id, role, action, resource_type, "
                  "resource_id, person_id, site_id, outcome, request_id, prev_hash, hash, "
                  "person_ids, client_address) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  COVALUE_RETURN_IF_ERROR(insert.Bind(record.seq)
                              .Bind(record.time_ms)
                              .Bind(record.user_id)
                              .Bind(record.role)
                              .Bind(record.action)
                              .Bind(record.resource_type)
                              .Bind(record.resource_id)
                              .Bind(record.person_id)
                              .Bind(record.site_id)
                              .Bind(AuditOutcomeName(record.outcome))
                              .Bind(record.request_id)
                              .Bind(record.prev_hash)
                              .Bind(record.hash)
                              .Bind(JoinIds(record.person_ids))
                              .Bind(record.client_address)
                              .Run());
  return record;
}

Result<Page<AuditRecord>> SqlAuditRepository::List(const PageRequest& page,
                                                   const AuditQuery& query) {
  if (query.site_ids && query.site_ids->empty()) {
    return MakePage(std::vector<AuditRecord>{}, page.limit,
                    [](const AuditRecord& r) { return r.seq; });
  }
  // Conditions in a fixed order, their values bound in the same order.
  std::string where = "WHERE 1 = 1";
  if (page.after > 0) {
    where += query.newest_first ? " AND seq < ?" : " AND seq > ?";
  }
  if (query.site_ids) {
    where += " AND site_id IN (?";
    for (std::size_t i = 1; i < query.site_ids->size(); ++i) {
      where += ", ?";
    }
    where += ")";
  }
  if (query.user_id) {
    where += " AND user_id = ?";
  }
  if (query.person_id) {
    where += " AND (person_id = ? OR ',' || person_ids || ',' LIKE ?)";
  }
  if (!query.action.empty()) {
    where += query.action.back() == '.' ? " AND substr(action, 1, ?) = ?" : " AND action = ?";
  }
  if (query.from_ms) {
    where += " AND time_ms >= ?";
  }
  if (query.to_ms) {
    where += " AND time_ms < ?";
  }
  COVALUE_ASSIGN_OR_RETURN(auto statement,
                           db_.Prepare(fmt::format("{}{} ORDER BY seq {} LIMIT ?", kColumns, where,
                                                   query.newest_first ? "DESC" : "ASC")));
  if (page.after > 0) {
    statement.Bind(page.after);
  }
  if (query.site_ids) {
    for (Id site : *query.site_ids) {
      statement.Bind(site);
    }
  }
  if (query.user_id) {
    statement.Bind(*query.user_id);
  }
  if (query.person_id) {
    statement.Bind(*query.person_id).Bind(fmt::format("%,{},%", *query.person_id));
  }
  if (!query.action.empty()) {
    if (query.action.back() == '.') {
      statement.Bind(static_cast<std::int64_t>(query.action.size()));
    }
    statement.Bind(query.action);
  }
  if (query.from_ms) {
    statement.Bind(*query.from_ms);
  }
  if (query.to_ms) {
    statement.Bind(*query.to_ms);
  }
  statement.Bind(FetchLimit(page));
  COVALUE_ASSIGN_OR_RETURN(auto rows, CollectRows(statement, ReadRecord));
  return MakePage(std::move(rows), page.limit, [](const AuditRecord& r) { return r.seq; });
}

Status SqlAuditRepository::Scan(const std::function<bool(const AuditRecord&)>& visit) {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare(std::string(kColumns) + "ORDER BY seq"));
  for (;;) {
    COVALUE_ASSIGN_OR_RETURN(bool more, query.Step());
    if (!more || !visit(ReadRecord(query))) {
      return Ok();
    }
  }
}

}  // namespace covalue::store::sql
