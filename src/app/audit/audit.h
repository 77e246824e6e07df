#pragma once

#include "app/kernel/context.h"
#include "app/kernel/gate.h"
#include "domain/audit_record.h"
#include "domain/error.h"
#include "domain/page.h"
#include "store/store.h"

namespace covalue::app {

// The audit trail as its readers see it. Every use case appends to it through the kernel's
// Gate; this service only reads it: a community admin sees every record, a site admin the
// records of their sites, nobody else any (403, the refusal itself audited). Each read of the
// trail is a record of its own. Verifying the chain is app/kernel/audit_chain.h.
class AuditTrail {
 public:
  AuditTrail(store::Store& store, Gate& gate) : store_(store), gate_(gate) {}
  AuditTrail(const AuditTrail&) = delete;
  AuditTrail& operator=(const AuditTrail&) = delete;

  // Oldest first, paged by sequence number.
  [[nodiscard]] Result<Page<AuditRecord>> List(const RequestContext& ctx, const PageRequest& page);

 private:
  store::Store& store_;
  Gate& gate_;
};

}  // namespace covalue::app
