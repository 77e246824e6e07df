#include "app/kernel/policy.h"

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

bool IsCommunityAdmin(const Principal& p) {
  return std::any_of(p.memberships.begin(), p.memberships.end(), [](const Membership& m) {
    return m.role == Role::kAdmin && IsCommunityWide(m);
  });
}

bool HoldsRoleAnywhere(const Principal& p, Role role) {
  return std::any_of(p.memberships.begin(), p.memberships.end(),
                     [&](const Membership& m) { return m.role == role; });
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

bool IsSiteAdmin(const Principal& p, std::optional<Id> site) {
  return site && Holds(p, Role::kAdmin, site) != nullptr;
}

// Whether the account holds a role at site other than patient, through a membership naming the
// site (community-wide roles do not count): the accounts a team lead may add to a team there.
bool IsStaffAt(const std::vector<Membership>& account, Id site) {
  return std::any_of(account.begin(), account.end(), [&](const Membership& m) {
    return m.site_id == site && m.role != Role::kPatient;
  });
}

// The grant rule. A site's admins grant roles at their site, and only the community's admin
// grants community-wide roles; a team lead adds to their own team, with team roles only,
// accounts already on the site's staff. Giving a role to an existing account changes it, so the
// granter must also administer the account (AdministersAccount); the team lead's addition is the
// one exception. Nobody grants a role above their own: a site's admin holds the highest role at
// the site, the community's admin everywhere, and a lead grants only the team roles they hold.
Decision Grant(const Principal& p, const Target& t) {
  if (!t.role) {
    return Deny();
  }
  const bool new_account = !t.user_id.has_value();
  if (!t.site_id) {
    return IsCommunityAdmin(p) ? Allow(Role::kAdmin) : Deny();
  }
  if (IsSiteAdmin(p, t.site_id) && (new_account || AdministersAccount(p, t.account))) {
    return Allow(Role::kAdmin);
  }
  if (RoleNeedsTeam(*t.role) && LeadsTeam(p, t.team_id) && !new_account &&
      IsStaffAt(t.account, *t.site_id)) {
    return Allow(Role::kTeamLead);
  }
  return Deny();
}

// Taking a role away never widens anyone's access: a site's admins take away any role at their
// site (whoever granted it), a team lead the roles of their own team, the community's admin a
// community-wide role.
Decision Revoke(const Principal& p, const Target& t) {
  if (!t.site_id) {
    return IsCommunityAdmin(p) ? Allow(Role::kAdmin) : Deny();
  }
  if (IsSiteAdmin(p, t.site_id)) {
    return Allow(Role::kAdmin);
  }
  return t.role && RoleNeedsTeam(*t.role) && LeadsTeam(p, t.team_id) ? Allow(Role::kTeamLead)
                                                                     : Deny();
}

// Who reads an account: its owner, the community's admin, and the admins of any site where it
// holds a membership (a patient's included: they enrolled them).
Decision ReadAccount(const Principal& p, const Target& t) {
  if (t.user_id && t.user_id == p.user_id) {
    return AllowAnySignedIn();
  }
  if (IsCommunityAdmin(p)) {
    return Allow(Role::kAdmin);
  }
  for (const Membership& m : t.account) {
    if (IsSiteAdmin(p, m.site_id)) {
      return Allow(Role::kAdmin);
    }
  }
  return Deny();
}

}  // namespace

bool AdministersAccount(const Principal& p, const std::vector<Membership>& account) {
  std::vector<Id> role_sites;
  std::vector<Id> patient_sites;
  for (const Membership& m : account) {
    if (!m.site_id) {
      return IsCommunityAdmin(p);  // a community-wide role is a role at every site
    }
    (m.role == Role::kPatient ? patient_sites : role_sites).push_back(*m.site_id);
  }
  const std::vector<Id>& sites = role_sites.empty() ? patient_sites : role_sites;
  if (sites.empty()) {
    return IsCommunityAdmin(p);
  }
  return std::all_of(sites.begin(), sites.end(), [&](Id site) { return IsSiteAdmin(p, site); });
}

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
    case Action::kMembershipRevoke:
      return "membership.revoke";
    case Action::kPatientMembershipRead:
      return "membership.patient.read";
    case Action::kSiteAccessRead:
      return "site.access.read";
    case Action::kSiteSettingsWrite:
      return "site.settings.write";
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
    case Action::kChartNoteWrite:
      return "chart_note.write";
    case Action::kAlertList:
      return "alert.list";
    case Action::kAlertAcknowledge:
      return "alert.acknowledge";
    case Action::kAlertOverdueList:
      return "alert.overdue";
    case Action::kAlertRaise:
      return "alert.raise";
    case Action::kScheduleRead:
      return "schedule.read";
    case Action::kScheduleWrite:
      return "schedule.write";
    case Action::kVisitWrite:
      return "visit.write";
    case Action::kCalendarRead:
      return "calendar.read";
    case Action::kPatientUpdate:
      return "patient.update";
    case Action::kStudyCreate:
      return "study.create";
    case Action::kStudyManage:
      return "study.manage";
    case Action::kStudyParticipate:
      return "study.participate";
    case Action::kResearchProjectCreate:
      return "research_project.create";
    case Action::kResearchProjectManage:
      return "research_project.manage";
    case Action::kResearchProjectReview:
      return "research_project.review";
    case Action::kResearchApprove:
      return "research_project.approve";
    case Action::kCostingRead:
      return "costing.read";
    case Action::kCostingWrite:
      return "costing.write";
    case Action::kStratificationWrite:
      return "stratification.write";
    case Action::kStratificationRead:
      return "stratification.read";
    case Action::kProcessMapRead:
      return "process_map.read";
    case Action::kProcessMapWrite:
      return "process_map.write";
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
      if (Holds(p, Role::kAdmin, t.site_id) != nullptr) {
        return Allow(Role::kAdmin);
      }
      return LeadsTeam(p, t.team_id) ? Allow(Role::kTeamLead) : Deny();

    case Action::kUserList:
    case Action::kUserCreate:
    case Action::kAuditRead:
      return HoldsAnyAdmin(p) ? Allow(Role::kAdmin) : Deny();

    case Action::kUserRead:
      return ReadAccount(p, t);

    // An account is changed by its owner (their name, their password with the current one) or
    // by whoever administers it; nobody but the community's admin changes the community's admin.
    case Action::kUserUpdate:
      if (t.user_id && t.user_id == p.user_id) {
        return AllowAnySignedIn();
      }
      return AdministersAccount(p, t.account) ? Allow(Role::kAdmin) : Deny();

    case Action::kMembershipGrant:
      return Grant(p, t);
    case Action::kMembershipRevoke:
      return Revoke(p, t);

    // Who is a patient where is known to that site's admins (and the community's) only.
    case Action::kPatientMembershipRead:
      if (t.user_id && t.user_id == p.user_id) {
        return AllowAnySignedIn();
      }
      return IsSiteAdmin(p, t.site_id) ? Allow(Role::kAdmin) : Deny();

    case Action::kSiteAccessRead:
    case Action::kSiteSettingsWrite:
    case Action::kAlertOverdueList:
      return IsSiteAdmin(p, t.site_id) ? Allow(Role::kAdmin) : Deny();

    // Alerts are part of the patients' records: their site's professionals and admins see them
    // (community-wide roles never do); a professional acknowledges one.
    case Action::kAlertList:
      for (Role role : {Role::kProfessional, Role::kAdmin}) {
        if (HoldsAtSite(p, role, t.site_id) != nullptr) {
          return Allow(role);
        }
      }
      return Deny();
    case Action::kAlertAcknowledge:
      return HoldsAtSite(p, Role::kProfessional, t.site_id) != nullptr ? Allow(Role::kProfessional)
                                                                       : Deny();
    case Action::kAlertRaise:
      return Deny();  // raised by the answers themselves, never on request

    // A workbook is the team's: its members and leads, and the site's admins.
    case Action::kWorkbookCreate:
    case Action::kWorkbookRead:
    case Action::kWorkbookWrite:
    case Action::kChartNoteWrite:  // a chart's notes are the team's, as its workbooks are
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

    // A site's admins decide what its populations are asked and when; its staff see it, and how
    // many of its people are overdue (counts of persons: never a community-wide role's).
    case Action::kScheduleWrite:
      return Holds(p, Role::kAdmin, t.site_id) != nullptr ? Allow(Role::kAdmin) : Deny();
    case Action::kScheduleRead:
      for (Role role : {Role::kAdmin, Role::kProfessional, Role::kTeamLead, Role::kTeamMember}) {
        if (HoldsAtSite(p, role, t.site_id) != nullptr) {
          return Allow(role);
        }
      }
      return Deny();
    // Visits are planned, and names kept, by the site's professionals and admins (part of the
    // patient's record; never a community-wide role).
    case Action::kVisitWrite:
    case Action::kPatientUpdate:
      for (Role role : {Role::kProfessional, Role::kAdmin}) {
        if (HoldsAtSite(p, role, t.site_id) != nullptr) {
          return Allow(role);
        }
      }
      return Deny();
    case Action::kCalendarRead:
      return AllowAnySignedIn();  // one's own feed; what it holds is narrowed by the reader's reads

    // Research studies are their researchers' own: a researcher (wherever they hold the role)
    // starts one and runs only those they own; nobody else reads a study's workings, the
    // community's admin included. A participant acts on their own participation only; those
    // invited by a link hold no account and are let in by their link's secret (app/studies/).
    case Action::kStudyCreate:
      return HoldsRoleAnywhere(p, Role::kResearcher) ? Allow(Role::kResearcher) : Deny();
    case Action::kStudyManage:
      return t.user_id && *t.user_id == p.user_id && HoldsRoleAnywhere(p, Role::kResearcher)
                 ? Allow(Role::kResearcher)
                 : Deny();
    case Action::kStudyParticipate:
      return t.user_id && *t.user_id == p.user_id && p.user_id != 0 ? AllowAnySignedIn() : Deny();

    // De-identified research exports: a researcher asks, and runs only their own projects
    // (the command line's operator, who holds the database file, runs any); the registry's data
    // being each site's own, only an admin at the site itself approves, not a community-wide
    // role. Admins anywhere see the projects they may be asked to approve.
    case Action::kResearchProjectCreate:
      return HoldsRoleAnywhere(p, Role::kResearcher) ? Allow(Role::kResearcher) : Deny();
    case Action::kResearchProjectManage:
      if (p.user_id == 0 && IsCommunityAdmin(p)) return Allow(Role::kAdmin);
      return t.user_id && *t.user_id == p.user_id && HoldsRoleAnywhere(p, Role::kResearcher)
                 ? Allow(Role::kResearcher)
                 : Deny();
    case Action::kResearchProjectReview:
      return HoldsAnyAdmin(p) ? Allow(Role::kAdmin) : Deny();
    case Action::kResearchApprove:
      return HoldsAtSite(p, Role::kAdmin, t.site_id) != nullptr ? Allow(Role::kAdmin) : Deny();

    // A site's prices are its admins' to set. They describe no person, and the community
    // learns from each other's costs, so every signed-in user may read them.
    case Action::kCostingWrite:
      return Holds(p, Role::kAdmin, t.site_id) != nullptr ? Allow(Role::kAdmin) : Deny();
    case Action::kCostingRead:
      return AllowAnySignedIn();

    // A population's strata are its site's teams' to define (and its admins'); the site's staff
    // see their numbers whole, everyone else only through the small-cell rule (app/strata/).
    case Action::kStratificationWrite:
      if (Holds(p, Role::kAdmin, t.site_id) != nullptr) {
        return Allow(Role::kAdmin);
      }
      for (Role role : {Role::kTeamLead, Role::kTeamMember}) {
        if (HoldsAtSite(p, role, t.site_id) != nullptr) {
          return Allow(role);
        }
      }
      return Deny();
    case Action::kStratificationRead:
      for (Role role : {Role::kAdmin, Role::kProfessional, Role::kTeamLead, Role::kTeamMember}) {
        if (HoldsAtSite(p, role, t.site_id) != nullptr) {
          return Allow(role);
        }
      }
      return Deny();

    // A team's process maps and resources are the team's, as its workbooks are.
    case Action::kProcessMapRead:
    case Action::kProcessMapWrite:
      if (Holds(p, Role::kAdmin, t.site_id) != nullptr) {
        return Allow(Role::kAdmin);
      }
      return InTeam(p, t.team_id);

    // The community's questionnaires are its admins' to import, a site's its admins'.
    case Action::kQuestionnaireImport:
      if (!t.site_id) {
        return IsCommunityAdmin(p) ? Allow(Role::kAdmin) : Deny();
      }
      return Holds(p, Role::kAdmin, t.site_id) != nullptr ? Allow(Role::kAdmin) : Deny();
  }
  return Deny();
}

}  // namespace covalue::app
