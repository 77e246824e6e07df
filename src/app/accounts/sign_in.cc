#include <fmt/format.h>

#include "app/accounts/accounts.h"
#include "app/kernel/crypto.h"
#include "domain/validation.h"
#include "store/credential_repository.h"
#include "store/user_repository.h"

namespace covalue::app {
namespace {

// Verifying against this when the username is unknown makes both failures take as long.
const std::string& DecoyHash() {
  static const std::string kHash = crypto::HashPassword("covalue decoy password").value_or("");
  return kHash;
}

// A credential the store does not find is refused as unauthenticated; a store that cannot
// answer (its database away, its disk failing) says so (503, 507), so that a client retries
// instead of signing in again.
Error Unauthenticated(const Error& error, std::string message) {
  if (error.code != ErrorCode::kNotFound) {
    return error;
  }
  return {ErrorCode::kUnauthenticated, std::move(message), {}};
}

// The principal of an account that may still sign in.
Result<Principal> ActivePrincipal(const User& user) {
  if (user.deactivated_ms) {
    return Fail(ErrorCode::kUnauthenticated, "the account is deactivated");
  }
  return Principal{user.id, user.username, user.memberships};
}

// A token's last use is written at most this often, so that a busy API client does not turn
// every read into a write.
constexpr std::int64_t kTokenTouchMs = 60'000;

}  // namespace

Accounts::Accounts(store::Store& store, Gate& gate)
    : store_(store),
      gate_(gate),
      sign_in_events_(store.Subscribe(
          "sign_in", [this](std::string_view event) { OnSignInEvent(event); })) {}

void Accounts::CountSignIn(bool failed, const std::string& username, const std::string& address) {
  if (failed) {
    throttle_.RecordFailure(username, address, auth::LoginThrottle::Clock::now());
  } else {
    throttle_.RecordSuccess(username, address);
  }
  store_.Publish("sign_in", fmt::format("{}\n{}\n{}", failed ? "failure" : "success", username,
                                        address));
}

void Accounts::OnSignInEvent(std::string_view event) {
  const std::size_t first = event.find('\n');
  const std::size_t second =
      first == std::string_view::npos ? std::string_view::npos : event.find('\n', first + 1);
  if (second == std::string_view::npos) {
    return;  // "events may have been missed": a throttle forgives what it did not see
  }
  const std::string username(event.substr(first + 1, second - first - 1));
  const std::string address(event.substr(second + 1));
  if (event.substr(0, first) == "failure") {
    throttle_.RecordFailure(username, address, auth::LoginThrottle::Clock::now());
  } else {
    throttle_.RecordSuccess(username, address);
  }
}

std::int64_t Accounts::LoginRetryAfter(const std::string& username, const std::string& address) {
  return throttle_.RetryAfterSeconds(username, address, auth::LoginThrottle::Clock::now());
}

void Accounts::SetTokenDays(int days) { token_lifetime_ms_ = std::int64_t{days} * 86'400'000; }

Result<SignedIn> Accounts::Login(const RequestContext& ctx, const std::string& username,
                                 const std::string& password) {
  // Refused before any hashing: a throttled flood costs no argon2id.
  if (const auto wait = LoginRetryAfter(username, ctx.client_address); wait > 0) {
    return Fail(ErrorCode::kResourceExhausted,
                fmt::format("too many failed sign-ins; try again in {} seconds", wait));
  }
  auto found = store::ReadValue<store::UserCredentials>(
      store_, [&](store::Repositories& r) { return r.Users().FindByUsername(username); });
  if (!found && found.error().code != ErrorCode::kNotFound) {
    return Fail(found.error());
  }
  COVALUE_ASSIGN_OR_RETURN(
      bool matches,
      passwords_.Verify(password, found ? found->password_hash : DecoyHash(), ctx.client_address));
  // A deactivated account is refused like a wrong password: nothing tells it apart.
  matches = matches && found && !found->user.deactivated_ms;
  const Subject subject{"user", found ? std::to_string(found->user.id) : "",
                        found ? std::optional<Id>(found->user.id) : std::nullopt};
  RequestContext as_user = ctx;
  if (found) {
    as_user.principal = Principal{found->user.id, found->user.username, found->user.memberships};
  }
  if (!matches) {
    CountSignIn(true, username, ctx.client_address);
    COVALUE_RETURN_IF_ERROR(store_.Write([&](store::Repositories& repos) {
      return gate_.AppendAudit(repos, as_user, Decision{false, ""}, Action::kSignIn, {}, subject,
                               AuditOutcome::kDenied);
    }));
    return Fail(ErrorCode::kUnauthenticated, "wrong username or password");
  }
  CountSignIn(false, username, ctx.client_address);
  SignedIn signed_in{crypto::NewSecret(), found->user, gate_.NowMs() + kSessionLifetimeMs};
  COVALUE_RETURN_IF_ERROR(store_.Write([&](store::Repositories& repos) -> Status {
    COVALUE_RETURN_IF_ERROR(repos.Credentials().CreateSession(
        crypto::HashSecret(signed_in.session_token), found->user.id, signed_in.expires_ms));
    return gate_.AppendAudit(repos, as_user, Decision{true, ""}, Action::kSignIn, {}, subject,
                             AuditOutcome::kAllowed);
  }));
  return signed_in;
}

Status Accounts::Logout(const RequestContext& ctx, const std::string& session_token) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  return store_.Write([&](store::Repositories& repos) -> Status {
    COVALUE_RETURN_IF_ERROR(repos.Credentials().DeleteSession(crypto::HashSecret(session_token)));
    return gate_.AppendAudit(repos, ctx, Decision{true, ""}, Action::kSignOut, {},
                             Subject{"user", std::to_string(principal.user_id), principal.user_id},
                             AuditOutcome::kAllowed);
  });
}

Result<Principal> Accounts::PrincipalOf(Id user_id) {
  auto user = store::ReadValue<User>(
      store_, [&](store::Repositories& r) { return r.Users().Get(user_id); });
  if (!user) {
    return Fail(Unauthenticated(user.error(), "the account no longer exists"));
  }
  return ActivePrincipal(*user);
}

// The session and its account in one snapshot: every signed-in request passes here.
Result<Principal> Accounts::AuthenticateSession(const std::string& session_token) {
  bool session_found = false;
  auto user = store::ReadValue<User>(store_, [&](store::Repositories& r) -> Result<User> {
    COVALUE_ASSIGN_OR_RETURN(
        Id user_id,
        r.Credentials().FindSession(crypto::HashSecret(session_token), gate_.NowMs()));
    session_found = true;
    return r.Users().Get(user_id);
  });
  if (!user) {
    return Fail(Unauthenticated(user.error(), session_found
                                                  ? "the account no longer exists"
                                                  : "the session has expired; sign in again"));
  }
  return ActivePrincipal(*user);
}

Result<Principal> Accounts::AuthenticateToken(const std::string& bearer_token) {
  const std::int64_t now = gate_.NowMs();
  auto token = store::ReadValue<ApiToken>(store_, [&](store::Repositories& r) {
    return r.Credentials().FindToken(crypto::HashSecret(bearer_token), now);
  });
  if (!token) {
    return Fail(Unauthenticated(token.error(), "the bearer token is unknown, expired or revoked"));
  }
  if (!token->last_used_ms || now - *token->last_used_ms >= kTokenTouchMs) {
    // Best effort: a token that cannot note its use (a full disk) still works.
    (void)store_.Write(
        [&](store::Repositories& r) { return r.Credentials().TouchToken(token->id, now); });
  }
  return PrincipalOf(token->user_id);
}

Result<IssuedToken> Accounts::CreateToken(const RequestContext& ctx, const std::string& name) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_RETURN_IF_ERROR(ValidateText(name, "/name", 100));
  const Subject subject{"token", "", principal.user_id};
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kTokenManage, {}, subject));
  IssuedToken issued{{}, crypto::NewSecret()};
  const std::int64_t now = gate_.NowMs();
  COVALUE_ASSIGN_OR_RETURN(
      issued.token,
      store::WriteValue<ApiToken>(store_, [&](store::Repositories& repos) -> Result<ApiToken> {
        COVALUE_ASSIGN_OR_RETURN(
            auto token, repos.Credentials().CreateToken(principal.user_id, name,
                                                        crypto::HashSecret(issued.secret), now,
                                                        now + token_lifetime_ms_));
        COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(
            repos, ctx, decision, Action::kTokenManage, {},
            Subject{"token", std::to_string(token.id), principal.user_id}, AuditOutcome::kAllowed));
        return token;
      }));
  return issued;
}

Result<std::vector<ApiToken>> Accounts::ListTokens(const RequestContext& ctx) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  return store::ReadValue<std::vector<ApiToken>>(store_, [&](store::Repositories& r) {
    return r.Credentials().ListTokens(principal.user_id, gate_.NowMs());
  });
}

Status Accounts::RevokeToken(const RequestContext& ctx, Id token_id) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  const Subject subject{"token", std::to_string(token_id), principal.user_id};
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kTokenManage, {}, subject));
  return store_.Write([&](store::Repositories& repos) -> Status {
    COVALUE_RETURN_IF_ERROR(
        repos.Credentials().RevokeToken(principal.user_id, token_id, gate_.NowMs()));
    return gate_.AppendAudit(repos, ctx, decision, Action::kTokenManage, {}, subject,
                             AuditOutcome::kAllowed);
  });
}

}  // namespace covalue::app
