#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit_record.h"
#include "domain/error.h"
#include "domain/page.h"

namespace covalue::store {

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
  // Records in seq order after page.after; all, or those of one set of sites.
  [[nodiscard]] virtual Result<Page<AuditRecord>> List(
      const PageRequest& page, const std::optional<std::vector<Id>>& site_ids) = 0;
  // Calls visit for every record in seq order; stops early when visit returns false.
  [[nodiscard]] virtual Status Scan(const std::function<bool(const AuditRecord&)>& visit) = 0;
};

}  // namespace covalue::store
