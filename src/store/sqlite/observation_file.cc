#include "store/sqlite/observation_file.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <limits>
#include <optional>
#include <type_traits>
#include <unistd.h>
#include <unordered_map>
#include <vector>

#include <sys/file.h>
#include <sys/stat.h>

#include "domain/dates.h"
#include "store/registry_repository.h"

namespace covalue::store::sqlite {
namespace {

constexpr std::array<char, 8> kMagic = {'c', 'o', 'v', 'o', 'b', 's', '0', '1'};
constexpr std::array<char, 8> kSeriesMagic = {'c', 'o', 'v', 's', 'e', 'r', '0', '1'};
constexpr std::int64_t kRecordsPerChunk = 1 << 16;  // 1 MiB read or written at a time

static_assert(sizeof(ObservationRecord) == 16 && std::is_trivially_copyable_v<ObservationRecord>);

struct Header {
  std::array<char, 8> magic = kMagic;
  std::int64_t records = 0;
  std::int64_t last_id = 0;  // of the last record's observation; 0 when there is none
  std::int64_t series = 0;   // entries of the series table the records may index
  std::array<char, 32> reserved{};
};
constexpr std::int64_t kHeaderBytes = sizeof(Header);
static_assert(kHeaderBytes == 64 && std::is_trivially_copyable_v<Header>);

off_t RecordOffset(std::int64_t index) {
  return static_cast<off_t>(kHeaderBytes + index * std::int64_t{sizeof(ObservationRecord)});
}

// A file descriptor, closed (and so unlocked) when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  int Get() const { return fd_; }
  bool Locked(int operation) const { return fd_ >= 0 && ::flock(fd_, operation) == 0; }

 private:
  int fd_;
};

// Moves size bytes at offset with transfer (pread or pwrite) until done; false on an error or
// the end of the file.
template <typename Byte, typename Transfer>
bool TransferAll(int fd, Byte* at, std::size_t size, off_t offset, Transfer transfer) {
  while (size > 0) {
    const ssize_t n = transfer(fd, at, size, offset);
    if (n <= 0) {
      return false;
    }
    at += n;
    size -= static_cast<std::size_t>(n);
    offset += n;
  }
  return true;
}

bool ReadAll(int fd, void* data, std::size_t size, off_t offset) {
  return TransferAll(fd, static_cast<char*>(data), size, offset, ::pread);
}

bool WriteAll(int fd, const void* data, std::size_t size, off_t offset) {
  return TransferAll(fd, static_cast<const char*>(data), size, offset, ::pwrite);
}

Error FileError(const std::string& what, const std::string& path) {
  return Error{
      ErrorCode::kUnavailable,
      "the observation file " + path + " could not be " + what + ": " + std::strerror(errno), ""};
}

// The series table, with an index to find a database row's series.
class SeriesTable {
 public:
  SeriesTable() = default;
  explicit SeriesTable(std::vector<ObservationSeries> series) : series_(std::move(series)) {
    for (std::size_t i = 0; i < series_.size(); ++i) {
      const ObservationSeries& s = series_[i];
      index_.emplace(KeyOf(s.site_id, s.population_id, s.system, s.code),
                     static_cast<std::uint32_t>(i));
    }
  }

  // The series' index, added when new. kResourceExhausted beyond 2^32 series.
  Result<std::uint32_t> IndexOf(Id site, Id population, std::string_view system,
                                std::string_view code) {
    key_ = KeyOf(site, population, system, code);
    if (const auto found = index_.find(key_); found != index_.end()) {
      return found->second;
    }
    if (series_.size() >= std::numeric_limits<std::uint32_t>::max()) {
      return Fail(ErrorCode::kResourceExhausted, "too many observation series");
    }
    const auto index = static_cast<std::uint32_t>(series_.size());
    series_.push_back({site, population, std::string(system), std::string(code)});
    index_.emplace(key_, index);
    return index;
  }

  const std::vector<ObservationSeries>& Series() const { return series_; }

 private:
  // Ids as decimal text cannot run into the system, and the system (a URI) has no NUL.
  static std::string KeyOf(Id site, Id population, std::string_view system, std::string_view code) {
    std::string key = std::to_string(site);
    key += ' ';
    key += std::to_string(population);
    key += ' ';
    key += system;
    key += '\0';
    key += code;
    return key;
  }

  std::vector<ObservationSeries> series_;
  std::unordered_map<std::string, std::uint32_t> index_;
  std::string key_;
};

std::string RecordsPath(const std::string& db) { return db + "-observations"; }
std::string SeriesPath(const std::string& db) { return db + "-observations-series"; }

void Put(std::string& out, const void* data, std::size_t size) {
  out.append(static_cast<const char*>(data), size);
}

void PutText(std::string& out, const std::string& text) {
  const auto size = static_cast<std::uint32_t>(text.size());
  Put(out, &size, sizeof size);
  out += text;
}

// Written to a temporary file renamed over the old one, so a reader sees one whole table.
Status WriteSeries(const std::string& path, const std::vector<ObservationSeries>& series) {
  std::string out(kSeriesMagic.begin(), kSeriesMagic.end());
  const auto count = static_cast<std::int64_t>(series.size());
  Put(out, &count, sizeof count);
  for (const ObservationSeries& s : series) {
    Put(out, &s.site_id, sizeof s.site_id);
    Put(out, &s.population_id, sizeof s.population_id);
    PutText(out, s.system);
    PutText(out, s.code);
  }
  const std::string temporary = path + ".new";
  {
    const Fd fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
    if (fd.Get() < 0 || !WriteAll(fd.Get(), out.data(), out.size(), 0) ||
        ::fdatasync(fd.Get()) != 0) {
      return Fail(FileError("written", temporary));
    }
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    return Fail(FileError("renamed", temporary));
  }
  return Ok();
}

// The first count entries of the series table; nullopt when it has fewer or is damaged.
std::optional<std::vector<ObservationSeries>> ReadSeries(const std::string& path,
                                                         std::int64_t count) {
  const Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  struct stat st {};
  if (fd.Get() < 0 || ::fstat(fd.Get(), &st) != 0) {
    return std::nullopt;
  }
  std::string in(static_cast<std::size_t>(st.st_size), '\0');
  if (!ReadAll(fd.Get(), in.data(), in.size(), 0)) {
    return std::nullopt;
  }
  std::size_t at = 0;
  const auto take = [&](void* data, std::size_t size) {
    if (in.size() - at < size) {
      return false;
    }
    std::memcpy(data, in.data() + at, size);
    at += size;
    return true;
  };
  const auto take_text = [&](std::string& text) {
    std::uint32_t size = 0;
    if (!take(&size, sizeof size) || in.size() - at < size) {
      return false;
    }
    text.assign(in, at, size);
    at += size;
    return true;
  };
  std::array<char, 8> magic{};
  std::int64_t stored = 0;
  if (!take(magic.data(), magic.size()) || magic != kSeriesMagic || !take(&stored, sizeof stored) ||
      stored < count) {
    return std::nullopt;
  }
  std::vector<ObservationSeries> series(static_cast<std::size_t>(count));
  for (ObservationSeries& s : series) {
    if (!take(&s.site_id, sizeof s.site_id) || !take(&s.population_id, sizeof s.population_id) ||
        !take_text(s.system) || !take_text(s.code)) {
      return std::nullopt;
    }
  }
  return series;
}

// The file's header and series table, when they are whole and its last record is the
// database's observation of that id; nullopt otherwise (the file is then not used).
struct Contents {
  Header header;
  SeriesTable table;
};

Result<std::optional<Contents>> Open(Connection& db, int fd, const std::string& path) {
  Header header;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !ReadAll(fd, &header, sizeof header, 0) || header.magic != kMagic ||
      header.records < 0 || header.series < 0 || st.st_size < RecordOffset(header.records)) {
    return std::optional<Contents>();
  }
  auto series = ReadSeries(SeriesPath(path), header.series);
  if (!series) {
    return std::optional<Contents>();
  }
  if (header.records > 0) {
    ObservationRecord last;
    if (!ReadAll(fd, &last, sizeof last, RecordOffset(header.records - 1)) ||
        last.series >= series->size()) {
      return std::optional<Contents>();
    }
    COVALUE_ASSIGN_OR_RETURN(
        auto query, db.Prepare("SELECT site_id, population_id, system, code, effective_ms, value "
                               "FROM observations WHERE id = ?"));
    query.Bind(header.last_id);
    COVALUE_ASSIGN_OR_RETURN(bool found, query.Step());
    const ObservationSeries& s = (*series)[last.series];
    if (!found || query.Int(0) != s.site_id || query.Int(1) != s.population_id ||
        query.TextView(2) != s.system || query.TextView(3) != s.code ||
        DayOf(query.Int(4)) != last.day || query.Real(5) != last.value) {
      return std::optional<Contents>();
    }
  } else if (header.last_id != 0) {
    return std::optional<Contents>();
  }
  return std::optional<Contents>(Contents{header, SeriesTable(std::move(*series))});
}

// Calls chunk with the database's observations after after_id, in id order, as records of
// table's series (added as they are met), and the id of each chunk's last one.
Status ReadTail(Connection& db, std::int64_t after_id, SeriesTable& table,
                const std::function<Status(std::span<const ObservationRecord> records,
                                           std::int64_t last_id)>& chunk) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query, db.Prepare("SELECT id, site_id, population_id, system, code, effective_ms, value "
                             "FROM observations WHERE id > ? ORDER BY id"));
  query.Bind(after_id);
  std::vector<ObservationRecord> records;
  records.reserve(kRecordsPerChunk);
  std::int64_t last_id = after_id;
  for (;;) {
    COVALUE_ASSIGN_OR_RETURN(bool more, query.Step());
    if (more) {
      last_id = query.Int(0);
      COVALUE_ASSIGN_OR_RETURN(
          std::uint32_t series,
          table.IndexOf(query.Int(1), query.Int(2), query.TextView(3), query.TextView(4)));
      records.push_back({query.Real(6), static_cast<std::int32_t>(DayOf(query.Int(5))), series});
    }
    if (!records.empty() &&
        (!more || static_cast<std::int64_t>(records.size()) == kRecordsPerChunk)) {
      COVALUE_RETURN_IF_ERROR(chunk(records, last_id));
      records.clear();
    }
    if (!more) {
      return Ok();
    }
  }
}

}  // namespace

Status ObservationFile::Scan(const RegistryRepository::RecordVisit& visit) {
  SeriesTable table;
  std::int64_t last_id = 0;
  if (const std::string path = db_.Path(); !path.empty()) {
    const Fd fd(::open(RecordsPath(path).c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.Locked(LOCK_SH)) {
      COVALUE_ASSIGN_OR_RETURN(std::optional<Contents> contents, Open(db_, fd.Get(), path));
      if (contents) {
        table = std::move(contents->table);
        const auto series = static_cast<std::uint32_t>(table.Series().size());
        std::vector<ObservationRecord> records(
            static_cast<std::size_t>(std::min(kRecordsPerChunk, contents->header.records)));
        for (std::int64_t at = 0; at < contents->header.records;) {
          const std::int64_t n = std::min(kRecordsPerChunk, contents->header.records - at);
          const std::span<ObservationRecord> chunk(records.data(), static_cast<std::size_t>(n));
          if (!ReadAll(fd.Get(), chunk.data(), chunk.size_bytes(), RecordOffset(at)) ||
              std::any_of(chunk.begin(), chunk.end(),
                          [&](const ObservationRecord& r) { return r.series >= series; })) {
            // Part of it was visited already, so this scan fails; without the file the next
            // one reads the database, and the next catch-up writes a new file.
            ::unlink(RecordsPath(path).c_str());
            ::unlink(SeriesPath(path).c_str());
            return Fail(ErrorCode::kUnavailable,
                        "the observation file " + RecordsPath(path) +
                            " was damaged and has been removed: try again");
          }
          visit(table.Series(), chunk);
          at += n;
        }
        last_id = contents->header.last_id;
      }
    }
  }
  return ReadTail(db_, last_id, table,
                  [&](std::span<const ObservationRecord> records, std::int64_t) {
                    visit(table.Series(), records);
                    return Ok();
                  });
}

Status ObservationFile::CatchUp() {
  if (db_.InWriteTransaction()) {
    return Fail(ErrorCode::kInternal, "the observation file is caught up in a read only");
  }
  const std::string path = db_.Path();
  if (path.empty()) {
    return Ok();
  }
  const std::string records_path = RecordsPath(path);
  const Fd fd(::open(records_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
  if (!fd.Locked(LOCK_EX)) {
    return Fail(FileError("opened", records_path));
  }
  COVALUE_ASSIGN_OR_RETURN(std::optional<Contents> contents, Open(db_, fd.Get(), path));
  Header header;
  SeriesTable table;
  if (contents) {
    header = contents->header;
    table = std::move(contents->table);
  } else if (!WriteAll(fd.Get(), &header, sizeof header, 0) || ::fdatasync(fd.Get()) != 0) {
    // Emptied first: records written over a stale file never pass for its old ones.
    return Fail(FileError("written", records_path));
  }
  std::int64_t records = header.records;
  std::int64_t last_id = header.last_id;
  COVALUE_RETURN_IF_ERROR(
      ReadTail(db_, header.last_id, table,
               [&](std::span<const ObservationRecord> chunk, std::int64_t chunk_last_id) -> Status {
                 if (!WriteAll(fd.Get(), chunk.data(), chunk.size_bytes(), RecordOffset(records))) {
                   return Fail(FileError("written", records_path));
                 }
                 records += static_cast<std::int64_t>(chunk.size());
                 last_id = chunk_last_id;
                 return Ok();
               }));
  if (contents && records == header.records) {
    return Ok();  // nothing new
  }
  const auto series = static_cast<std::int64_t>(table.Series().size());
  if (!contents || series != header.series) {
    COVALUE_RETURN_IF_ERROR(WriteSeries(SeriesPath(path), table.Series()));
  }
  // The records and the series table are on disk before the header that counts them.
  if (::ftruncate(fd.Get(), RecordOffset(records)) != 0 || ::fdatasync(fd.Get()) != 0) {
    return Fail(FileError("written", records_path));
  }
  header.records = records;
  header.last_id = last_id;
  header.series = series;
  if (!WriteAll(fd.Get(), &header, sizeof header, 0) || ::fdatasync(fd.Get()) != 0) {
    return Fail(FileError("written", records_path));
  }
  return Ok();
}

}  // namespace covalue::store::sqlite
