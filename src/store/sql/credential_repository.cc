#include <fmt/format.h>

#include "store/sql/sql_repositories.h"

namespace covalue::store::sql {

Status SqlCredentialRepository::CreateSession(const std::string& token_hash, Id user_id,
                                              std::int64_t expires_ms) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert,
      db_.Prepare("INSERT INTO sessions (token_hash, user_id, expires_ms) VALUES (?, ?, ?)"));
  return insert.Bind(token_hash).Bind(user_id).Bind(expires_ms).Run();
}

Result<Id> SqlCredentialRepository::FindSession(const std::string& token_hash,
                                                std::int64_t now_ms) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare("SELECT user_id FROM sessions WHERE token_hash = ? AND expires_ms > ?"));
  query.Bind(token_hash).Bind(now_ms);
  return ReadOne(
      query, [](const Statement& row) { return row.Int(0); }, "no such session");
}

Status SqlCredentialRepository::DeleteSession(const std::string& token_hash) {
  COVALUE_ASSIGN_OR_RETURN(auto remove, db_.Prepare("DELETE FROM sessions WHERE token_hash = ?"));
  return remove.Bind(token_hash).Run();
}

Status SqlCredentialRepository::DeleteSessionsOf(Id user_id) {
  COVALUE_ASSIGN_OR_RETURN(auto remove, db_.Prepare("DELETE FROM sessions WHERE user_id = ?"));
  return remove.Bind(user_id).Run();
}

namespace {

constexpr const char* kTokenColumns =
    "SELECT id, user_id, name, created_ms, expires_ms, last_used_ms FROM api_tokens ";

ApiToken ReadToken(const Statement& row) {
  return ApiToken{row.Int(0), row.Int(1), row.Text(2), row.Int(3), row.Int(4), row.OptionalInt(5)};
}

}  // namespace

Result<ApiToken> SqlCredentialRepository::CreateToken(Id user_id, const std::string& name,
                                                      const std::string& token_hash,
                                                      std::int64_t now_ms,
                                                      std::int64_t expires_ms) {
  COVALUE_ASSIGN_OR_RETURN(auto insert,
                           db_.Prepare("INSERT INTO api_tokens (user_id, name, token_hash, "
                                       "created_ms, expires_ms) VALUES (?, ?, ?, ?, ?)"));
  COVALUE_RETURN_IF_ERROR(
      insert.Bind(user_id).Bind(name).Bind(token_hash).Bind(now_ms).Bind(expires_ms).Run());
  return ApiToken{db_.LastInsertId(), user_id, name, now_ms, expires_ms, std::nullopt};
}

Result<ApiToken> SqlCredentialRepository::FindToken(const std::string& token_hash,
                                                    std::int64_t now_ms) {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare(std::string(kTokenColumns) +
                                                   "WHERE token_hash = ? AND revoked_ms IS NULL "
                                                   "AND expires_ms > ?"));
  query.Bind(token_hash).Bind(now_ms);
  return ReadOne(query, ReadToken, "no such token");
}

Status SqlCredentialRepository::TouchToken(Id token_id, std::int64_t now_ms) {
  COVALUE_ASSIGN_OR_RETURN(auto update,
                           db_.Prepare("UPDATE api_tokens SET last_used_ms = ? WHERE id = ?"));
  return update.Bind(now_ms).Bind(token_id).Run();
}

Result<std::vector<ApiToken>> SqlCredentialRepository::ListTokens(Id user_id, std::int64_t now_ms) {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare(std::string(kTokenColumns) +
                                                   "WHERE user_id = ? AND revoked_ms IS NULL "
                                                   "AND expires_ms > ? ORDER BY id"));
  query.Bind(user_id).Bind(now_ms);
  return CollectRows(query, ReadToken);
}

Status SqlCredentialRepository::RevokeToken(Id user_id, Id token_id, std::int64_t now_ms) {
  COVALUE_ASSIGN_OR_RETURN(auto update,
                           db_.Prepare("UPDATE api_tokens SET revoked_ms = ? WHERE id = ? "
                                       "AND user_id = ? AND revoked_ms IS NULL"));
  COVALUE_RETURN_IF_ERROR(update.Bind(now_ms).Bind(token_id).Bind(user_id).Run());
  if (db_.Changes() == 0) {
    return Fail(ErrorCode::kNotFound, fmt::format("token {} does not exist", token_id));
  }
  return Ok();
}

Status SqlCredentialRepository::RevokeTokensOf(Id user_id, std::int64_t now_ms) {
  COVALUE_ASSIGN_OR_RETURN(auto update,
                           db_.Prepare("UPDATE api_tokens SET revoked_ms = ? WHERE user_id = ? "
                                       "AND revoked_ms IS NULL"));
  return update.Bind(now_ms).Bind(user_id).Run();
}

}  // namespace covalue::store::sql
