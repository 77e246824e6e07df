#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/community.h"

namespace covalue::app {

// Who is acting: an authenticated user and the memberships they hold.
struct Principal {
  Id user_id = 0;
  std::string username;
  std::vector<Membership> memberships;
};

// What every use case receives from its transport (HTTP, FHIR, CLI).
struct RequestContext {
  std::optional<Principal> principal;  // absent: not signed in
  std::string request_id;
  std::string client_address;  // for login throttling and logs; "cli" from the command line
};

// The principal of the command line: the operator holding the database file acts as the
// community's admin. Its audit records carry no user id.
inline Principal SystemPrincipal() {
  return Principal{0, "system", {Membership{Role::kAdmin, std::nullopt, std::nullopt}}};
}

}  // namespace covalue::app
