#include <fmt/format.h>

#include "store/sqlite/sqlite_repositories.h"

namespace covalue::store::sqlite {

Status SqliteCredentialRepository::CreateSession(const std::string& token_hash, Id user_id,
                                                 std::int64_t expires_ms) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert,
      db_.Prepare("INSERT INTO sessions (token_hash, user_id, expires_ms) VALUES (?, ?, ?)"));
  return insert.Bind(token_hash).Bind(user_id).Bind(expires_ms).Run();
}

Result<Id> SqliteCredentialRepository::FindSession(const std::string& token_hash,
                                                   std::int64_t now_ms) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare("SELECT user_id FROM sessions WHERE token_hash = ? AND expires_ms > ?"));
  query.Bind(token_hash).Bind(now_ms);
  return ReadOne(
      query, [](const Statement& row) { return row.Int(0); }, "no such session");
}

Status SqliteCredentialRepository::DeleteSession(const std::string& token_hash) {
  COVALUE_ASSIGN_OR_RETURN(auto remove, db_.Prepare("DELETE FROM sessions WHERE token_hash = ?"));
  return remove.Bind(token_hash).Run();
}

Status SqliteCredentialRepository::DeleteSessionsOf(Id user_id) {
  COVALUE_ASSIGN_OR_RETURN(auto remove, db_.Prepare("DELETE FROM sessions WHERE user_id = ?"));
  return remove.Bind(user_id).Run();
}

Result<ApiToken> SqliteCredentialRepository::CreateToken(Id user_id, const std::string& name,
                                                         const std::string& token_hash,
                                                         std::int64_t now_ms) {
  COVALUE_ASSIGN_OR_RETURN(auto insert,
                           db_.Prepare("INSERT INTO api_tokens (user_id, name, token_hash, "
                                       "created_ms) VALUES (?, ?, ?, ?)"));
  COVALUE_RETURN_IF_ERROR(insert.Bind(user_id).Bind(name).Bind(token_hash).Bind(now_ms).Run());
  return ApiToken{db_.LastInsertId(), user_id, name, now_ms};
}

Result<Id> SqliteCredentialRepository::FindToken(const std::string& token_hash) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare("SELECT user_id FROM api_tokens WHERE token_hash = ? AND revoked_ms IS NULL"));
  query.Bind(token_hash);
  return ReadOne(
      query, [](const Statement& row) { return row.Int(0); }, "no such token");
}

Result<std::vector<ApiToken>> SqliteCredentialRepository::ListTokens(Id user_id) {
  COVALUE_ASSIGN_OR_RETURN(auto query,
                           db_.Prepare("SELECT id, user_id, name, created_ms FROM api_tokens "
                                       "WHERE user_id = ? AND revoked_ms IS NULL ORDER BY id"));
  query.Bind(user_id);
  return CollectRows(query, [](const Statement& row) {
    return ApiToken{row.Int(0), row.Int(1), row.Text(2), row.Int(3)};
  });
}

Status SqliteCredentialRepository::RevokeToken(Id user_id, Id token_id, std::int64_t now_ms) {
  COVALUE_ASSIGN_OR_RETURN(auto update,
                           db_.Prepare("UPDATE api_tokens SET revoked_ms = ? WHERE id = ? "
                                       "AND user_id = ? AND revoked_ms IS NULL"));
  COVALUE_RETURN_IF_ERROR(update.Bind(now_ms).Bind(token_id).Bind(user_id).Run());
  if (db_.Changes() == 0) {
    return Fail(ErrorCode::kNotFound, fmt::format("token {} does not exist", token_id));
  }
  return Ok();
}

}  // namespace covalue::store::sqlite
