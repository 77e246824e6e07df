#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit_record.h"
#include "domain/error.h"
#include "domain/page.h"

namespace covalue::store {

// What a reader asks of the trail: every record or those of some sites, narrowed by who acted,
// whose data was touched, the action and the time; newest or oldest first.
struct AuditQuery {
  std::optional<std::vector<Id>> site_ids;  // nullopt: every record; {}: none
  std::optional<Id> user_id;                // the account that acted
  std::optional<Id> person_id;              // the record's person, or one of a bulk read's
  std::string action;                       // "": any; "patient.": a family; else exactly
  std::optional<std::int64_t> from_ms;      // time_ms >= from_ms
  std::optional<std::int64_t> to_ms;        // time_ms < to_ms
  bool newest_first = true;
};

// Computes a record's hash from the previous record's hash (app/kernel/audit_chain.h).
using AuditChainHash = std::function<std::string(const AuditRecord& record)>;

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Appends after the last record: sets seq and prev_hash, then hash = chain(record).
  // Serialised at the chain head: the last record is read locked for the rest of the write's
  // transaction (SQLite: its one writer), so concurrent appends form one chain.
  [[nodiscard]] virtual Result<AuditRecord> Append(AuditRecord record,
                                                   const AuditChainHash& chain) = 0;
  // The records the query matches, in seq order (descending when newest_first) past page.after
  // (a seq: after it, or before it when newest first; 0 starts at the end the order begins).
  [[nodiscard]] virtual Result<Page<AuditRecord>> List(const PageRequest& page,
                                                       const AuditQuery& query) = 0;
  // Calls visit for every record in seq order; stops early when visit returns false.
  [[nodiscard]] virtual Status Scan(const std::function<bool(const AuditRecord&)>& visit) = 0;
};

}  // namespace covalue::store
