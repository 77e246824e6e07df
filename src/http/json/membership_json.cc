#include "http/json/membership_json.h"

#include <fmt/format.h>

#include "http/json/json_body.h"

namespace covalue::http {

Result<Role> ReadRole(const std::string& text, const std::string& pointer) {
  auto role = ParseRole(text);
  if (!role) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} must be one of patient, professional, team_member, team_lead, "
                            "facilitator, researcher, admin",
                            pointer),
                pointer);
  }
  return *role;
}

Result<std::vector<Membership>> ReadMemberships(const nlohmann::json& array) {
  std::vector<Membership> memberships;
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::string pointer = fmt::format("/memberships/{}", i);
    if (!array[i].is_object()) {
      return Fail(ErrorCode::kInvalidArgument, pointer + " must be an object", pointer);
    }
    ObjectReader reader(array[i], pointer);
    COVALUE_ASSIGN_OR_RETURN(std::string role_text, reader.RequiredString("role"));
    COVALUE_ASSIGN_OR_RETURN(Role role, ReadRole(role_text, pointer + "/role"));
    Membership membership{role, std::nullopt, std::nullopt};
    COVALUE_ASSIGN_OR_RETURN(membership.site_id, reader.OptionalInt("site_id"));
    COVALUE_ASSIGN_OR_RETURN(membership.team_id, reader.OptionalInt("team_id"));
    COVALUE_RETURN_IF_ERROR(reader.Finish());
    memberships.push_back(membership);
  }
  return memberships;
}

}  // namespace covalue::http
