#pragma once

#include "app/app.h"
#include "http/router.h"

namespace covalue::fhir {

// Questionnaire at /fhir/r4: read (a guide's, or the latest version of a stored one), vread
// (/_history/{vid}), search (_id, url, name; paged with _count and _offset) and create (an
// import: the next version of the questionnaire its name names).
void AddQuestionnaireRoutes(http::Router& router, app::App& app);

}  // namespace covalue::fhir
