#include "app/kernel/gate.h"

#include <map>
#include <set>

#include <fmt/format.h>

#include "app/kernel/audit_chain.h"
#include "store/audit_repository.h"
#include "store/registry_repository.h"
#include "store/user_repository.h"

namespace covalue::app {

Target TargetOf(const Patient& p) { return Target{p.site_id, std::nullopt, p.user_id, {}}; }

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

Result<std::pair<Patient, Decision>> Gate::AccessPatient(const RequestContext& ctx, Id patient_id,
                                                         Action action,
                                                         const std::optional<Subject>& asked) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, Require(ctx));
  auto patient = store::ReadValue<Patient>(
      store_, [&](store::Repositories& r) { return r.Registry().GetPatient(patient_id); });
  if (!patient && patient.error().code != ErrorCode::kNotFound) {
    return Fail(patient.error());
  }
  // An unknown patient is refused as another site's would be (no site is named, so nobody is
  // allowed): ids cannot be probed.
  const Target target = patient ? TargetOf(*patient) : Target{};
  Subject subject = asked.value_or(Subject{"patient", std::to_string(patient_id), {}});
  subject.person_id = patient ? std::optional(patient_id) : std::nullopt;
  COVALUE_ASSIGN_OR_RETURN(Decision decision, Permit(ctx, principal, action, target, subject));
  return std::pair(std::move(*patient), decision);
}

Status Gate::RecordBulkRead(const RequestContext& ctx, const Decision& decision, Action action,
                            const std::string& resource_type,
                            const std::vector<std::pair<Id, Id>>& site_and_person) {
  std::map<Id, std::set<Id>> by_site;
  for (const auto& [site, person] : site_and_person) {
    by_site[site].insert(person);
  }
  if (by_site.empty()) {
    return Ok();
  }
  return store_.Write([&](store::Repositories& repos) -> Status {
    for (const auto& [site, persons] : by_site) {
      const Subject subject{resource_type, fmt::format("{} persons", persons.size()),
                            persons.size() == 1 ? std::optional(*persons.begin()) : std::nullopt,
                            std::vector<Id>(persons.begin(), persons.end())};
      COVALUE_RETURN_IF_ERROR(AppendAudit(repos, ctx, decision, action, {site, {}, {}, {}, {}},
                                          subject, AuditOutcome::kAllowed));
    }
    return Ok();
  });
}

Result<Patient> Gate::ReadPatientRecord(const RequestContext& ctx, Id patient_id,
                                        const std::string& resource_type,
                                        const std::string& resource_id) {
  const Subject subject{resource_type, resource_id, patient_id};
  COVALUE_ASSIGN_OR_RETURN(auto access,
                           AccessPatient(ctx, patient_id, Action::kPatientRead, subject));
  COVALUE_RETURN_IF_ERROR(
      RecordRead(ctx, access.second, Action::kPatientRead, TargetOf(access.first), subject));
  return std::move(access.first);
}

store::GrantedBy Gate::GrantedByOf(const Principal& principal) const {
  return store::GrantedBy{
      principal.user_id == 0 ? std::nullopt : std::optional<Id>(principal.user_id), NowMs()};
}

}  // namespace covalue::app
