#pragma once

#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>

#include "formats/research_table.h"
#include "research/concept_map/concept_map.h"
#include "research/delphi/delphi.h"

// The research analyses as the JSON documents README "Research analyses" specifies (the
// `covalue conceptmap --json` and `covalue delphi --json` contracts): members in the documented
// order, null where a value does not exist, numbers printed to round-trip.
namespace covalue::http {

nlohmann::ordered_json DelphiJson(const research::DelphiAnalysis& analysis);

struct ConceptMapRun {
  std::optional<std::size_t> starts;  // nullopt when the map was given
  std::optional<std::uint64_t> seed;
};

nlohmann::ordered_json ConceptMapJson(const research::ConceptMapStudy& study,
                                      const research::ConceptMapAnalysis& analysis,
                                      const ConceptMapRun& run,
                                      const formats::FileProblems& warnings);

}  // namespace covalue::http
