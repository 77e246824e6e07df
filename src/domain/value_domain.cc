#include "domain/value_domain.h"

#include <array>
#include <utility>

namespace covalue {
namespace {

constexpr std::array<std::pair<ValueDomain, std::string_view>, 6> kNames = {{
    {ValueDomain::kCommunication, "communication"},
    {ValueDomain::kSelfEfficacy, "self-efficacy"},
    {ValueDomain::kInterconnectedness, "interconnectedness"},
    {ValueDomain::kCosts, "costs"},
    {ValueDomain::kProfessionalExperience, "professional-experience"},
    {ValueDomain::kAccess, "access"},
}};

}  // namespace

std::string_view ValueDomainName(ValueDomain domain) {
  for (const auto& [d, name] : kNames) {
    if (d == domain) {
      return name;
    }
  }
  return "unknown";
}

std::optional<ValueDomain> ParseValueDomain(std::string_view name) {
  for (const auto& [d, n] : kNames) {
    if (n == name) {
      return d;
    }
  }
  return std::nullopt;
}

}  // namespace covalue
