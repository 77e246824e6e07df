// Guide files (guides/*.yaml): YAML, then the guide's shape and rules.
#include "formats/guide_file.h"
#include "fuzz/check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  covalue::fuzz::RequireMessage(
      covalue::formats::ReadGuideFile(covalue::fuzz::Text(data, size), "fuzz.yaml"),
      "ReadGuideFile");
  return 0;
}
