#pragma once

#include "store/alert_repository.h"
#include "store/audit_repository.h"
#include "store/costing_repository.h"
#include "store/credential_repository.h"
#include "store/measure_repository.h"
#include "store/persona_repository.h"
#include "store/population_repository.h"
#include "store/process_map_repository.h"
#include "store/questionnaire_repository.h"
#include "store/registry_repository.h"
#include "store/schedule_repository.h"
#include "store/site_repository.h"
#include "store/sql/connection.h"
#include "store/sql/observation_scan.h"
#include "store/store.h"
#include "store/stratification_repository.h"
#include "store/research_project_repository.h"
#include "store/study_repository.h"
#include "store/team_repository.h"
#include "store/user_repository.h"
#include "store/workbook_repository.h"

// The repositories, their SQL written once over the seam of store/sql/connection.h (one .cc
// file each); every driver runs them. Each borrows the connection of the transaction it runs in.
namespace covalue::store::sql {

class SqlSiteRepository final : public SiteRepository {
 public:
  explicit SqlSiteRepository(Connection& db) : db_(db) {}
  Result<Site> Create(const Site& site, std::int64_t created_ms) override;
  Result<Site> Get(Id id) override;
  Result<Page<Site>> List(const PageRequest& page) override;
  Status Update(const Site& site) override;

 private:
  Connection& db_;
};

class SqlPopulationRepository final : public PopulationRepository {
 public:
  explicit SqlPopulationRepository(Connection& db) : db_(db) {}
  Result<Population> Create(const Population& population) override;
  Result<Population> Get(Id id) override;
  Result<Page<Population>> List(const PageRequest& page, std::optional<Id> site_id) override;
  Status Update(const Population& population) override;

 private:
  Connection& db_;
};

class SqlTeamRepository final : public TeamRepository {
 public:
  explicit SqlTeamRepository(Connection& db) : db_(db) {}
  Result<Team> Create(const Team& team) override;
  Result<Team> Get(Id id) override;
  Result<Page<Team>> List(const PageRequest& page, const TeamFilter& filter) override;
  Status Update(const Team& team) override;
  Result<std::vector<TeamMember>> Members(Id team_id) override;

 private:
  Connection& db_;
};

class SqlUserRepository final : public UserRepository {
 public:
  explicit SqlUserRepository(Connection& db) : db_(db) {}
  Result<User> Create(const User& user, const std::string& password_hash,
                      const GrantedBy& by) override;
  Result<User> Get(Id id) override;
  Result<UserCredentials> FindByUsername(const std::string& username) override;
  Result<Page<User>> List(const PageRequest& page,
                          const std::optional<std::vector<Id>>& sites) override;
  Status SetPassword(Id user_id, const std::string& password_hash) override;
  Status SetDisplayName(Id user_id, const std::string& display_name) override;
  Status SetDeactivated(Id user_id, std::optional<std::int64_t> deactivated_ms) override;
  Status AddMembership(Id user_id, const Membership& membership, const GrantedBy& by) override;
  Status RemoveMembership(Id user_id, const Membership& membership) override;
  Result<std::vector<MembershipGrant>> GrantsAt(Id site_id) override;
  Result<MembershipGrant> GetGrant(Id grant_id) override;

 private:
  Result<std::vector<Membership>> MembershipsOf(Id user_id);

  Connection& db_;
};

class SqlCredentialRepository final : public CredentialRepository {
 public:
  explicit SqlCredentialRepository(Connection& db) : db_(db) {}
  Status CreateSession(const std::string& token_hash, Id user_id, std::int64_t expires_ms) override;
  Result<Id> FindSession(const std::string& token_hash, std::int64_t now_ms) override;
  Status DeleteSession(const std::string& token_hash) override;
  Status DeleteSessionsOf(Id user_id) override;
  Result<ApiToken> CreateToken(Id user_id, const std::string& name, const std::string& token_hash,
                               std::int64_t now_ms, std::int64_t expires_ms) override;
  Result<ApiToken> FindToken(const std::string& token_hash, std::int64_t now_ms) override;
  Status TouchToken(Id token_id, std::int64_t now_ms) override;
  Result<std::vector<ApiToken>> ListTokens(Id user_id, std::int64_t now_ms) override;
  Status RevokeToken(Id user_id, Id token_id, std::int64_t now_ms) override;
  Status RevokeTokensOf(Id user_id, std::int64_t now_ms) override;

 private:
  Connection& db_;
};

class SqlAuditRepository final : public AuditRepository {
 public:
  explicit SqlAuditRepository(Connection& db) : db_(db) {}
  Result<AuditRecord> Append(AuditRecord record, const AuditChainHash& chain) override;
  Result<Page<AuditRecord>> List(const PageRequest& page, const AuditQuery& query) override;
  Status Scan(const std::function<bool(const AuditRecord&)>& visit) override;

 private:
  Connection& db_;
};

class SqlWorkbookRepository final : public WorkbookRepository {
 public:
  explicit SqlWorkbookRepository(Connection& db) : db_(db) {}
  Result<Workbook> Create(const Workbook& workbook) override;
  Result<Workbook> Get(Id id) override;
  Result<Page<Workbook>> ListOfTeam(Id team_id, const PageRequest& page) override;
  Result<std::optional<Workbook>> LatestOfTeam(Id team_id, const std::string& guide_id) override;
  Status SetPosition(Id id, const std::string& link_id) override;
  Status SetShared(Id id, bool shared) override;
  Status SetLabel(Id id, const std::string& name, std::optional<std::int64_t> archived_ms) override;
  Result<AnswerRevision> AddRevision(AnswerRevision revision) override;
  Result<std::optional<AnswerRevision>> LatestRevision(Id workbook_id,
                                                       const std::string& link_id) override;
  Result<std::vector<AnswerRevision>> LatestRevisions(Id workbook_id) override;
  Result<std::map<std::string, std::int64_t>> RevisionCounts(Id workbook_id) override;
  Result<AnswerRevision> Revision(Id workbook_id, const std::string& link_id,
                                  std::int64_t number) override;
  Result<Page<AnswerRevision>> Revisions(Id workbook_id, const std::string& link_id,
                                         const PageRequest& page) override;
  Status SetStepStatus(Id workbook_id, const std::string& link_id, StepStatus status, Id user_id,
                       std::int64_t now_ms) override;
  Result<std::vector<StepState>> StepStatuses(Id workbook_id) override;
  Result<AnswerComment> AddComment(Id workbook_id, Id site_id, AnswerComment comment) override;
  Result<std::vector<AnswerComment>> Comments(Id workbook_id, const std::string& link_id) override;

 private:
  Connection& db_;
};

class SqlQuestionnaireRepository final : public QuestionnaireRepository {
 public:
  explicit SqlQuestionnaireRepository(Connection& db) : db_(db) {}
  Result<QuestionnaireVersion> AddVersion(QuestionnaireVersion q) override;
  Result<QuestionnaireVersion> Latest(const std::string& resource_id, bool with_resource) override;
  Result<QuestionnaireVersion> Version(const std::string& resource_id, std::int64_t version,
                                       bool with_resource) override;
  Result<QuestionnaireVersion> FindByUrl(const std::string& url, const std::string& url_version,
                                         const std::optional<std::vector<Id>>& sites) override;
  Result<Page<QuestionnaireVersion>> ListLatest(const PageRequest& page,
                                                const std::optional<std::vector<Id>>& sites,
                                                bool with_resource) override;

 private:
  Connection& db_;
};

class SqlRegistryRepository final : public RegistryRepository {
 public:
  SqlRegistryRepository(Connection& db, ObservationScan& scan) : db_(db), scan_(scan) {}
  Result<Patient> CreatePatient(const Patient& patient) override;
  Result<Patient> GetPatient(Id id) override;
  Result<std::optional<Patient>> PatientOfUser(Id user_id) override;
  Status SetPatientName(Id id, const std::string& family, const std::string& given) override;
  Result<std::vector<PatientKey>> PatientKeys(Id site_id) override;
  Result<Page<Patient>> ListPatients(const PageRequest& page, const PatientQuery& query) override;
  Result<StoredResponse> AddResponse(const StoredResponse& response) override;
  Result<StoredResponse> GetResponse(Id id) override;
  Result<Page<StoredResponse>> ListResponses(const RecordQuery& query,
                                             const PageRequest& page) override;
  Result<Observation> AddObservation(const Observation& observation) override;
  Status AddObservations(std::span<const Observation> observations) override;
  Result<Observation> GetObservation(Id id) override;
  Result<Page<Observation>> ListObservations(const RecordQuery& query,
                                             const PageRequest& page) override;
  Result<PatientNote> AddNote(const PatientNote& note) override;
  Result<Page<PatientNote>> ListNotes(Id patient_id, const PageRequest& page) override;
  Result<std::vector<Observation>> LatestObservations(const std::vector<Id>& patient_ids,
                                                      const std::string& system) override;
  Status ScanObservations(const std::string& system, const std::string& code,
                          const std::function<bool(const Observation&)>& visit) override;
  Status ScanObservationRecords(const RecordVisit& visit) override;
  Status CatchUpScan() override;

 private:
  Result<Patient> WithFields(Patient patient);
  Connection& db_;
  ObservationScan& scan_;
};

class SqlMeasureRepository final : public MeasureRepository {
 public:
  explicit SqlMeasureRepository(Connection& db) : db_(db) {}
  Status CreateDefinition(const MeasureDefinition& measure) override;
  Result<ChartNote> AddChartNote(const ChartNote& note) override;
  Result<ChartNote> GetChartNote(Id id) override;
  Result<std::vector<ChartNote>> ChartNotes(Id team_id, const std::string& measure_id) override;
  Status DeleteChartNote(Id id) override;
  Result<std::vector<MeasureDefinition>> Definitions() override;
  Result<std::vector<std::string>> DefinitionIds() override;
  Status CreateDraft(const MeasureDraft& draft) override;
  Result<std::vector<MeasureDraft>> Drafts() override;
  Result<MeasureDraft> GetDraft(const std::string& id) override;
  Status MarkDraftAdopted(const std::string& id, std::int64_t adopted_ms) override;
  Result<std::int64_t> AddAggregates(const std::vector<MeasureAggregateRow>& rows) override;
  Result<std::int64_t> ReplaceAggregates(const std::vector<MeasureAggregateRow>& rows) override;
  Result<std::int64_t> Generation() override;
  Status ScanAggregates(const std::function<void(const MeasureAggregateRow&)>& visit) override;

 private:
  Connection& db_;
};

class SqlAlertRepository final : public AlertRepository {
 public:
  explicit SqlAlertRepository(Connection& db) : db_(db) {}
  Result<Alert> Add(const Alert& alert) override;
  Result<Alert> Get(Id id) override;
  Result<Page<Alert>> List(const AlertQuery& query, const PageRequest& page) override;
  Status Acknowledge(Id id, Id user_id, const std::string& note, std::int64_t now_ms) override;
  Result<SiteSettings> Settings(Id site_id) override;
  Status SetSettings(const SiteSettings& settings, std::optional<Id> user_id,
                     std::int64_t now_ms) override;

 private:
  Connection& db_;
};

class SqlScheduleRepository final : public ScheduleRepository {
 public:
  explicit SqlScheduleRepository(Connection& db) : db_(db) {}
  Result<QuestionnaireSchedule> Create(const QuestionnaireSchedule& schedule) override;
  Result<QuestionnaireSchedule> Get(Id id) override;
  Status Update(const QuestionnaireSchedule& schedule) override;
  Result<std::vector<QuestionnaireSchedule>> List(
      const std::optional<std::vector<Id>>& sites) override;
  Result<PlannedVisit> AddVisit(const PlannedVisit& visit) override;
  Result<PlannedVisit> GetVisit(Id id) override;
  Status RemoveVisit(Id id) override;
  Result<std::vector<PlannedVisit>> Visits(std::optional<Id> patient_id, std::optional<Id> site_id,
                                           std::int64_t from_ms, std::int64_t to_ms) override;
  Result<std::vector<Completion>> Completions(Id site_id, std::optional<Id> patient_id) override;
  Status SetFeed(Id user_id, const std::string& token_hash, std::int64_t now_ms) override;
  Result<Id> FeedOwner(const std::string& token_hash) override;

 private:
  Connection& db_;
};

class SqlStudyRepository final : public StudyRepository {
 public:
  explicit SqlStudyRepository(Connection& db) : db_(db) {}
  Result<Study> Create(const Study& study) override;
  Result<Study> Get(Id id) override;
  Result<std::vector<Study>> Owned(Id owner_id) override;
  Result<std::vector<Study>> Joined(Id user_id) override;
  Status SetStage(Id id, StudyStage stage, int round) override;
  Result<StudyParticipant> AddParticipant(const StudyParticipant& participant,
                                          const std::optional<std::string>& token_hash) override;
  Result<StudyParticipant> GetParticipant(Id id) override;
  Result<StudyParticipant> ParticipantByToken(const std::string& token_hash) override;
  Result<std::optional<StudyParticipant>> ParticipantOfUser(Id study_id, Id user_id) override;
  Result<std::vector<StudyParticipant>> Participants(Id study_id) override;
  Status Consent(Id participant_id, std::int64_t at_ms) override;
  Status Revoke(Id participant_id, std::int64_t at_ms) override;
  Result<StudyStatement> AddStatement(const StudyStatement& statement) override;
  Status EditStatement(Id id, const std::string& text) override;
  Status Merge(Id statement_id, Id into) override;
  Result<std::vector<StudyStatement>> Statements(Id study_id) override;
  Status ReplaceSort(Id participant_id, const std::vector<SortCard>& cards) override;
  Result<std::vector<SortCard>> Sorts(Id study_id, std::optional<Id> participant_id) override;
  Status SetRatings(const std::vector<StatementRating>& ratings) override;
  Status SetComment(const StudyComment& comment) override;
  Result<std::vector<StudyComment>> Comments(Id study_id, std::optional<Id> participant_id) override;
  Result<std::vector<StatementRating>> Ratings(Id study_id,
                                               std::optional<Id> participant_id) override;
  Status SetClusterNames(Id study_id, int k, const std::vector<std::string>& names) override;
  Result<std::vector<std::string>> ClusterNames(Id study_id, int k) override;

 private:
  Connection& db_;
};

class SqlResearchProjectRepository final : public ResearchProjectRepository {
 public:
  explicit SqlResearchProjectRepository(Connection& db) : db_(db) {}
  Result<ResearchProject> Create(const ResearchProject& project, const std::string& key) override;
  Result<ResearchProject> Get(Id id) override;
  Result<std::string> Key(Id id) override;
  Result<std::vector<ResearchProject>> List(std::optional<Id> owner_id) override;
  Status Approve(const SiteApproval& approval) override;
  Status RevokeApproval(Id project_id, Id site_id, std::int64_t at_ms) override;
  Result<std::vector<SiteApproval>> Approvals(Id project_id) override;

 private:
  Connection& db_;
};

class SqlCostingRepository final : public CostingRepository {
 public:
  explicit SqlCostingRepository(Connection& db) : db_(db) {}
  Result<std::vector<UnitCost>> UnitCosts(Id site_id) override;
  Status ReplaceUnitCosts(Id site_id, const std::vector<UnitCost>& rows) override;
  Result<std::optional<SiteCosting>> GetSiteCosting(Id site_id) override;
  Status SetSiteCosting(const SiteCosting& costing) override;
  Result<Resource> CreateResource(const Resource& resource) override;
  Result<Resource> GetResource(Id id) override;
  Result<std::vector<Resource>> Resources(Id team_id) override;
  Status UpdateResource(const Resource& resource) override;
  Status DeleteResource(Id id) override;

 private:
  Connection& db_;
};

class SqlStratificationRepository final : public StratificationRepository {
 public:
  explicit SqlStratificationRepository(Connection& db) : db_(db) {}
  Result<Stratification> Create(const Stratification& stratification) override;
  Result<Stratification> Get(Id id) override;
  Result<std::vector<Stratification>> ListOfPopulation(Id population_id) override;
  Status Replace(const Stratification& stratification) override;
  Result<std::vector<std::string>> FieldNames(Id population_id) override;
  Result<std::vector<StratumPerson>> People(Id population_id,
                                            const std::vector<std::string>& fields) override;
  Result<std::vector<LatestValue>> LatestValues(Id population_id,
                                               const std::vector<std::string>& codes,
                                               std::int64_t recent_from_ms) override;
  Result<std::vector<UtilisationEvent>> Events(Id population_id,
                                               const std::vector<std::string>& codes,
                                               std::int64_t from_ms, std::int64_t to_ms) override;

 private:
  Status WriteParts(const Stratification& stratification);
  Status ReadParts(Stratification& stratification);
  Connection& db_;
};

class SqlProcessMapRepository final : public ProcessMapRepository {
 public:
  explicit SqlProcessMapRepository(Connection& db) : db_(db) {}
  Result<ProcessMap> Create(const ProcessMap& map, const ProcessMapRevision& first) override;
  Result<ProcessMap> Get(Id id) override;
  Result<std::vector<ProcessMap>> ListOfTeam(Id team_id) override;
  Status Rename(Id id, const std::string& name) override;
  Status SetShared(Id id, bool shared) override;
  Result<ProcessMapRevision> AddRevision(ProcessMapRevision revision) override;
  Result<ProcessMapRevision> Revision(Id map_id, std::int64_t number) override;
  Result<std::vector<ProcessMapRevision>> Revisions(Id map_id) override;
  Result<Journey> AddJourney(const Journey& journey) override;
  Result<std::vector<Journey>> Journeys(Id map_id) override;
  Status DeleteJourney(Id id) override;
  Result<Scenario> AddScenario(const Scenario& scenario) override;
  Result<Scenario> GetScenario(Id id) override;
  Result<std::vector<Scenario>> Scenarios(Id map_id) override;

 private:
  Status WriteContent(const ProcessMapRevision& revision);
  Status ReadContent(ProcessMapRevision& revision);
  Connection& db_;
};

class SqlPersonaRepository final : public PersonaRepository {
 public:
  explicit SqlPersonaRepository(Connection& db) : db_(db) {}
  Result<Persona> Create(const Persona& persona) override;
  Result<Persona> Get(Id id) override;
  Result<std::vector<Persona>> ListOfTeam(Id team_id) override;
  Status SetPicture(const PersonaPicture& picture) override;
  Result<PersonaPicture> Picture(Id persona_id) override;
  Status DeletePicture(Id persona_id) override;

 private:
  Connection& db_;
};

// All repositories over one connection; scan: how its driver serves the observation rescan.
class SqlRepositories final : public Repositories {
 public:
  SqlRepositories(Connection& db, ObservationScan& scan)
      : sites_(db),
        populations_(db),
        teams_(db),
        users_(db),
        credentials_(db),
        audit_(db),
        workbooks_(db),
        questionnaires_(db),
        registry_(db, scan),
        measures_(db),
        alerts_(db),
        schedules_(db),
        studies_(db),
        research_projects_(db),
        costing_(db),
        stratifications_(db),
        process_maps_(db),
        personas_(db) {}
  SiteRepository& Sites() override { return sites_; }
  PopulationRepository& Populations() override { return populations_; }
  TeamRepository& Teams() override { return teams_; }
  UserRepository& Users() override { return users_; }
  CredentialRepository& Credentials() override { return credentials_; }
  AuditRepository& Audit() override { return audit_; }
  WorkbookRepository& Workbooks() override { return workbooks_; }
  QuestionnaireRepository& Questionnaires() override { return questionnaires_; }
  RegistryRepository& Registry() override { return registry_; }
  MeasureRepository& Measures() override { return measures_; }
  AlertRepository& Alerts() override { return alerts_; }
  ScheduleRepository& Schedules() override { return schedules_; }
  StudyRepository& Studies() override { return studies_; }
  ResearchProjectRepository& ResearchProjects() override { return research_projects_; }
  CostingRepository& Costing() override { return costing_; }
  StratificationRepository& Stratifications() override { return stratifications_; }
  ProcessMapRepository& ProcessMaps() override { return process_maps_; }
  PersonaRepository& Personas() override { return personas_; }

 private:
  SqlSiteRepository sites_;
  SqlPopulationRepository populations_;
  SqlTeamRepository teams_;
  SqlUserRepository users_;
  SqlCredentialRepository credentials_;
  SqlAuditRepository audit_;
  SqlWorkbookRepository workbooks_;
  SqlQuestionnaireRepository questionnaires_;
  SqlRegistryRepository registry_;
  SqlMeasureRepository measures_;
  SqlAlertRepository alerts_;
  SqlScheduleRepository schedules_;
  SqlStudyRepository studies_;
  SqlResearchProjectRepository research_projects_;
  SqlCostingRepository costing_;
  SqlStratificationRepository stratifications_;
  SqlProcessMapRepository process_maps_;
  SqlPersonaRepository personas_;
};

// The row limit a page query asks for: one more than the page, to know whether another follows.
inline std::int64_t FetchLimit(const PageRequest& page) { return std::int64_t{page.limit} + 1; }

// Steps query to the end, reading each row with read(query).
template <typename Read>
auto CollectRows(Statement& query, Read read) -> Result<std::vector<decltype(read(query))>> {
  std::vector<decltype(read(query))> rows;
  for (;;) {
    COVALUE_ASSIGN_OR_RETURN(bool more, query.Step());
    if (!more) {
      return rows;
    }
    rows.push_back(read(query));
  }
}

// Reads one row, or kNotFound with message when there is none.
template <typename Read>
auto ReadOne(Statement& query, Read read, std::string message) -> Result<decltype(read(query))> {
  COVALUE_ASSIGN_OR_RETURN(bool found, query.Step());
  if (!found) {
    return Fail(ErrorCode::kNotFound, std::move(message));
  }
  return read(query);
}

// Runs an INSERT … RETURNING id to completion; the new row's id (one round trip where a
// LastInsertId would take a second on a database server).
inline Result<Id> InsertedId(Statement& insert) {
  COVALUE_ASSIGN_OR_RETURN(bool row, insert.Step());
  if (!row) {
    return Fail(ErrorCode::kInternal, "an insert returned no id");
  }
  const Id id = insert.Int(0);
  COVALUE_ASSIGN_OR_RETURN(bool more, insert.Step());
  (void)more;
  return id;
}

}  // namespace covalue::store::sql
