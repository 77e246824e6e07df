#pragma once

#include <optional>
#include <string_view>

namespace covalue {

// The roles a user holds through a membership (DESIGN.md §4 "Auth").
enum class Role {
  kPatient,
  kProfessional,
  kTeamMember,
  kTeamLead,
  kFacilitator,  // community-wide; sees aggregated data only
  kResearcher,   // sees de-identified data only
  kAdmin,        // of one site, or of the whole community when the membership has no site
};

inline constexpr Role kAllRoles[] = {Role::kPatient,  Role::kProfessional, Role::kTeamMember,
                                     Role::kTeamLead, Role::kFacilitator,  Role::kResearcher,
                                     Role::kAdmin};

// The wire name: "patient", "team_lead", ….
std::string_view RoleName(Role role);

// Parses a wire name; nullopt for anything else.
std::optional<Role> ParseRole(std::string_view name);

// Team roles need a team; site roles need a site; facilitator, researcher and admin may be
// held community-wide (no site).
bool RoleNeedsTeam(Role role);
bool RoleMayBeCommunityWide(Role role);

}  // namespace covalue
