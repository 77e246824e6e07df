#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/community.h"
#include "domain/error.h"

namespace covalue::store {

// Browser sessions and API tokens, both stored only as hashes of the secret.
class CredentialRepository {
 public:
  virtual ~CredentialRepository() = default;
  [[nodiscard]] virtual Status CreateSession(const std::string& token_hash, Id user_id,
                                             std::int64_t expires_ms) = 0;
  // The user of a live session; kNotFound when absent or expired at now_ms.
  [[nodiscard]] virtual Result<Id> FindSession(const std::string& token_hash,
                                               std::int64_t now_ms) = 0;
  [[nodiscard]] virtual Status DeleteSession(const std::string& token_hash) = 0;
  // Removes the user's sessions (after a password change, a reset, a deactivation).
  [[nodiscard]] virtual Status DeleteSessionsOf(Id user_id) = 0;

  [[nodiscard]] virtual Result<ApiToken> CreateToken(Id user_id, const std::string& name,
                                                     const std::string& token_hash,
                                                     std::int64_t now_ms,
                                                     std::int64_t expires_ms) = 0;
  // The token of a hash that is neither revoked nor expired at now_ms; kNotFound otherwise.
  [[nodiscard]] virtual Result<ApiToken> FindToken(const std::string& token_hash,
                                                   std::int64_t now_ms) = 0;
  // Records a use of the token.
  [[nodiscard]] virtual Status TouchToken(Id token_id, std::int64_t now_ms) = 0;
  // The user's tokens that are live at now_ms, by id.
  [[nodiscard]] virtual Result<std::vector<ApiToken>> ListTokens(Id user_id,
                                                                 std::int64_t now_ms) = 0;
  // kNotFound when the user has no such live token.
  [[nodiscard]] virtual Status RevokeToken(Id user_id, Id token_id, std::int64_t now_ms) = 0;
  // Revokes every token of the user (after a password change, a reset, a deactivation).
  [[nodiscard]] virtual Status RevokeTokensOf(Id user_id, std::int64_t now_ms) = 0;
};

}  // namespace covalue::store
