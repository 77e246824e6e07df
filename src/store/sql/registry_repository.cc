#include "store/registry_repository.h"

#include <algorithm>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "store/sql/sql_repositories.h"

namespace covalue::store::sql {
namespace {

constexpr const char* kPatientColumns =
    "SELECT id, site_id, population_id, identifier, birth_date, sex, diagnosis_date, consent, "
    "user_id, created_ms, family, given FROM patients ";
constexpr const char* kResponseColumns =
    "SELECT id, site_id, patient_id, questionnaire_id, questionnaire_version, status, "
    "authored_ms, author_id, resource, created_ms FROM responses ";
constexpr const char* kObservationColumns =
    "SELECT id, site_id, population_id, patient_id, system, code, display, effective_ms, value, "
    "unit, interpretation, response_id FROM observations ";

Patient ReadPatient(const Statement& row) {
  Patient p;
  p.id = row.Int(0);
  p.site_id = row.Int(1);
  p.population_id = row.Int(2);
  p.identifier = row.Text(3);
  p.birth_date = row.Text(4);
  p.sex = ParseSex(row.Text(5)).value_or(Sex::kUnknown);
  p.diagnosis_date = row.Text(6);
  p.consent = ParseConsent(row.Text(7)).value_or(Consent::kPending);
  p.user_id = row.OptionalInt(8);
  p.created_ms = row.Int(9);
  p.family = row.Text(10);
  p.given = row.Text(11);
  return p;
}

StoredResponse ReadResponse(const Statement& row) {
  return StoredResponse{row.Int(0),  row.Int(1), row.Int(2),         row.Text(3), row.Int(4),
                        row.Text(5), row.Int(6), row.OptionalInt(7), row.Text(8), row.Int(9)};
}

Observation ReadObservation(const Statement& row) {
  return Observation{row.Int(0),  row.Int(1),  row.Int(2),   row.Int(3),
                     row.Text(4), row.Text(5), row.Text(6),  row.Int(7),
                     row.Real(8), row.Text(9), row.Text(10), row.OptionalInt(11)};
}

// Whether every site is allowed, and the list of the allowed ones as the dialect binds it
// (SiteCondition's two parameters).
std::pair<std::int64_t, std::string> SiteFilter(const Dialect& dialect,
                                                const std::optional<std::vector<Id>>& sites) {
  return {sites ? 0 : 1, dialect.IdList(sites.value_or(std::vector<Id>{}))};
}

std::string SiteCondition(const Dialect& dialect) {
  return "(? = 1 OR " + dialect.InIdList("site_id") + ")";
}

// The WHERE clause of a record query over a table with patient_id, site_id and a time column.
std::string Where(const Dialect& dialect, const RecordQuery& q, const char* time_column,
                  const char* code_column, bool with_system) {
  std::string where = "WHERE id > ? AND " + SiteCondition(dialect);
  if (q.patient_id) {
    where += " AND patient_id = ?";
  }
  if (q.from_ms) {
    where += fmt::format(" AND {} >= ?", time_column);
  }
  if (q.to_ms) {
    where += fmt::format(" AND {} < ?", time_column);
  }
  if (q.code) {
    where += fmt::format(" AND {} = ?", code_column);
  }
  if (with_system && q.system) {
    where += " AND system = ?";
  }
  if (with_system && q.population_id) {
    where += " AND population_id = ?";
  }
  return where + " ORDER BY id LIMIT ?";
}

void BindQuery(const Dialect& dialect, Statement& s, const RecordQuery& q, const PageRequest& page,
               bool with_system) {
  const auto [all, sites] = SiteFilter(dialect, q.sites);
  s.Bind(page.after).Bind(all).Bind(sites);
  if (q.patient_id) {
    s.Bind(*q.patient_id);
  }
  if (q.from_ms) {
    s.Bind(*q.from_ms);
  }
  if (q.to_ms) {
    s.Bind(*q.to_ms);
  }
  if (q.code) {
    s.Bind(*q.code);
  }
  if (with_system && q.system) {
    s.Bind(*q.system);
  }
  if (with_system && q.population_id) {
    s.Bind(*q.population_id);
  }
  s.Bind(FetchLimit(page));
}

}  // namespace

Result<Patient> SqlRegistryRepository::WithFields(Patient patient) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare("SELECT name, value FROM patient_fields WHERE patient_id = ? ORDER BY name"));
  query.Bind(patient.id);
  COVALUE_ASSIGN_OR_RETURN(auto rows, CollectRows(query, [](const Statement& row) {
                             return std::pair(row.Text(0), row.Text(1));
                           }));
  patient.fields = {rows.begin(), rows.end()};
  return patient;
}

Result<Patient> SqlRegistryRepository::CreatePatient(const Patient& patient) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert,
      db_.Prepare("INSERT INTO patients (site_id, population_id, identifier, birth_date, sex, "
                  "diagnosis_date, consent, user_id, created_ms, family, given, search_key) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  auto inserted = insert.Bind(patient.site_id)
                      .Bind(patient.population_id)
                      .Bind(patient.identifier)
                      .Bind(patient.birth_date)
                      .Bind(SexName(patient.sex))
                      .Bind(patient.diagnosis_date)
                      .Bind(ConsentName(patient.consent))
                      .Bind(patient.user_id)
                      .Bind(patient.created_ms)
                      .Bind(patient.family)
                      .Bind(patient.given)
                      .Bind(SearchKey(patient))
                      .Run();
  if (!inserted) {
    if (inserted.error().code == ErrorCode::kConflict) {
      return Fail(ErrorCode::kConflict,
                  "the site already has a patient with this identifier, or the account is "
                  "another patient's",
                  "/identifier");
    }
    return Fail(inserted.error());
  }
  Patient created = patient;
  created.id = db_.LastInsertId();
  for (const auto& [name, value] : patient.fields) {
    COVALUE_ASSIGN_OR_RETURN(
        auto field,
        db_.Prepare("INSERT INTO patient_fields (patient_id, name, value) VALUES (?, ?, ?)"));
    COVALUE_RETURN_IF_ERROR(field.Bind(created.id).Bind(name).Bind(value).Run());
  }
  return created;
}

Result<Patient> SqlRegistryRepository::GetPatient(Id id) {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare(std::string(kPatientColumns) + "WHERE id = ?"));
  query.Bind(id);
  COVALUE_ASSIGN_OR_RETURN(
      Patient patient, ReadOne(query, ReadPatient, fmt::format("patient {} does not exist", id)));
  return WithFields(std::move(patient));
}

Result<std::optional<Patient>> SqlRegistryRepository::PatientOfUser(Id user_id) {
  COVALUE_ASSIGN_OR_RETURN(auto query,
                           db_.Prepare(std::string(kPatientColumns) + "WHERE user_id = ?"));
  query.Bind(user_id);
  COVALUE_ASSIGN_OR_RETURN(auto rows, CollectRows(query, ReadPatient));
  if (rows.empty()) {
    return std::optional<Patient>();
  }
  COVALUE_ASSIGN_OR_RETURN(Patient patient, WithFields(std::move(rows.front())));
  return std::optional(std::move(patient));
}

Status SqlRegistryRepository::SetPatientName(Id id, const std::string& family,
                                             const std::string& given) {
  COVALUE_ASSIGN_OR_RETURN(Patient patient, GetPatient(id));
  patient.family = family;
  patient.given = given;
  COVALUE_ASSIGN_OR_RETURN(
      auto update,
      db_.Prepare("UPDATE patients SET family = ?, given = ?, search_key = ? WHERE id = ?"));
  return update.Bind(family).Bind(given).Bind(SearchKey(patient)).Bind(id).Run();
}

Result<Page<Patient>> SqlRegistryRepository::ListPatients(const PageRequest& page,
                                                          const PatientQuery& q) {
  // A prefix is the range [prefix, prefix + U+10FFFF): identifiers compare as bytes.
  const std::int64_t mode = !q.identifier ? 0 : q.identifier_prefix ? 2 : 1;
  const std::string identifier = q.identifier.value_or("");
  const std::string high = identifier + "\xF4\x8F\xBF\xBF";
  // Any part of the identifier or the names: LIKE's wildcards in it taken as themselves.
  std::string text;
  if (q.text) {
    for (const char c : FoldCase(*q.text)) {
      if (c == '%' || c == '_' || c == '\\') {
        text += '\\';
      }
      text += c;
    }
  }
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare(
          std::string(kPatientColumns) + "WHERE id > ? AND " + SiteCondition(db_.dialect()) +
          " AND (? IS NULL OR population_id = ?) AND (? = 0 OR identifier = ? OR (? = 2 AND "
          "identifier >= ? AND identifier < ?)) AND (? = '' OR search_key LIKE ? ESCAPE '\\') "
          "ORDER BY id LIMIT ?"));
  const auto [all, site_list] = SiteFilter(db_.dialect(), q.sites);
  query.Bind(page.after)
      .Bind(all)
      .Bind(site_list)
      .Bind(q.population_id)
      .Bind(q.population_id)
      .Bind(mode)
      .Bind(identifier)
      .Bind(mode)
      .Bind(identifier)
      .Bind(high)
      .Bind(text)
      .Bind("%" + text + "%")
      .Bind(FetchLimit(page));
  COVALUE_ASSIGN_OR_RETURN(auto rows, CollectRows(query, ReadPatient));
  for (Patient& patient : rows) {
    COVALUE_ASSIGN_OR_RETURN(patient, WithFields(std::move(patient)));
  }
  return MakePage(std::move(rows), page.limit, [](const Patient& p) { return p.id; });
}

Result<StoredResponse> SqlRegistryRepository::AddResponse(const StoredResponse& response) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert,
      db_.Prepare("INSERT INTO responses (site_id, patient_id, questionnaire_id, "
                  "questionnaire_version, status, authored_ms, author_id, resource, created_ms) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  insert.Bind(response.site_id)
      .Bind(response.patient_id)
      .Bind(response.questionnaire_id)
      .Bind(response.questionnaire_version)
      .Bind(response.status)
      .Bind(response.authored_ms)
      .Bind(response.author_id)
      .Bind(response.resource)
      .Bind(response.created_ms);
  StoredResponse created = response;
  COVALUE_ASSIGN_OR_RETURN(created.id, InsertedId(insert));
  return created;
}

Result<StoredResponse> SqlRegistryRepository::GetResponse(Id id) {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare(std::string(kResponseColumns) + "WHERE id = ?"));
  query.Bind(id);
  return ReadOne(query, ReadResponse, fmt::format("response {} does not exist", id));
}

Result<Page<StoredResponse>> SqlRegistryRepository::ListResponses(const RecordQuery& q,
                                                                  const PageRequest& page) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query, db_.Prepare(std::string(kResponseColumns) +
                              Where(db_.dialect(), q, "authored_ms", "questionnaire_id", false)));
  BindQuery(db_.dialect(), query, q, page, false);
  COVALUE_ASSIGN_OR_RETURN(auto rows, CollectRows(query, ReadResponse));
  return MakePage(std::move(rows), page.limit, [](const StoredResponse& r) { return r.id; });
}

namespace {

constexpr std::string_view kInsertObservation =
    "INSERT INTO observations (site_id, population_id, patient_id, system, code, display, "
    "effective_ms, value, unit, interpretation, response_id) VALUES ";
constexpr std::string_view kObservationValues = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
// Rows of one AddObservations statement: 11 parameters each, well under every driver's limit.
constexpr std::size_t kObservationsPerInsert = 500;

void BindObservation(Statement& insert, const Observation& o) {
  insert.Bind(o.site_id)
      .Bind(o.population_id)
      .Bind(o.patient_id)
      .Bind(o.system)
      .Bind(o.code)
      .Bind(o.display)
      .Bind(o.effective_ms)
      .BindReal(o.value)
      .Bind(o.unit)
      .Bind(o.interpretation)
      .Bind(o.response_id);
}

}  // namespace

Result<Observation> SqlRegistryRepository::AddObservation(const Observation& o) {
  COVALUE_RETURN_IF_ERROR(db_.EnsureMonth("observations", o.effective_ms));
  COVALUE_ASSIGN_OR_RETURN(auto insert, db_.Prepare(fmt::format("{}{} RETURNING id",
                                                                kInsertObservation,
                                                                kObservationValues)));
  BindObservation(insert, o);
  Observation created = o;
  COVALUE_ASSIGN_OR_RETURN(created.id, InsertedId(insert));
  return created;
}

Status SqlRegistryRepository::AddObservations(std::span<const Observation> observations) {
  while (!observations.empty()) {
    const auto part = observations.first(std::min(observations.size(), kObservationsPerInsert));
    std::string sql(kInsertObservation);
    for (std::size_t i = 0; i < part.size(); ++i) {
      sql += i == 0 ? "" : ", ";
      sql += kObservationValues;
    }
    for (const Observation& o : part) {
      COVALUE_RETURN_IF_ERROR(db_.EnsureMonth("observations", o.effective_ms));
    }
    COVALUE_ASSIGN_OR_RETURN(auto insert, db_.Prepare(sql));
    for (const Observation& o : part) {
      BindObservation(insert, o);
    }
    COVALUE_RETURN_IF_ERROR(insert.Run());
    observations = observations.subspan(part.size());
  }
  return Ok();
}

Result<Observation> SqlRegistryRepository::GetObservation(Id id) {
  COVALUE_ASSIGN_OR_RETURN(auto query,
                           db_.Prepare(std::string(kObservationColumns) + "WHERE id = ?"));
  query.Bind(id);
  return ReadOne(query, ReadObservation, fmt::format("observation {} does not exist", id));
}

Result<Page<Observation>> SqlRegistryRepository::ListObservations(const RecordQuery& q,
                                                                  const PageRequest& page) {
  COVALUE_ASSIGN_OR_RETURN(auto query,
                           db_.Prepare(std::string(kObservationColumns) +
                                       Where(db_.dialect(), q, "effective_ms", "code", true)));
  BindQuery(db_.dialect(), query, q, page, true);
  COVALUE_ASSIGN_OR_RETURN(auto rows, CollectRows(query, ReadObservation));
  return MakePage(std::move(rows), page.limit, [](const Observation& o) { return o.id; });
}

Result<std::vector<Observation>> SqlRegistryRepository::LatestObservations(
    const std::vector<Id>& patient_ids, const std::string& system) {
  std::vector<Observation> latest;
  // One patient at a time: each a range of observations_by_patient (patient_id, code, …), so
  // the cost is the patients' own scores whatever the registry's size.
  for (Id patient_id : patient_ids) {
    COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare(std::string(kObservationColumns) +
                                                     "WHERE patient_id = ? AND system = ? "
                                                     "ORDER BY code, effective_ms DESC, id DESC"));
    query.Bind(patient_id).Bind(system);
    COVALUE_ASSIGN_OR_RETURN(auto rows, CollectRows(query, ReadObservation));
    for (Observation& o : rows) {
      if (latest.empty() || latest.back().patient_id != patient_id ||
          latest.back().code != o.code) {
        latest.push_back(std::move(o));
      }
    }
  }
  return latest;
}

Result<std::vector<PatientKey>> SqlRegistryRepository::PatientKeys(Id site_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query, db_.Prepare("SELECT id, identifier, population_id, created_ms FROM patients "
                              "WHERE site_id = ? ORDER BY identifier"));
  query.Bind(site_id);
  return CollectRows(query, [](const Statement& row) {
    return PatientKey{row.Int(0), row.Text(1), row.Int(2), row.Int(3)};
  });
}

Status SqlRegistryRepository::ScanObservations(
    const std::string& system, const std::string& code,
    const std::function<bool(const Observation&)>& visit) {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare(std::string(kObservationColumns) +
                                                   "WHERE system = ? AND code = ? ORDER BY id"));
  query.Bind(system).Bind(code);
  for (;;) {
    COVALUE_ASSIGN_OR_RETURN(bool more, query.Step());
    if (!more || !visit(ReadObservation(query))) {
      return Ok();
    }
  }
}

Status SqlRegistryRepository::ScanObservationRecords(const RecordVisit& visit) {
  return scan_.Scan(visit);
}

Status SqlRegistryRepository::CatchUpScan() { return scan_.CatchUp(); }

Result<PatientNote> SqlRegistryRepository::AddNote(const PatientNote& note) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert, db_.Prepare("INSERT INTO patient_notes (patient_id, kind, text, author_id, "
                               "created_ms) VALUES (?, ?, ?, ?, ?)"));
  COVALUE_RETURN_IF_ERROR(insert.Bind(note.patient_id)
                              .Bind(NoteKindName(note.kind))
                              .Bind(note.text)
                              .Bind(note.author_id)
                              .Bind(note.created_ms)
                              .Run());
  PatientNote created = note;
  created.id = db_.LastInsertId();
  return created;
}

Result<Page<PatientNote>> SqlRegistryRepository::ListNotes(Id patient_id, const PageRequest& page) {
  // Newest first: a page continues below the last id it gave.
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare("SELECT n.id, n.patient_id, n.kind, n.text, n.author_id, "
                  "COALESCE(u.display_name, ''), n.created_ms FROM patient_notes n "
                  "LEFT JOIN users u ON u.id = n.author_id "
                  "WHERE n.patient_id = ? AND (? = 0 OR n.id < ?) ORDER BY n.id DESC LIMIT ?"));
  query.Bind(patient_id).Bind(page.after).Bind(page.after).Bind(FetchLimit(page));
  COVALUE_ASSIGN_OR_RETURN(auto rows, CollectRows(query, [](const Statement& row) {
                             return PatientNote{
                                 row.Int(0),
                                 row.Int(1),
                                 ParseNoteKind(row.Text(2)).value_or(NoteKind::kVisitNote),
                                 row.Text(3),
                                 row.OptionalInt(4),
                                 row.Text(5),
                                 row.Int(6)};
                           }));
  return MakePage(std::move(rows), page.limit, [](const PatientNote& n) { return n.id; });
}

}  // namespace covalue::store::sql
