#pragma once

#include "http/router.h"

namespace covalue::app {
class Questionnaires;
class Workbooks;
}  // namespace covalue::app

namespace covalue::fhir {

// Questionnaire at /fhir/r4: read (a guide's, or the latest version of a stored one), vread
// (/_history/{vid}), search (_id, url, name; paged with _count and _offset) and create (an
// import: the next version of the questionnaire its name names). The guides come from workbooks
// (fhir/workbook_resources.h), the stored ones from questionnaires.
void AddQuestionnaireRoutes(http::Router& router, app::Questionnaires& questionnaires,
                            app::Workbooks& workbooks);

}  // namespace covalue::fhir
