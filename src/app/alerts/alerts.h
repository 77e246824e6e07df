#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/kernel/context.h"
#include "app/kernel/gate.h"
#include "domain/alert.h"
#include "domain/error.h"
#include "domain/page.h"
#include "store/store.h"

namespace covalue::app {

// Which alerts a listing holds; absent parts match every alert the caller may read.
struct AlertFilter {
  std::optional<Id> patient_id;
  std::optional<bool> open;  // true: open only; false: acknowledged only
};

// An open alert past its site's deadline, as the site's admins see it.
struct OverdueAlert {
  Alert alert;
  std::int64_t due_ms = 0;  // when it became overdue
};

// Clinical alerts: raised by a response (the registry stores them in the response's write);
// the worklist of a site's professionals, acknowledgement with a note, the overdue list of its
// admins, and the site settings they depend on (domain/alert.h). Alerts are part of the
// patient's record: the patient and their site's professionals and admins read them, never
// anyone outside the site. Unknown ids are refused like another site's (403, audited).
class Alerts {
 public:
  Alerts(store::Store& store, Gate& gate) : store_(store), gate_(gate) {}
  Alerts(const Alerts&) = delete;
  Alerts& operator=(const Alerts&) = delete;

  // With filter.patient_id: that patient's; without: the open alerts of every site where the
  // caller is a professional or admin (the worklist), newest first; each page is audited as a
  // read of the persons in it.
  [[nodiscard]] Result<Page<Alert>> List(const RequestContext& ctx, const AlertFilter& filter,
                                         const PageRequest& page);
  [[nodiscard]] Result<Alert> Get(const RequestContext& ctx, Id id);
  // A professional of the site, with a note (1–2000 characters); kConflict when it was
  // acknowledged already.
  [[nodiscard]] Result<Alert> Acknowledge(const RequestContext& ctx, Id id,
                                          const std::string& note);
  // The open alerts past their site's deadline (SiteSettings::alert_working_days) at the sites
  // the caller administers, oldest due first.
  [[nodiscard]] Result<std::vector<OverdueAlert>> Overdue(const RequestContext& ctx);
  // A site's settings (its admins): crisis contacts (DefaultCrisisContacts when it has none of
  // its own) and the alert deadline.
  [[nodiscard]] Result<SiteSettings> GetSiteSettings(const RequestContext& ctx, Id site_id);
  [[nodiscard]] Result<SiteSettings> SetSiteSettings(const RequestContext& ctx,
                                                     const SiteSettings& settings);

  // For other services: what a person at the site is told to do now (its own crisis contacts,
  // else DefaultCrisisContacts()), by language. No access check: the caller has made one.
  [[nodiscard]] Result<std::map<std::string, std::string>> CrisisContacts(Id site_id);

 private:
  store::Store& store_;
  Gate& gate_;
};

}  // namespace covalue::app
