#pragma once

#include <string>
#include <vector>

#include "domain/questionnaire.h"

namespace covalue::formats {

// One response to export: the REDCap record it belongs to (the patient's identifier) and the
// response as read.
struct RecordResponse {
  std::string record_id;
  QuestionnaireResponse response;
};

// Responses to a questionnaire imported from a REDCap data dictionary as a REDCap data-import
// CSV (Data Import Tool, "rows are records"), so that a site can move them back into its
// project: the record-id field's column (the questionnaire's redcap_record_field, else
// "record_id"), redcap_repeat_instrument and redcap_repeat_instance (each record's responses
// numbered 1, 2, … in the order given: the form as a repeating instrument), then one column per
// field in the dictionary's order — a checkbox as one column per choice, field___code, 1 or 0 —
// and the form's status column {form}_complete (2 complete, 0 incomplete). Values are REDCap's:
// a choice's code, a number as written, a date YYYY-MM-DD, a datetime "YYYY-MM-DD HH:MM", a
// time HH:MM; display, calculated and read-only fields are left out (REDCap computes or keeps
// them). RFC 4180 quoting, CRLF line ends.
std::string WriteRedcapImport(const Questionnaire& questionnaire,
                              const std::vector<RecordResponse>& responses);

}  // namespace covalue::formats
