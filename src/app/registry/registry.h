#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/patients_like_me.h"
#include "app/accounts/accounts.h"
#include "app/alerts/alerts.h"
#include "app/community/community.h"
#include "app/kernel/context.h"
#include "app/kernel/gate.h"
#include "app/measures/measures.h"
#include "app/questionnaires/questionnaires.h"
#include "app/registry/dashboard_view.h"
#include "domain/error.h"
#include "domain/page.h"
#include "domain/registry.h"
#include "formats/registry_csv.h"
#include "store/registry_repository.h"
#include "store/store.h"

namespace covalue::app {

// A response as submitted: the model read from its FHIR text, the text itself, and whom and
// which questionnaire (resource id; version: the latest when absent) it is for.
struct ResponseSubmission {
  Id patient_id = 0;
  std::string questionnaire_id;
  std::optional<std::int64_t> questionnaire_version;
  QuestionnaireResponse response;
  std::string resource;
  std::optional<std::int64_t> authored_ms;  // absent: when it is stored
};

// What a search of responses or observations asks for; absent parts match everything. The
// service narrows it to what the caller may read (their own record, or their sites').
struct RecordFilter {
  std::optional<Id> patient_id;
  std::optional<std::int64_t> from_ms;  // authored / effective at or after
  std::optional<std::int64_t> to_ms;    // … and before
  std::optional<std::string> code;      // an observation's code, a response's questionnaire id
  std::optional<std::string> system;    // an observation's code system
  std::optional<Id> population_id;      // an observation's population
};

// Which patients a listing holds; absent parts match every patient the caller may list.
struct PatientFilter {
  std::optional<Id> population_id;
  std::optional<std::string> identifier;
  bool identifier_prefix = false;  // identifier matches the identifiers that start with it
  // Any part of the identifier or the names, whatever the case (store's PatientQuery::text).
  std::optional<std::string> text;
};

// The field of an error about one item of a submitted response: this prefix, then its link id.
inline constexpr std::string_view kItemField = "/item/";

// A stored response with the scores derived from it and what the reader and scoring noted.
struct SubmittedResponse {
  StoredResponse stored;
  std::vector<Observation> observations;
  std::vector<Issue> warnings;
  // The clinical alerts its answers raised (stored in the same write), and, when there are
  // any, what the person is told to do now: the site's crisis contacts by language.
  std::vector<Alert> alerts;
  std::map<std::string, std::string> crisis_contacts;
};

// One patient to enrol with their observations (ids left 0; each observation's patient is the
// record's patient).
struct RegistryRecord {
  Patient patient;
  std::vector<Observation> observations;
};

// What a registry file's import read, refused and wrote.
struct RegistryImportReport {
  formats::RegistryFileKind kind = formats::RegistryFileKind::kPatients;
  std::size_t records = 0;         // data lines read
  std::size_t rejected_total = 0;  // lines refused; when any is, nothing is written
  std::vector<formats::RejectedLine>
      rejected;                  // the first kMaxRejectedListed of them, in line order
  std::size_t patients = 0;      // written
  std::size_t observations = 0;  // written
};
inline constexpr std::size_t kMaxRejectedListed = 1000;

// A patient's own outcome beside the bands of the patients most like them.
struct LikeMeView {
  analytics::LikeMe like_me;
  std::vector<std::pair<double, double>> own;  // (months since baseline, value)
};

// The registry of people seeking health: their records (patients), questionnaire responses
// and the observations derived from them or imported from registry files, the shared dashboard
// a person and their professionals look at together, and patients like me. Identifiable data:
// it never leaves the site; every read is audited and every refusal is 403.
class Registry {
 public:
  Registry(store::Store& store, Gate& gate, Accounts& accounts, Community& community,
           Alerts& alerts, Questionnaires& questionnaires, Measures& measures)
      : store_(store),
        gate_(gate),
        accounts_(accounts),
        community_(community),
        alerts_(alerts),
        questionnaires_(questionnaires),
        measures_(measures) {}
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // A patient reads and answers for their own record; a site's
  // professionals and admins for the site's patients. Every read of a record is audited, and
  // a refusal is 403 (not 404) so that it is audited too.
  [[nodiscard]] Result<Patient> CreatePatient(const RequestContext& ctx, const Patient& patient);
  // A patient enrolled in their population's site (its site_id is not read), linked to the
  // patient account named username when there is one: the population and the account are read
  // as the caller may read them (the FHIR create).
  [[nodiscard]] Result<Patient> EnrolPatient(const RequestContext& ctx, Patient patient,
                                             const std::optional<std::string>& username);
  [[nodiscard]] Result<Patient> GetPatient(const RequestContext& ctx, Id id);
  // Sets the patient's names (each "" or 1–200 characters; absent: kept as it is): the site's
  // professionals and admins; audited.
  [[nodiscard]] Result<Patient> NamePatient(const RequestContext& ctx, Id id,
                                            const std::optional<std::string>& family,
                                            const std::optional<std::string>& given);
  // The signed-in user's own patient record; kNotFound when they have none.
  [[nodiscard]] Result<Patient> MyPatient(const RequestContext& ctx);
  // The patients of the sites where the caller is a professional or admin (a patient: their
  // own record) that match filter.
  [[nodiscard]] Result<Page<Patient>> ListPatients(const RequestContext& ctx,
                                                   const PageRequest& page,
                                                   const PatientFilter& filter = {});
  // Each patient's latest questionnaire totals (score observations, subscales left out), by
  // patient and questionnaire: the patient list's overview. Only patients of the sites where
  // the caller is a professional or admin; other ids are left out, as unknown ones are. At most
  // kMaxLatestScorePatients ids (kInvalidArgument naming "patient_id" beyond). Audited as a
  // read of the persons whose scores it returned.
  [[nodiscard]] Result<std::vector<Observation>> LatestScores(const RequestContext& ctx,
                                                              const std::vector<Id>& patient_ids);
  static constexpr std::size_t kMaxLatestScorePatients = 100;
  // Validates the response against its questionnaire (every error names its item; kInvalid
  // Argument with kItemField + the first item's link id as field), scores it when completed, and
  // stores the response with its derived observations (the total, each subscale) in one write.
  [[nodiscard]] Result<SubmittedResponse> SubmitResponse(const RequestContext& ctx,
                                                         ResponseSubmission submission);
  // The patients of the same population most like the patient (analytics/patients_like_me.h)
  // and their outcome `code` (in `system`) since their baseline (their first observation),
  // beside the patient's own. Only bands leave: never another patient's values. Needs the
  // patient's own read access; the aggregate read is audited.
  [[nodiscard]] Result<LikeMeView> PatientsLikeMe(const RequestContext& ctx, Id patient_id,
                                                  const std::string& system,
                                                  const std::string& code,
                                                  const analytics::LikeMeOptions& options);
  // Enrols patients at site_id and records their observations in one write, all or nothing
  // (a registry file, the demo registry); one audit record for the whole batch. The site's
  // staff (kPatientCreate). Errors name the record: "/records/{i}/…". Returns the number of
  // observations written.
  [[nodiscard]] Result<std::size_t> ImportRegistry(const RequestContext& ctx, Id site_id,
                                                   std::vector<RegistryRecord> records);
  // Imports a registry file (formats/registry_csv.h) for site_id, all or nothing
  // (registry_import.cc): every line is checked (its cells, the patient rules of
  // ValidatePatient, the population being the site's, identifiers new and unique for patients
  // and known for observations); when any line is refused nothing is written and the report
  // lists why. The site's staff (kPatientCreate); one audit record. progress(written, total) is
  // called now and then while rows are written.
  [[nodiscard]] Result<RegistryImportReport> ImportRegistryFile(
      const RequestContext& ctx, Id site_id, formats::RegistryFile file,
      const std::function<void(std::size_t, std::size_t)>& progress = {});
  [[nodiscard]] Result<StoredResponse> GetResponse(const RequestContext& ctx, Id id);
  // The shared dashboard (dashboard.cc): read as the patient's record, one audit record.
  [[nodiscard]] Result<Dashboard> GetDashboard(const RequestContext& ctx, Id patient_id);
  // "What matters to me" and visit questions are the patient's to write, visit notes their
  // site's professionals'. text: 1–2000 characters.
  [[nodiscard]] Result<PatientNote> AddPatientNote(const RequestContext& ctx, Id patient_id,
                                                   NoteKind kind, const std::string& text);
  [[nodiscard]] Result<Observation> GetObservation(const RequestContext& ctx, Id id);
  // With filter.patient_id: that patient's; without: the caller's sites' (staff only).
  [[nodiscard]] Result<Page<StoredResponse>> ListResponses(const RequestContext& ctx,
                                                           const RecordFilter& filter,
                                                           const PageRequest& page);
  [[nodiscard]] Result<Page<Observation>> ListObservations(const RequestContext& ctx,
                                                           const RecordFilter& filter,
                                                           const PageRequest& page);
  // The responses of site_id's patients to a questionnaire imported from a REDCap data
  // dictionary, oldest first, as a REDCap data-import CSV (formats/redcap_export.h;
  // registry_export.cc), each record named by the patient's identifier: the site's professionals
  // and admins, audited as a read of every person in it. kInvalidArgument naming
  // questionnaire_id for a questionnaire not imported from REDCap.
  [[nodiscard]] Result<std::string> ExportToRedcap(const RequestContext& ctx, Id site_id,
                                                   const std::string& questionnaire_id);

 private:
  // Lets staff list the patients of their sites (StaffSites in registry.cc), audited.
  Result<Decision> PermitStaff(const RequestContext& ctx, const Principal& principal,
                               const std::vector<Id>& sites);
  // The store query of filter narrowed to what ctx may see: one patient's (access checked and
  // audited) or the sites where ctx is staff (then with the decision: the caller audits what
  // it reads).
  Result<std::pair<store::RecordQuery, std::optional<Decision>>> Scope(const RequestContext& ctx,
                                                                       const RecordFilter& filter);
  // A page of records of type T (responses, observations) read by list over the scoped query;
  // a staff search is audited as a read of the persons in it.
  template <typename T, typename List>
  Result<Page<T>> ListRecords(const RequestContext& ctx, const RecordFilter& filter,
                              const std::string& resource_type, List list);
  // Audits a staff search of the registry: the persons it returned, per site.
  Status AuditSearch(const RequestContext& ctx, const Decision& decision,
                     const std::string& resource_type,
                     const std::vector<std::pair<Id, Id>>& site_and_person);

  store::Store& store_;
  Gate& gate_;
  Accounts& accounts_;
  Community& community_;
  Alerts& alerts_;
  Questionnaires& questionnaires_;
  Measures& measures_;
};

}  // namespace covalue::app
