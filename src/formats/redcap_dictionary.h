#pragma once

#include <string_view>
#include <vector>

#include "domain/error.h"
#include "domain/questionnaire.h"

namespace covalue::formats {

// Reads a REDCap data dictionary (the CSV of Project Setup → Data Dictionary, or the
// instrument.csv of a Shared Library zip) into one questionnaire per form, in the order the
// forms first appear. Each questionnaire's name is the form name.
//
// Field types: text (by validation type: integer, number*, date_*, datetime_*, time; other
// validations are kept as text, not checked, with a warning), notes, dropdown, radio,
// checkbox (a repeating choice), yesno, truefalse, slider (0–100), descriptive (display),
// calc. Choices "code, label | …": numeric codes are the options' ordinal values, as REDCap's
// own calculations use them. A calc that sums fields ("[a] + [b]", "sum([a], [b])") becomes the
// form's scoring rule (the largest is the total, those summing a part of its items subscales);
// branching logic becomes enableWhen for comparisons of one field with a value joined by all
// "and" or all "or" (a checkbox as [field(code)]). Anything else covalue cannot interpret
// (file and sql fields, other calculations and branching, unknown types) imports as a
// read-only item with a warning. Errors name the CSV line: a missing column, a field name that
// is not REDCap's (lower-case letters, digits, '_', starting with a letter) or used twice, a
// choice without a code.
//
// A project's data dictionary (project true) begins with the project's record-id field: it is
// never asked (covalue names each record by the patient's identifier) and is kept as every
// form's redcap_record_field, for exports back to the project. A Shared Library instrument has
// none (project false).
enum class DictionaryOf { kProject, kInstrument };
Result<std::vector<ImportedQuestionnaire>> ReadRedcapDictionary(
    std::string_view csv, DictionaryOf of = DictionaryOf::kProject);

}  // namespace covalue::formats
