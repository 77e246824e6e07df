#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/kernel/context.h"

namespace covalue::app {

// Every action a route or command may ask for. Names ("team.read") appear in the audit trail.
enum class Action {
  kSignIn,
  kSignOut,
  kSiteList,
  kSiteRead,
  kSiteCreate,
  kSiteUpdate,
  kPopulationList,
  kPopulationRead,
  kPopulationCreate,
  kPopulationUpdate,
  kTeamList,
  kTeamRead,
  kTeamCreate,
  kTeamUpdate,
  kUserList,
  kUserRead,
  kUserCreate,
  // Change an account (target.user_id, target.account): its name, password, activation.
  kUserUpdate,
  // Give target.role at target.site_id (community-wide when absent; in target.team_id for a
  // team role) to the account target.user_id holding target.account (absent: a new account).
  kMembershipGrant,
  // Take target.role at target.site_id (and target.team_id) away from target.user_id.
  kMembershipRevoke,
  // Learn that an account is a patient at target.site_id.
  kPatientMembershipRead,
  kSiteAccessRead,     // see who holds which role at target.site_id, and who granted it
  kSiteSettingsWrite,  // set target.site_id's crisis contacts and alert deadline
  kTokenManage,
  kAuditRead,
  kWorkbookCreate,       // start a workbook for target.team_id
  kWorkbookRead,         // read a workbook's answers
  kWorkbookWrite,        // save answers, statuses, comments, the position
  kWorkbookShare,        // share a workbook's text with the community
  kWorkbookProgress,     // see a workbook's step statuses only
  kQuestionnaireRead,    // read questionnaires (the community's and target.site_id's)
  kQuestionnaireImport,  // import a questionnaire for target.site_id (community-wide if absent)
  kPatientCreate,        // enrol a patient at target.site_id
  kPatientRead,       // read a patient's record, responses, observations (target.user_id: theirs)
  kPatientList,       // list the patients of target.site_id
  kResponseSubmit,    // answer a questionnaire for the patient (target.user_id: theirs)
  kPatientNoteWrite,  // write the patient's own words on their dashboard (target.user_id)
  kVisitNoteWrite,    // write a professional's visit note on a patient of target.site_id
  kMeasureList,       // read the measures' definitions
  kMeasureDefine,     // define a measure for the whole community
  kMeasureRead,       // read target.site_id's measure aggregates, every cell
  kMeasureCompare,    // read every site's measure aggregates, small cells suppressed
  kChartNoteWrite,    // note a point of target.team_id's measure charts, or remove a note
  kAlertList,         // see the open clinical alerts of target.site_id (the worklist)
  kAlertAcknowledge,  // acknowledge an alert about a patient of target.site_id
  kAlertOverdueList,  // see target.site_id's alerts left open past its deadline
  kAlertRaise,        // recorded when a response raises an alert; never asked for
  kScheduleRead,      // see target.site_id's questionnaire schedules and who is overdue
  kScheduleWrite,     // define or change a questionnaire schedule of target.site_id
  kVisitWrite,        // plan or cancel a visit of a patient of target.site_id
  kCalendarRead,      // read one's own calendar feed (its address made, revoked, or opened)
  kPatientUpdate,     // change a patient's record (their names) at target.site_id
  kStudyCreate,       // start a research study (a concept map or a Delphi)
  kStudyManage,       // run a study target.user_id owns: stages, participants, statements, results
  kStudyParticipate,  // take part in a study as target.user_id (the caller's own participation)
  kResearchProjectCreate,  // ask for de-identified registry data for a research project
  kResearchProjectManage,  // read a project target.user_id owns, its approvals; export its data
  kResearchProjectReview,  // see every research project, to approve one at one's site
  kResearchApprove,        // approve (or revoke) a project's access to target.site_id's data
  kCostingRead,   // see target.site_id's unit costs and costing settings (describe nobody)
  kCostingWrite,  // set target.site_id's unit-cost table, currency and value of a person's time
  kStratificationWrite,  // define or change the strata of a population of target.site_id
  kStratificationRead,   // see the strata of target.site_id's populations with every number
  kProcessMapRead,       // read target.team_id's process maps, resources, journeys and costs
  kProcessMapWrite,      // change target.team_id's process maps, resources, journeys, scenarios
};

std::string_view ActionName(Action action);

// What the action touches. Fields not relevant to an action stay empty.
struct Target {
  std::optional<Id> site_id;
  std::optional<Id> team_id;
  std::optional<Id> user_id;
  // For account targets (reads, changes, grants): the memberships the account holds now.
  std::vector<Membership> account = {};
  // For grants and revocations: the role given or taken.
  std::optional<Role> role = std::nullopt;
};

// Whether principal administers the account holding memberships: they administer every site at
// which it holds a role (a membership naming the site, other than patient; a community-wide role
// counts as a role everywhere, so only the community's admin administers such an account). An
// account that is a patient only is its patient sites' admins'; one with no membership at all,
// the community admin's.
bool AdministersAccount(const Principal& principal, const std::vector<Membership>& account);

// The policy's answer; role names the membership that allowed it ("" when none was needed).
struct Decision {
  bool allowed = false;
  std::string role;
};

// The one policy function: deny by default. Pure; callers record the decision (app/kernel/gate.h).
Decision Authorize(const Principal& principal, Action action, const Target& target);

}  // namespace covalue::app
