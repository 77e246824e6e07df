#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "domain/alert.h"
#include "domain/audit_record.h"
#include "domain/community.h"
#include "domain/error.h"
#include "domain/measure.h"
#include "domain/page.h"
#include "domain/questionnaire.h"
#include "domain/registry.h"
#include "domain/workbook.h"

// The persistence interface: one repository per aggregate. Drivers (sqlite/, later postgres/)
// implement it; nothing above this folder sees SQL or a driver's types.
//
// Errors every method may return besides those it names: kUnavailable (the database is busy or
// closing), kInternal (a driver failure that is a bug or a broken disk).
namespace covalue::store {

class SiteRepository {
 public:
  virtual ~SiteRepository() = default;
  // kConflict when the name is taken. created_ms: when (Unix ms; the store never reads the clock).
  [[nodiscard]] virtual Result<Site> Create(const Site& site, std::int64_t created_ms) = 0;
  // kNotFound when absent.
  [[nodiscard]] virtual Result<Site> Get(Id id) = 0;
  [[nodiscard]] virtual Result<Page<Site>> List(const PageRequest& page) = 0;
  // kNotFound when absent; kConflict when the new name is taken.
  [[nodiscard]] virtual Status Update(const Site& site) = 0;
};

class PopulationRepository {
 public:
  virtual ~PopulationRepository() = default;
  // kConflict when the site has a population of that name.
  [[nodiscard]] virtual Result<Population> Create(const Population& population) = 0;
  [[nodiscard]] virtual Result<Population> Get(Id id) = 0;
  // All sites' populations, or one site's.
  [[nodiscard]] virtual Result<Page<Population>> List(const PageRequest& page,
                                                      std::optional<Id> site_id) = 0;
  [[nodiscard]] virtual Status Update(const Population& population) = 0;
};

// Which teams a list shows. Both filters absent: every team.
struct TeamFilter {
  std::optional<Id> site_id;
  std::optional<Id> member_user_id;  // teams where this user holds a team role
};

class TeamRepository {
 public:
  virtual ~TeamRepository() = default;
  // kConflict when the site has a team of that name.
  [[nodiscard]] virtual Result<Team> Create(const Team& team) = 0;
  [[nodiscard]] virtual Result<Team> Get(Id id) = 0;
  [[nodiscard]] virtual Result<Page<Team>> List(const PageRequest& page,
                                                const TeamFilter& filter) = 0;
  [[nodiscard]] virtual Status Update(const Team& team) = 0;
  [[nodiscard]] virtual Result<std::vector<TeamMember>> Members(Id team_id) = 0;
};

// A user with the password hash, for sign-in only.
struct UserCredentials {
  User user;
  std::string password_hash;
};

// Who grants a membership, and when.
struct GrantedBy {
  std::optional<Id> user_id;  // absent: the command line's operator
  std::int64_t at_ms = 0;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  // Creates the user (created at by.at_ms) with its memberships, granted by by. kConflict when
  // the username is taken.
  [[nodiscard]] virtual Result<User> Create(const User& user, const std::string& password_hash,
                                            const GrantedBy& by) = 0;
  [[nodiscard]] virtual Result<User> Get(Id id) = 0;
  // kNotFound when no such username.
  [[nodiscard]] virtual Result<UserCredentials> FindByUsername(const std::string& username) = 0;
  // All users, or those holding a membership at one of sites (directly or through a team).
  [[nodiscard]] virtual Result<Page<User>> List(const PageRequest& page,
                                                const std::optional<std::vector<Id>>& sites) = 0;
  [[nodiscard]] virtual Status SetPassword(Id user_id, const std::string& password_hash) = 0;
  [[nodiscard]] virtual Status SetDisplayName(Id user_id, const std::string& display_name) = 0;
  // Deactivates the account at the time given, or reactivates it (nullopt).
  [[nodiscard]] virtual Status SetDeactivated(Id user_id,
                                              std::optional<std::int64_t> deactivated_ms) = 0;
  // kConflict when the user already holds it.
  [[nodiscard]] virtual Status AddMembership(Id user_id, const Membership& membership,
                                             const GrantedBy& by) = 0;
  // kNotFound when the user does not hold it.
  [[nodiscard]] virtual Status RemoveMembership(Id user_id, const Membership& membership) = 0;
  // The memberships naming site_id (its teams' roles included), then every community-wide
  // membership, each with who granted it; by grant id within each part.
  [[nodiscard]] virtual Result<std::vector<MembershipGrant>> GrantsAt(Id site_id) = 0;
  // One membership by its grant id; kNotFound when absent.
  [[nodiscard]] virtual Result<MembershipGrant> GetGrant(Id grant_id) = 0;
};

// Browser sessions and API tokens, both stored only as hashes of the secret.
class CredentialRepository {
 public:
  virtual ~CredentialRepository() = default;
  [[nodiscard]] virtual Status CreateSession(const std::string& token_hash, Id user_id,
                                             std::int64_t expires_ms) = 0;
  // The user of a live session; kNotFound when absent or expired at now_ms.
  [[nodiscard]] virtual Result<Id> FindSession(const std::string& token_hash,
                                               std::int64_t now_ms) = 0;
  [[nodiscard]] virtual Status DeleteSession(const std::string& token_hash) = 0;
  // Removes the user's sessions (after a password change, a reset, a deactivation).
  [[nodiscard]] virtual Status DeleteSessionsOf(Id user_id) = 0;

  [[nodiscard]] virtual Result<ApiToken> CreateToken(Id user_id, const std::string& name,
                                                     const std::string& token_hash,
                                                     std::int64_t now_ms,
                                                     std::int64_t expires_ms) = 0;
  // The token of a hash that is neither revoked nor expired at now_ms; kNotFound otherwise.
  [[nodiscard]] virtual Result<ApiToken> FindToken(const std::string& token_hash,
                                                   std::int64_t now_ms) = 0;
  // Records a use of the token.
  [[nodiscard]] virtual Status TouchToken(Id token_id, std::int64_t now_ms) = 0;
  // The user's tokens that are live at now_ms, by id.
  [[nodiscard]] virtual Result<std::vector<ApiToken>> ListTokens(Id user_id,
                                                                 std::int64_t now_ms) = 0;
  // kNotFound when the user has no such live token.
  [[nodiscard]] virtual Status RevokeToken(Id user_id, Id token_id, std::int64_t now_ms) = 0;
  // Revokes every token of the user (after a password change, a reset, a deactivation).
  [[nodiscard]] virtual Status RevokeTokensOf(Id user_id, std::int64_t now_ms) = 0;
};

// Computes a record's hash from the previous record's hash (app/kernel/audit_chain.h).
using AuditChainHash = std::function<std::string(const AuditRecord& record)>;

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Appends after the last record: sets seq and prev_hash, then hash = chain(record).
  [[nodiscard]] virtual Result<AuditRecord> Append(AuditRecord record,
                                                   const AuditChainHash& chain) = 0;
  // Records in seq order after page.after; all, or those of one set of sites.
  [[nodiscard]] virtual Result<Page<AuditRecord>> List(
      const PageRequest& page, const std::optional<std::vector<Id>>& site_ids) = 0;
  // Calls visit for every record in seq order; stops early when visit returns false.
  [[nodiscard]] virtual Status Scan(const std::function<bool(const AuditRecord&)>& visit) = 0;
};

// Workbooks with their answer revisions, step statuses and comments.
class WorkbookRepository {
 public:
  virtual ~WorkbookRepository() = default;
  [[nodiscard]] virtual Result<Workbook> Create(const Workbook& workbook) = 0;
  // kNotFound when absent.
  [[nodiscard]] virtual Result<Workbook> Get(Id id) = 0;
  // The team's workbooks in id order; all guides, or one.
  [[nodiscard]] virtual Result<Page<Workbook>> ListOfTeam(Id team_id, const PageRequest& page) = 0;
  // The team's newest workbook of a guide, if any.
  [[nodiscard]] virtual Result<std::optional<Workbook>> LatestOfTeam(
      Id team_id, const std::string& guide_id) = 0;
  [[nodiscard]] virtual Status SetPosition(Id id, const std::string& link_id) = 0;
  [[nodiscard]] virtual Status SetShared(Id id, bool shared) = 0;

  // Appends a revision numbered one after the answer's latest; fills number.
  [[nodiscard]] virtual Result<AnswerRevision> AddRevision(AnswerRevision revision) = 0;
  // The answer's latest revision, if it has any.
  [[nodiscard]] virtual Result<std::optional<AnswerRevision>> LatestRevision(
      Id workbook_id, const std::string& link_id) = 0;
  // The latest revision of every answer of the workbook.
  [[nodiscard]] virtual Result<std::vector<AnswerRevision>> LatestRevisions(Id workbook_id) = 0;
  // How many revisions each answer has, by link id.
  [[nodiscard]] virtual Result<std::map<std::string, std::int64_t>> RevisionCounts(
      Id workbook_id) = 0;
  // One revision; kNotFound when absent.
  [[nodiscard]] virtual Result<AnswerRevision> Revision(Id workbook_id, const std::string& link_id,
                                                        std::int64_t number) = 0;
  // The answer's revisions oldest first, after page.after (a revision number).
  [[nodiscard]] virtual Result<Page<AnswerRevision>> Revisions(Id workbook_id,
                                                               const std::string& link_id,
                                                               const PageRequest& page) = 0;

  [[nodiscard]] virtual Status SetStepStatus(Id workbook_id, const std::string& link_id,
                                             StepStatus status, Id user_id,
                                             std::int64_t now_ms) = 0;
  [[nodiscard]] virtual Result<std::vector<StepState>> StepStatuses(Id workbook_id) = 0;

  [[nodiscard]] virtual Result<AnswerComment> AddComment(Id workbook_id, Id site_id,
                                                         AnswerComment comment) = 0;
  [[nodiscard]] virtual Result<std::vector<AnswerComment>> Comments(Id workbook_id,
                                                                    const std::string& link_id) = 0;
};

// The repositories of one transaction.
// Questionnaires, one row per version (domain/questionnaire.h).
class QuestionnaireRepository {
 public:
  virtual ~QuestionnaireRepository() = default;
  // Stores the next version of q.resource_id (1 for a new one); returns it with id and version.
  [[nodiscard]] virtual Result<QuestionnaireVersion> AddVersion(QuestionnaireVersion q) = 0;
  // The latest version of a resource (or the given one); kNotFound when there is none. Without
  // with_resource, the row's resource text is left empty (for callers that only check it).
  [[nodiscard]] virtual Result<QuestionnaireVersion> Latest(const std::string& resource_id,
                                                            bool with_resource = true) = 0;
  [[nodiscard]] virtual Result<QuestionnaireVersion> Version(const std::string& resource_id,
                                                             std::int64_t version,
                                                             bool with_resource = true) = 0;
  // The latest version of each resource visible from sites (the community's and those of
  // sites; every one when sites is nullopt), by row id; without with_resource, as for Latest.
  [[nodiscard]] virtual Result<Page<QuestionnaireVersion>> ListLatest(
      const PageRequest& page, const std::optional<std::vector<Id>>& sites,
      bool with_resource = true) = 0;
};

// What a search of responses or observations asks for; absent parts match everything.
struct RecordQuery {
  std::optional<Id> patient_id;
  std::optional<std::vector<Id>> sites;  // the sites whose records may be returned
  std::optional<std::int64_t> from_ms;   // authored / effective at or after
  std::optional<std::int64_t> to_ms;     // … and before
  std::optional<std::string> code;       // an observation's code, a response's questionnaire id
  std::optional<std::string> system;     // an observation's code system
  std::optional<Id> population_id;       // an observation's population
};

// The registry: patients, responses and observations (domain/registry.h).
// Which patients a listing holds; absent parts match every patient.
struct PatientQuery {
  std::optional<std::vector<Id>> sites;
  std::optional<Id> population_id;
  std::optional<std::string> identifier;
  bool identifier_prefix = false;  // identifier matches the identifiers that start with it
};

// A patient's ids, for matching a registry file's identifiers.
struct PatientKey {
  Id id = 0;
  std::string identifier;
  Id population_id = 0;
};

class RegistryRepository {
 public:
  virtual ~RegistryRepository() = default;
  // kConflict when the site already has the identifier or the user is linked to a patient.
  [[nodiscard]] virtual Result<Patient> CreatePatient(const Patient& patient) = 0;
  [[nodiscard]] virtual Result<Patient> GetPatient(Id id) = 0;
  [[nodiscard]] virtual Result<std::optional<Patient>> PatientOfUser(Id user_id) = 0;
  // Every patient of the site, by identifier.
  [[nodiscard]] virtual Result<std::vector<PatientKey>> PatientKeys(Id site_id) = 0;
  // By id.
  [[nodiscard]] virtual Result<Page<Patient>> ListPatients(const PageRequest& page,
                                                           const PatientQuery& query) = 0;
  [[nodiscard]] virtual Result<StoredResponse> AddResponse(const StoredResponse& response) = 0;
  [[nodiscard]] virtual Result<StoredResponse> GetResponse(Id id) = 0;
  // By id (the order they were stored in).
  [[nodiscard]] virtual Result<Page<StoredResponse>> ListResponses(const RecordQuery& query,
                                                                   const PageRequest& page) = 0;
  [[nodiscard]] virtual Result<Observation> AddObservation(const Observation& observation) = 0;
  [[nodiscard]] virtual Result<Observation> GetObservation(Id id) = 0;
  [[nodiscard]] virtual Result<Page<Observation>> ListObservations(const RecordQuery& query,
                                                                   const PageRequest& page) = 0;
  [[nodiscard]] virtual Result<PatientNote> AddNote(const PatientNote& note) = 0;
  // The patient's notes, newest first, with their authors' display names.
  [[nodiscard]] virtual Result<Page<PatientNote>> ListNotes(Id patient_id,
                                                            const PageRequest& page) = 0;
  // Calls visit for every observation of the code, in id order (a measure's rebuild); stops
  // early when visit returns false.
  [[nodiscard]] virtual Status ScanObservations(
      const std::string& system, const std::string& code,
      const std::function<bool(const Observation&)>& visit) = 0;
  // The rescan path (a new measure, a rebuild, a preview): every stored observation, in id
  // order, as compact records in chunks; series[r.series] says what a record r is of (the
  // table grows from one call of visit to the next, and earlier entries never change).
  // Served from the observation file beside the database (store/sqlite/observation_file.h)
  // and, for observations the file does not have yet, from the database. In a write, exactly
  // the observations the write sees; in a read, those of the read's snapshot and perhaps some
  // committed since. kUnavailable when the file turns out damaged part way through (it is then
  // removed: the next call succeeds).
  using RecordVisit = std::function<void(std::span<const ObservationSeries> series,
                                         std::span<const ObservationRecord> records)>;
  [[nodiscard]] virtual Status ScanObservationRecords(const RecordVisit& visit) = 0;
  // Appends to the observation file the committed observations it lacks (rebuilding it when it
  // no longer matches the database), so that the next scan reads the database for few. Only in
  // a read, as a write's observations may yet be rolled back (kInternal in a write). A file
  // that cannot be written is left alone: scans then read the database.
  [[nodiscard]] virtual Status CatchUpObservationFile() = 0;
};

// One period's aggregates of one measure at one site and population.
struct MeasureAggregateRow {
  Id site_id = 0;
  Id population_id = 0;
  std::string measure_id;
  PeriodKind period_kind = PeriodKind::kMonth;
  std::int64_t period = 0;
  std::int64_t count = 0;
  double sum = 0;
  double sum_squares = 0;
  double numerator = 0;
  double denominator = 0;
};

// Measure definitions and the measure store's aggregates (DESIGN.md §3 "Measure store").
class MeasureRepository {
 public:
  virtual ~MeasureRepository() = default;
  // kConflict when the id is taken.
  [[nodiscard]] virtual Status CreateDefinition(const MeasureDefinition& measure) = 0;
  // By id.
  [[nodiscard]] virtual Result<std::vector<MeasureDefinition>> Definitions() = 0;
  // Adds each row's aggregates to the stored ones of its period (a new period starts at zero)
  // and counts one more generation; returns that generation.
  [[nodiscard]] virtual Result<std::int64_t> AddAggregates(
      const std::vector<MeasureAggregateRow>& rows) = 0;
  // Replaces every stored aggregate with rows (a rebuild) and counts one more generation;
  // returns that generation.
  [[nodiscard]] virtual Result<std::int64_t> ReplaceAggregates(
      const std::vector<MeasureAggregateRow>& rows) = 0;
  // How many transactions have changed the aggregates.
  [[nodiscard]] virtual Result<std::int64_t> Generation() = 0;
  // Calls visit for every stored row, series by series in period order.
  [[nodiscard]] virtual Status ScanAggregates(
      const std::function<void(const MeasureAggregateRow&)>& visit) = 0;
};

// Which alerts a listing holds; absent parts match every alert. Newest first.
struct AlertQuery {
  std::optional<std::vector<Id>> sites;
  std::optional<Id> patient_id;
  std::optional<bool> open;  // true: open only; false: acknowledged only
};

// Clinical alerts (domain/alert.h) and the site settings they depend on.
class AlertRepository {
 public:
  virtual ~AlertRepository() = default;
  [[nodiscard]] virtual Result<Alert> Add(const Alert& alert) = 0;
  // kNotFound when absent. With the acknowledging professional's name.
  [[nodiscard]] virtual Result<Alert> Get(Id id) = 0;
  // Newest first: page.after is the id the previous page ended at (0: the newest).
  [[nodiscard]] virtual Result<Page<Alert>> List(const AlertQuery& query,
                                                 const PageRequest& page) = 0;
  // kConflict when it was acknowledged already; kNotFound when absent.
  [[nodiscard]] virtual Status Acknowledge(Id id, Id user_id, const std::string& note,
                                           std::int64_t now_ms) = 0;
  // The site's settings; the defaults (no crisis contacts of its own) when never set.
  [[nodiscard]] virtual Result<SiteSettings> Settings(Id site_id) = 0;
  [[nodiscard]] virtual Status SetSettings(const SiteSettings& settings, std::optional<Id> user_id,
                                           std::int64_t now_ms) = 0;
};

class Repositories {
 public:
  virtual ~Repositories() = default;
  virtual SiteRepository& Sites() = 0;
  virtual PopulationRepository& Populations() = 0;
  virtual TeamRepository& Teams() = 0;
  virtual UserRepository& Users() = 0;
  virtual CredentialRepository& Credentials() = 0;
  virtual AuditRepository& Audit() = 0;
  virtual WorkbookRepository& Workbooks() = 0;
  virtual QuestionnaireRepository& Questionnaires() = 0;
  virtual RegistryRepository& Registry() = 0;
  virtual MeasureRepository& Measures() = 0;
  virtual AlertRepository& Alerts() = 0;
};

// Counters since the store was opened.
struct StoreStats {
  std::int64_t writes = 0;   // Write calls that committed
  std::int64_t commits = 0;  // transactions (fsyncs) that carried them
};

// A database. Thread-safe: any thread may call Read and Write at once.
class Store {
 public:
  virtual ~Store() = default;

  virtual StoreStats Stats() const = 0;

  // Runs work in a write transaction and returns once it is durably committed. Writes from
  // several threads may share one transaction and one fsync (group commit); each runs inside
  // its own savepoint, so a work that returns an error is rolled back alone and its error
  // returned. work must not block on other writes.
  [[nodiscard]] virtual Status Write(const std::function<Status(Repositories&)>& work) = 0;

  // Runs work on a consistent read-only snapshot; write methods fail there.
  [[nodiscard]] virtual Status Read(const std::function<Status(Repositories&)>& work) = 0;
};

// Runs work in a write (Store::Write) or on a read snapshot (Store::Read) and returns the value
// it produced, or the first error of the work or the store.
enum class Access { kRead, kWrite };  // which of the two a Transact runs in

template <typename T, typename Work>
[[nodiscard]] Result<T> Transact(Store& store, Access access, Work&& work) {
  std::optional<T> value;
  const auto body = [&](Repositories& repos) -> Status {
    Result<T> result = work(repos);
    if (!result) {
      return Fail(result.error());
    }
    value = std::move(*result);
    return Ok();
  };
  const Status status = access == Access::kWrite ? store.Write(body) : store.Read(body);
  if (!status) {
    return Fail(status.error());
  }
  return std::move(*value);
}

template <typename T, typename Work>
[[nodiscard]] Result<T> WriteValue(Store& store, Work&& work) {
  return Transact<T>(store, Access::kWrite, std::forward<Work>(work));
}

template <typename T, typename Work>
[[nodiscard]] Result<T> ReadValue(Store& store, Work&& work) {
  return Transact<T>(store, Access::kRead, std::forward<Work>(work));
}

}  // namespace covalue::store
