#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/kernel/clock.h"
#include "app/kernel/context.h"
#include "app/kernel/policy.h"
#include "domain/audit_record.h"
#include "domain/error.h"
#include "domain/registry.h"
#include "store/store.h"
#include "store/user_repository.h"

namespace covalue::app {

// What a decision is about, for its audit record.
struct Subject {
  std::string resource_type;
  std::string resource_id;
  std::optional<Id> person_id;
  std::vector<Id> person_ids = {};  // a bulk read's persons
};

// A patient's record as the policy sees it: their site, and their account when they have one.
Target TargetOf(const Patient& patient);

// The steps every use case takes on its way in: who is acting (Require), whether the one policy
// function lets them (Permit), and the audit record of what was decided (AppendAudit inside the
// use case's own write, RecordRead for a read). Also the one clock the use cases read, so a
// test can set the time. Thread-safe; holds no state of its own but the clock's address.
class Gate {
 public:
  explicit Gate(store::Store& store) : store_(store) {}
  Gate(const Gate&) = delete;
  Gate& operator=(const Gate&) = delete;

  // The principal, or kUnauthenticated.
  Result<Principal> Require(const RequestContext& ctx) const;
  // Asks the policy; a denial is appended to the audit trail and returned as kPermissionDenied.
  Result<Decision> Permit(const RequestContext& ctx, const Principal& principal, Action action,
                          const Target& target, const Subject& subject);
  // Appends an audit record inside an open write (so the record and the write commit together).
  Status AppendAudit(store::Repositories& repos, const RequestContext& ctx,
                     const Decision& decision, Action action, const Target& target,
                     const Subject& subject, AuditOutcome outcome) const;
  // Appends an audit record of an allowed read in its own write.
  Status RecordRead(const RequestContext& ctx, const Decision& decision, Action action,
                    const Target& target, const Subject& subject);

  // The patient and the decision that lets ctx take action on their record (a denial audited).
  // An unknown patient is refused like another site's (403, audited), so ids cannot be probed.
  // asked: what the caller asked for, named in the refusal (Default: the patient).
  Result<std::pair<Patient, Decision>> AccessPatient(const RequestContext& ctx, Id patient_id,
                                                     Action action,
                                                     const std::optional<Subject>& asked = {});
  // A patient's record read by ctx for one of its resources: access checked, the read audited.
  Result<Patient> ReadPatientRecord(const RequestContext& ctx, Id patient_id,
                                    const std::string& resource_type,
                                    const std::string& resource_id);
  // Who acts and when, for what a write keeps of its author (the operator has no user id).
  store::GrantedBy GrantedByOf(const Principal& principal) const;
  // Records a bulk read (a list, a search) of the persons read, by (site, patient): one audit
  // record per site naming every person read there (none when nothing was read).
  Status RecordBulkRead(const RequestContext& ctx, const Decision& decision, Action action,
                        const std::string& resource_type,
                        const std::vector<std::pair<Id, Id>>& site_and_person);

  // Unix time in milliseconds on the use cases' clock.
  std::int64_t NowMs() const { return clock_->NowMs(); }
  // REQUIRES: clock outlives the Gate. Set before serving (not synchronised with readers).
  void SetClock(const Clock& clock) { clock_ = &clock; }
  const Clock& clock() const { return *clock_; }

 private:
  store::Store& store_;
  const Clock* clock_ = &SystemClock();
};

}  // namespace covalue::app
