// A registry file's import: every line checked before anything is written, then all of it in
// one write with one audit record.

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "app/registry/registry.h"
#include "store/population_repository.h"
#include "store/registry_repository.h"
#include "store/site_repository.h"

namespace covalue::app {
namespace {

constexpr std::size_t kProgressEvery = 10'000;  // rows written

// The column of a ValidatePatient field: "/birth_date" → "birth_date", "/fields/edss" → "edss".
std::string ColumnOf(const std::string& field) {
  const auto slash = field.rfind('/');
  return slash == std::string::npos ? field : field.substr(slash + 1);
}

}  // namespace

Result<RegistryImportReport> Registry::ImportRegistryFile(
    const RequestContext& ctx, Id site_id, formats::RegistryFile file,
    const std::function<void(std::size_t, std::size_t)>& progress) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  const Target target{site_id, std::nullopt, std::nullopt, {}};
  COVALUE_ASSIGN_OR_RETURN(Decision decision, gate_.Permit(ctx, principal, Action::kPatientCreate,
                                                           target, {"patient", "import", {}}));
  // What the lines are checked against, read in one snapshot.
  std::map<std::string, store::PatientKey> known;
  std::set<Id> populations;
  COVALUE_RETURN_IF_ERROR(store_.Read([&](store::Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.Sites().Get(site_id).map([](const Site&) {}));
    PageRequest page{0, 500};
    for (;;) {
      COVALUE_ASSIGN_OR_RETURN(auto found, r.Populations().List(page, site_id));
      for (const Population& p : found.items) {
        populations.insert(p.id);
      }
      if (!found.next) {
        break;
      }
      page.after = *found.next;
    }
    COVALUE_ASSIGN_OR_RETURN(auto keys, r.Registry().PatientKeys(site_id));
    for (store::PatientKey& key : keys) {
      known.emplace(key.identifier, std::move(key));
    }
    return Ok();
  }));

  RegistryImportReport report;
  report.kind = file.kind;
  report.records = file.records;
  std::vector<formats::RejectedLine> rejected = std::move(file.rejected);
  const std::int64_t now = gate_.NowMs();
  std::map<std::string, std::size_t> line_of;  // identifier → the line that enrols it
  for (formats::PatientRow& row : file.patients) {
    row.patient.site_id = site_id;
    if (auto valid = ValidatePatient(row.patient, now); !valid) {
      rejected.push_back({row.line, ColumnOf(valid.error().field), valid.error().message});
    } else if (!populations.contains(row.patient.population_id)) {
      rejected.push_back(
          {row.line, "population_id",
           fmt::format("population {} is not one of the site's", row.patient.population_id)});
    } else if (known.contains(row.patient.identifier)) {
      rejected.push_back({row.line, "identifier", "the site already has a patient with it"});
    } else if (auto [first, added] = line_of.emplace(row.patient.identifier, row.line); !added) {
      rejected.push_back(
          {row.line, "identifier", fmt::format("appears on line {} too", first->second)});
    }
  }
  for (const formats::ObservationRow& row : file.observations) {
    if (!known.contains(row.identifier)) {
      rejected.push_back({row.line, "identifier", "the site has no patient with it"});
    }
  }
  if (!rejected.empty()) {
    std::stable_sort(rejected.begin(), rejected.end(),
                     [](const formats::RejectedLine& a, const formats::RejectedLine& b) {
                       return a.line < b.line;
                     });
    report.rejected_total = rejected.size();
    rejected.resize(std::min(rejected.size(), kMaxRejectedListed));
    report.rejected = std::move(rejected);
    return report;
  }

  const std::size_t total = file.patients.size() + file.observations.size();
  std::optional<MeasureStore::Batch> measured;
  COVALUE_RETURN_IF_ERROR(store_.Write([&](store::Repositories& repos) -> Status {
    COVALUE_ASSIGN_OR_RETURN(measured, measures_.BeginBatch(repos));
    std::size_t written = 0;
    const auto wrote = [&](std::size_t rows) {  // progress each time a multiple is passed
      const std::size_t before = written;
      written += rows;
      if (progress && written / kProgressEvery != before / kProgressEvery) {
        progress(written, total);
      }
    };
    for (formats::PatientRow& row : file.patients) {
      row.patient.created_ms = now;
      COVALUE_RETURN_IF_ERROR(repos.Registry().CreatePatient(row.patient).map([](auto&&) {}));
      wrote(1);
    }
    // Observations go in chunks (hundreds to a statement), progress after each.
    std::vector<Observation> chunk;
    for (std::size_t i = 0; i < file.observations.size(); ++i) {
      formats::ObservationRow& row = file.observations[i];
      const store::PatientKey& patient = known.at(row.identifier);
      Observation& o = row.observation;
      o.site_id = site_id;
      o.population_id = patient.population_id;
      o.patient_id = patient.id;
      measured->Observe(o);
      chunk.push_back(o);
      if (chunk.size() == kProgressEvery || i + 1 == file.observations.size()) {
        COVALUE_RETURN_IF_ERROR(repos.Registry().AddObservations(chunk));
        wrote(chunk.size());
        chunk.clear();
      }
    }
    COVALUE_RETURN_IF_ERROR(measured->Flush(repos));
    return gate_.AppendAudit(repos, ctx, decision, Action::kPatientCreate, target,
                             {"patient",
                              fmt::format("registry file of {} patients, {} observations",
                                          file.patients.size(), file.observations.size()),
                              {}},
                             AuditOutcome::kAllowed);
  }));
  measures_.Apply(*measured);
  if (progress) {
    progress(total, total);
  }
  report.patients = file.patients.size();
  report.observations = file.observations.size();
  return report;
}

}  // namespace covalue::app
