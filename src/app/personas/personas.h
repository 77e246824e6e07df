#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/kernel/context.h"
#include "app/kernel/gate.h"
#include "app/strata/strata.h"
#include "app/workbooks/workbooks.h"
#include "domain/error.h"
#include "domain/persona.h"
#include "store/store.h"

namespace covalue::app {

// A persona with its stratum's live numbers as the reader may see them (Strata::Summarize: whole
// for the site's staff, through the small-cell rule otherwise), read when asked.
struct PersonaView {
  Persona persona;
  std::optional<StratumSummary> numbers;  // absent without a stratum (or one no longer defined)
  std::string currency;
  std::string window_from;
  std::string window_to;
};

// The stratifications' numbers one reading has summarised, by id, so each is summarised once
// however many of its personas the reading shows.
using StratumNumbers = std::map<Id, Result<StratificationSummary>>;

// Personas (DESIGN.md §2): a team's named portraits of a typical person of a stratum, or of a
// professional. Creating one makes its workbook of the persona guide in the same write, so its
// texts are written, revised, compared and restored through the workbook's answers (app/workbooks/,
// /api/v1/workbooks/{id}/answers/…) and read wherever the workbook is. The team's members and
// leads and the site's admins make and read them, as they do its workbooks; sharing the persona's
// workbook (PUT /api/v1/workbooks/{id}/shared) shares the persona with facilitators, who read its
// stratum's numbers through the small-cell rule.
class Personas {
 public:
  Personas(store::Store& store, Gate& gate, Workbooks& workbooks, Strata& strata)
      : store_(store), gate_(gate), workbooks_(workbooks), strata_(strata) {}
  Personas(const Personas&) = delete;
  Personas& operator=(const Personas&) = delete;

  // kInvalidArgument from ValidatePersona, or a stratification of another population than the
  // team's, or a stratum it does not have (/stratum); kNotFound for an unknown team.
  [[nodiscard]] Result<PersonaView> Create(const RequestContext& ctx, Id team_id, Persona draft);
  // numbers: the summaries this reading has made already (and will reuse); Default: none.
  [[nodiscard]] Result<PersonaView> Get(const RequestContext& ctx, Id id,
                                        StratumNumbers* numbers = nullptr);
  [[nodiscard]] Result<std::vector<PersonaView>> List(const RequestContext& ctx, Id team_id);

  // The persona's picture from an upload (PNG or JPEG), written again as a PNG with nothing of
  // the upload but its pixels (formats/picture.h), replacing any; by whoever writes the team's
  // workbooks. The errors of formats::ReencodePicture for the bytes.
  [[nodiscard]] Result<PersonaView> SetPicture(const RequestContext& ctx, Id id,
                                               std::string_view upload);
  // The picture's PNG, for whoever reads the persona; kNotFound when it has none.
  [[nodiscard]] Result<std::string> Picture(const RequestContext& ctx, Id id);
  // kNotFound when it has none.
  [[nodiscard]] Status DeletePicture(const RequestContext& ctx, Id id);

 private:
  // The team's target and the decision that lets ctx take action on its personas; with shared,
  // also who follows the team's progress (Action::kWorkbookProgress, facilitators) may read.
  Result<std::pair<Decision, Target>> PermitTeam(const RequestContext& ctx, Action action,
                                                 Id team_id, const Subject& subject,
                                                 bool shared = false);
  // The persona with its stratum's numbers, its stratification summarised unless numbers holds it.
  PersonaView ViewOf(const RequestContext& ctx, Persona persona, StratumNumbers& numbers);
  // The persona and the decision that lets ctx read it (facilitators too once it is shared), or
  // write it (the team's members and leads, the site's admins).
  Result<std::pair<Persona, std::pair<Decision, Target>>> Readable(const RequestContext& ctx, Id id);
  Result<std::pair<Persona, std::pair<Decision, Target>>> Writable(const RequestContext& ctx, Id id);

  store::Store& store_;
  Gate& gate_;
  Workbooks& workbooks_;
  Strata& strata_;
};

}  // namespace covalue::app
