#include "store/user_repository.h"

#include <fmt/format.h>

#include "store/sql/sql_repositories.h"

namespace covalue::store::sql {
namespace {

constexpr const char* kUserColumns =
    "SELECT id, username, display_name, password_hash, deactivated_ms FROM users ";

UserCredentials ReadCredentials(const Statement& row) {
  UserCredentials found{User{row.Int(0), row.Text(1), row.Text(2), {}, {}}, row.Text(3)};
  found.user.deactivated_ms = row.OptionalInt(4);
  return found;
}

constexpr const char* kGrantColumns =
    "SELECT m.id, m.user_id, u.username, u.display_name, m.role, m.site_id, m.team_id, "
    "m.granted_by, COALESCE(g.username, ''), m.granted_ms FROM memberships m "
    "JOIN users u ON u.id = m.user_id LEFT JOIN users g ON g.id = m.granted_by ";

MembershipGrant ReadGrant(const Statement& row) {
  MembershipGrant grant;
  grant.id = row.Int(0);
  grant.user_id = row.Int(1);
  grant.username = row.Text(2);
  grant.display_name = row.Text(3);
  grant.membership = Membership{ParseRole(row.Text(4)).value_or(Role::kPatient), row.OptionalInt(5),
                                row.OptionalInt(6)};
  grant.granted_by = row.OptionalInt(7);
  grant.granted_by_username = row.Text(8);
  grant.granted_ms = row.Int(9);
  return grant;
}

}  // namespace

Result<std::vector<Membership>> SqlUserRepository::MembershipsOf(Id user_id) {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare("SELECT role, site_id, team_id FROM memberships "
                                                   "WHERE user_id = ? ORDER BY id"));
  query.Bind(user_id);
  return CollectRows(query, [](const Statement& row) {
    return Membership{ParseRole(row.Text(0)).value_or(Role::kPatient), row.OptionalInt(1),
                      row.OptionalInt(2)};
  });
}

Result<User> SqlUserRepository::Create(const User& user, const std::string& password_hash,
                                       const GrantedBy& by) {
  COVALUE_ASSIGN_OR_RETURN(auto insert,
                           db_.Prepare("INSERT INTO users (username, display_name, password_hash, "
                                       "created_ms) VALUES (?, ?, ?, ?)"));
  if (auto s = insert.Bind(user.username)
                   .Bind(user.display_name)
                   .Bind(password_hash)
                   .Bind(by.at_ms)
                   .Run();
      !s) {
    if (s.error().code == ErrorCode::kConflict) {
      return Fail(ErrorCode::kConflict, fmt::format("username '{}' is taken", user.username),
                  "/username");
    }
    return Fail(s.error());
  }
  User created = user;
  created.id = db_.LastInsertId();
  created.deactivated_ms.reset();
  created.memberships.clear();
  for (const Membership& membership : user.memberships) {
    COVALUE_RETURN_IF_ERROR(AddMembership(created.id, membership, by));
    created.memberships.push_back(membership);
  }
  return created;
}

Result<User> SqlUserRepository::Get(Id id) {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare(std::string(kUserColumns) + "WHERE id = ?"));
  query.Bind(id);
  COVALUE_ASSIGN_OR_RETURN(
      auto found, ReadOne(query, ReadCredentials, fmt::format("user {} does not exist", id)));
  COVALUE_ASSIGN_OR_RETURN(found.user.memberships, MembershipsOf(id));
  return found.user;
}

Result<UserCredentials> SqlUserRepository::FindByUsername(const std::string& username) {
  COVALUE_ASSIGN_OR_RETURN(auto query,
                           db_.Prepare(std::string(kUserColumns) + "WHERE username = ?"));
  query.Bind(username);
  COVALUE_ASSIGN_OR_RETURN(auto found, ReadOne(query, ReadCredentials,
                                               fmt::format("user '{}' does not exist", username)));
  COVALUE_ASSIGN_OR_RETURN(found.user.memberships, MembershipsOf(found.user.id));
  return found;
}

Result<Page<User>> SqlUserRepository::List(const PageRequest& page,
                                           const std::optional<std::vector<Id>>& sites) {
  std::string sql = std::string(kUserColumns) + "u WHERE id > ? ";
  if (sites) {
    // The ids are numbers: written into the statement, which the cache then keeps per set.
    std::string list;
    for (Id site : *sites) {
      list += fmt::format("{}{}", list.empty() ? "" : ",", site);
    }
    sql += fmt::format(
        "AND EXISTS (SELECT 1 FROM memberships m LEFT JOIN teams t ON t.id = m.team_id "
        "WHERE m.user_id = u.id AND (m.site_id IN ({0}) OR t.site_id IN ({0}))) ",
        list.empty() ? "NULL" : list);
  }
  sql += "ORDER BY id LIMIT ?";
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare(sql));
  query.Bind(page.after).Bind(FetchLimit(page));
  COVALUE_ASSIGN_OR_RETURN(auto rows, CollectRows(query, ReadCredentials));
  std::vector<User> users;
  users.reserve(rows.size());
  for (auto& row : rows) {
    COVALUE_ASSIGN_OR_RETURN(row.user.memberships, MembershipsOf(row.user.id));
    users.push_back(std::move(row.user));
  }
  return MakePage(std::move(users), page.limit, [](const User& u) { return u.id; });
}

Status SqlUserRepository::SetPassword(Id user_id, const std::string& password_hash) {
  COVALUE_ASSIGN_OR_RETURN(auto update,
                           db_.Prepare("UPDATE users SET password_hash = ? WHERE id = ?"));
  COVALUE_RETURN_IF_ERROR(update.Bind(password_hash).Bind(user_id).Run());
  if (db_.Changes() == 0) {
    return Fail(ErrorCode::kNotFound, fmt::format("user {} does not exist", user_id));
  }
  return Ok();
}

Status SqlUserRepository::SetDisplayName(Id user_id, const std::string& display_name) {
  COVALUE_ASSIGN_OR_RETURN(auto update,
                           db_.Prepare("UPDATE users SET display_name = ? WHERE id = ?"));
  COVALUE_RETURN_IF_ERROR(update.Bind(display_name).Bind(user_id).Run());
  if (db_.Changes() == 0) {
    return Fail(ErrorCode::kNotFound, fmt::format("user {} does not exist", user_id));
  }
  return Ok();
}

Status SqlUserRepository::SetDeactivated(Id user_id, std::optional<std::int64_t> deactivated_ms) {
  COVALUE_ASSIGN_OR_RETURN(auto update,
                           db_.Prepare("UPDATE users SET deactivated_ms = ? WHERE id = ?"));
  COVALUE_RETURN_IF_ERROR(update.Bind(deactivated_ms).Bind(user_id).Run());
  if (db_.Changes() == 0) {
    return Fail(ErrorCode::kNotFound, fmt::format("user {} does not exist", user_id));
  }
  return Ok();
}

Status SqlUserRepository::AddMembership(Id user_id, const Membership& membership,
                                        const GrantedBy& by) {
  COVALUE_ASSIGN_OR_RETURN(auto insert,
                           db_.Prepare("INSERT INTO memberships (user_id, role, site_id, team_id, "
                                       "granted_by, granted_ms) VALUES (?, ?, ?, ?, ?, ?)"));
  auto s = insert.Bind(user_id)
               .Bind(RoleName(membership.role))
               .Bind(membership.site_id)
               .Bind(membership.team_id)
               .Bind(by.user_id)
               .Bind(by.at_ms)
               .Run();
  if (!s && s.error().code == ErrorCode::kConflict) {
    return Fail(ErrorCode::kConflict, "the user already holds this membership", "/memberships");
  }
  return s;
}

Status SqlUserRepository::RemoveMembership(Id user_id, const Membership& membership) {
  COVALUE_ASSIGN_OR_RETURN(
      auto remove, db_.Prepare("DELETE FROM memberships WHERE user_id = ? AND role = ? "
                               "AND COALESCE(site_id, 0) = ? AND COALESCE(team_id, 0) = ?"));
  COVALUE_RETURN_IF_ERROR(remove.Bind(user_id)
                              .Bind(RoleName(membership.role))
                              .Bind(membership.site_id.value_or(0))
                              .Bind(membership.team_id.value_or(0))
                              .Run());
  if (db_.Changes() == 0) {
    return Fail(ErrorCode::kNotFound, "the user does not hold this membership", "/memberships");
  }
  return Ok();
}

Result<std::vector<MembershipGrant>> SqlUserRepository::GrantsAt(Id site_id) {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare(std::string(kGrantColumns) +
                                                   "WHERE m.site_id = ? OR m.site_id IS NULL "
                                                   "ORDER BY m.site_id IS NULL, m.id"));
  query.Bind(site_id);
  return CollectRows(query, ReadGrant);
}

Result<MembershipGrant> SqlUserRepository::GetGrant(Id grant_id) {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare(std::string(kGrantColumns) + "WHERE m.id = ?"));
  query.Bind(grant_id);
  return ReadOne(query, ReadGrant, fmt::format("membership {} does not exist", grant_id));
}

}  // namespace covalue::store::sql
