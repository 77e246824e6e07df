#include "app/kernel/crypto.h"

#include <set>

#include <gtest/gtest.h>

namespace covalue::app::crypto {
namespace {

class CryptoTest : public testing::Test {
 protected:
  static void SetUpTestSuite() { InitCrypto(); }
};

TEST_F(CryptoTest, PasswordHashesAreArgon2idAndVerifyOnlyTheirPassword) {
  auto hash = HashPassword("correct horse battery");
  ASSERT_TRUE(hash.has_value());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0U);
  EXPECT_TRUE(VerifyPassword("correct horse battery", *hash));
  EXPECT_FALSE(VerifyPassword("correct horse batterY", *hash));
  EXPECT_NE(*hash, *HashPassword("correct horse battery"));  // salted
}

TEST_F(CryptoTest, SecretsCarry256BitsInBase64Url) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string secret = NewSecret();
    EXPECT_EQ(secret.size(), 43U);
    EXPECT_EQ(secret.find_first_not_of(
                  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    seen.insert(secret);
  }
  EXPECT_EQ(seen.size(), 100U);
}

// RFC 4648 §10's test vectors, and back; anything that is not base64 is refused.
TEST_F(CryptoTest, Base64IsRfc4648sAndRefusesWhatIsNot) {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}, {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(ToBase64(plain), encoded);
    EXPECT_EQ(FromBase64(encoded), std::optional<std::string>(plain));
  }
  const std::string bytes("\x89PNG\0\xff", 6);
  EXPECT_EQ(FromBase64(ToBase64(bytes)), std::optional<std::string>(bytes));
  EXPECT_FALSE(FromBase64("Zm9v!"));
  EXPECT_FALSE(FromBase64("Zm9vYmFy=junk"));
}

TEST_F(CryptoTest, Blake2bMatchesThePublishedEmptyInputVector) {
  // BLAKE2b-256("") from the reference implementation's test vectors (RFC 7693 family).
  EXPECT_EQ(Blake2bHex(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  EXPECT_EQ(HashSecret("abc").size(), 64U);
  EXPECT_NE(HashSecret("abc"), HashSecret("abd"));
}

}  // namespace
}  // namespace covalue::app::crypto
