#pragma once

#include <optional>

#include "domain/community.h"
#include "domain/error.h"
#include "domain/page.h"

namespace covalue::store {

class PopulationRepository {
 public:
  virtual ~PopulationRepository() = default;
  // kConflict when the site has a population of that name.
  [[nodiscard]] virtual Result<Population> Create(const Population& population) = 0;
  [[nodiscard]] virtual Result<Population> Get(Id id) = 0;
  // All sites' populations, or one site's.
  [[nodiscard]] virtual Result<Page<Population>> List(const PageRequest& page,
                                                      std::optional<Id> site_id) = 0;
  [[nodiscard]] virtual Status Update(const Population& population) = 0;
};

}  // namespace covalue::store
