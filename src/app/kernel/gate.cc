#include "app/kernel/gate.h"

#include <fmt/format.h>

#include "app/kernel/audit_chain.h"

namespace covalue::app {

Result<Principal> Gate::Require(const RequestContext& ctx) const {
  if (!ctx.principal) {
    return Fail(ErrorCode::kUnauthenticated, "sign in first");
  }
  return *ctx.principal;
}

Result<Decision> Gate::Permit(const RequestContext& ctx, const Principal& principal, Action action,
                              const Target& target, const Subject& subject) {
  Decision decision = Authorize(principal, action, target);
  if (decision.allowed) {
    return decision;
  }
  COVALUE_RETURN_IF_ERROR(store_.Write([&](store::Repositories& repos) {
    return AppendAudit(repos, ctx, decision, action, target, subject, AuditOutcome::kDenied);
  }));
  return Fail(
      ErrorCode::kPermissionDenied,
      fmt::format("{} may not {} {}", principal.username, ActionName(action),
                  subject.resource_id.empty() ? subject.resource_type
                                              : subject.resource_type + " " + subject.resource_id));
}

Status Gate::AppendAudit(store::Repositories& repos, const RequestContext& ctx,
                         const Decision& decision, Action action, const Target& target,
                         const Subject& subject, AuditOutcome outcome) const {
  AuditRecord record;
  record.time_ms = NowMs();
  if (ctx.principal && ctx.principal->user_id != 0) {
    record.user_id = ctx.principal->user_id;
  }
  record.role = decision.role;
  record.action = std::string(ActionName(action));
  record.resource_type = subject.resource_type;
  record.resource_id = subject.resource_id;
  record.person_id = subject.person_id;
  record.person_ids = subject.person_ids;
  record.site_id = target.site_id;
  record.outcome = outcome;
  record.request_id = ctx.request_id;
  record.client_address = ctx.client_address;
  COVALUE_RETURN_IF_ERROR(repos.Audit().Append(std::move(record), AuditChainHash));
  return Ok();
}

Status Gate::RecordRead(const RequestContext& ctx, const Decision& decision, Action action,
                        const Target& target, const Subject& subject) {
  return store_.Write([&](store::Repositories& repos) {
    return AppendAudit(repos, ctx, decision, action, target, subject, AuditOutcome::kAllowed);
  });
}

}  // namespace covalue::app
