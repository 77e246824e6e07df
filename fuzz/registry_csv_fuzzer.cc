// Registry files (covalue import registry, POST /api/v1/registry/imports).
#include "formats/registry_csv.h"
#include "fuzz/check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto file = covalue::formats::ReadRegistryCsv(covalue::fuzz::Text(data, size));
  covalue::fuzz::RequireMessage(file, "ReadRegistryCsv");
  if (file) {
    for (const auto& rejected : file->rejected) {
      if (rejected.reason.empty()) {
        std::abort();  // a rejected line must say why
      }
    }
  }
  return 0;
}
