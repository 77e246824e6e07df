#include "app/alerts/alerts.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "domain/validation.h"
#include "store/alert_repository.h"
#include "store/site_repository.h"
#include "store/user_repository.h"

namespace covalue::app {
namespace {

// The sites where the principal may take action (a site-held role decides: no community-wide
// role reaches a site's records).
std::vector<Id> SitesFor(const Principal& principal, Action action) {
  std::set<Id> sites;
  for (const Membership& m : principal.memberships) {
    if (m.site_id && Authorize(principal, action, {m.site_id, {}, {}, {}, {}}).allowed) {
      sites.insert(*m.site_id);
    }
  }
  return {sites.begin(), sites.end()};
}

std::vector<std::pair<Id, Id>> PersonsOf(const std::vector<Alert>& alerts) {
  std::vector<std::pair<Id, Id>> out;
  out.reserve(alerts.size());
  for (const Alert& a : alerts) {
    out.emplace_back(a.site_id, a.patient_id);
  }
  return out;
}

}  // namespace

Result<std::map<std::string, std::string>> Alerts::CrisisContacts(Id site_id) {
  COVALUE_ASSIGN_OR_RETURN(SiteSettings settings,
                           store::ReadValue<SiteSettings>(store_, [&](store::Repositories& r) {
                             return r.Alerts().Settings(site_id);
                           }));
  return settings.crisis_contacts.empty() ? DefaultCrisisContacts() : settings.crisis_contacts;
}

Result<Page<Alert>> Alerts::List(const RequestContext& ctx, const AlertFilter& filter,
                                 const PageRequest& page) {
  store::AlertQuery query{std::nullopt, filter.patient_id, filter.open};
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  if (query.patient_id) {
    // One patient's: their record's readers.
    COVALUE_ASSIGN_OR_RETURN(auto access,
                             gate_.AccessPatient(ctx, *query.patient_id, Action::kPatientRead,
                                                 Subject{"alert", "", {}}));
    COVALUE_ASSIGN_OR_RETURN(auto alerts,
                             store::ReadValue<Page<Alert>>(store_, [&](store::Repositories& r) {
                               return r.Alerts().List(query, page);
                             }));
    COVALUE_RETURN_IF_ERROR(
        gate_.RecordRead(ctx, access.second, Action::kPatientRead,
                         {access.first.site_id, {}, access.first.user_id, {}, {}},
                         {"alert", "list", access.first.id}));
    return alerts;
  }
  // The worklist: every site where the caller cares for patients.
  query.sites = SitesFor(principal, Action::kAlertList);
  COVALUE_ASSIGN_OR_RETURN(
      Decision decision,
      gate_.Permit(ctx, principal, Action::kAlertList,
                   {query.sites->empty() ? std::nullopt : std::optional(query.sites->front()),
                    {},
                    {},
                    {},
                    {}},
                   {"alert", "", {}}));
  COVALUE_ASSIGN_OR_RETURN(auto alerts,
                           store::ReadValue<Page<Alert>>(store_, [&](store::Repositories& r) {
                             return r.Alerts().List(query, page);
                           }));
  COVALUE_RETURN_IF_ERROR(
      gate_.RecordBulkRead(ctx, decision, Action::kAlertList, "alert", PersonsOf(alerts.items)));
  return alerts;
}

Result<Alert> Alerts::Get(const RequestContext& ctx, Id id) {
  auto alert =
      store::ReadValue<Alert>(store_, [&](store::Repositories& r) { return r.Alerts().Get(id); });
  if (!alert && alert.error().code != ErrorCode::kNotFound) {
    return Fail(alert.error());
  }
  COVALUE_RETURN_IF_ERROR(
      gate_.ReadPatientRecord(ctx, alert ? alert->patient_id : 0, "alert", std::to_string(id)));
  return alert;
}

Result<Alert> Alerts::Acknowledge(const RequestContext& ctx, Id id, const std::string& note) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_RETURN_IF_ERROR(ValidateText(note, "/note", 2000));
  auto alert =
      store::ReadValue<Alert>(store_, [&](store::Repositories& r) { return r.Alerts().Get(id); });
  if (!alert && alert.error().code != ErrorCode::kNotFound) {
    return Fail(alert.error());
  }
  // An unknown alert names no site: refused like another site's.
  const Target target{alert ? std::optional(alert->site_id) : std::nullopt, {}, {}, {}, {}};
  const Subject subject{"alert", std::to_string(id),
                        alert ? std::optional(alert->patient_id) : std::nullopt};
  COVALUE_ASSIGN_OR_RETURN(
      Decision decision, gate_.Permit(ctx, principal, Action::kAlertAcknowledge, target, subject));
  const std::int64_t now = gate_.NowMs();
  COVALUE_RETURN_IF_ERROR(store_.Write([&](store::Repositories& repos) -> Status {
    COVALUE_RETURN_IF_ERROR(repos.Alerts().Acknowledge(id, principal.user_id, note, now));
    return gate_.AppendAudit(repos, ctx, decision, Action::kAlertAcknowledge, target, subject,
                             AuditOutcome::kAllowed);
  }));
  return store::ReadValue<Alert>(store_,
                                 [&](store::Repositories& r) { return r.Alerts().Get(id); });
}

Result<std::vector<OverdueAlert>> Alerts::Overdue(const RequestContext& ctx) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  const std::vector<Id> sites = SitesFor(principal, Action::kAlertOverdueList);
  COVALUE_ASSIGN_OR_RETURN(
      Decision decision,
      gate_.Permit(ctx, principal, Action::kAlertOverdueList,
                   {sites.empty() ? std::nullopt : std::optional(sites.front()), {}, {}, {}, {}},
                   {"alert", "overdue", {}}));
  const std::int64_t now = gate_.NowMs();
  std::vector<OverdueAlert> overdue;
  COVALUE_RETURN_IF_ERROR(store_.Read([&](store::Repositories& r) -> Status {
    for (Id site : sites) {
      COVALUE_ASSIGN_OR_RETURN(SiteSettings settings, r.Alerts().Settings(site));
      PageRequest page{0, PageRequest::kMaxLimit};
      for (;;) {
        COVALUE_ASSIGN_OR_RETURN(auto open,
                                 r.Alerts().List({std::vector<Id>{site}, {}, true}, page));
        for (Alert& a : open.items) {
          const std::int64_t due = AddWorkingDays(a.created_ms, settings.alert_working_days);
          if (due <= now) {
            overdue.push_back({std::move(a), due});
          }
        }
        if (!open.next) {
          break;
        }
        page.after = *open.next;
      }
    }
    return Ok();
  }));
  std::sort(overdue.begin(), overdue.end(),
            [](const OverdueAlert& a, const OverdueAlert& b) { return a.due_ms < b.due_ms; });
  std::vector<Alert> read;
  for (const OverdueAlert& o : overdue) {
    read.push_back(o.alert);
  }
  COVALUE_RETURN_IF_ERROR(
      gate_.RecordBulkRead(ctx, decision, Action::kAlertOverdueList, "alert", PersonsOf(read)));
  return overdue;
}

Result<SiteSettings> Alerts::GetSiteSettings(const RequestContext& ctx, Id site_id) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_RETURN_IF_ERROR(gate_.Permit(ctx, principal, Action::kSiteSettingsWrite,
                                       {site_id, {}, {}, {}, {}},
                                       {"site-settings", std::to_string(site_id), {}}));
  COVALUE_ASSIGN_OR_RETURN(SiteSettings settings,
                           store::ReadValue<SiteSettings>(store_, [&](store::Repositories& r) {
                             return r.Alerts().Settings(site_id);
                           }));
  if (settings.crisis_contacts.empty()) {
    settings.crisis_contacts = DefaultCrisisContacts();
  }
  return settings;
}

Result<SiteSettings> Alerts::SetSiteSettings(const RequestContext& ctx,
                                             const SiteSettings& settings) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  const Target target{settings.site_id, {}, {}, {}, {}};
  const Subject subject{"site-settings", std::to_string(settings.site_id), {}};
  COVALUE_ASSIGN_OR_RETURN(
      Decision decision, gate_.Permit(ctx, principal, Action::kSiteSettingsWrite, target, subject));
  COVALUE_RETURN_IF_ERROR(ValidateSiteSettings(settings));
  const store::GrantedBy by = gate_.GrantedByOf(principal);
  COVALUE_RETURN_IF_ERROR(store_.Write([&](store::Repositories& repos) -> Status {
    COVALUE_RETURN_IF_ERROR(repos.Sites().Get(settings.site_id));
    COVALUE_RETURN_IF_ERROR(repos.Alerts().SetSettings(settings, by.user_id, by.at_ms));
    return gate_.AppendAudit(repos, ctx, decision, Action::kSiteSettingsWrite, target, subject,
                             AuditOutcome::kAllowed);
  }));
  return GetSiteSettings(ctx, settings.site_id);
}

}  // namespace covalue::app
