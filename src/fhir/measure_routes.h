#pragma once

#include "app/measures/measures.h"
#include "http/router.h"

namespace covalue::fhir {

// The community's measures at /fhir/r4 (https://hl7.org/fhir/R4/measure.html): Measure (read,
// search) and MeasureReport (search: a summary report per site and period, from the measure
// store, https://hl7.org/fhir/R4/measurereport.html). Reports follow the measures API's rules:
// a site's staff see its cells whole; the community sees every site with cells under the
// minimum size left out.
void AddMeasureRoutes(http::Router& router, app::Measures& measures);

}  // namespace covalue::fhir
