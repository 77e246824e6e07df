#pragma once

// The concept map's live analysis as the study routes compute it (study_routes.cc), shared by
// the routes that answer it as JSON, pictures and files.

#include "app/studies/studies.h"
#include "http/router.h"
#include "research/concept_map/concept_map.h"

namespace covalue::http::api {

struct Analysed {
  Id study_id = 0;
  app::StudyData data;
  research::ConceptMapOptions options;
  research::ConceptMapAnalysis analysis;
};

// Study {id}'s concept map analysed with the request's k, starts (Default: 8, 1–32) and seed
// (Default: 1): the owner's. kConflict with fewer than 3 statements or no sort; kInvalidArgument
// naming k outside 2 … n − 1.
[[nodiscard]] Result<Analysed> Analyse(app::Studies& studies, const RouteContext& r);

}  // namespace covalue::http::api
