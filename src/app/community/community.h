#pragma once

#include <functional>
#include <optional>
#include <string>

#include "app/kernel/context.h"
#include "app/kernel/gate.h"
#include "domain/community.h"
#include "domain/error.h"
#include "domain/page.h"
#include "store/repositories.h"

namespace covalue::app {

// Changes to an existing record; absent fields stay as they are.
struct SiteChanges {
  std::optional<std::string> name;
  std::optional<std::string> country;
};
struct PopulationChanges {
  std::optional<std::string> name;
  std::optional<std::string> description;
};

// The community of practice: its sites (health systems) and the populations each serves. Any
// signed-in user lists and reads them; the community's admin creates and changes sites, a site's
// admins create and change its populations (kernel/policy.h); refusals are audited. Names are 1–200
// characters, a site's country an ISO 3166-1 alpha-2 code, a description at most 2000; errors
// name their field. (Teams join this service once grants are a service of their own.)
class Community {
 public:
  // sites_changed: told after a site is created or changed (the measure store names sites).
  Community(store::Store& store, Gate& gate, std::function<void()> sites_changed)
      : store_(store), gate_(gate), sites_changed_(std::move(sites_changed)) {}
  Community(const Community&) = delete;
  Community& operator=(const Community&) = delete;

  [[nodiscard]] Result<Page<Site>> ListSites(const RequestContext& ctx, const PageRequest& page);
  [[nodiscard]] Result<Site> GetSite(const RequestContext& ctx, Id id);
  // kConflict when the name is taken.
  [[nodiscard]] Result<Site> CreateSite(const RequestContext& ctx, const Site& site);
  [[nodiscard]] Result<Site> UpdateSite(const RequestContext& ctx, Id id,
                                        const SiteChanges& changes);

  // site_id: only that site's populations.
  [[nodiscard]] Result<Page<Population>> ListPopulations(const RequestContext& ctx,
                                                         const PageRequest& page,
                                                         std::optional<Id> site_id);
  [[nodiscard]] Result<Population> GetPopulation(const RequestContext& ctx, Id id);
  [[nodiscard]] Result<Population> CreatePopulation(const RequestContext& ctx,
                                                    const Population& population);
  [[nodiscard]] Result<Population> UpdatePopulation(const RequestContext& ctx, Id id,
                                                    const PopulationChanges& changes);

 private:
  store::Store& store_;
  Gate& gate_;
  std::function<void()> sites_changed_;
};

}  // namespace covalue::app
