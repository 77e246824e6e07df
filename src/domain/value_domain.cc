#include "domain/value_domain.h"

#include <array>
#include <utility>

#include "domain/name_table.h"

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

std::string_view ValueDomainName(ValueDomain domain) { return NameIn(kNames, domain); }

std::optional<ValueDomain> ParseValueDomain(std::string_view name) { return ParseIn(kNames, name); }

}  // namespace covalue
