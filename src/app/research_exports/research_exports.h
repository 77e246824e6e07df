#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/kernel/context.h"
#include "app/kernel/gate.h"
#include "domain/error.h"
#include "domain/research_project.h"
#include "store/store.h"

namespace covalue::app {

// A project and its sites' approvals, as its researcher and the approving admins see it.
struct ProjectView {
  ResearchProject project;
  std::vector<SiteApproval> approvals;  // every site that approved, revoked ones marked
};

// The files of a research export, each a CSV with a header row.
enum class ExportFile { kPeople, kObservations, kScores, kCodes, kSummary, kDictionary };
inline constexpr ExportFile kAllExportFiles[] = {ExportFile::kPeople,  ExportFile::kObservations,
                                                 ExportFile::kScores,  ExportFile::kCodes,
                                                 ExportFile::kSummary, ExportFile::kDictionary};
std::string_view ExportFileName(ExportFile file);  // "people.csv", …
std::optional<ExportFile> ParseExportFile(std::string_view name);

// De-identified research exports of the registry (DESIGN.md §2 and §4): a researcher opens a
// project, each site's own admin approves (or revokes) its access to the site's data, and the
// researcher exports the approved sites' consented people, observations and questionnaire
// scores by these rules (the data dictionary, ExportFile::kDictionary, states them per column):
// - HIPAA Safe Harbor's identifiers are removed: no identifier, name, account, birth date or
//   free text (population variables, notes, answers) is ever written;
// - a person is a pseudonym, the keyed hash (BLAKE2b, app/kernel/crypto.h) of their record under
//   the project's own key, the same in every export of the project and unlinkable across
//   projects;
// - every date is a day shifted by the person's own offset, 1 to shift_days days either way,
//   never 0, drawn from the same keyed hash, so intervals within a person are kept;
// - ages are five-year bands, 90 and over together;
// - every count (codes.csv, summary.csv) passes the small-cell rule (app/kernel/suppression.h):
//   1 to min_cell − 1 is withheld.
// Researchers never read identifiable records: their projects are the only way to the
// registry, and every export is audited.
class ResearchExports {
 public:
  ResearchExports(store::Store& store, Gate& gate) : store_(store), gate_(gate) {}
  ResearchExports(const ResearchExports&) = delete;
  ResearchExports& operator=(const ResearchExports&) = delete;

  // The least count shown in a summary (Default: 5, as the community's measure views).
  void SetMinCell(std::size_t min_cell) { min_cell_ = min_cell < 1 ? 1 : min_cell; }

  // A researcher's new project, owned by the caller, with a new key. kInvalidArgument naming
  // /title, /purpose or /shift_days.
  [[nodiscard]] Result<ProjectView> CreateProject(const RequestContext& ctx,
                                                  ResearchProject draft);
  // Researchers: their own projects; admins: every project, to review.
  [[nodiscard]] Result<std::vector<ProjectView>> ListProjects(const RequestContext& ctx);
  // The owner's or a reviewing admin's view; kNotFound for an unknown project.
  [[nodiscard]] Result<ProjectView> GetProject(const RequestContext& ctx, Id project_id);
  // An admin at the site itself approves the project's access to its data, or revokes it
  // (kNotFound when there is no standing approval).
  [[nodiscard]] Result<ProjectView> Approve(const RequestContext& ctx, Id project_id, Id site_id);
  [[nodiscard]] Result<ProjectView> Revoke(const RequestContext& ctx, Id project_id, Id site_id);
  // One file of the project's export, over the sites that approve it now (the owner's; the
  // command line's operator). kConflict naming /approvals when no site does.
  [[nodiscard]] Result<std::string> Export(const RequestContext& ctx, Id project_id,
                                           ExportFile file);

 private:
  // The project and the decision that lets the caller run it (denials audited).
  Result<std::pair<ResearchProject, Decision>> Manage(const RequestContext& ctx, Id project_id);
  Result<ProjectView> ViewOf(Id project_id);
  // Approve's and Revoke's one write.
  Result<ProjectView> SetApproval(const RequestContext& ctx, Id project_id, Id site_id,
                                  bool approve);

  store::Store& store_;
  Gate& gate_;
  std::size_t min_cell_ = 5;
};

}  // namespace covalue::app
