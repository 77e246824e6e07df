#pragma once

#include <cstdint>

#include "domain/community.h"
#include "domain/error.h"
#include "domain/page.h"

namespace covalue::store {

class SiteRepository {
 public:
  virtual ~SiteRepository() = default;
  // kConflict when the name is taken. created_ms: when (Unix ms; the store never reads the clock).
  [[nodiscard]] virtual Result<Site> Create(const Site& site, std::int64_t created_ms) = 0;
  // kNotFound when absent.
  [[nodiscard]] virtual Result<Site> Get(Id id) = 0;
  [[nodiscard]] virtual Result<Page<Site>> List(const PageRequest& page) = 0;
  // kNotFound when absent; kConflict when the new name is taken.
  [[nodiscard]] virtual Status Update(const Site& site) = 0;
};

}  // namespace covalue::store
