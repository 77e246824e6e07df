// Research exports: projects and each site's approval of them.

#include "app/research_exports/research_exports.h"

#include <array>
#include <utility>

#include "app/kernel/crypto.h"
#include "store/research_project_repository.h"

namespace covalue::app {
namespace {

Subject ProjectSubject(Id project_id) {
  return {"research_project", std::to_string(project_id), std::nullopt};
}

constexpr std::array<std::pair<ExportFile, std::string_view>, 6> kFileNames = {{
    {ExportFile::kPeople, "people.csv"},
    {ExportFile::kObservations, "observations.csv"},
    {ExportFile::kScores, "scores.csv"},
    {ExportFile::kCodes, "codes.csv"},
    {ExportFile::kSummary, "summary.csv"},
    {ExportFile::kDictionary, "dictionary.csv"},
}};

}  // namespace

std::string_view ExportFileName(ExportFile file) {
  for (const auto& [f, name] : kFileNames) {
    if (f == file) return name;
  }
  return "people.csv";
}

std::optional<ExportFile> ParseExportFile(std::string_view name) {
  for (const auto& [f, n] : kFileNames) {
    if (n == name) return f;
  }
  return std::nullopt;
}

Result<ProjectView> ResearchExports::ViewOf(Id project_id) {
  ProjectView view;
  COVALUE_RETURN_IF_ERROR(store_.Read([&](store::Repositories& r) -> Status {
    COVALUE_ASSIGN_OR_RETURN(view.project, r.ResearchProjects().Get(project_id));
    COVALUE_ASSIGN_OR_RETURN(view.approvals, r.ResearchProjects().Approvals(project_id));
    return Ok();
  }));
  return view;
}

Result<std::pair<ResearchProject, Decision>> ResearchExports::Manage(const RequestContext& ctx,
                                                                     Id project_id) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(ResearchProject project,
                           store::ReadValue<ResearchProject>(store_, [&](store::Repositories& r) {
                             return r.ResearchProjects().Get(project_id);
                           }));
  Target target;
  target.user_id = project.owner_id;
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kResearchProjectManage, target,
                                        ProjectSubject(project_id)));
  return std::pair{std::move(project), decision};
}

Result<ProjectView> ResearchExports::CreateProject(const RequestContext& ctx,
                                                   ResearchProject draft) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kResearchProjectCreate, {},
                                        {"research_project", "new", std::nullopt}));
  COVALUE_RETURN_IF_ERROR(ValidateResearchProject(draft));
  draft.id = 0;
  draft.owner_id = principal.user_id;
  draft.created_ms = gate_.NowMs();
  COVALUE_ASSIGN_OR_RETURN(
      ResearchProject made,
      store::WriteValue<ResearchProject>(store_, [&](store::Repositories& r)
                                                     -> Result<ResearchProject> {
        COVALUE_ASSIGN_OR_RETURN(ResearchProject project,
                                 r.ResearchProjects().Create(draft, crypto::NewSecret()));
        COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(r, ctx, decision,
                                                  Action::kResearchProjectCreate, {},
                                                  ProjectSubject(project.id),
                                                  AuditOutcome::kAllowed));
        return project;
      }));
  return ProjectView{made, {}};
}

Result<std::vector<ProjectView>> ResearchExports::ListProjects(const RequestContext& ctx) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  // Admins review every project; anyone else lists the projects they own (none unless a
  // researcher).
  const bool reviews = Authorize(principal, Action::kResearchProjectReview, {}).allowed;
  std::vector<ProjectView> views;
  COVALUE_RETURN_IF_ERROR(store_.Read([&](store::Repositories& r) -> Status {
    COVALUE_ASSIGN_OR_RETURN(auto projects,
                             r.ResearchProjects().List(reviews ? std::nullopt
                                                               : std::optional(principal.user_id)));
    for (ResearchProject& p : projects) {
      COVALUE_ASSIGN_OR_RETURN(auto approvals, r.ResearchProjects().Approvals(p.id));
      views.push_back({std::move(p), std::move(approvals)});
    }
    return Ok();
  }));
  return views;
}

Result<ProjectView> ResearchExports::GetProject(const RequestContext& ctx, Id project_id) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(ProjectView view, ViewOf(project_id));
  Target owner;
  owner.user_id = view.project.owner_id;
  if (!Authorize(principal, Action::kResearchProjectManage, owner).allowed) {
    COVALUE_RETURN_IF_ERROR(gate_.Permit(ctx, principal, Action::kResearchProjectReview, {},
                                         ProjectSubject(project_id)));
  }
  return view;
}

Result<ProjectView> ResearchExports::Approve(const RequestContext& ctx, Id project_id,
                                             Id site_id) {
  return SetApproval(ctx, project_id, site_id, true);
}

Result<ProjectView> ResearchExports::Revoke(const RequestContext& ctx, Id project_id, Id site_id) {
  return SetApproval(ctx, project_id, site_id, false);
}

Result<ProjectView> ResearchExports::SetApproval(const RequestContext& ctx, Id project_id,
                                                 Id site_id, bool approve) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  const Target site{site_id, std::nullopt, std::nullopt, {}};
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kResearchApprove, site,
                                        ProjectSubject(project_id)));
  COVALUE_RETURN_IF_ERROR(store_.Write([&](store::Repositories& r) -> Status {
    if (approve) {
      COVALUE_RETURN_IF_ERROR(r.ResearchProjects().Get(project_id));
      COVALUE_RETURN_IF_ERROR(r.ResearchProjects().Approve(
          {project_id, site_id, "", principal.user_id, gate_.NowMs(), std::nullopt}));
    } else {
      COVALUE_RETURN_IF_ERROR(
          r.ResearchProjects().RevokeApproval(project_id, site_id, gate_.NowMs()));
    }
    return gate_.AppendAudit(r, ctx, decision, Action::kResearchApprove, site,
                             ProjectSubject(project_id), AuditOutcome::kAllowed);
  }));
  return ViewOf(project_id);
}

}  // namespace covalue::app
