#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/community.h"
#include "domain/error.h"
#include "domain/page.h"

namespace covalue::store {

// A user with the password hash, for sign-in only.
struct UserCredentials {
  User user;
  std::string password_hash;
};

// Who grants a membership, and when.
struct GrantedBy {
  std::optional<Id> user_id;  // absent: the command line's operator
  std::int64_t at_ms = 0;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  // Creates the user (created at by.at_ms) with its memberships, granted by by. kConflict when
  // the username is taken.
  [[nodiscard]] virtual Result<User> Create(const User& user, const std::string& password_hash,
                                            const GrantedBy& by) = 0;
  [[nodiscard]] virtual Result<User> Get(Id id) = 0;
  // kNotFound when no such username.
  [[nodiscard]] virtual Result<UserCredentials> FindByUsername(const std::string& username) = 0;
  // All users, or those holding a membership at one of sites (directly or through a team).
  [[nodiscard]] virtual Result<Page<User>> List(const PageRequest& page,
                                                const std::optional<std::vector<Id>>& sites) = 0;
  [[nodiscard]] virtual Status SetPassword(Id user_id, const std::string& password_hash) = 0;
  [[nodiscard]] virtual Status SetDisplayName(Id user_id, const std::string& display_name) = 0;
  // Deactivates the account at the time given, or reactivates it (nullopt).
  [[nodiscard]] virtual Status SetDeactivated(Id user_id,
                                              std::optional<std::int64_t> deactivated_ms) = 0;
  // kConflict when the user already holds it.
  [[nodiscard]] virtual Status AddMembership(Id user_id, const Membership& membership,
                                             const GrantedBy& by) = 0;
  // kNotFound when the user does not hold it.
  [[nodiscard]] virtual Status RemoveMembership(Id user_id, const Membership& membership) = 0;
  // The memberships naming site_id (its teams' roles included), then every community-wide
  // membership, each with who granted it; by grant id within each part.
  [[nodiscard]] virtual Result<std::vector<MembershipGrant>> GrantsAt(Id site_id) = 0;
  // One membership by its grant id; kNotFound when absent.
  [[nodiscard]] virtual Result<MembershipGrant> GetGrant(Id grant_id) = 0;
};

}  // namespace covalue::store
