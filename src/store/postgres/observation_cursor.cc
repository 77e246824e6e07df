#include "store/postgres/observation_cursor.h"

#include <map>
#include <tuple>
#include <vector>

#include "domain/dates.h"

namespace covalue::store::postgres {
namespace {

constexpr int kRowsPerFetch = 50'000;

// The series met so far, each numbered in the order it was first met.
class Series {
 public:
  std::uint32_t IndexOf(Id site, Id population, std::string_view system, std::string_view code) {
    auto key = std::make_tuple(site, population, std::string(system), std::string(code));
    const auto [it, added] = index_.try_emplace(std::move(key), 0);
    if (added) {
      it->second = static_cast<std::uint32_t>(series_.size());
      series_.push_back({site, population, std::string(system), std::string(code)});
    }
    return it->second;
  }
  const std::vector<ObservationSeries>& All() const { return series_; }

 private:
  std::map<std::tuple<Id, Id, std::string, std::string>, std::uint32_t> index_;
  std::vector<ObservationSeries> series_;
};

}  // namespace

Status ObservationCursor::Scan(const RegistryRepository::RecordVisit& visit) {
  COVALUE_RETURN_IF_ERROR(
      db_.Execute("DECLARE covalue_scan NO SCROLL CURSOR FOR SELECT site_id, population_id, "
                  "system, code, effective_ms, value FROM observations ORDER BY id"));
  Series series;
  std::vector<ObservationRecord> records;
  records.reserve(kRowsPerFetch);
  Status status = Ok();
  for (;;) {
    auto fetch = db_.Prepare("FETCH 50000 FROM covalue_scan");
    if (!fetch) {
      status = Fail(fetch.error());
      break;
    }
    records.clear();
    for (;;) {
      auto row = fetch->Step();
      if (!row) {
        status = Fail(row.error());
        break;
      }
      if (!*row) {
        break;
      }
      const std::uint32_t s =
          series.IndexOf(fetch->Int(0), fetch->Int(1), fetch->TextView(2), fetch->TextView(3));
      records.push_back({fetch->Real(5), static_cast<std::int32_t>(DayOf(fetch->Int(4))), s});
    }
    if (!status || records.empty()) {
      break;
    }
    visit(series.All(), records);
    if (records.size() < static_cast<std::size_t>(kRowsPerFetch)) {
      break;
    }
  }
  const Status closed = db_.Execute("CLOSE covalue_scan");
  return status ? closed : status;
}

Status ObservationCursor::CatchUp() {
  if (in_writer_) {
    return Fail(ErrorCode::kInternal, "the rescan is caught up in a read only");
  }
  return Ok();
}

}  // namespace covalue::store::postgres
