// REDCap instrument zips (a Shared Library download): libzip, then the dictionary inside.
#include "formats/instrument_zip.h"
#include "fuzz/check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  covalue::fuzz::RequireMessage(
      covalue::formats::ReadInstrumentZip(covalue::fuzz::Text(data, size)), "ReadInstrumentZip");
  return 0;
}
