#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/patients_like_me.h"
#include "app/alerts/alerts.h"
#include "app/audit/audit.h"
#include "app/auth/login_throttle.h"
#include "app/auth/password_pool.h"
#include "app/community/community.h"
#include "app/kernel/clock.h"
#include "app/kernel/context.h"
#include "app/kernel/gate.h"
#include "app/kernel/policy.h"
#include "app/measures/measures.h"
#include "app/questionnaires/questionnaires.h"
#include "app/workbooks/workbooks.h"
#include "domain/audit_record.h"
#include "domain/community.h"
#include "domain/error.h"
#include "domain/guide.h"
#include "domain/page.h"
#include "domain/questionnaire.h"
#include "domain/registry.h"
#include "formats/registry_csv.h"
#include "store/repositories.h"

namespace covalue::app {

struct SignedIn {
  std::string session_token;  // the secret for the cookie; only its hash is stored
  User user;
  std::int64_t expires_ms = 0;
};

struct IssuedToken {
  store::ApiToken token;
  std::string secret;  // shown once; only its hash is stored
};

struct TeamDetail {
  Team team;
  std::vector<TeamMember> members;
};

struct NewUser {
  std::string username;
  std::string display_name;
  std::string password;
  std::vector<Membership> memberships;
};

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

// One question of a response and what was answered, as the shared dashboard shows it.
struct AnsweredItem {
  std::string link_id;
  std::string text;
  std::vector<std::string> answers;  // each answer as said: an option's display, a number, yes/no
};

// A response read item by item.
struct ResponseAnswers {
  Id id = 0;
  std::string questionnaire_id;
  std::string title;
  std::string status;
  std::int64_t authored_ms = 0;
  std::optional<double> total;
  std::string band;
  std::vector<AnsweredItem> items;
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

// One score or registry variable of a patient over time, as the shared dashboard plots it.
struct ScoreSeries {
  std::string system;
  std::string code;
  std::string display;
  std::string unit;
  std::vector<ScoreBand> bands;     // the instrument's severity bands; empty when it has none
  std::vector<Observation> points;  // oldest first; each point's interpretation is its band
  // What the latest value is compared with: the value at the last visit (the newest visit
  // note), or without a visit note the value before the latest. Absent when there is nothing
  // newer than the last visit, or nothing to compare with.
  std::optional<Observation> before;
};

// A questionnaire the patient may fill, and where they stand with it.
struct QuestionnaireState {
  std::string id;
  std::string title;
  std::optional<std::int64_t> last_completed_ms;
  // The patient's in-progress response newer than their last completed one, to resume.
  std::optional<Id> draft_response_id;
};

// What a patient and their professional look at together before and during a visit.
struct Dashboard {
  Patient patient;
  std::string population_name;
  std::vector<ScoreSeries> series;
  std::optional<std::int64_t> last_visit_ms;  // the newest visit note's time
  std::vector<PatientNote> notes;             // newest first, the latest kMaxDashboardNotes
  std::vector<QuestionnaireState> questionnaires;
  // The patient's open clinical alerts, newest first, and what to do now (by language).
  std::vector<Alert> alerts;
  std::map<std::string, std::string> crisis_contacts;
  // The latest kMaxDashboardResponses responses, newest first, answer by answer.
  std::vector<ResponseAnswers> responses;
};
inline constexpr int kMaxDashboardNotes = 200;
inline constexpr int kMaxDashboardResponses = 20;

// Changes to an existing record; absent fields stay as they are.
struct TeamChanges {
  std::optional<std::string> name;
  std::optional<Id> population_id;
};
struct UserChanges {
  std::optional<std::string> display_name;
  std::optional<std::string> password;
  // Needed to change one's own password (not to reset another account's).
  std::optional<std::string> current_password;
  // false deactivates the account (its sessions and tokens end), true reactivates it.
  std::optional<bool> active;
};

// One role held at a site, or community-wide, as that site's admins see it on their "who can
// see our site" page.
struct SiteGrant {
  MembershipGrant grant;
  bool community_wide = false;  // a community role, which reaches the site's aggregates only
  // Granted by someone who is not one of the site's admins (the community's admin, the command
  // line's operator).
  bool from_outside = false;
  bool revocable = false;  // whether the reader may revoke it
};

// The use cases: one method per user action. Each authenticates, asks the policy
// (app/kernel/policy.h) and writes the audit trail (every write, every denial, every read of a
// person's data) before it touches the store. Thread-safe.
//
// Errors common to all methods taking a RequestContext: kUnauthenticated when ctx has no
// principal, kPermissionDenied when the policy refuses (recorded in the audit trail),
// kInvalidArgument naming the field at fault, kNotFound, and the store's kUnavailable.
class App {
 public:
  static constexpr std::int64_t kSessionLifetimeMs = 12LL * 60 * 60 * 1000;  // 12 hours

  // guides: the self-assessment guides (formats/guide_file.h), checked as a set. format:
  // how questionnaires are stored (Questionnaires).
  explicit App(store::Store& store, std::vector<Guide> guides = {},
               const QuestionnaireFormat* format = nullptr)
      : store_(store),
        gate_(store),
        workbooks_(store_, gate_, std::move(guides)),
        questionnaires_(store_, gate_, format) {}
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Sign-in (sign_in.cc). Login: kUnauthenticated on a wrong username or password or a
  // deactivated account (the same message for all), kResourceExhausted while the username is
  // throttled from the client's address (auth/login_throttle.h), with the seconds to wait in the
  // message, and kUnavailable when too many passwords are being checked at once
  // (auth/password_pool.h).
  [[nodiscard]] Result<SignedIn> Login(const RequestContext& ctx, const std::string& username,
                                       const std::string& password);
  [[nodiscard]] Status Logout(const RequestContext& ctx, const std::string& session_token);
  // The principal of a session cookie or bearer token; kUnauthenticated when unknown or expired.
  [[nodiscard]] Result<Principal> AuthenticateSession(const std::string& session_token);
  [[nodiscard]] Result<Principal> AuthenticateToken(const std::string& bearer_token);
  [[nodiscard]] Result<IssuedToken> CreateToken(const RequestContext& ctx, const std::string& name);
  [[nodiscard]] Result<std::vector<store::ApiToken>> ListTokens(const RequestContext& ctx);
  [[nodiscard]] Status RevokeToken(const RequestContext& ctx, Id token_id);
  // Seconds a throttled username must wait at address, for a Retry-After header.
  std::int64_t LoginRetryAfter(const std::string& username, const std::string& address);
  // How long a new bearer token lives (Default: kDefaultTokenDays).
  static constexpr int kDefaultTokenDays = 90;
  void SetTokenDays(int days);
  // The clock the use cases read (Default: the system clock). REQUIRES: outlives the App.
  void SetClock(const Clock& clock) { gate_.SetClock(clock); }

  // The capability services (one folder each under app/; app/README.md).
  Alerts& alerts() { return alerts_; }
  AuditTrail& audit() { return audit_; }
  Community& community() { return community_; }
  Workbooks& workbooks() { return workbooks_; }
  Questionnaires& questionnaires() { return questionnaires_; }
  Measures& measures() { return measures_; }

  // Teams (teams.cc). ListTeams shows the teams the user belongs to, or all for admins and
  // facilitators.
  [[nodiscard]] Result<Page<Team>> ListTeams(const RequestContext& ctx, const PageRequest& page);
  [[nodiscard]] Result<TeamDetail> GetTeam(const RequestContext& ctx, Id id);
  [[nodiscard]] Result<Team> CreateTeam(const RequestContext& ctx, const Team& team);
  [[nodiscard]] Result<Team> UpdateTeam(const RequestContext& ctx, Id id,
                                        const TeamChanges& changes);
  // Gives user_id a team role (team_member or team_lead) in team id: GrantMembership.
  [[nodiscard]] Result<TeamDetail> AddTeamMember(const RequestContext& ctx, Id id, Id user_id,
                                                 Role role);
  // Takes every team role of user_id in team id away; kNotFound when they hold none.
  [[nodiscard]] Result<TeamDetail> RemoveTeamMember(const RequestContext& ctx, Id id, Id user_id);

  // Users (users.cc). Reads show an account's patient memberships only to that site's admins
  // (and the community's admin, and the account's owner). UpdateUser: the owner changes their
  // own name and password (kInvalidArgument naming /current_password without the current one,
  // kPermissionDenied when it is wrong); whoever administers the account (kernel/policy.h
  // AdministersAccount) changes anything of it. A password change or reset and a deactivation
  // end the account's sessions and revoke its bearer tokens.
  [[nodiscard]] Result<Page<User>> ListUsers(const RequestContext& ctx, const PageRequest& page);
  [[nodiscard]] Result<User> GetUser(const RequestContext& ctx, Id id);
  [[nodiscard]] Result<User> Me(const RequestContext& ctx);
  // The account of a username, under the same policy as GetUser.
  [[nodiscard]] Result<User> GetUserByUsername(const RequestContext& ctx,
                                               const std::string& username);
  // kConflict when the username is taken.
  [[nodiscard]] Result<User> CreateUser(const RequestContext& ctx, const NewUser& user);
  [[nodiscard]] Result<User> UpdateUser(const RequestContext& ctx, Id id,
                                        const UserChanges& changes);

  // Roles (site_access.cc), through the policy's grant rule (kernel/policy.cc Grant, Revoke); every
  // grant and revocation is audited with the site it names. GrantMembership: kConflict when the
  // account holds it already, kNotFound for an unknown account (after the refusal a caller who
  // may not change it gets).
  [[nodiscard]] Result<User> GrantMembership(const RequestContext& ctx, Id user_id,
                                             const Membership& membership);
  // Revokes the membership of a grant id (MembershipGrant::id).
  [[nodiscard]] Status RevokeMembership(const RequestContext& ctx, Id grant_id);
  // Every role held at the site (its staff's, not its patients') and every community-wide one,
  // with who granted each and when: the site's admins' "who can see our site".
  [[nodiscard]] Result<std::vector<SiteGrant>> SiteAccess(const RequestContext& ctx, Id site_id);

  // The registry (registry.cc). A patient reads and answers for their own record; a site's
  // professionals and admins for the site's patients. Every read of a record is audited, and
  // a refusal is 403 (not 404) so that it is audited too.
  [[nodiscard]] Result<Patient> CreatePatient(const RequestContext& ctx, const Patient& patient);
  [[nodiscard]] Result<Patient> GetPatient(const RequestContext& ctx, Id id);
  // The signed-in user's own patient record; kNotFound when they have none.
  [[nodiscard]] Result<Patient> MyPatient(const RequestContext& ctx);
  // The patients of the sites where the caller is a professional or admin (a patient: their
  // own record) that match query (its sites are set here).
  [[nodiscard]] Result<Page<Patient>> ListPatients(const RequestContext& ctx,
                                                   const PageRequest& page,
                                                   store::PatientQuery query = {});
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
  // With query.patient_id: that patient's; without: the caller's sites' (staff only).
  [[nodiscard]] Result<Page<StoredResponse>> ListResponses(const RequestContext& ctx,
                                                           store::RecordQuery query,
                                                           const PageRequest& page);
  [[nodiscard]] Result<Page<Observation>> ListObservations(const RequestContext& ctx,
                                                           store::RecordQuery query,
                                                           const PageRequest& page);

 private:
  // A membership about to be granted, checked: its site and team exist, the role fits its scope;
  // a team role gets its team's site. Errors name field + "/team_id" or "/site_id".
  Result<Membership> CheckMembership(Membership membership, const std::string& field);
  // Asks the policy whether principal may give m to account (nullopt: an account being created).
  Result<Decision> PermitGrant(const RequestContext& ctx, const Principal& principal,
                               const std::optional<User>& account, const Membership& m);
  // The audit record of a grant or revocation, naming the membership's site.
  Status AppendGrant(store::Repositories& repos, const RequestContext& ctx,
                     const Decision& decision, Action action, Id user_id, const Membership& m);
  // The account as reader may see it: patient memberships reader may not learn are left out.
  User VisibleTo(const Principal& reader, User user) const;
  // Checks the current password of one changing their own (throttled as a sign-in).
  Status CheckCurrentPassword(const RequestContext& ctx, const Principal& principal,
                              const std::optional<std::string>& current);
  Result<Principal> PrincipalOf(Id user_id);
  Result<Team> TeamById(Id id);
  // Lets staff list the patients of their sites (StaffSites in registry.cc), audited.
  Result<Decision> PermitStaff(const RequestContext& ctx, const Principal& principal,
                               const std::vector<Id>& sites);
  // Narrows a record query to what ctx may see: one patient's (access checked and audited) or
  // the sites where ctx is staff (the decision returned: the caller audits what it then reads).
  Result<std::optional<Decision>> Scope(const RequestContext& ctx, store::RecordQuery& query);
  // Audits a staff search of the registry: the persons it returned, per site.
  Status RecordSearch(const RequestContext& ctx, const Decision& decision,
                      const std::string& resource_type,
                      const std::vector<std::pair<Id, Id>>& site_and_person);
  // The team with its members, read now.
  Result<TeamDetail> DetailOf(const Team& team);

  store::Store& store_;
  Gate gate_;
  Alerts alerts_{store_, gate_};
  AuditTrail audit_{store_, gate_};
  Community community_{store_, gate_, [this] { measures_.Invalidate(); }};
  Workbooks workbooks_;
  Questionnaires questionnaires_;
  Measures measures_{store_, gate_, workbooks_, questionnaires_};
  auth::LoginThrottle throttle_;
  auth::PasswordPool passwords_;
  std::int64_t token_lifetime_ms_ = std::int64_t{kDefaultTokenDays} * 86'400'000;
};

// The principal of the command line: the operator holding the database file acts as the
// community's admin. Its audit records carry no user id.
Principal SystemPrincipal();

}  // namespace covalue::app
