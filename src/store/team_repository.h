#pragma once

#include <optional>
#include <vector>

#include "domain/community.h"
#include "domain/error.h"
#include "domain/page.h"

namespace covalue::store {

// Which teams a list shows. Both filters absent: every team.
struct TeamFilter {
  std::optional<Id> site_id;
  std::optional<Id> member_user_id;  // teams where this user holds a team role
};

class TeamRepository {
 public:
  virtual ~TeamRepository() = default;
  // kConflict when the site has a team of that name.
  [[nodiscard]] virtual Result<Team> Create(const Team& team) = 0;
  [[nodiscard]] virtual Result<Team> Get(Id id) = 0;
  [[nodiscard]] virtual Result<Page<Team>> List(const PageRequest& page,
                                                const TeamFilter& filter) = 0;
  [[nodiscard]] virtual Status Update(const Team& team) = 0;
  [[nodiscard]] virtual Result<std::vector<TeamMember>> Members(Id team_id) = 0;
};

}  // namespace covalue::store
