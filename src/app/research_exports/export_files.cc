// Research exports: the de-identified files (the rules are stated in research_exports.h and,
// per column, in the dictionary below).

#include <cstring>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "app/kernel/crypto.h"
#include "app/kernel/suppression.h"
#include "app/research_exports/research_exports.h"
#include "domain/dates.h"
#include "formats/csv_file.h"
#include "store/population_repository.h"
#include "store/registry_repository.h"
#include "store/research_project_repository.h"
#include "store/site_repository.h"

namespace covalue::app {
namespace {

using formats::CsvRow;

// A person as the export writes them.
struct Person {
  std::string pseudonym;
  int shift = 0;
  Patient record;  // read for the rules only: never written
};

// The pseudonym ("R" and 16 hex digits) and date shift of a record, from its keyed hash.
Person PersonOf(const std::string& key, int shift_days, Patient record) {
  const auto hash = crypto::KeyedHash(key, fmt::format("person:{}:{}", record.site_id, record.id));
  std::string pseudonym = "R";
  for (std::size_t i = 0; i < 8; ++i) pseudonym += fmt::format("{:02x}", hash[i]);
  std::uint64_t bits = 0;
  std::memcpy(&bits, hash.data() + 8, sizeof bits);
  return Person{std::move(pseudonym), deidentify::ShiftDays(bits, shift_days), std::move(record)};
}

std::string AgeBandAt(const Patient& p, std::int64_t at_ms) {
  const auto years = deidentify::AgeInYears(p.birth_date, at_ms);
  return years ? deidentify::AgeBand(*years) : "";
}

std::string Number(double value) { return fmt::format("{}", value); }

// What the export reads: the approved sites' consented people and their observations.
struct Extract {
  std::map<Id, Person> people;  // by patient id
  std::vector<Observation> observations;
  std::map<Id, std::string> site_names;
  std::map<Id, std::string> population_names;
};

const std::vector<std::vector<std::string>> kDictionary = {
    {"people.csv", "person", "text", "the person's pseudonym in this project",
     "keyed hash (BLAKE2b) of the record under the project's own key; not the identifier"},
    {"people.csv", "site_id", "integer", "the site that enrolled the person", "kept"},
    {"people.csv", "population_id", "integer", "the population the person is in", "kept"},
    {"people.csv", "sex", "text", "female, male, other or unknown", "kept"},
    {"people.csv", "age_band_at_enrolment", "text", "age when enrolled",
     "five-year bands, 90 and over together as 90+; no birth date"},
    {"people.csv", "enrolled", "date", "day of enrolment", "shifted by the person's offset"},
    {"people.csv", "diagnosed", "date", "day of diagnosis, empty when unknown",
     "shifted by the person's offset"},
    {"observations.csv", "person", "text", "as in people.csv", "pseudonym"},
    {"observations.csv", "site_id", "integer", "as in people.csv", "kept"},
    {"observations.csv", "population_id", "integer", "as in people.csv", "kept"},
    {"observations.csv", "system", "text", "the code system of the variable", "kept"},
    {"observations.csv", "code", "text", "the registry variable (codes.csv)", "kept"},
    {"observations.csv", "value", "number", "the value measured", "kept"},
    {"observations.csv", "unit", "text", "its unit", "kept"},
    {"observations.csv", "date", "date", "day measured", "shifted by the person's offset"},
    {"observations.csv", "age_band", "text", "age on that day",
     "five-year bands, 90 and over together"},
    {"scores.csv", "person", "text", "as in people.csv", "pseudonym"},
    {"scores.csv", "site_id", "integer", "as in people.csv", "kept"},
    {"scores.csv", "population_id", "integer", "as in people.csv", "kept"},
    {"scores.csv", "questionnaire", "text", "the questionnaire answered", "kept"},
    {"scores.csv", "scale", "text", "total, or the subscale's name", "kept"},
    {"scores.csv", "value", "number", "the score", "kept; the answers themselves are not exported"},
    {"scores.csv", "band", "text", "the score's severity band, empty when none", "kept"},
    {"scores.csv", "date", "date", "day answered", "shifted by the person's offset"},
    {"scores.csv", "age_band", "text", "age on that day", "five-year bands, 90 and over together"},
    {"codes.csv", "system", "text", "a code system", "kept"},
    {"codes.csv", "code", "text", "a code of observations or scores", "kept"},
    {"codes.csv", "display", "text", "what the code names", "kept"},
    {"codes.csv", "unit", "text", "its unit", "kept"},
    {"codes.csv", "people", "integer", "people with the code",
     "withheld (empty, suppressed true) when 1 to the minimum cell less one"},
    {"codes.csv", "observations", "integer", "observations of the code", "withheld with people"},
    {"codes.csv", "suppressed", "boolean", "whether the counts are withheld", "-"},
    {"summary.csv", "site_id", "integer", "a site", "kept"},
    {"summary.csv", "site", "text", "its name", "kept"},
    {"summary.csv", "population_id", "integer", "a population of the site", "kept"},
    {"summary.csv", "population", "text", "its name", "kept"},
    {"summary.csv", "people", "integer", "people exported",
     "withheld (empty, suppressed true) when 1 to the minimum cell less one"},
    {"summary.csv", "observations", "integer", "registry observations exported",
     "withheld with people"},
    {"summary.csv", "scores", "integer", "scores exported", "withheld with people"},
    {"summary.csv", "suppressed", "boolean", "whether the counts are withheld", "-"},
};

}  // namespace

Result<std::string> ResearchExports::Export(const RequestContext& ctx, Id project_id,
                                            ExportFile file) {
  COVALUE_ASSIGN_OR_RETURN(auto managed, Manage(ctx, project_id));
  const ResearchProject& project = managed.first;
  const Decision& decision = managed.second;
  // The dictionary holds no one's data: it reads nothing from the registry.
  const bool reads_registry = file != ExportFile::kDictionary;
  Extract x;
  std::vector<Id> sites;
  COVALUE_RETURN_IF_ERROR(store_.Read([&](store::Repositories& r) -> Status {
    if (!reads_registry) return Ok();
    COVALUE_ASSIGN_OR_RETURN(const std::string key, r.ResearchProjects().Key(project_id));
    COVALUE_ASSIGN_OR_RETURN(auto approvals, r.ResearchProjects().Approvals(project_id));
    for (const SiteApproval& a : approvals) {
      if (a.revoked_ms) continue;
      sites.push_back(a.site_id);
      x.site_names[a.site_id] = a.site_name;
    }
    if (sites.empty()) return Ok();
    PageRequest page{0, PageRequest::kMaxLimit};
    for (;;) {
      COVALUE_ASSIGN_OR_RETURN(
          auto found, r.Registry().ListPatients(page, store::PatientQuery{sites, {}, {}, false, {}}));
      for (Patient& p : found.items) {
        // Research extracts take only those who consented (domain/registry.h).
        if (p.consent != Consent::kConsented) continue;
        const Id id = p.id;
        x.people.emplace(id, PersonOf(key, project.shift_days, std::move(p)));
      }
      if (!found.next) break;
      page.after = *found.next;
    }
    if (file != ExportFile::kPeople) {
      store::RecordQuery query;
      query.sites = sites;
      page = PageRequest{0, PageRequest::kMaxLimit};
      for (;;) {
        COVALUE_ASSIGN_OR_RETURN(auto found, r.Registry().ListObservations(query, page));
        for (Observation& o : found.items) {
          if (x.people.contains(o.patient_id)) x.observations.push_back(std::move(o));
        }
        if (!found.next) break;
        page.after = *found.next;
      }
    }
    // The populations' names, for the summary only.
    for (Id site : sites) {
      if (file != ExportFile::kSummary) break;
      PageRequest populations{0, PageRequest::kMaxLimit};
      for (;;) {
        COVALUE_ASSIGN_OR_RETURN(auto found, r.Populations().List(populations, site));
        for (const Population& p : found.items) x.population_names[p.id] = p.name;
        if (!found.next) break;
        populations.after = *found.next;
      }
    }
    return Ok();
  }));
  if (reads_registry && sites.empty()) {
    return Fail(ErrorCode::kConflict, "no site approves this project's access to its data",
                "/approvals");
  }

  const auto is_score = [](const Observation& o) { return o.system == kScoreSystem; };
  std::string out;
  switch (file) {
    case ExportFile::kPeople:
      out = CsvRow({"person", "site_id", "population_id", "sex", "age_band_at_enrolment",
                    "enrolled", "diagnosed"});
      for (const auto& [id, person] : x.people) {
        const Patient& p = person.record;
        const auto diagnosed = ParseDateMs(p.diagnosis_date);
        out += CsvRow({person.pseudonym, std::to_string(p.site_id),
                       std::to_string(p.population_id), std::string(SexName(p.sex)),
                       AgeBandAt(p, p.created_ms), deidentify::ShiftedDay(p.created_ms, person.shift),
                       diagnosed ? deidentify::ShiftedDay(*diagnosed, person.shift) : ""});
      }
      break;
    case ExportFile::kObservations:
    case ExportFile::kScores: {
      const bool scores = file == ExportFile::kScores;
      out = scores ? CsvRow({"person", "site_id", "population_id", "questionnaire", "scale",
                             "value", "band", "date", "age_band"})
                   : CsvRow({"person", "site_id", "population_id", "system", "code", "value",
                             "unit", "date", "age_band"});
      for (const Observation& o : x.observations) {
        if (is_score(o) != scores) continue;
        const Person& person = x.people.at(o.patient_id);
        std::vector<std::string> row = {person.pseudonym, std::to_string(o.site_id),
                                        std::to_string(o.population_id)};
        if (scores) {
          const auto slash = o.code.find('/');
          row.push_back(o.code.substr(0, slash));
          row.push_back(slash == std::string::npos ? "total" : o.code.substr(slash + 1));
          row.push_back(Number(o.value));
          row.push_back(o.interpretation);
        } else {
          row.insert(row.end(), {o.system, o.code, Number(o.value), o.unit});
        }
        row.push_back(deidentify::ShiftedDay(o.effective_ms, person.shift));
        row.push_back(AgeBandAt(person.record, o.effective_ms));
        out += CsvRow(row);
      }
      break;
    }
    case ExportFile::kCodes: {
      struct Code {
        std::string display, unit;
        std::set<Id> people;
        std::size_t observations = 0;
      };
      std::map<std::pair<std::string, std::string>, Code> codes;
      for (const Observation& o : x.observations) {
        Code& c = codes[{o.system, o.code}];
        c.display = o.display;
        c.unit = o.unit;
        c.people.insert(o.patient_id);
        ++c.observations;
      }
      out = CsvRow({"system", "code", "display", "unit", "people", "observations", "suppressed"});
      for (const auto& [code, c] : codes) {
        const bool small = IsSmallCell(MeasureKind::kContinuous,
                                       {static_cast<double>(c.people.size()), 0, 0}, min_cell_);
        out += CsvRow({code.first, code.second, c.display, c.unit,
                       small ? "" : std::to_string(c.people.size()),
                       small ? "" : std::to_string(c.observations), small ? "true" : "false"});
      }
      break;
    }
    case ExportFile::kSummary: {
      std::map<std::pair<Id, Id>, std::tuple<std::size_t, std::size_t, std::size_t>> cells;
      for (const auto& [id, person] : x.people) {
        ++std::get<0>(cells[{person.record.site_id, person.record.population_id}]);
      }
      for (const Observation& o : x.observations) {
        auto& cell = cells[{o.site_id, o.population_id}];
        ++(is_score(o) ? std::get<2>(cell) : std::get<1>(cell));
      }
      out = CsvRow({"site_id", "site", "population_id", "population", "people", "observations",
                    "scores", "suppressed"});
      for (const auto& [at, counts] : cells) {
        const auto [people, observations, scores] = counts;
        const bool small = IsSmallCell(MeasureKind::kContinuous,
                                       {static_cast<double>(people), 0, 0}, min_cell_);
        out += CsvRow({std::to_string(at.first), x.site_names[at.first], std::to_string(at.second),
                       x.population_names[at.second], small ? "" : std::to_string(people),
                       small ? "" : std::to_string(observations),
                       small ? "" : std::to_string(scores), small ? "true" : "false"});
      }
      break;
    }
    case ExportFile::kDictionary:
      out = CsvRow({"file", "column", "type", "meaning", "de_identification"});
      for (const auto& row : kDictionary) out += CsvRow(row);
      break;
  }
  COVALUE_RETURN_IF_ERROR(gate_.RecordRead(
      ctx, decision, Action::kResearchProjectManage, {},
      {"research_export", fmt::format("{}/{}", project_id, ExportFileName(file)), std::nullopt}));
  return out;
}

}  // namespace covalue::app
