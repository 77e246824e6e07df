#pragma once

#include <optional>
#include <string>

#include "domain/audit_record.h"
#include "domain/error.h"
#include "store/audit_repository.h"
#include "store/store.h"

namespace covalue::app {

// BLAKE2b-256 over the previous record's hash and this record's fields, each length-prefixed so
// that no two different records serialize alike. Hex.
std::string AuditChainHash(const AuditRecord& record);

// The first record that breaks the chain, and why.
struct AuditBreak {
  std::int64_t seq = 0;  // the record at fault; for a missing record, the one after the gap
  std::string reason;
};

struct AuditVerification {
  std::int64_t records = 0;          // how many records were read
  std::optional<AuditBreak> broken;  // absent when the trail is intact
};

// Walks the whole trail: sequence numbers must run 1, 2, 3 …; each prev_hash must equal the
// previous record's hash; each hash must match the record's content. Stops at the first break.
[[nodiscard]] Result<AuditVerification> VerifyAuditTrail(store::Store& store);

}  // namespace covalue::app
