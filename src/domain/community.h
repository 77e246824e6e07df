#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/role.h"
#include "domain/translations.h"

namespace covalue {

using Id = std::int64_t;

// A health system in the community: the tenant boundary for identifiable data.
struct Site {
  Id id = 0;
  std::string name;
  std::string country;  // ISO 3166-1 alpha-2, upper case
};

// The group of people a site's team serves, such as people with MS.
struct Population {
  Id id = 0;
  Id site_id = 0;
  std::string name;
  std::string description;
  Translations names = {};         // the name in other languages
  Translations descriptions = {};  // the description in other languages (one line each)
};

// People improving care for one population.
struct Team {
  Id id = 0;
  Id site_id = 0;
  Id population_id = 0;
  std::string name;
  Translations names = {};  // the name in other languages
};

// One role a user holds. site_id is absent for community-wide roles; team_id is present for
// team roles (and then site_id is the team's site).
struct Membership {
  Role role = Role::kPatient;
  std::optional<Id> site_id;
  std::optional<Id> team_id;

  friend bool operator==(const Membership&, const Membership&) = default;
};

// An account. The password hash never leaves the store and auth code.
struct User {
  Id id = 0;
  std::string username;
  std::string display_name;
  std::vector<Membership> memberships;
  // When the account was deactivated: it no longer signs in, and its sessions and tokens are
  // gone. Absent while active.
  std::optional<std::int64_t> deactivated_ms = std::nullopt;
};

// A bearer token as its owner sees it (never its secret).
struct ApiToken {
  Id id = 0;
  Id user_id = 0;
  std::string name;
  std::int64_t created_ms = 0;
  std::int64_t expires_ms = 0;
  std::optional<std::int64_t> last_used_ms;
};

// A membership as it was granted: who gave it and when, for a site's "who can see our site"
// listing and for revoking it.
struct MembershipGrant {
  Id id = 0;
  Id user_id = 0;
  std::string username;
  std::string display_name;
  Membership membership;
  std::optional<Id> granted_by;  // absent: the command line's operator (or before grants were kept)
  std::string granted_by_username;
  std::int64_t granted_ms = 0;  // 0 when not known (granted before grants were kept)
};

// A member of a team, as the team's page lists them.
struct TeamMember {
  Id user_id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kTeamMember;
};

}  // namespace covalue
