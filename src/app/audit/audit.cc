#include "app/audit/audit.h"

#include "store/audit_repository.h"

namespace covalue::app {

Result<Page<AuditRecord>> AuditTrail::List(const RequestContext& ctx, const PageRequest& page) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  const Subject subject{"audit", "", {}};
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kAuditRead, {}, subject));
  std::optional<std::vector<Id>> sites = std::vector<Id>{};
  for (const Membership& m : principal.memberships) {
    if (m.role == Role::kAdmin) {
      if (!m.site_id) {
        sites.reset();  // a community admin sees every record
        break;
      }
      sites->push_back(*m.site_id);
    }
  }
  COVALUE_RETURN_IF_ERROR(gate_.RecordRead(ctx, decision, Action::kAuditRead, {}, subject));
  return store::ReadValue<Page<AuditRecord>>(
      store_, [&](store::Repositories& r) { return r.Audit().List(page, sites); });
}

}  // namespace covalue::app
