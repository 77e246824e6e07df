#include "formats/instrument_zip.h"

#include <memory>
#include <string>
#include <zip.h>

#include <fmt/format.h>

namespace covalue::formats {
namespace {

constexpr zip_uint64_t kMaxInstrumentCsv = zip_uint64_t{16} * 1024 * 1024;

struct ArchiveCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct FileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

Error Broken(const std::string& reason) {
  return Error{ErrorCode::kInvalidArgument, fmt::format("not a REDCap instrument zip: {}", reason),
               "zip"};
}

}  // namespace

bool LooksLikeZip(std::string_view bytes) { return bytes.substr(0, 4) == "PK\x03\x04"; }

Result<std::vector<ImportedQuestionnaire>> ReadInstrumentZip(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return Fail(Broken("the archive cannot be read"));
  }
  std::unique_ptr<zip_t, ArchiveCloser> archive(zip_open_from_source(source, ZIP_RDONLY, &error));
  if (!archive) {
    const std::string reason = zip_error_strerror(&error);
    zip_source_free(source);
    zip_error_fini(&error);
    return Fail(Broken(reason));
  }
  zip_error_fini(&error);
  const zip_int64_t index =
      zip_name_locate(archive.get(), "instrument.csv", ZIP_FL_NOCASE | ZIP_FL_NODIR);
  if (index < 0) {
    return Fail(Broken("it holds no instrument.csv"));
  }
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(index), 0, &stat) != 0 ||
      (stat.valid & ZIP_STAT_SIZE) == 0 || stat.size > kMaxInstrumentCsv) {
    return Fail(Broken("instrument.csv is unreadable or larger than 16 MiB"));
  }
  std::unique_ptr<zip_file_t, FileCloser> file(
      zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(index), 0));
  if (!file) {
    return Fail(Broken("instrument.csv cannot be opened"));
  }
  std::string csv(static_cast<std::size_t>(stat.size), '\0');
  if (zip_fread(file.get(), csv.data(), stat.size) != static_cast<zip_int64_t>(stat.size)) {
    return Fail(Broken("instrument.csv is damaged"));
  }
  auto questionnaires = ReadRedcapDictionary(csv, DictionaryOf::kInstrument);
  if (!questionnaires) {
    return Fail(Error{questionnaires.error().code,
                      "instrument.csv: " + questionnaires.error().message,
                      questionnaires.error().field});
  }
  return questionnaires;
}

}  // namespace covalue::formats
