#include <chrono>

#include <fmt/format.h>

#include "store/sqlite/sqlite_repositories.h"

namespace covalue::store::sqlite {
namespace {

constexpr const char* kUserColumns = "SELECT id, username, display_name, password_hash FROM users ";

UserCredentials ReadCredentials(const Statement& row) {
  return {User{row.Int(0), row.Text(1), row.Text(2), {}}, row.Text(3)};
}

}  // namespace

Result<std::vector<Membership>> SqliteUserRepository::MembershipsOf(Id user_id) {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare("SELECT role, site_id, team_id FROM memberships "
                                                   "WHERE user_id = ? ORDER BY id"));
  query.Bind(user_id);
  return CollectRows(query, [](const Statement& row) {
    return Membership{ParseRole(row.Text(0)).value_or(Role::kPatient), row.OptionalInt(1),
                      row.OptionalInt(2)};
  });
}

Result<User> SqliteUserRepository::Create(const User& user, const std::string& password_hash) {
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  COVALUE_ASSIGN_OR_RETURN(auto insert,
                           db_.Prepare("INSERT INTO users (username, display_name, password_hash, "
                                       "created_ms) VALUES (?, ?, ?, ?)"));
  if (auto s = insert.Bind(user.username)
                   .Bind(user.display_name)
                   .Bind(password_hash)
                   .Bind(std::int64_t{now})
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
  created.memberships.clear();
  for (const Membership& membership : user.memberships) {
    COVALUE_RETURN_IF_ERROR(AddMembership(created.id, membership));
    created.memberships.push_back(membership);
  }
  return created;
}

Result<User> SqliteUserRepository::Get(Id id) {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare(std::string(kUserColumns) + "WHERE id = ?"));
  query.Bind(id);
  COVALUE_ASSIGN_OR_RETURN(
      auto found, ReadOne(query, ReadCredentials, fmt::format("user {} does not exist", id)));
  COVALUE_ASSIGN_OR_RETURN(found.user.memberships, MembershipsOf(id));
  return found.user;
}

Result<UserCredentials> SqliteUserRepository::FindByUsername(const std::string& username) {
  COVALUE_ASSIGN_OR_RETURN(auto query,
                           db_.Prepare(std::string(kUserColumns) + "WHERE username = ?"));
  query.Bind(username);
  COVALUE_ASSIGN_OR_RETURN(auto found, ReadOne(query, ReadCredentials,
                                               fmt::format("user '{}' does not exist", username)));
  COVALUE_ASSIGN_OR_RETURN(found.user.memberships, MembershipsOf(found.user.id));
  return found;
}

Result<Page<User>> SqliteUserRepository::List(const PageRequest& page, std::optional<Id> site_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare(std::string(kUserColumns) +
                  "u WHERE id > ? AND (? IS NULL OR EXISTS (SELECT 1 FROM memberships m "
                  "LEFT JOIN teams t ON t.id = m.team_id WHERE m.user_id = u.id "
                  "AND (m.site_id = ? OR t.site_id = ?))) ORDER BY id LIMIT ?"));
  query.Bind(page.after).Bind(site_id).Bind(site_id).Bind(site_id).Bind(FetchLimit(page));
  COVALUE_ASSIGN_OR_RETURN(auto rows, CollectRows(query, ReadCredentials));
  std::vector<User> users;
  users.reserve(rows.size());
  for (auto& row : rows) {
    COVALUE_ASSIGN_OR_RETURN(row.user.memberships, MembershipsOf(row.user.id));
    users.push_back(std::move(row.user));
  }
  return MakePage(std::move(users), page.limit, [](const User& u) { return u.id; });
}

Status SqliteUserRepository::SetPassword(Id user_id, const std::string& password_hash) {
  COVALUE_ASSIGN_OR_RETURN(auto update,
                           db_.Prepare("UPDATE users SET password_hash = ? WHERE id = ?"));
  COVALUE_RETURN_IF_ERROR(update.Bind(password_hash).Bind(user_id).Run());
  if (db_.Changes() == 0) {
    return Fail(ErrorCode::kNotFound, fmt::format("user {} does not exist", user_id));
  }
  return Ok();
}

Status SqliteUserRepository::SetDisplayName(Id user_id, const std::string& display_name) {
  COVALUE_ASSIGN_OR_RETURN(auto update,
                           db_.Prepare("UPDATE users SET display_name = ? WHERE id = ?"));
  COVALUE_RETURN_IF_ERROR(update.Bind(display_name).Bind(user_id).Run());
  if (db_.Changes() == 0) {
    return Fail(ErrorCode::kNotFound, fmt::format("user {} does not exist", user_id));
  }
  return Ok();
}

Status SqliteUserRepository::AddMembership(Id user_id, const Membership& membership) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert,
      db_.Prepare("INSERT INTO memberships (user_id, role, site_id, team_id) VALUES (?, ?, ?, ?)"));
  auto s = insert.Bind(user_id)
               .Bind(RoleName(membership.role))
               .Bind(membership.site_id)
               .Bind(membership.team_id)
               .Run();
  if (!s && s.error().code == ErrorCode::kConflict) {
    return Fail(ErrorCode::kConflict, "the user already holds this membership", "/memberships");
  }
  return s;
}

Status SqliteUserRepository::RemoveMembership(Id user_id, const Membership& membership) {
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

}  // namespace covalue::store::sqlite
