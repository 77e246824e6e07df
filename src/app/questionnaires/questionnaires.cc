#include "app/questionnaires/questionnaires.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "domain/validation.h"
#include "store/questionnaire_repository.h"
#include "store/site_repository.h"

namespace covalue::app {
namespace {

constexpr std::size_t kMaxResourceIdLength = 64;  // FHIR's limit for an id

// The FHIR id a questionnaire's name gives: lower-case letters and digits, other runs as '-'.
std::string Slug(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') {
    out.pop_back();
  }
  return out;
}

// What names a questionnaire: its name, else its title, else the last segment of its url, else
// its id (FHIR requires neither name nor title).
std::string NameOf(const Questionnaire& q) {
  if (!q.name.empty() || !q.title.empty()) {
    return q.name.empty() ? q.title : q.name;
  }
  const std::string url = q.url.substr(0, q.url.find('|'));
  const std::size_t cut = url.find_last_of("/:");
  const std::string last = cut == std::string::npos ? url : url.substr(cut + 1);
  return last.empty() ? q.id : last;
}

Result<std::string> ResourceIdOf(const Questionnaire& q, std::optional<Id> site_id,
                                 std::size_t index) {
  const std::string slug = Slug(NameOf(q));
  const std::string field = fmt::format("/{}/name", index);
  if (slug.empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                "a questionnaire needs a name, a title, a url or an id with a letter or digit",
                field);
  }
  std::string id = site_id ? fmt::format("site{}-{}", *site_id, slug) : slug;
  if (id.size() > kMaxResourceIdLength) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("the name '{}' is too long for a questionnaire id ({} characters "
                            "at most)",
                            q.name, kMaxResourceIdLength),
                field);
  }
  return id;
}

// The sites whose own questionnaires the principal sees besides the community's: those of their
// roles; nullopt (every site's) for a community-wide role.
std::optional<std::vector<Id>> SitesOf(const Principal& principal) {
  std::vector<Id> sites;
  for (const Membership& m : principal.memberships) {
    if (!m.site_id) {
      return std::nullopt;
    }
    sites.push_back(*m.site_id);
  }
  return sites;
}

}  // namespace

Result<std::vector<ImportedVersion>> Questionnaires::ImportQuestionnaires(
    const RequestContext& ctx, std::vector<QuestionnaireImport> imports,
    std::optional<Id> site_id) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  if (format_ == nullptr) {
    return Fail(ErrorCode::kUnsupported, "this program was built without a questionnaire format");
  }
  if (imports.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "there is no questionnaire to import");
  }
  const Target target{site_id, std::nullopt, std::nullopt, {}};
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kQuestionnaireImport, target,
                                        {"questionnaire", "", {}}));
  std::vector<QuestionnaireVersion> versions;
  for (std::size_t i = 0; i < imports.size(); ++i) {
    Questionnaire& q = imports[i].read.questionnaire;
    COVALUE_ASSIGN_OR_RETURN(std::string resource_id, ResourceIdOf(q, site_id, i));
    const std::string title = q.title.empty() ? NameOf(q) : q.title;
    COVALUE_RETURN_IF_ERROR(ValidateText(title, fmt::format("/{}/title", i), 500));
    std::string resource;
    if (imports[i].resource.empty()) {
      // Written here (REDCap, the shipped files): it gets covalue's canonical when it has none,
      // so that a response can name it by url.
      if (q.url.empty()) {
        q.url = std::string(kCanonicalPrefix) + resource_id;
      }
      resource = format_->Write(q);
    } else {
      resource = std::move(imports[i].resource);
    }
    versions.push_back(QuestionnaireVersion{
        0, resource_id, 0, site_id, q.name.empty() ? title : q.name, title, imports[i].source,
        std::move(resource),
        principal.user_id == 0 ? std::nullopt : std::optional<Id>(principal.user_id), gate_.NowMs(),
        q.url.substr(0, q.url.find('|')), q.version});
  }
  COVALUE_ASSIGN_OR_RETURN(
      auto stored,
      (store::WriteValue<std::vector<QuestionnaireVersion>>(
          store_, [&](store::Repositories& repos) -> Result<std::vector<QuestionnaireVersion>> {
            std::vector<QuestionnaireVersion> out;
            if (site_id) {
              COVALUE_RETURN_IF_ERROR(repos.Sites().Get(*site_id));
            }
            for (QuestionnaireVersion& version : versions) {
              COVALUE_ASSIGN_OR_RETURN(QuestionnaireVersion added,
                                       repos.Questionnaires().AddVersion(version));
              COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(
                  repos, ctx, decision, Action::kQuestionnaireImport, target,
                  {"questionnaire",
                   fmt::format("{}/_history/{}", added.resource_id, added.version),
                   {}},
                  AuditOutcome::kAllowed));
              out.push_back(std::move(added));
            }
            return out;
          })));
  std::vector<ImportedVersion> out;
  for (std::size_t i = 0; i < stored.size(); ++i) {
    out.push_back({std::move(stored[i]), std::move(imports[i].read.warnings)});
  }
  return out;
}

Result<Page<QuestionnaireVersion>> Questionnaires::ListQuestionnaires(const RequestContext& ctx,
                                                                      const PageRequest& page) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_RETURN_IF_ERROR(
      gate_.Permit(ctx, principal, Action::kQuestionnaireRead, {}, {"questionnaire", "", {}}));
  const std::optional<std::vector<Id>> sites = SitesOf(principal);
  return store::ReadValue<Page<QuestionnaireVersion>>(
      store_, [&](store::Repositories& r) { return r.Questionnaires().ListLatest(page, sites); });
}

Result<QuestionnaireVersion> Questionnaires::GetQuestionnaire(const RequestContext& ctx,
                                                              const std::string& resource_id,
                                                              std::optional<std::int64_t> version,
                                                              bool with_resource) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(
      QuestionnaireVersion found,
      store::ReadValue<QuestionnaireVersion>(store_, [&](store::Repositories& r) {
        return version ? r.Questionnaires().Version(resource_id, *version, with_resource)
                       : r.Questionnaires().Latest(resource_id, with_resource);
      }));
  // A site's own questionnaire is for those who hold a role there (or community-wide).
  if (found.site_id) {
    const bool visible =
        std::any_of(principal.memberships.begin(), principal.memberships.end(),
                    [&](const Membership& m) { return !m.site_id || m.site_id == found.site_id; });
    if (!visible) {
      return Fail(ErrorCode::kNotFound,
                  fmt::format("questionnaire '{}' does not exist", resource_id));
    }
  }
  COVALUE_RETURN_IF_ERROR(gate_.Permit(ctx, principal, Action::kQuestionnaireRead,
                                       {found.site_id, {}, {}, {}},
                                       {"questionnaire", resource_id, {}}));
  return found;
}

Result<QuestionnaireVersion> Questionnaires::FindByCanonical(const RequestContext& ctx,
                                                             const std::string& canonical) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  const std::size_t bar = canonical.find('|');
  const std::string url = canonical.substr(0, bar);
  const std::string version = bar == std::string::npos ? "" : canonical.substr(bar + 1);
  const std::optional<std::vector<Id>> sites = SitesOf(principal);
  COVALUE_ASSIGN_OR_RETURN(
      QuestionnaireVersion found,
      store::ReadValue<QuestionnaireVersion>(store_, [&](store::Repositories& r) {
        return r.Questionnaires().FindByUrl(url, version, sites);
      }));
  COVALUE_RETURN_IF_ERROR(gate_.Permit(ctx, principal, Action::kQuestionnaireRead,
                                       {found.site_id, {}, {}, {}},
                                       {"questionnaire", found.resource_id, {}}));
  return found;
}

Result<std::shared_ptr<const Questionnaire>> Questionnaires::ModelOf(
    const QuestionnaireVersion& version) {
  constexpr std::size_t kMaxModels = 1000;
  const auto key = std::pair(version.resource_id, version.version);
  {
    const std::lock_guard lock(models_mutex_);
    if (auto found = models_.find(key); found != models_.end()) {
      return found->second;
    }
  }
  COVALUE_ASSIGN_OR_RETURN(
      QuestionnaireVersion full,
      store::ReadValue<QuestionnaireVersion>(store_, [&](store::Repositories& r) {
        return r.Questionnaires().Version(version.resource_id, version.version, true);
      }));
  COVALUE_ASSIGN_OR_RETURN(ImportedQuestionnaire read, format_->Read(full.resource));
  auto model = std::make_shared<const Questionnaire>(std::move(read.questionnaire));
  const std::lock_guard lock(models_mutex_);
  if (models_.size() >= kMaxModels) {
    models_.clear();
  }
  models_.emplace(key, model);
  return model;
}

}  // namespace covalue::app
