// REDCap data dictionaries, as a project's and as a Shared Library instrument's.
#include "formats/redcap_dictionary.h"
#include "fuzz/check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using covalue::formats::DictionaryOf;
  const auto text = covalue::fuzz::Text(data, size);
  covalue::fuzz::RequireMessage(covalue::formats::ReadRedcapDictionary(text, DictionaryOf::kProject),
                                "ReadRedcapDictionary");
  covalue::fuzz::RequireMessage(
      covalue::formats::ReadRedcapDictionary(text, DictionaryOf::kInstrument),
      "ReadRedcapDictionary");
  return 0;
}
