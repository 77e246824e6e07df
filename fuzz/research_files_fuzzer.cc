// The research files: a concept-mapping study (statements, sorts, ratings, coordinates) and a
// Delphi panel (items, ratings), split from one input at form feeds; what reads is analysed
// (small studies only, so each input stays quick) and must give finite stress and thresholds.
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "formats/concept_map_csv.h"
#include "formats/delphi_csv.h"
#include "fuzz/check.h"
#include "research/concept_map/concept_map.h"
#include "research/delphi/delphi.h"

namespace {

std::vector<std::string_view> Parts(std::string_view text) {
  std::vector<std::string_view> parts;
  while (parts.size() < 5) {
    const auto cut = text.find('\f');
    parts.push_back(text.substr(0, cut));
    text = cut == std::string_view::npos ? std::string_view() : text.substr(cut + 1);
  }
  return parts;
}

void RequireProblems(const covalue::formats::FileProblems& problems, const char* reader) {
  for (const auto& p : problems) {
    if (p.message.empty() || p.line == 0 || p.file.empty()) {
      std::fprintf(stderr, "%s named a problem without its file, line or reason\n", reader);
      std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace covalue;
  const auto parts = Parts(fuzz::Text(data, size));
  formats::ConceptMapFiles files{{"statements.csv", parts[0]}, {"sorts.csv", parts[1]},
                                 formats::NamedText{"ratings.csv", parts[2]},
                                 std::nullopt, 1, 5};
  if (!parts[3].empty()) files.coordinates = formats::NamedText{"map.csv", parts[3]};
  const auto study = formats::ReadConceptMapFiles(files);
  if (!study) {
    RequireProblems(study.error(), "ReadConceptMapFiles");
  } else if (study->study.statements.size() <= 40) {
    research::ConceptMapOptions options;
    options.coordinates = study->coordinates;
    options.smacof.starts = 2;
    options.smacof.threads = 1;
    const auto analysis = research::AnalyseConceptMap(study->study, options);
    if (!options.coordinates && !std::isfinite(analysis.stress1)) {
      std::fprintf(stderr, "a computed map's stress-1 is not finite\n");
      std::abort();
    }
  }
  const auto panel = formats::ReadDelphiFiles({"items.csv", parts[4]}, {"ratings.csv", parts[2]});
  if (!panel) {
    RequireProblems(panel.error(), "ReadDelphiFiles");
  } else {
    for (auto type : {research::PercentileType::kType7, research::PercentileType::kType2}) {
      const auto analysis = research::AnalyseDelphi(*panel, type);
      for (const auto& item : analysis.items) {
        for (const auto& round : item.rounds) {
          if (round.all.n > 0 && (!round.all.ipras || !std::isfinite(*round.all.ipras))) {
            std::fprintf(stderr, "a rated item has no IPRAS\n");
            std::abort();
          }
        }
      }
    }
  }
  return 0;
}
