#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/page.h"
#include "domain/questionnaire.h"

namespace covalue::store {

// Questionnaires, one row per version (domain/questionnaire.h).
class QuestionnaireRepository {
 public:
  virtual ~QuestionnaireRepository() = default;
  // Stores the next version of q.resource_id (1 for a new one); returns it with id and version.
  [[nodiscard]] virtual Result<QuestionnaireVersion> AddVersion(QuestionnaireVersion q) = 0;
  // The latest version of a resource (or the given one); kNotFound when there is none. Without
  // with_resource, the row's resource text is left empty (for callers that only check it).
  [[nodiscard]] virtual Result<QuestionnaireVersion> Latest(const std::string& resource_id,
                                                            bool with_resource = true) = 0;
  [[nodiscard]] virtual Result<QuestionnaireVersion> Version(const std::string& resource_id,
                                                             std::int64_t version,
                                                             bool with_resource = true) = 0;
  // The latest version of each resource visible from sites (the community's and those of
  // sites; every one when sites is nullopt), by row id; without with_resource, as for Latest.
  // The newest stored version, visible from sites as for ListLatest, whose canonical is url
  // (and url_version, unless it is ""); kNotFound when there is none. Served by an index.
  [[nodiscard]] virtual Result<QuestionnaireVersion> FindByUrl(
      const std::string& url, const std::string& url_version,
      const std::optional<std::vector<Id>>& sites) = 0;
  [[nodiscard]] virtual Result<Page<QuestionnaireVersion>> ListLatest(
      const PageRequest& page, const std::optional<std::vector<Id>>& sites,
      bool with_resource = true) = 0;
};

}  // namespace covalue::store
