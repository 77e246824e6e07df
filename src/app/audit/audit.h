#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "app/kernel/context.h"
#include "app/kernel/gate.h"
#include "domain/audit_record.h"
#include "domain/error.h"
#include "domain/page.h"
#include "store/audit_repository.h"
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

  // The records of filter (its site_ids are the reader's to see, never the caller's to choose),
  // paged by sequence number in filter's order.
  [[nodiscard]] Result<Page<AuditRecord>> List(const RequestContext& ctx, const PageRequest& page,
                                               store::AuditQuery filter = {});

  // Every record of filter for a file, with the username of each record's account ("" for none
  // or an account that is gone), at most max_records: more is kFailedPrecondition asking for a
  // narrower filter, so a file is never silently cut short.
  struct Entry {
    AuditRecord record;
    std::string username;
  };
  [[nodiscard]] Result<std::vector<Entry>> Export(const RequestContext& ctx,
                                                  store::AuditQuery filter,
                                                  std::size_t max_records);

 private:
  // Who may read the trail and which of it: filter's sites set to the reader's (every site for
  // the community's admins), the read recorded.
  [[nodiscard]] Status Authorise(const RequestContext& ctx, store::AuditQuery& filter);

  store::Store& store_;
  Gate& gate_;
};

}  // namespace covalue::app
