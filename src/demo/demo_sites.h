#pragma once

#include <span>
#include <string_view>

namespace covalue::demo {

// One fictional health system of the demo community and the population its team serves.
struct DemoSite {
  std::string_view slug;  // short name used in demo usernames
  std::string_view name;
  std::string_view country;
  std::string_view population;
  std::string_view population_description;
  std::string_view team;
};

// The twelve demo sites, in the order they are written (their ids follow this order on an
// empty database).
std::span<const DemoSite> DemoSites();

}  // namespace covalue::demo
