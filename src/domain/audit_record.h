#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/community.h"

namespace covalue {

enum class AuditOutcome { kAllowed, kDenied, kFailed };

std::string_view AuditOutcomeName(AuditOutcome outcome);

// One append-only entry of the audit trail. seq and the hashes are set by the store when the
// record is appended; hash = BLAKE2b(prev_hash, canonical fields) chains every record to the
// one before it (app/kernel/audit_chain.h).
struct AuditRecord {
  std::int64_t seq = 0;
  std::int64_t time_ms = 0;  // Unix time in milliseconds
  std::optional<Id> user_id;
  std::string role;           // the role the decision rested on, or "" when none did
  std::string action;         // a policy action name such as "team.read"
  std::string resource_type;  // "team", "user", …
  std::string resource_id;
  // Whose personal data was touched, where any: a user's id for account data, a patient's id
  // for registry data (resource_type "patient", "response" or "observation").
  std::optional<Id> person_id;
  std::optional<Id> site_id;  // the site the resource belongs to, where any
  // The persons of a bulk read (a patient list, a search): every patient whose data it returned.
  std::vector<Id> person_ids;
  std::string client_address;  // the request's client (IP address), "cli" from the command line
  AuditOutcome outcome = AuditOutcome::kAllowed;
  std::string request_id;
  std::string prev_hash;  // hex
  std::string hash;       // hex
};

}  // namespace covalue
