#include "domain/role.h"

namespace covalue {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kPatient:
      return "patient";
    case Role::kProfessional:
      return "professional";
    case Role::kTeamMember:
      return "team_member";
    case Role::kTeamLead:
      return "team_lead";
    case Role::kFacilitator:
      return "facilitator";
    case Role::kResearcher:
      return "researcher";
    case Role::kAdmin:
      return "admin";
  }
  return "unknown";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role role : kAllRoles) {
    if (RoleName(role) == name) {
      return role;
    }
  }
  return std::nullopt;
}

bool RoleNeedsTeam(Role role) { return role == Role::kTeamMember || role == Role::kTeamLead; }

bool RoleMayBeCommunityWide(Role role) {
  return role == Role::kFacilitator || role == Role::kResearcher || role == Role::kAdmin;
}

}  // namespace covalue
