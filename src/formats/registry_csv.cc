#include "formats/registry_csv.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "domain/dates.h"
#include "formats/csv_file.h"

namespace covalue::formats {
namespace {

constexpr std::size_t kProgressEvery = 10'000;  // lines

std::string Trimmed(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) {
    return "";
  }
  return std::string(text.substr(begin, text.find_last_not_of(" \t") - begin + 1));
}

// The header's columns by name, with the kind they make.
struct Header {
  RegistryFileKind kind = RegistryFileKind::kPatients;
  std::vector<std::string> names;
  std::map<std::string, std::size_t> index;

  const std::string* Cell(const CsvRecord& record, const std::string& name) const {
    const auto found = index.find(name);
    return found == index.end() ? nullptr : &record.fields[found->second];
  }
};

Result<Header> ReadHeader(const CsvRecord& record) {
  Header header;
  for (std::size_t i = 0; i < record.fields.size(); ++i) {
    std::string name = Trimmed(record.fields[i]);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!header.index.emplace(name, i).second) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("line {}: the column '{}' appears twice", record.line, name), "");
    }
    header.names.push_back(std::move(name));
  }
  const auto has = [&](std::initializer_list<const char*> names) {
    return std::all_of(names.begin(), names.end(),
                       [&](const char* n) { return header.index.contains(n); });
  };
  if (has({"identifier", "population_id", "birth_date", "sex"})) {
    header.kind = RegistryFileKind::kPatients;
  } else if (has({"identifier", "code", "value", "effective"})) {
    header.kind = RegistryFileKind::kObservations;
  } else {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("line {}: the header names neither a patients file (identifier, "
                            "population_id, birth_date, sex, …) nor an observations file "
                            "(identifier, code, value, effective, …)",
                            record.line),
                "");
  }
  return header;
}

template <typename T>
std::optional<T> Number(const std::string& text) {
  T value{};
  const char* end = text.data() + text.size();
  auto [stop, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || stop != end) {
    return std::nullopt;
  }
  return value;
}

// Reads one patients line; the first unreadable cell rejects it.
std::optional<RejectedLine> ReadPatient(const Header& header, const CsvRecord& record, Patient& p) {
  const auto reject = [&](const std::string& column, std::string reason) {
    return RejectedLine{record.line, column, std::move(reason)};
  };
  p.identifier = Trimmed(*header.Cell(record, "identifier"));
  const auto population = Number<Id>(Trimmed(*header.Cell(record, "population_id")));
  if (!population || *population <= 0) {
    return reject("population_id", "is the population's id, a positive whole number");
  }
  p.population_id = *population;
  p.birth_date = Trimmed(*header.Cell(record, "birth_date"));
  const auto sex = ParseSex(Trimmed(*header.Cell(record, "sex")));
  if (!sex) {
    return reject("sex", "is female, male, other or unknown");
  }
  p.sex = *sex;
  if (const std::string* diagnosis = header.Cell(record, "diagnosis_date")) {
    p.diagnosis_date = Trimmed(*diagnosis);
  }
  if (const std::string* family = header.Cell(record, "family")) {
    p.family = Trimmed(*family);
  }
  if (const std::string* given = header.Cell(record, "given")) {
    p.given = Trimmed(*given);
  }
  if (const std::string* consent = header.Cell(record, "consent");
      consent != nullptr && !Trimmed(*consent).empty()) {
    const auto parsed = ParseConsent(Trimmed(*consent));
    if (!parsed) {
      return reject("consent", "is pending, consented, declined or withdrawn");
    }
    p.consent = *parsed;
  }
  for (std::size_t i = 0; i < header.names.size(); ++i) {
    const std::string& name = header.names[i];
    if (name != "identifier" && name != "population_id" && name != "birth_date" && name != "sex" &&
        name != "diagnosis_date" && name != "consent" && name != "family" && name != "given" &&
        !record.fields[i].empty()) {
      p.fields[name] = record.fields[i];
    }
  }
  return std::nullopt;
}

std::optional<RejectedLine> ReadObservation(const Header& header, const CsvRecord& record,
                                            ObservationRow& row) {
  const auto reject = [&](const std::string& column, std::string reason) {
    return RejectedLine{record.line, column, std::move(reason)};
  };
  Observation& o = row.observation;
  row.identifier = Trimmed(*header.Cell(record, "identifier"));
  if (row.identifier.empty()) {
    return reject("identifier", "names the patient (their identifier at the site)");
  }
  o.code = Trimmed(*header.Cell(record, "code"));
  if (o.code.empty() || o.code.size() > 200) {
    return reject("code", "is 1 to 200 characters");
  }
  const auto value = Number<double>(Trimmed(*header.Cell(record, "value")));
  if (!value || !std::isfinite(*value)) {
    return reject("value", "is a number");
  }
  o.value = *value;
  const auto effective = ParseDateTimeMs(Trimmed(*header.Cell(record, "effective")));
  if (!effective) {
    return reject("effective", "is a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDThh:mm:ssZ)");
  }
  o.effective_ms = *effective;
  const std::string* system = header.Cell(record, "system");
  o.system = system != nullptr && !Trimmed(*system).empty() ? Trimmed(*system) : kRegistrySystem;
  const std::string* display = header.Cell(record, "display");
  o.display = display != nullptr && !Trimmed(*display).empty() ? Trimmed(*display) : o.code;
  if (const std::string* unit = header.Cell(record, "unit")) {
    o.unit = Trimmed(*unit);
  }
  return std::nullopt;
}

}  // namespace

Result<RegistryFile> ReadRegistryCsv(std::string_view text,
                                     const std::function<void(std::size_t line)>& progress) {
  RegistryFile file;
  std::optional<Header> header;
  COVALUE_RETURN_IF_ERROR(ReadCsv(text, [&](const CsvRecord& record) -> Status {
    if (!header) {
      COVALUE_ASSIGN_OR_RETURN(header, ReadHeader(record));
      file.kind = header->kind;
      return Ok();
    }
    ++file.records;
    if (progress && file.records % kProgressEvery == 0) {
      progress(record.line);
    }
    if (record.fields.size() != header->names.size()) {
      file.rejected.push_back({record.line, "",
                               fmt::format("has {} cells; the header has {}", record.fields.size(),
                                           header->names.size())});
      return Ok();
    }
    if (header->kind == RegistryFileKind::kPatients) {
      PatientRow row{record.line, {}};
      if (auto rejected = ReadPatient(*header, record, row.patient)) {
        file.rejected.push_back(std::move(*rejected));
      } else {
        file.patients.push_back(std::move(row));
      }
    } else {
      ObservationRow row{record.line, {}, {}};
      if (auto rejected = ReadObservation(*header, record, row)) {
        file.rejected.push_back(std::move(*rejected));
      } else {
        file.observations.push_back(std::move(row));
      }
    }
    return Ok();
  }));
  if (!header) {
    return Fail(ErrorCode::kInvalidArgument, "the file is empty: a registry file has a header line",
                "");
  }
  return file;
}

}  // namespace covalue::formats
