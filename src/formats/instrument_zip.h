#pragma once

#include <string_view>
#include <vector>

#include "domain/error.h"
#include "formats/redcap_dictionary.h"

namespace covalue::formats {

// Whether bytes start as a zip archive does.
bool LooksLikeZip(std::string_view bytes);

// Reads a REDCap instrument zip (the Shared Library format: instrument.csv, a data dictionary
// of the instrument, beside OriginID.txt and any attachments) as ReadRedcapDictionary reads
// instrument.csv. kInvalidArgument for a zip that is broken, lacks instrument.csv or holds
// one larger than 16 MiB.
Result<std::vector<ImportedQuestionnaire>> ReadInstrumentZip(std::string_view bytes);

}  // namespace covalue::formats
