// The thresholds a community's definitions and previews may take (Measures::CheckCutPoint).

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "app/measures/measures.h"
#include "store/questionnaire_repository.h"

namespace covalue::app {

Status Measures::CheckCutPoint(const MeasureDefinition& m) {
  if (!m.threshold) {
    return Ok();
  }
  // The cut-points partition the values once and for all: a score's severity bands (at least a
  // band's lowest value, at most its highest, which for whole-number scores are complements),
  // else the fixed list, counted upwards only (at least), so no two thresholds differ by a
  // sliver.
  std::vector<double> allowed;
  if (m.at_least) {
    allowed.assign(std::begin(kCommunityCutPoints), std::end(kCommunityCutPoints));
  }
  if (m.system == kScoreSystem && questionnaires_.Format() != nullptr) {
    auto version = store::ReadValue<QuestionnaireVersion>(
        store_, [&](store::Repositories& r) { return r.Questionnaires().Latest(m.code, false); });
    if (version) {
      if (auto model = questionnaires_.ModelOf(*version);
          model && (*model)->scoring && !(*model)->scoring->bands.empty()) {
        allowed.clear();
        for (const ScoreBand& band : (*model)->scoring->bands) {
          allowed.push_back(m.at_least ? band.min : band.max);
        }
      }
    }
  }
  if (std::find(allowed.begin(), allowed.end(), *m.threshold) == allowed.end()) {
    std::string list;
    for (double v : allowed) {
      list += fmt::format("{}{}", list.empty() ? "" : ", ", v);
    }
    return Fail(ErrorCode::kInvalidArgument,
                list.empty()
                    ? std::string("this code's thresholds count upwards (at_least) from the fixed "
                                  "cut-points, so that sweeping thresholds cannot single out a "
                                  "person")
                    : fmt::format("a threshold {} is one of the fixed cut-points ({}), so that "
                                  "sweeping thresholds cannot single out a person",
                                  m.at_least ? "(at least)" : "(at most)", list),
                "/threshold");
  }
  return Ok();
}

}  // namespace covalue::app
