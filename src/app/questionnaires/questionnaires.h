#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/kernel/context.h"
#include "app/kernel/gate.h"
#include "app/questionnaires/questionnaire_format.h"
#include "domain/error.h"
#include "domain/page.h"
#include "domain/questionnaire.h"
#include "store/store.h"

namespace covalue::app {

// covalue's canonical of a questionnaire it wrote itself (a REDCap import, a shipped file) and of
// a guide: this prefix and its resource id.
inline constexpr std::string_view kCanonicalPrefix = "urn:covalue:fhir:questionnaire:";

// One questionnaire to import: the model as read, and the FHIR text as received ("" to have
// it written from the model, as for REDCap imports).
struct QuestionnaireImport {
  ImportedQuestionnaire read;
  std::string resource;
  std::string source;  // "fhir", "redcap" or "shipped"
};

struct ImportedVersion {
  QuestionnaireVersion stored;
  std::vector<Issue> warnings;
};

// The instruments (PROMs) the community and its sites use: imported from FHIR, REDCap or the
// shipped files as versioned resources, read by every signed-in user of the sites that may use
// them. The questionnaire use cases fail with kUnsupported without a format (how questionnaires
// are written down: FHIR R4 JSON, given by the program's entry point).
class Questionnaires {
 public:
  Questionnaires(store::Store& store, Gate& gate, const QuestionnaireFormat* format)
      : store_(store), gate_(gate), format_(format) {}
  Questionnaires(const Questionnaires&) = delete;
  Questionnaires& operator=(const Questionnaires&) = delete;

  // Import is all or nothing: each questionnaire becomes
  // the next version of the resource its name names (a slug of its name, else its title;
  // prefixed "site<N>-" for a site's own), community-wide when site_id is absent. Community
  // admins import for the community, a site's admins for their site. Any signed-in user reads
  // the community's questionnaires and those of their sites.
  [[nodiscard]] Result<std::vector<ImportedVersion>> ImportQuestionnaires(
      const RequestContext& ctx, std::vector<QuestionnaireImport> imports,
      std::optional<Id> site_id);
  [[nodiscard]] Result<Page<QuestionnaireVersion>> ListQuestionnaires(const RequestContext& ctx,
                                                                      const PageRequest& page);
  // The latest version, or the given one; without with_resource, its resource text is empty.
  [[nodiscard]] Result<QuestionnaireVersion> GetQuestionnaire(
      const RequestContext& ctx, const std::string& resource_id,
      std::optional<std::int64_t> version = std::nullopt, bool with_resource = true);

  // The newest version the caller sees whose canonical is "url" or "url|version"
  // (Questionnaire.url and .version as imported); kNotFound when none is.
  [[nodiscard]] Result<QuestionnaireVersion> FindByCanonical(const RequestContext& ctx,
                                                             const std::string& canonical);

  // For other services, no access check (the caller has made one): the model of a stored
  // questionnaire version, parsed once (versions never change), and the format, which reads
  // responses (nullptr when the program has none).
  [[nodiscard]] Result<std::shared_ptr<const Questionnaire>> ModelOf(
      const QuestionnaireVersion& version);
  const QuestionnaireFormat* Format() const { return format_; }

 private:
  store::Store& store_;
  Gate& gate_;
  const QuestionnaireFormat* format_;
  std::mutex models_mutex_;
  std::map<std::pair<std::string, std::int64_t>, std::shared_ptr<const Questionnaire>> models_;
};

}  // namespace covalue::app
