#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/community.h"
#include "domain/error.h"

namespace covalue::http {

// A role's wire name; kInvalidArgument naming pointer and listing the roles otherwise.
[[nodiscard]] Result<Role> ReadRole(const std::string& text, const std::string& pointer);

// The "memberships" array of a user body: [{"role", "site_id"?, "team_id"?}, …].
[[nodiscard]] Result<std::vector<Membership>> ReadMemberships(const nlohmann::json& array);

}  // namespace covalue::http
