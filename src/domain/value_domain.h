#pragma once

#include <optional>
#include <string_view>

namespace covalue {

// The six domains of coproduction value (Forcino et al. 2024).
enum class ValueDomain {
  kCommunication,
  kSelfEfficacy,
  kInterconnectedness,
  kCosts,
  kProfessionalExperience,
  kAccess,
};
inline constexpr ValueDomain kAllValueDomains[] = {
    ValueDomain::kCommunication,          ValueDomain::kSelfEfficacy,
    ValueDomain::kInterconnectedness,     ValueDomain::kCosts,
    ValueDomain::kProfessionalExperience, ValueDomain::kAccess};

// "communication", "self-efficacy", "interconnectedness", "costs", "professional-experience",
// "access".
std::string_view ValueDomainName(ValueDomain domain);
std::optional<ValueDomain> ParseValueDomain(std::string_view name);

}  // namespace covalue
