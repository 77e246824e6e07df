// Studies: a Delphi's consensus items made the core set's draft measures, with their provenance.

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "app/studies/studies.h"
#include "app/studies/study_rules.h"
#include "store/measure_repository.h"
#include "store/study_repository.h"

namespace covalue::app {

using namespace study_rules;

namespace {

// The item's results over every panelist of round, nullptr when it has none.
const research::DelphiStats* ResultOf(const research::DelphiAnalysis& analysis,
                                      const std::string& item, int round) {
  const auto r = std::find(analysis.rounds.begin(), analysis.rounds.end(), round);
  if (r == analysis.rounds.end()) return nullptr;
  for (const research::DelphiItemResult& result : analysis.items) {
    if (result.item == item) return &result.rounds[r - analysis.rounds.begin()].all;
  }
  return nullptr;
}

}  // namespace

Result<std::vector<MeasureDraft>> Studies::ProposeCoreSet(const RequestContext& ctx, Id study_id,
                                                          int round,
                                                          const std::vector<CoreSetChoice>& choices) {
  COVALUE_ASSIGN_OR_RETURN(auto managed, Manage(ctx, study_id, StudySubject(study_id)));
  const Study& study = managed.first;
  const Decision& decision = managed.second;
  COVALUE_ASSIGN_OR_RETURN(const research::DelphiPanel panel, PanelOf(study));
  // A round's results are final once the next round has opened or the study has closed.
  const bool finished = round >= 1 && (round < study.round ||
                                       (study.stage == StudyStage::kClosed && round <= study.round));
  if (!finished) {
    return Fail(ErrorCode::kConflict,
                fmt::format("round {} is not finished: its results may still change", round),
                "/round");
  }
  if (choices.empty() || choices.size() > kMostStatements) {
    return Fail(ErrorCode::kInvalidArgument, "give 1 to 1000 measures", "/measures");
  }
  COVALUE_ASSIGN_OR_RETURN(auto standing, Standing(study.id));
  const research::DelphiAnalysis analysis =
      research::AnalyseDelphi(panel, research::PercentileType::kType7);
  std::vector<MeasureDraft> drafts;
  std::set<Id> chosen;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    const CoreSetChoice& choice = choices[i];
    const std::string at = fmt::format("/measures/{}", i);
    if (Status valid = ValidateDraft(choice.measure); !valid) {
      return Fail(ErrorCode::kInvalidArgument, valid.error().message,
                  fmt::format("{}/{}", at, valid.error().field));
    }
    const auto item = std::find_if(standing.begin(), standing.end(), [&](const StudyStatement& s) {
      return s.id == choice.statement_id;
    });
    if (item == standing.end()) {
      return Fail(ErrorCode::kInvalidArgument, "not an item of the study", at + "/statement_id");
    }
    if (!chosen.insert(choice.statement_id).second) {
      return Fail(ErrorCode::kInvalidArgument, "the item is chosen twice", at + "/statement_id");
    }
    const research::DelphiStats* result = ResultOf(analysis, std::to_string(item->id), round);
    if (result == nullptr || result->percent_rule != research::PercentRule::kConsensusIn) {
      return Fail(ErrorCode::kConflict,
                  fmt::format("the item did not reach consensus in round {} (at least 70 % "
                              "rating 7-9 and at most 15 % rating 1-3)",
                              round),
                  at + "/statement_id");
    }
    MeasureDraft draft;
    draft.definition = choice.measure;
    draft.definition.system.clear();
    draft.definition.code.clear();
    draft.definition.threshold.reset();
    draft.definition.target.reset();
    draft.provenance = {study.id,
                        study.title,
                        item->id,
                        item->text,
                        round,
                        result->n,
                        result->median.value_or(0),
                        result->band_pct[2].value_or(0),
                        result->band_pct[0].value_or(0),
                        std::string(research::BandName(*result->rand_classification)),
                        std::string(research::PercentRuleName(*result->percent_rule))};
    draft.proposed_by = study.owner_id;  // only the owner runs a study
    draft.proposed_ms = gate_.NowMs();
    drafts.push_back(std::move(draft));
  }
  COVALUE_RETURN_IF_ERROR(store_.Write([&](store::Repositories& r) -> Status {
    for (std::size_t i = 0; i < drafts.size(); ++i) {
      if (Status made = r.Measures().CreateDraft(drafts[i]); !made) {
        return Fail(made.error().code, made.error().message, fmt::format("/measures/{}/id", i));
      }
      COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(r, ctx, decision, Action::kStudyManage, {},
                                                {"measure_draft", drafts[i].definition.id, {}},
                                                AuditOutcome::kAllowed));
    }
    return Ok();
  }));
  return drafts;
}

Result<std::vector<MeasureDraft>> Studies::CoreSet(const RequestContext& ctx, Id study_id) {
  COVALUE_RETURN_IF_ERROR(Manage(ctx, study_id, StudySubject(study_id)));
  COVALUE_ASSIGN_OR_RETURN(auto drafts, store::ReadValue<std::vector<MeasureDraft>>(
                                            store_, [](store::Repositories& r) {
                                              return r.Measures().Drafts();
                                            }));
  std::erase_if(drafts, [&](const MeasureDraft& d) { return d.provenance.study_id != study_id; });
  return drafts;
}

}  // namespace covalue::app
