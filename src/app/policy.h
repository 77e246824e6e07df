#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.h"

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
  kTeamMembersManage,
  kUserList,
  kUserRead,
  kUserCreate,
  kUserUpdate,
  kMembershipGrant,  // give or take a role at target.site_id (community-wide when absent)
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
};

std::string_view ActionName(Action action);

// What the action touches. Fields not relevant to an action stay empty.
struct Target {
  std::optional<Id> site_id;
  std::optional<Id> team_id;
  std::optional<Id> user_id;
  std::vector<Id> user_site_ids;  // for user targets: the sites where that user holds a role
};

// The policy's answer; role names the membership that allowed it ("" when none was needed).
struct Decision {
  bool allowed = false;
  std::string role;
};

// The one policy function: deny by default. Pure; callers record the decision (app/audit.h).
Decision Authorize(const Principal& principal, Action action, const Target& target);

}  // namespace covalue::app
