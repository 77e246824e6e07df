#include "app/audit/audit.h"

#include <map>

#include <fmt/format.h>

#include "store/user_repository.h"

namespace covalue::app {

Status AuditTrail::Authorise(const RequestContext& ctx, store::AuditQuery& filter) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  const Subject subject{"audit", "", {}};
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kAuditRead, {}, subject));
  filter.site_ids = std::vector<Id>{};
  for (const Membership& m : principal.memberships) {
    if (m.role == Role::kAdmin) {
      if (!m.site_id) {
        filter.site_ids.reset();  // a community admin sees every record
        break;
      }
      filter.site_ids->push_back(*m.site_id);
    }
  }
  return gate_.RecordRead(ctx, decision, Action::kAuditRead, {}, subject);
}

Result<Page<AuditRecord>> AuditTrail::List(const RequestContext& ctx, const PageRequest& page,
                                           store::AuditQuery filter) {
  COVALUE_RETURN_IF_ERROR(Authorise(ctx, filter));
  return store::ReadValue<Page<AuditRecord>>(
      store_, [&](store::Repositories& r) { return r.Audit().List(page, filter); });
}

Result<std::vector<AuditTrail::Entry>> AuditTrail::Export(const RequestContext& ctx,
                                                          store::AuditQuery filter,
                                                          std::size_t max_records) {
  COVALUE_RETURN_IF_ERROR(Authorise(ctx, filter));
  return store::ReadValue<std::vector<Entry>>(
      store_, [&](store::Repositories& r) -> Result<std::vector<Entry>> {
        std::vector<Entry> entries;
        std::map<Id, std::string> usernames;
        PageRequest page{0, PageRequest::kMaxLimit};
        for (;;) {
          COVALUE_ASSIGN_OR_RETURN(auto records, r.Audit().List(page, filter));
          for (AuditRecord& record : records.items) {
            if (entries.size() == max_records) {
              return Fail(ErrorCode::kInvalidArgument,
                          fmt::format("more than {} records match: narrow the dates or another "
                                      "filter",
                                      max_records),
                          "from");
            }
            std::string username;
            if (record.user_id) {
              auto [known, fresh] = usernames.try_emplace(*record.user_id);
              if (fresh) {
                auto user = r.Users().Get(*record.user_id);
                known->second = user ? user->username : "";
              }
              username = known->second;
            }
            entries.push_back({std::move(record), std::move(username)});
          }
          if (!records.next) {
            return entries;
          }
          page.after = entries.back().record.seq;
        }
      });
}

}  // namespace covalue::app
