#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"

namespace covalue::demo {

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
  std::size_t observations = 0;  // registry observations written
};

// Synthetic patients the demo registry holds by default (across all sites).
inline constexpr std::int64_t kDefaultDemoPatients = 480;

// Writes the synthetic community of practice (demo_sites.cc): 12 fictional health systems in
// four countries, one population and one improvement team each, demo users of every role (each
// patient user with their own patient record), the community's questionnaires, and a
// synthetic registry of `patients` people shared out over the sites (demo_registry.h).
// Deterministic: the same seed gives the same names, ids and passwords. When the database already
// holds the demo community nothing is written and the logins the seed gives are returned.
// Errors: the store's, or kConflict when a site of a demo name exists that the demo did not
// write.
[[nodiscard]] Result<DemoResult> WriteDemoCommunity(
    app::App& app, std::uint64_t seed, std::vector<app::QuestionnaireImport> questionnaires = {},
    std::int64_t patients = kDefaultDemoPatients);

// The password the seed gives a demo username: four words and two digits.
std::string DemoPassword(std::uint64_t seed, const std::string& username);

}  // namespace covalue::demo
