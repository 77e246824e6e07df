#include "app/kernel/policy.h"

#include <gtest/gtest.h>

namespace covalue::app {
namespace {

constexpr Id kSiteA = 1;
constexpr Id kSiteB = 2;
constexpr Id kTeamA = 10;

Principal With(std::vector<Membership> memberships, Id user_id = 100) {
  return Principal{user_id, "someone", std::move(memberships)};
}

TEST(Authorize, APatientsRecordIsTheirsAndTheirSitesStaffsOnly) {
  const Principal pia = With({{Role::kPatient, kSiteA, std::nullopt}}, 7);
  const Principal ola = With({{Role::kPatient, kSiteA, std::nullopt}}, 8);
  const Target pias_record{kSiteA, std::nullopt, 7, {}};
  EXPECT_EQ(Authorize(pia, Action::kPatientRead, pias_record).role, "patient");
  EXPECT_TRUE(Authorize(pia, Action::kResponseSubmit, pias_record).allowed);
  EXPECT_FALSE(Authorize(ola, Action::kPatientRead, pias_record).allowed);
  EXPECT_FALSE(Authorize(ola, Action::kResponseSubmit, pias_record).allowed);
  EXPECT_FALSE(Authorize(pia, Action::kPatientCreate, {kSiteA, {}, {}, {}}).allowed);
  EXPECT_FALSE(Authorize(pia, Action::kPatientList, {kSiteA, {}, {}, {}}).allowed);

  const Principal professional = With({{Role::kProfessional, kSiteA, std::nullopt}});
  EXPECT_EQ(Authorize(professional, Action::kPatientRead, pias_record).role, "professional");
  EXPECT_TRUE(Authorize(professional, Action::kPatientCreate, {kSiteA, {}, {}, {}}).allowed);
  EXPECT_FALSE(Authorize(professional, Action::kPatientRead, {kSiteB, {}, 9, {}}).allowed);
  for (Role role : {Role::kFacilitator, Role::kResearcher, Role::kTeamLead}) {
    const Principal other = With({{role, RoleNeedsTeam(role) ? std::optional(kSiteA) : std::nullopt,
                                   RoleNeedsTeam(role) ? std::optional(kTeamA) : std::nullopt}});
    EXPECT_FALSE(Authorize(other, Action::kPatientRead, pias_record).allowed) << RoleName(role);
  }
}

TEST(Authorize, NoCommunityWideRoleReadsAPatientsRecord) {
  const Principal db_operator = With({{Role::kAdmin, std::nullopt, std::nullopt}});
  const Target pias_record{kSiteA, std::nullopt, 7, {}};
  EXPECT_FALSE(Authorize(db_operator, Action::kPatientRead, pias_record).allowed);
  EXPECT_FALSE(Authorize(db_operator, Action::kPatientList, {kSiteA, {}, {}, {}}).allowed);
  EXPECT_FALSE(Authorize(db_operator, Action::kPatientList, {}).allowed);
  EXPECT_FALSE(Authorize(db_operator, Action::kResponseSubmit, pias_record).allowed);
  // The database's operator enrols and imports, which reads nothing back.
  EXPECT_TRUE(Authorize(db_operator, Action::kPatientCreate, {kSiteA, {}, {}, {}}).allowed);
  const Principal facilitator = With({{Role::kFacilitator, std::nullopt, std::nullopt}});
  EXPECT_FALSE(Authorize(facilitator, Action::kPatientRead, pias_record).allowed);
  const Principal two_sites = With(
      {{Role::kProfessional, kSiteA, std::nullopt}, {Role::kProfessional, kSiteB, std::nullopt}});
  EXPECT_TRUE(Authorize(two_sites, Action::kPatientList, {kSiteB, {}, {}, {}}).allowed);
}

TEST(Authorize, APatientWritesTheirOwnWordsAndAProfessionalTheVisitNote) {
  const Principal pia = With({{Role::kPatient, kSiteA, std::nullopt}}, 7);
  const Principal professional = With({{Role::kProfessional, kSiteA, std::nullopt}});
  const Principal admin = With({{Role::kAdmin, kSiteA, std::nullopt}});
  const Target pias_record{kSiteA, std::nullopt, 7, {}};
  EXPECT_EQ(Authorize(pia, Action::kPatientNoteWrite, pias_record).role, "patient");
  EXPECT_FALSE(Authorize(pia, Action::kVisitNoteWrite, pias_record).allowed);
  EXPECT_FALSE(Authorize(professional, Action::kPatientNoteWrite, pias_record).allowed);
  EXPECT_EQ(Authorize(professional, Action::kVisitNoteWrite, pias_record).role, "professional");
  EXPECT_FALSE(Authorize(professional, Action::kVisitNoteWrite, {kSiteB, {}, 9, {}}).allowed);
  EXPECT_FALSE(Authorize(admin, Action::kVisitNoteWrite, pias_record).allowed);
}

// A site's staff read its measures whole; the community compares sites only through
// aggregates with small cells suppressed; patients do neither.
TEST(Authorize, MeasuresAreReadWholeAtTheSiteAndComparedAcrossSitesByTheCommunity) {
  const Target site_a{kSiteA, {}, {}, {}};
  const Principal lead = With({{Role::kTeamLead, kSiteA, kTeamA}});
  EXPECT_EQ(Authorize(lead, Action::kMeasureRead, site_a).role, "team_lead");
  EXPECT_FALSE(Authorize(lead, Action::kMeasureRead, {kSiteB, {}, {}, {}}).allowed);
  EXPECT_FALSE(Authorize(lead, Action::kMeasureCompare, {}).allowed);
  const Principal facilitator = With({{Role::kFacilitator, std::nullopt, std::nullopt}});
  EXPECT_FALSE(Authorize(facilitator, Action::kMeasureRead, site_a).allowed);
  EXPECT_EQ(Authorize(facilitator, Action::kMeasureCompare, {}).role, "facilitator");
  const Principal site_facilitator = With({{Role::kFacilitator, kSiteA, std::nullopt}});
  EXPECT_FALSE(Authorize(site_facilitator, Action::kMeasureCompare, {}).allowed);
  const Principal pia = With({{Role::kPatient, kSiteA, std::nullopt}}, 7);
  EXPECT_FALSE(Authorize(pia, Action::kMeasureRead, site_a).allowed);
  EXPECT_FALSE(Authorize(pia, Action::kMeasureCompare, {}).allowed);
  EXPECT_TRUE(Authorize(pia, Action::kMeasureList, {}).allowed);
  const Principal db_operator = With({{Role::kAdmin, std::nullopt, std::nullopt}});
  EXPECT_TRUE(Authorize(db_operator, Action::kMeasureDefine, {}).allowed);
  EXPECT_FALSE(
      Authorize(With({{Role::kAdmin, kSiteA, std::nullopt}}), Action::kMeasureDefine, {}).allowed);
}

TEST(Authorize, QuestionnairesAreImportedByTheAdminsOfTheirScope) {
  const Principal site_admin = With({{Role::kAdmin, kSiteA, std::nullopt}});
  const Principal community_admin = With({{Role::kAdmin, std::nullopt, std::nullopt}});
  EXPECT_TRUE(Authorize(site_admin, Action::kQuestionnaireImport, {kSiteA, {}, {}, {}}).allowed);
  EXPECT_FALSE(Authorize(site_admin, Action::kQuestionnaireImport, {}).allowed);
  EXPECT_TRUE(Authorize(community_admin, Action::kQuestionnaireImport, {}).allowed);
  EXPECT_TRUE(
      Authorize(With({{Role::kPatient, kSiteA, std::nullopt}}), Action::kQuestionnaireRead, {})
          .allowed);
}

TEST(Authorize, APatientCannotReadATeamOfAnotherSiteOrTheirOwn) {
  Principal patient = With({{Role::kPatient, kSiteA, std::nullopt}});
  EXPECT_FALSE(Authorize(patient, Action::kTeamRead, {kSiteB, 20, {}, {}}).allowed);
  EXPECT_FALSE(Authorize(patient, Action::kTeamRead, {kSiteA, kTeamA, {}, {}}).allowed);
}

TEST(Authorize, StaffOfASiteReadItsTeamsButNotOtherSites) {
  Principal member = With({{Role::kTeamMember, kSiteA, kTeamA}});
  Decision own = Authorize(member, Action::kTeamRead, {kSiteA, kTeamA, {}, {}});
  EXPECT_TRUE(own.allowed);
  EXPECT_EQ(own.role, "team_member");
  EXPECT_FALSE(Authorize(member, Action::kTeamRead, {kSiteB, 20, {}, {}}).allowed);
}

TEST(Authorize, AFacilitatorWithoutASiteReadsEveryTeam) {
  Principal facilitator = With({{Role::kFacilitator, std::nullopt, std::nullopt}});
  EXPECT_TRUE(Authorize(facilitator, Action::kTeamRead, {kSiteB, 20, {}, {}}).allowed);
  EXPECT_FALSE(Authorize(facilitator, Action::kTeamUpdate, {kSiteB, 20, {}, {}}).allowed);
}

TEST(Authorize, SiteAdminsManageTheirSiteOnlyAndOnlyCommunityAdminsCreateSites) {
  Principal site_admin = With({{Role::kAdmin, kSiteA, std::nullopt}});
  EXPECT_TRUE(Authorize(site_admin, Action::kPopulationCreate, {kSiteA, {}, {}, {}}).allowed);
  EXPECT_FALSE(Authorize(site_admin, Action::kPopulationCreate, {kSiteB, {}, {}, {}}).allowed);
  EXPECT_FALSE(Authorize(site_admin, Action::kSiteCreate, {}).allowed);
  Principal community_admin = With({{Role::kAdmin, std::nullopt, std::nullopt}});
  EXPECT_TRUE(Authorize(community_admin, Action::kSiteCreate, {}).allowed);
}

TEST(Authorize, UsersReadThemselvesAndAdminsReadUsersOfTheirSites) {
  const std::vector<Membership> at_a{{Role::kPatient, kSiteA, std::nullopt}};
  Principal patient = With(at_a, 7);
  EXPECT_TRUE(Authorize(patient, Action::kUserRead, {{}, {}, 7, at_a, {}}).allowed);
  EXPECT_FALSE(Authorize(patient, Action::kUserRead, {{}, {}, 8, at_a, {}}).allowed);
  EXPECT_FALSE(Authorize(patient, Action::kUserList, {}).allowed);
  Principal site_admin = With({{Role::kAdmin, kSiteA, std::nullopt}});
  EXPECT_TRUE(Authorize(site_admin, Action::kUserRead, {{}, {}, 8, at_a, {}}).allowed);
  EXPECT_FALSE(Authorize(site_admin, Action::kUserRead,
                         {{}, {}, 9, {{Role::kProfessional, kSiteB, std::nullopt}}, {}})
                   .allowed);
  // Who is a patient where: that site's admins and the account's owner only.
  EXPECT_TRUE(
      Authorize(site_admin, Action::kPatientMembershipRead, {kSiteA, {}, 8, {}, {}}).allowed);
  EXPECT_FALSE(
      Authorize(site_admin, Action::kPatientMembershipRead, {kSiteB, {}, 8, {}, {}}).allowed);
  EXPECT_TRUE(Authorize(patient, Action::kPatientMembershipRead, {kSiteA, {}, 7, {}, {}}).allowed);
  for (Role role : {Role::kFacilitator, Role::kResearcher}) {
    EXPECT_FALSE(Authorize(With({{role, std::nullopt, std::nullopt}}),
                           Action::kPatientMembershipRead, {kSiteA, {}, 8, {}, {}})
                     .allowed);
  }
}

// The grant rule (issue: a site admin added the community admin to a team of their site, reset
// its password and read every site's patients).
TEST(Authorize, ASiteAdminGrantsAtTheirSiteOnlyAndChangesOnlyAccountsTheyAdminister) {
  const Principal site_admin = With({{Role::kAdmin, kSiteA, std::nullopt}}, 1);
  const Principal community_admin = With({{Role::kAdmin, std::nullopt, std::nullopt}}, 2);
  const std::vector<Membership> community_admins_account{
      {Role::kAdmin, std::nullopt, std::nullopt}};
  const Target team_role_for_community_admin{kSiteA, kTeamA, 2, community_admins_account,
                                             Role::kTeamMember};
  EXPECT_FALSE(
      Authorize(site_admin, Action::kMembershipGrant, team_role_for_community_admin).allowed);
  EXPECT_FALSE(Authorize(site_admin, Action::kUserUpdate, {{}, {}, 2, community_admins_account, {}})
                   .allowed);
  EXPECT_TRUE(
      Authorize(community_admin, Action::kUserUpdate, {{}, {}, 2, community_admins_account, {}})
          .allowed);

  // A new account at the site; a role at another site; a community-wide role.
  EXPECT_EQ(
      Authorize(site_admin, Action::kMembershipGrant, {kSiteA, {}, {}, {}, Role::kProfessional})
          .role,
      "admin");
  EXPECT_FALSE(
      Authorize(site_admin, Action::kMembershipGrant, {kSiteB, {}, {}, {}, Role::kProfessional})
          .allowed);
  EXPECT_FALSE(Authorize(site_admin, Action::kMembershipGrant, {{}, {}, {}, {}, Role::kFacilitator})
                   .allowed);
  EXPECT_TRUE(
      Authorize(community_admin, Action::kMembershipGrant, {{}, {}, {}, {}, Role::kFacilitator})
          .allowed);

  // An account with roles at A and B is changed only by someone who administers both.
  const std::vector<Membership> two_sites{{Role::kProfessional, kSiteA, std::nullopt},
                                          {Role::kProfessional, kSiteB, std::nullopt}};
  EXPECT_FALSE(Authorize(site_admin, Action::kUserUpdate, {{}, {}, 9, two_sites, {}}).allowed);
  EXPECT_FALSE(Authorize(site_admin, Action::kMembershipGrant,
                         {kSiteA, kTeamA, 9, two_sites, Role::kTeamMember})
                   .allowed);
  const Principal both =
      With({{Role::kAdmin, kSiteA, std::nullopt}, {Role::kAdmin, kSiteB, std::nullopt}}, 3);
  EXPECT_TRUE(Authorize(both, Action::kUserUpdate, {{}, {}, 9, two_sites, {}}).allowed);
  // A patient membership elsewhere is not a role there; a patient-only account is its site's.
  const std::vector<Membership> staff_here_patient_there{
      {Role::kProfessional, kSiteA, std::nullopt}, {Role::kPatient, kSiteB, std::nullopt}};
  EXPECT_TRUE(Authorize(site_admin, Action::kUserUpdate, {{}, {}, 9, staff_here_patient_there, {}})
                  .allowed);
  const std::vector<Membership> patient_of_b{{Role::kPatient, kSiteB, std::nullopt}};
  EXPECT_FALSE(Authorize(site_admin, Action::kUserUpdate, {{}, {}, 9, patient_of_b, {}}).allowed);
  // A facilitator's account (a community-wide role) is the community admin's to change.
  const std::vector<Membership> facilitator{{Role::kFacilitator, std::nullopt, std::nullopt}};
  EXPECT_FALSE(Authorize(site_admin, Action::kUserUpdate, {{}, {}, 9, facilitator, {}}).allowed);
  // Everyone changes their own account.
  EXPECT_TRUE(Authorize(With({{Role::kPatient, kSiteB, std::nullopt}}, 9), Action::kUserUpdate,
                        {{}, {}, 9, patient_of_b, {}})
                  .allowed);
}

TEST(Authorize, ATeamLeadAddsOnlyTheSitesStaffToTheirOwnTeamWithTeamRoles) {
  const Principal lead = With({{Role::kTeamLead, kSiteA, kTeamA}}, 1);
  const std::vector<Membership> professional_here{{Role::kProfessional, kSiteA, std::nullopt}};
  EXPECT_EQ(Authorize(lead, Action::kMembershipGrant,
                      {kSiteA, kTeamA, 9, professional_here, Role::kTeamMember})
                .role,
            "team_lead");
  // Not another team, not a site role, not a new account.
  EXPECT_FALSE(Authorize(lead, Action::kMembershipGrant,
                         {kSiteA, 11, 9, professional_here, Role::kTeamMember})
                   .allowed);
  EXPECT_FALSE(Authorize(lead, Action::kMembershipGrant,
                         {kSiteA, {}, 9, professional_here, Role::kProfessional})
                   .allowed);
  EXPECT_FALSE(
      Authorize(lead, Action::kMembershipGrant, {kSiteA, kTeamA, {}, {}, Role::kTeamMember})
          .allowed);
  // A researcher or facilitator of the community is not the site's staff, nor is a patient
  // there, nor another site's professional.
  for (const Membership& m : {Membership{Role::kResearcher, std::nullopt, std::nullopt},
                              Membership{Role::kFacilitator, std::nullopt, std::nullopt},
                              Membership{Role::kPatient, kSiteA, std::nullopt},
                              Membership{Role::kProfessional, kSiteB, std::nullopt}}) {
    EXPECT_FALSE(
        Authorize(lead, Action::kMembershipGrant, {kSiteA, kTeamA, 9, {m}, Role::kTeamMember})
            .allowed)
        << RoleName(m.role);
  }
  // A lead takes away their own team's roles, not others'.
  EXPECT_TRUE(Authorize(lead, Action::kMembershipRevoke, {kSiteA, kTeamA, 9, {}, Role::kTeamMember})
                  .allowed);
  EXPECT_FALSE(
      Authorize(lead, Action::kMembershipRevoke, {kSiteA, 11, 9, {}, Role::kTeamMember}).allowed);
  EXPECT_FALSE(
      Authorize(lead, Action::kMembershipRevoke, {kSiteA, {}, 9, {}, Role::kProfessional}).allowed);
}

TEST(Authorize, ASitesAdminsRevokeAnyRoleAtTheirSiteAndSeeWhoHoldsThem) {
  const Principal site_admin = With({{Role::kAdmin, kSiteA, std::nullopt}}, 1);
  EXPECT_TRUE(
      Authorize(site_admin, Action::kMembershipRevoke, {kSiteA, {}, 2, {}, Role::kProfessional})
          .allowed);
  EXPECT_FALSE(
      Authorize(site_admin, Action::kMembershipRevoke, {kSiteB, {}, 2, {}, Role::kProfessional})
          .allowed);
  EXPECT_FALSE(Authorize(site_admin, Action::kMembershipRevoke, {{}, {}, 2, {}, Role::kFacilitator})
                   .allowed);
  EXPECT_TRUE(Authorize(site_admin, Action::kSiteAccessRead, {kSiteA, {}, {}, {}, {}}).allowed);
  EXPECT_FALSE(Authorize(site_admin, Action::kSiteAccessRead, {kSiteB, {}, {}, {}, {}}).allowed);
  EXPECT_FALSE(Authorize(With({{Role::kProfessional, kSiteA, std::nullopt}}),
                         Action::kSiteAccessRead, {kSiteA, {}, {}, {}, {}})
                   .allowed);
}

TEST(Authorize, AlertsAreTheSitesProfessionalsAndAdminsAndAProfessionalAcknowledges) {
  const Target site_a{kSiteA, {}, {}, {}, {}};
  const Principal professional = With({{Role::kProfessional, kSiteA, std::nullopt}});
  const Principal admin = With({{Role::kAdmin, kSiteA, std::nullopt}});
  EXPECT_TRUE(Authorize(professional, Action::kAlertList, site_a).allowed);
  EXPECT_TRUE(Authorize(professional, Action::kAlertAcknowledge, site_a).allowed);
  EXPECT_FALSE(Authorize(professional, Action::kAlertOverdueList, site_a).allowed);
  EXPECT_TRUE(Authorize(admin, Action::kAlertList, site_a).allowed);
  EXPECT_FALSE(Authorize(admin, Action::kAlertAcknowledge, site_a).allowed);
  EXPECT_TRUE(Authorize(admin, Action::kAlertOverdueList, site_a).allowed);
  EXPECT_FALSE(Authorize(professional, Action::kAlertList, {kSiteB, {}, {}, {}, {}}).allowed);
  for (Role role : {Role::kAdmin, Role::kFacilitator, Role::kResearcher}) {
    EXPECT_FALSE(
        Authorize(With({{role, std::nullopt, std::nullopt}}), Action::kAlertList, site_a).allowed)
        << RoleName(role);
  }
}

TEST(Authorize, AWorkbookIsItsTeamsAndItsSiteAdminsAndFacilitatorsFollowProgress) {
  const Target workbook{kSiteA, kTeamA, {}, {}};
  Principal member = With({{Role::kTeamMember, kSiteA, kTeamA}});
  Principal other_team = With({{Role::kTeamLead, kSiteA, 11}});
  Principal site_admin = With({{Role::kAdmin, kSiteA, std::nullopt}});
  Principal facilitator = With({{Role::kFacilitator, std::nullopt, std::nullopt}});
  Principal patient = With({{Role::kPatient, kSiteA, std::nullopt}});
  EXPECT_TRUE(Authorize(member, Action::kWorkbookWrite, workbook).allowed);
  EXPECT_FALSE(Authorize(member, Action::kWorkbookShare, workbook).allowed);
  EXPECT_FALSE(Authorize(other_team, Action::kWorkbookRead, workbook).allowed);
  EXPECT_TRUE(Authorize(site_admin, Action::kWorkbookRead, workbook).allowed);
  EXPECT_FALSE(Authorize(facilitator, Action::kWorkbookRead, workbook).allowed);
  EXPECT_TRUE(Authorize(facilitator, Action::kWorkbookProgress, workbook).allowed);
  EXPECT_FALSE(Authorize(patient, Action::kWorkbookProgress, workbook).allowed);
}

TEST(Authorize, StudiesAreTheirResearchersOwn) {
  Principal researcher = With({{Role::kResearcher, std::nullopt, std::nullopt}});
  researcher.user_id = 7;
  Principal site_researcher = With({{Role::kResearcher, kSiteA, std::nullopt}});
  site_researcher.user_id = 8;
  Principal admin = With({{Role::kAdmin, std::nullopt, std::nullopt}});
  admin.user_id = 9;
  Principal professional = With({{Role::kProfessional, kSiteA, std::nullopt}});
  professional.user_id = 10;
  EXPECT_TRUE(Authorize(researcher, Action::kStudyCreate, {}).allowed);
  EXPECT_TRUE(Authorize(site_researcher, Action::kStudyCreate, {}).allowed);
  EXPECT_FALSE(Authorize(admin, Action::kStudyCreate, {}).allowed);
  EXPECT_FALSE(Authorize(professional, Action::kStudyCreate, {}).allowed);
  Target owned_by_7;
  owned_by_7.user_id = 7;
  EXPECT_TRUE(Authorize(researcher, Action::kStudyManage, owned_by_7).allowed);
  EXPECT_FALSE(Authorize(site_researcher, Action::kStudyManage, owned_by_7).allowed)
      << "another researcher's study";
  EXPECT_FALSE(Authorize(admin, Action::kStudyManage, owned_by_7).allowed)
      << "not even the community's admin";
  Target as_10;
  as_10.user_id = 10;
  EXPECT_TRUE(Authorize(professional, Action::kStudyParticipate, as_10).allowed);
  EXPECT_FALSE(Authorize(researcher, Action::kStudyParticipate, as_10).allowed)
      << "one's own participation only";
  EXPECT_FALSE(Authorize(professional, Action::kStudyParticipate, {}).allowed);
}

TEST(Authorize, ResearchProjectsAreTheirResearchersAndApprovedAtTheSiteItself) {
  Principal researcher = With({{Role::kResearcher, std::nullopt, std::nullopt}});
  researcher.user_id = 7;
  Principal other = With({{Role::kResearcher, std::nullopt, std::nullopt}});
  other.user_id = 8;
  Principal community_admin = With({{Role::kAdmin, std::nullopt, std::nullopt}});
  community_admin.user_id = 9;
  Principal site_admin = With({{Role::kAdmin, kSiteA, std::nullopt}});
  site_admin.user_id = 10;
  EXPECT_TRUE(Authorize(researcher, Action::kResearchProjectCreate, {}).allowed);
  EXPECT_FALSE(Authorize(site_admin, Action::kResearchProjectCreate, {}).allowed);
  Target owned_by_7;
  owned_by_7.user_id = 7;
  EXPECT_TRUE(Authorize(researcher, Action::kResearchProjectManage, owned_by_7).allowed);
  EXPECT_FALSE(Authorize(other, Action::kResearchProjectManage, owned_by_7).allowed);
  EXPECT_FALSE(Authorize(community_admin, Action::kResearchProjectManage, owned_by_7).allowed);
  EXPECT_TRUE(Authorize(SystemPrincipal(), Action::kResearchProjectManage, owned_by_7).allowed)
      << "the command line's operator";
  EXPECT_TRUE(Authorize(site_admin, Action::kResearchProjectReview, {}).allowed);
  EXPECT_FALSE(Authorize(researcher, Action::kResearchProjectReview, {}).allowed);
  const Target site_a{kSiteA, std::nullopt, std::nullopt, {}};
  const Target site_b{kSiteB, std::nullopt, std::nullopt, {}};
  EXPECT_TRUE(Authorize(site_admin, Action::kResearchApprove, site_a).allowed);
  EXPECT_FALSE(Authorize(site_admin, Action::kResearchApprove, site_b).allowed);
  EXPECT_FALSE(Authorize(community_admin, Action::kResearchApprove, site_a).allowed)
      << "the site's data are the site's to give";
  EXPECT_FALSE(Authorize(researcher, Action::kResearchApprove, site_a).allowed);
}

TEST(Authorize, NoMembershipsMeansOnlyTheCommunityNames) {
  Principal nobody = With({});
  EXPECT_TRUE(Authorize(nobody, Action::kSiteList, {}).allowed);
  for (Action action : {Action::kTeamRead, Action::kSiteCreate, Action::kUserList,
                        Action::kAuditRead, Action::kTeamCreate, Action::kPopulationUpdate,
                        Action::kWorkbookRead, Action::kWorkbookProgress}) {
    EXPECT_FALSE(Authorize(nobody, action,
                           {kSiteA, kTeamA, 5, {{Role::kPatient, kSiteA, {}}}, Role::kTeamMember})
                     .allowed)
        << ActionName(action);
  }
}

}  // namespace
}  // namespace covalue::app
