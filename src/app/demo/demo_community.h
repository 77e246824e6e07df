#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"

namespace covalue::app::demo {

// A demo account as `covalue demo` prints it.
struct DemoLogin {
  std::string username;
  std::string password;
  Role role = Role::kPatient;
  std::optional<Id> site_id;  // absent for community-wide roles
};

struct DemoResult {
  bool written = false;  // false when the database already held the demo community
  std::vector<DemoLogin> logins;
};

// Writes the synthetic community of practice (demo_sites.cc): 12 fictional health systems in
// four countries, one population and one improvement team each, demo users of every role (each
// patient user with their own patient record), and the community's questionnaires.
// Deterministic: the same seed gives the same names, ids and passwords. When the database already
// holds the demo community nothing is written and the logins the seed gives are returned.
// Errors: the store's, or kConflict when a site of a demo name exists that the demo did not
// write.
[[nodiscard]] Result<DemoResult> WriteDemoCommunity(
    App& app, std::uint64_t seed, std::vector<QuestionnaireImport> questionnaires = {});

// The password the seed gives a demo username: four words and two digits.
std::string DemoPassword(std::uint64_t seed, const std::string& username);

}  // namespace covalue::app::demo
