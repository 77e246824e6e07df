#include "app/policy.h"

#include <algorithm>

namespace covalue::app {
namespace {

Decision Allow(Role role) { return {true, std::string(RoleName(role))}; }
Decision AllowAnySignedIn() { return {true, ""}; }
Decision Deny() { return {false, ""}; }

bool IsCommunityWide(const Membership& m) { return !m.site_id.has_value(); }

// The first membership with role that covers site (a community-wide one covers every site).
const Membership* Holds(const Principal& p, Role role, std::optional<Id> site) {
  for (const Membership& m : p.memberships) {
    if (m.role == role && (IsCommunityWide(m) || (site && m.site_id == site))) {
      return &m;
    }
  }
  return nullptr;
}

// A role held at this very site. Registry data is the site's own: community-wide roles do not
// reach it.
const Membership* HoldsAtSite(const Principal& p, Role role, std::optional<Id> site) {
  for (const Membership& m : p.memberships) {
    if (m.role == role && site && m.site_id == site) {
      return &m;
    }
  }
  return nullptr;
}

bool HoldsAtAnyOf(const Principal& p, Role role, const std::vector<Id>& sites) {
  return std::any_of(sites.begin(), sites.end(),
                     [&](Id site) { return Holds(p, role, site) != nullptr; });
}

bool IsCommunityAdmin(const Principal& p) {
  return std::any_of(p.memberships.begin(), p.memberships.end(), [](const Membership& m) {
    return m.role == Role::kAdmin && IsCommunityWide(m);
  });
}

bool HoldsAnyAdmin(const Principal& p) {
  return std::any_of(p.memberships.begin(), p.memberships.end(),
                     [](const Membership& m) { return m.role == Role::kAdmin; });
}

// A team member or lead of team.
Decision InTeam(const Principal& p, std::optional<Id> team) {
  for (const Membership& m : p.memberships) {
    if (team && m.team_id == team && RoleNeedsTeam(m.role)) {
      return Allow(m.role);
    }
  }
  return Deny();
}

bool LeadsTeam(const Principal& p, std::optional<Id> team) {
  return team && std::any_of(p.memberships.begin(), p.memberships.end(), [&](const Membership& m) {
           return m.role == Role::kTeamLead && m.team_id == team;
         });
}

// Staff of a site may see its teams; patients see none.
Decision ReadTeam(const Principal& p, const Target& t) {
  for (Role role : {Role::kAdmin, Role::kFacilitator, Role::kResearcher, Role::kTeamLead,
                    Role::kTeamMember, Role::kProfessional}) {
    if (Holds(p, role, t.site_id) != nullptr) {
      return Allow(role);
    }
  }
  return Deny();
}

}  // namespace

std::string_view ActionName(Action action) {
  switch (action) {
    case Action::kSignIn:
      return "auth.login";
    case Action::kSignOut:
      return "auth.logout";
    case Action::kSiteList:
      return "site.list";
    case Action::kSiteRead:
      return "site.read";
    case Action::kSiteCreate:
      return "site.create";
    case Action::kSiteUpdate:
      return "site.update";
    case Action::kPopulationList:
      return "population.list";
    case Action::kPopulationRead:
      return "population.read";
    case Action::kPopulationCreate:
      return "population.create";
    case Action::kPopulationUpdate:
      return "population.update";
    case Action::kTeamList:
      return "team.list";
    case Action::kTeamRead:
      return "team.read";
    case Action::kTeamCreate:
      return "team.create";
    case Action::kTeamUpdate:
      return "team.update";
    case Action::kTeamMembersManage:
      return "team.members";
    case Action::kUserList:
      return "user.list";
    case Action::kUserRead:
      return "user.read";
    case Action::kUserCreate:
      return "user.create";
    case Action::kUserUpdate:
      return "user.update";
    case Action::kMembershipGrant:
      return "membership.grant";
    case Action::kTokenManage:
      return "token.manage";
    case Action::kAuditRead:
      return "audit.read";
    case Action::kWorkbookCreate:
      return "workbook.create";
    case Action::kWorkbookRead:
      return "workbook.read";
    case Action::kWorkbookWrite:
      return "workbook.write";
    case Action::kWorkbookShare:
      return "workbook.share";
    case Action::kWorkbookProgress:
      return "workbook.progress";
    case Action::kQuestionnaireRead:
      return "questionnaire.read";
    case Action::kQuestionnaireImport:
      return "questionnaire.import";
    case Action::kPatientCreate:
      return "patient.create";
    case Action::kPatientRead:
      return "patient.read";
    case Action::kPatientList:
      return "patient.list";
    case Action::kResponseSubmit:
      return "response.submit";
    case Action::kPatientNoteWrite:
      return "patient_note.write";
    case Action::kVisitNoteWrite:
      return "visit_note.write";
    case Action::kMeasureList:
      return "measure.list";
    case Action::kMeasureDefine:
      return "measure.define";
    case Action::kMeasureRead:
      return "measure.read";
    case Action::kMeasureCompare:
      return "measure.compare";
  }
  return "unknown";
}

Decision Authorize(const Principal& p, Action action, const Target& t) {
  switch (action) {
    // The community's names are shared with every signed-in user.
    case Action::kSignIn:
    case Action::kSignOut:
    case Action::kSiteList:
    case Action::kSiteRead:
    case Action::kPopulationList:
    case Action::kPopulationRead:
    case Action::kTeamList:           // the list is narrowed to what the user may read
    case Action::kTokenManage:        // a user's own tokens only
    case Action::kQuestionnaireRead:  // instruments are public texts; the list is narrowed
    case Action::kMeasureList:        // definitions, no data
      return AllowAnySignedIn();

    case Action::kMeasureDefine:
      return IsCommunityAdmin(p) ? Allow(Role::kAdmin) : Deny();

    // A site's staff see its aggregates whole: they care for the people in them.
    case Action::kMeasureRead:
      for (Role role : {Role::kTeamLead, Role::kTeamMember, Role::kProfessional, Role::kAdmin}) {
        if (HoldsAtSite(p, role, t.site_id) != nullptr) {
          return Allow(role);
        }
      }
      return Deny();

    // The community learns across sites from aggregates whose small cells are suppressed.
    case Action::kMeasureCompare:
      for (Role role : {Role::kFacilitator, Role::kResearcher, Role::kAdmin}) {
        if (Holds(p, role, std::nullopt) != nullptr) {
          return Allow(role);
        }
      }
      return Deny();

    case Action::kSiteCreate:
    case Action::kSiteUpdate:
      return IsCommunityAdmin(p) ? Allow(Role::kAdmin) : Deny();

    case Action::kPopulationCreate:
    case Action::kPopulationUpdate:
    case Action::kTeamCreate:
      return Holds(p, Role::kAdmin, t.site_id) != nullptr ? Allow(Role::kAdmin) : Deny();

    case Action::kTeamRead:
      return ReadTeam(p, t);

    case Action::kTeamUpdate:
    case Action::kTeamMembersManage:
      if (Holds(p, Role::kAdmin, t.site_id) != nullptr) {
        return Allow(Role::kAdmin);
      }
      return LeadsTeam(p, t.team_id) ? Allow(Role::kTeamLead) : Deny();

    case Action::kUserList:
    case Action::kUserCreate:
    case Action::kAuditRead:
      return HoldsAnyAdmin(p) ? Allow(Role::kAdmin) : Deny();

    case Action::kUserRead:
    case Action::kUserUpdate:
      if (t.user_id == p.user_id) {
        return AllowAnySignedIn();
      }
      return IsCommunityAdmin(p) || HoldsAtAnyOf(p, Role::kAdmin, t.user_site_ids)
                 ? Allow(Role::kAdmin)
                 : Deny();

    // A workbook is the team's: its members and leads, and the site's admins.
    case Action::kWorkbookCreate:
    case Action::kWorkbookRead:
    case Action::kWorkbookWrite:
      if (Holds(p, Role::kAdmin, t.site_id) != nullptr) {
        return Allow(Role::kAdmin);
      }
      return InTeam(p, t.team_id);

    case Action::kWorkbookShare:
      if (Holds(p, Role::kAdmin, t.site_id) != nullptr) {
        return Allow(Role::kAdmin);
      }
      return LeadsTeam(p, t.team_id) ? Allow(Role::kTeamLead) : Deny();

    // Facilitators follow every team's progress, without the text.
    case Action::kWorkbookProgress:
      if (Holds(p, Role::kFacilitator, t.site_id) != nullptr) {
        return Allow(Role::kFacilitator);
      }
      return Authorize(p, Action::kWorkbookRead, t);

    // A patient's own record is theirs; the site's professionals and admins care for it. No
    // community-wide role reads a record: identifiable data never leaves its site. The
    // community's admin (the database's operator) may enrol and import, which reads nothing.
    case Action::kPatientRead:
    case Action::kResponseSubmit:
      if (t.user_id && t.user_id == p.user_id) {
        return Allow(Role::kPatient);
      }
      [[fallthrough]];
    case Action::kPatientCreate:
    case Action::kPatientList:
      for (Role role : {Role::kProfessional, Role::kAdmin}) {
        if (HoldsAtSite(p, role, t.site_id) != nullptr) {
          return Allow(role);
        }
      }
      return action == Action::kPatientCreate && IsCommunityAdmin(p) ? Allow(Role::kAdmin) : Deny();

    // "What matters to me" and the questions for a visit are the patient's own words; a visit
    // note is a professional's, not an administrator's.
    case Action::kPatientNoteWrite:
      return t.user_id && t.user_id == p.user_id ? Allow(Role::kPatient) : Deny();
    case Action::kVisitNoteWrite:
      return HoldsAtSite(p, Role::kProfessional, t.site_id) != nullptr ? Allow(Role::kProfessional)
                                                                       : Deny();

    // The community's questionnaires are its admins' to import, a site's its admins'.
    case Action::kQuestionnaireImport:
    case Action::kMembershipGrant:
      if (!t.site_id) {
        return IsCommunityAdmin(p) ? Allow(Role::kAdmin) : Deny();
      }
      return Holds(p, Role::kAdmin, t.site_id) != nullptr ? Allow(Role::kAdmin) : Deny();
  }
  return Deny();
}

}  // namespace covalue::app
