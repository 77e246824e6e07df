#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/research_project.h"

namespace covalue::store {

// Research projects and their sites' approvals (domain/research_project.h).
class ResearchProjectRepository {
 public:
  virtual ~ResearchProjectRepository() = default;
  // A new project (id set) with the key of its pseudonyms.
  [[nodiscard]] virtual Result<ResearchProject> Create(const ResearchProject& project,
                                                       const std::string& key) = 0;
  // kNotFound for an unknown id.
  [[nodiscard]] virtual Result<ResearchProject> Get(Id id) = 0;
  [[nodiscard]] virtual Result<std::string> Key(Id id) = 0;
  // Newest first: one owner's, or every project.
  [[nodiscard]] virtual Result<std::vector<ResearchProject>> List(std::optional<Id> owner_id) = 0;
  // Approves the project at the site (again, after a revocation: the new approval replaces it).
  [[nodiscard]] virtual Status Approve(const SiteApproval& approval) = 0;
  // kNotFound when the site has no standing approval of the project.
  [[nodiscard]] virtual Status RevokeApproval(Id project_id, Id site_id, std::int64_t at_ms) = 0;
  // Every approval of the project, revoked ones included, by site id, with the sites' names.
  [[nodiscard]] virtual Result<std::vector<SiteApproval>> Approvals(Id project_id) = 0;
};

}  // namespace covalue::store
