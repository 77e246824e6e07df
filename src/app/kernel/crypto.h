#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/error.h"

// The only place libsodium is seen.
namespace covalue::app::crypto {

// Initializes libsodium; call once before any other function here. Aborts if it cannot.
void InitCrypto();

// An argon2id hash in libsodium's encoded form (parameters and salt included), with the
// interactive limits (64 MiB, 2 passes). Slow on purpose: never call it per request.
[[nodiscard]] Result<std::string> HashPassword(std::string_view password);

// True when password matches hash, in time that does not depend on where they differ.
bool VerifyPassword(std::string_view password, const std::string& hash);

// 256 random bits, base64url without padding (43 characters).
std::string NewSecret();

// BLAKE2b-256 of a secret, hex: what the store keeps of sessions and API tokens.
std::string HashSecret(std::string_view secret);

// BLAKE2b-256 of bytes, hex.
std::string Blake2bHex(std::string_view bytes);

// BLAKE2b-256 of message keyed with key (16 to 64 bytes, or longer: hashed down first): a keyed
// hash no one without the key can compute or invert, for pseudonyms.
std::array<unsigned char, 32> KeyedHash(std::string_view key, std::string_view message);

// bytes as standard base64 with padding, and back (nullopt for anything else): how the store
// keeps small binary files (persona pictures) as text.
std::string ToBase64(std::string_view bytes);
std::optional<std::string> FromBase64(std::string_view text);

// Random 64-bit value for request ids.
std::uint64_t RandomU64();

}  // namespace covalue::app::crypto
