// The other CSV files covalue reads: any CSV, planned visits, SPC tables.
#include "formats/csv_file.h"
#include "formats/spc_table.h"
#include "formats/visits_csv.h"
#include "fuzz/check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using covalue::fuzz::RequireMessage;
  const auto text = covalue::fuzz::Text(data, size);
  RequireMessage(covalue::formats::ReadCsv(
                     text, [](const covalue::formats::CsvRecord&) { return covalue::Ok(); }),
                 "ReadCsv");
  RequireMessage(covalue::formats::ReadVisitsCsv(text), "ReadVisitsCsv");
  RequireMessage(covalue::formats::ReadSpcTable(text, {"x", "y", "n", "facet"}), "ReadSpcTable");
  RequireMessage(covalue::formats::ReadSpcTable(text, {"x", "y", "", ""}), "ReadSpcTable");
  return 0;
}
