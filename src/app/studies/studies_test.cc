// Research studies through the app: a researcher runs a concept map from draft to closed,
// participants by link and by account consent, brainstorm, sort and rate; nobody else reaches
// a study's workings, and every action is audited.

#include "app/studies/studies.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <fmt/format.h>

#include "app/audit/audit.h"
#include "app/measures/measures.h"
#include "domain/registry.h"
#include "store/audit_repository.h"
#include "support/app_fixture.h"

namespace covalue::app {
namespace {

class StudiesTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    researcher_ = As("rita", {Role::kResearcher, std::nullopt, std::nullopt});
    other_researcher_ = As("rolf", {Role::kResearcher, std::nullopt, std::nullopt});
    professional_ = As("nils", {Role::kProfessional, sites_[0].id, std::nullopt});
    admin_ = As("ada", {Role::kAdmin, std::nullopt, std::nullopt});
  }

  Study Draft() const {
    Study s;
    s.kind = StudyKind::kConceptMap;
    s.title = "Coproduction value";
    s.focus_prompt = "One way coproduction creates value for people and professionals is…";
    s.variables = {{"importance", 1, 5}, {"feasibility", 1, 5}};
    s.groups = {"patient", "professional"};
    return s;
  }

  Studies& studies() { return app_->studies(); }

  RequestContext researcher_, other_researcher_, professional_, admin_;
  RequestContext link_{std::nullopt, "req-link", "203.0.113.9"};
};

TEST_F(StudiesTest, AResearcherRunsAConceptMapFromDraftToClosed) {
  auto study = studies().CreateStudy(researcher_, Draft());
  ASSERT_OK(study);
  EXPECT_EQ(study->stage, StudyStage::kDraft);
  auto invitation = studies().Invite(researcher_, study->id, "patient");
  ASSERT_OK(invitation);
  EXPECT_EQ(invitation->secret.size(), 43U);
  EXPECT_EQ(invitation->participant.pseudonym, "P-01");
  auto account = studies().AddAccount(researcher_, study->id,
                                      professional_.principal->user_id, "professional");
  ASSERT_OK(account);
  const ParticipantKey by_link{invitation->secret, 0};
  const ParticipantKey by_account{"", study->id};

  // Consent comes first; brainstorming needs its stage.
  EXPECT_EQ(studies().Propose(link_, by_link, "Shared decisions").error().code,
            ErrorCode::kConflict);
  ASSERT_OK(studies().GiveConsent(link_, by_link));
  ASSERT_OK(studies().GiveConsent(professional_, by_account));
  EXPECT_EQ(studies().Propose(link_, by_link, "Shared decisions").error().field, "/stage");
  ASSERT_OK(studies().MoveStage(researcher_, study->id, StudyStage::kBrainstorming));
  auto a = studies().Propose(link_, by_link, "Shared decisions");
  auto b = studies().Propose(professional_, by_account, "Deciding together");
  auto c = studies().Propose(professional_, by_account, "Time to talk");
  auto d = studies().AddStatement(researcher_, study->id, "Knowing what matters to the person");
  ASSERT_OK(a);
  ASSERT_OK(b);
  ASSERT_OK(c);
  ASSERT_OK(d);
  // A participant sees only their own proposals while brainstorming.
  auto own = studies().OpenWorkspace(link_, by_link);
  ASSERT_OK(own);
  ASSERT_EQ(own->statements.size(), 1U);
  EXPECT_EQ(own->study.owner_id, 0);
  // The researcher merges a duplicate, keeping who proposed it.
  ASSERT_OK(studies().MergeStatement(researcher_, study->id, b->id, a->id));
  auto all = studies().ListStatements(researcher_, study->id);
  ASSERT_OK(all);
  EXPECT_EQ((*all)[1].merged_into, a->id);
  EXPECT_EQ((*all)[1].proposed_by, account->id);

  // Sorting freezes the statements.
  ASSERT_OK(studies().MoveStage(researcher_, study->id, StudyStage::kSorting));
  EXPECT_EQ(studies().AddStatement(researcher_, study->id, "Late").error().code,
            ErrorCode::kConflict);
  auto frozen = studies().OpenWorkspace(link_, by_link);
  ASSERT_OK(frozen);
  EXPECT_EQ(frozen->statements.size(), 3U) << "the merged statement is left out";
  EXPECT_EQ(studies()
                .SaveSort(link_, by_link, {{0, a->id, "talk"}, {0, a->id, "other"}})
                .error()
                .field,
            "/cards/1/statement_id")
      << "a card in two piles";
  EXPECT_EQ(studies().SaveSort(link_, by_link, {{0, b->id, "talk"}}).error().field,
            "/cards/0/statement_id")
      << "a merged statement is not sorted";
  EXPECT_EQ(studies().SaveSort(link_, by_link, {{0, a->id, " "}}).error().field,
            "/cards/0/pile");
  ASSERT_OK(studies().SaveSort(link_, by_link, {{0, a->id, "talk"}, {0, c->id, "talk"}}));
  ASSERT_OK(studies().SaveSort(professional_, by_account,
                               {{0, a->id, "decide"}, {0, c->id, "time"}, {0, d->id, "decide"}}));
  // Resumed on another device: the saved sort comes back.
  auto resumed = studies().OpenWorkspace(link_, by_link);
  ASSERT_OK(resumed);
  EXPECT_EQ(resumed->sort.size(), 2U);

  ASSERT_OK(studies().MoveStage(researcher_, study->id, StudyStage::kRating));
  EXPECT_EQ(studies().SaveRatings(link_, by_link, {{0, a->id, "importance", 0, 6}}).error().field,
            "/ratings/0/value");
  EXPECT_EQ(studies().SaveRatings(link_, by_link, {{0, a->id, "cost", 0, 3}}).error().field,
            "/ratings/0/variable");
  ASSERT_OK(studies().SaveRatings(link_, by_link,
                                  {{0, a->id, "importance", 0, 5}, {0, a->id, "feasibility", 0, 2}}));
  ASSERT_OK(studies().SaveRatings(professional_, by_account, {{0, c->id, "feasibility", 0, 4}}));

  auto progress = studies().Progress(researcher_, study->id);
  ASSERT_OK(progress);
  ASSERT_EQ(progress->size(), 2U);
  EXPECT_EQ((*progress)[0].name, "P-01");
  EXPECT_EQ((*progress)[1].name, "P-02") << "an anonymous study shows pseudonyms only";
  EXPECT_EQ((*progress)[0].brainstormed, 1U);
  EXPECT_EQ((*progress)[1].sorted, 3U);
  EXPECT_EQ((*progress)[0].rated, 2U);

  // The analysis's data: standing statements, sorts and ratings by pseudonym, the study's
  // variables first in its own order.
  auto data = studies().AnalysisData(researcher_, study->id);
  ASSERT_OK(data);
  EXPECT_EQ(data->study.statements.size(), 3U);
  EXPECT_EQ(data->study.sorts.size(), 2U);
  ASSERT_EQ(data->study.ratings.size(), 3U);
  EXPECT_EQ(data->study.ratings[0].variable, "importance");
  EXPECT_EQ(data->study.ratings[0].rater, "P-01");

  ASSERT_OK(studies().MoveStage(researcher_, study->id, StudyStage::kClosed));
  EXPECT_EQ(studies().OpenWorkspace(link_, by_link).error().code, ErrorCode::kGone);
  EXPECT_EQ(studies().MoveStage(researcher_, study->id, StudyStage::kRating).error().code,
            ErrorCode::kConflict)
      << "a stage is never reopened";
}

TEST_F(StudiesTest, NobodyButItsResearcherRunsAStudy) {
  EXPECT_EQ(studies().CreateStudy(professional_, Draft()).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(studies().CreateStudy(link_, Draft()).error().code, ErrorCode::kUnauthenticated);
  auto study = studies().CreateStudy(researcher_, Draft());
  ASSERT_OK(study);
  for (const RequestContext* who : {&other_researcher_, &admin_, &professional_}) {
    EXPECT_EQ(studies().GetStudy(*who, study->id).error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(studies().Invite(*who, study->id, "patient").error().code,
              ErrorCode::kPermissionDenied);
    EXPECT_EQ(studies().AnalysisData(*who, study->id).error().code,
              ErrorCode::kPermissionDenied);
  }
  EXPECT_EQ(studies().GetStudy(researcher_, 999).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(studies().Invite(researcher_, study->id, "nobody").error().field, "/group");
  Study bad = Draft();
  bad.groups = {"all"};
  EXPECT_EQ(studies().CreateStudy(researcher_, bad).error().field, "/groups/0");

  // A participant reaches their own participation only.
  EXPECT_EQ(studies().OpenWorkspace(link_, {"not-a-secret", 0}).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(studies().OpenWorkspace(professional_, {"", study->id}).error().code,
            ErrorCode::kNotFound);
  auto invitation = studies().Invite(researcher_, study->id, "patient");
  ASSERT_OK(invitation);
  ASSERT_OK(studies().RevokeParticipant(researcher_, study->id, invitation->participant.id));
  EXPECT_EQ(studies().OpenWorkspace(link_, {invitation->secret, 0}).error().code,
            ErrorCode::kGone);

  // Denials and actions are in the audit trail, a link participant's without a user.
  std::vector<AuditRecord> trail;
  ASSERT_OK(store_->Read([&](store::Repositories& r) {
    return r.Audit().Scan([&](const AuditRecord& record) {
      trail.push_back(record);
      return true;
    });
  }));
  std::size_t denied = 0;
  std::size_t created = 0;
  for (const AuditRecord& record : trail) {
    denied += record.action == "study.manage" && record.outcome == AuditOutcome::kDenied ? 1 : 0;
    created += record.action == "study.create" && record.outcome == AuditOutcome::kAllowed ? 1 : 0;
  }
  EXPECT_EQ(denied, 9U);
  EXPECT_EQ(created, 1U);
}

TEST_F(StudiesTest, ANamedStudyShowsAccountsNames) {
  Study named = Draft();
  named.anonymous = false;
  auto study = studies().CreateStudy(researcher_, named);
  ASSERT_OK(study);
  ASSERT_OK(studies().AddAccount(researcher_, study->id, professional_.principal->user_id,
                                 "professional"));
  EXPECT_EQ(studies().AddAccount(researcher_, study->id, professional_.principal->user_id,
                                 "professional")
                .error()
                .code,
            ErrorCode::kConflict);
  auto progress = studies().Progress(researcher_, study->id);
  ASSERT_OK(progress);
  EXPECT_EQ((*progress)[0].name, "nils");
  auto listed = studies().ListStudies(professional_);
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 1U) << "a participant finds the studies they take part in";
}

TEST_F(StudiesTest, ImportsAnExistingStudyWholeOrNotAtAll) {
  auto study = studies().CreateStudy(researcher_, Draft());
  ASSERT_OK(study);
  const std::string statements = "id,text\n1,Shared decisions\n2,Time to talk\n3,Feeling heard\n";
  const std::string sorts =
      "sorter_id,statement_id,pile_id\nS1,1,talk\nS1,2,talk\nS1,3,heard\nS2,1,x\nS2,3,x\n";
  // A group and a variable the study lacks, and a value off importance's scale: refused whole.
  const std::string bad =
      "rater_id,group,statement_id,variable,value\nR1,patient,1,importance,4\n"
      "R1,patient,2,cost,3\nR2,leader,1,importance,2\nR3,patient,3,importance,5\n";
  auto refused = studies().ImportFiles(researcher_, study->id, {statements, sorts, bad});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "ratings.csv:3");
  EXPECT_NE(refused.error().message.find("ratings.csv:4: leader is not a group of the study"),
            std::string::npos)
      << refused.error().message;
  auto none = studies().ListStatements(researcher_, study->id);
  ASSERT_OK(none);
  EXPECT_TRUE(none->empty()) << "nothing of it";
  // A file's own problems are named too.
  auto broken = studies().ImportFiles(researcher_, study->id,
                                      {statements, "sorter_id,statement_id,pile_id\nS1,9,x\n", ""});
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().field, "sorts.csv:2");

  const std::string good =
      "rater_id,group,statement_id,variable,value\nR1,patient,1,importance,4\n"
      "R1,patient,2,feasibility,3\nS1,professional,3,importance,5\n";
  auto made = studies().ImportFiles(researcher_, study->id, {statements, sorts, good});
  ASSERT_OK(made);
  ASSERT_EQ(made->size(), 3U);
  EXPECT_EQ((*made)[2].text, "Feeling heard");
  auto progress = studies().Progress(researcher_, study->id);
  ASSERT_OK(progress);
  ASSERT_EQ(progress->size(), 3U);  // R1, S1, S2
  EXPECT_EQ((*progress)[0].name, "R1");
  EXPECT_EQ((*progress)[0].group, "patient");
  EXPECT_EQ((*progress)[1].name, "S1");
  EXPECT_EQ((*progress)[1].group, "professional") << "a sorter who also rated takes their group";
  EXPECT_EQ((*progress)[1].sorted, 3U);
  EXPECT_EQ((*progress)[2].group, "patient") << "a sorter who did not rate: the first group";
  auto data = studies().AnalysisData(researcher_, study->id);
  ASSERT_OK(data);
  EXPECT_EQ(data->study.sorts.size(), 2U);
  EXPECT_EQ(data->study.ratings.size(), 3U);
  EXPECT_EQ(studies().ImportFiles(researcher_, study->id, {statements, sorts, ""}).error().code,
            ErrorCode::kConflict)
      << "once only";
}

TEST_F(StudiesTest, ADelphiRunsRoundsWithFeedbackAndItsStatistics) {
  Study draft = Draft();
  draft.kind = StudyKind::kDelphi;
  draft.variables.clear();
  auto study = studies().CreateStudy(researcher_, draft);
  ASSERT_OK(study);
  auto a = studies().AddStatement(researcher_, study->id, "PROM completion rate");
  auto b = studies().AddStatement(researcher_, study->id, "Shared decision score");
  ASSERT_OK(a);
  ASSERT_OK(b);
  std::vector<ParticipantKey> panel;
  for (int i = 0; i < 6; ++i) {
    auto invitation = studies().Invite(researcher_, study->id, i < 3 ? "patient" : "professional");
    ASSERT_OK(invitation);
    panel.push_back({invitation->secret, 0});
    ASSERT_OK(studies().GiveConsent(link_, panel.back()));
  }
  EXPECT_EQ(studies().MoveStage(researcher_, study->id, StudyStage::kSorting).error().code,
            ErrorCode::kConflict);
  auto one = studies().MoveStage(researcher_, study->id, StudyStage::kRounds);
  ASSERT_OK(one);
  EXPECT_EQ(one->round, 1);
  EXPECT_EQ(studies().SaveRatings(link_, panel[0], {{0, a->id, "rating", 0, 10}}).error().field,
            "/ratings/0/value");
  EXPECT_EQ(studies().SaveRatings(link_, panel[0], {{0, a->id, "importance", 0, 5}}).error().field,
            "/ratings/0/variable");
  const int first[6] = {7, 8, 9, 8, 3, 7};
  for (int i = 0; i < 6; ++i) {
    ASSERT_OK(studies().SaveRatings(link_, panel[static_cast<std::size_t>(i)],
                                    {{0, a->id, "rating", 0, first[i]}}));
  }
  for (int i = 0; i < 3; ++i) {  // b: only three panelists rate it in round 1
    ASSERT_OK(studies().SaveRatings(link_, panel[static_cast<std::size_t>(i)],
                                    {{0, b->id, "rating", 0, 5}}));
  }
  // Comments: on the open round's items, up to 1,000 characters, rewritten or removed.
  ASSERT_OK(studies().SaveComment(link_, panel[0], a->id, "Easy to count"));
  ASSERT_OK(studies().SaveComment(link_, panel[1], a->id, "first thought"));
  ASSERT_OK(studies().SaveComment(link_, panel[1], a->id, "Says little about value"));
  ASSERT_OK(studies().SaveComment(link_, panel[2], b->id, "Which score?"));
  ASSERT_OK(studies().SaveComment(link_, panel[3], a->id, "gone"));
  ASSERT_OK(studies().SaveComment(link_, panel[3], a->id, ""));
  EXPECT_EQ(studies().SaveComment(link_, panel[0], a->id, std::string(1001, 'x')).error().field,
            "/text");
  EXPECT_EQ(studies().SaveComment(link_, panel[0], 999999, "x").error().field, "/statement_id");
  auto own = studies().OpenWorkspace(link_, panel[1]);
  ASSERT_OK(own);
  ASSERT_EQ(own->comments.size(), 1U);
  EXPECT_EQ(own->comments[0].text, "Says little about value");
  auto two = studies().MoveStage(researcher_, study->id, StudyStage::kRounds);
  ASSERT_OK(two);
  EXPECT_EQ(two->round, 2);
  auto seen = studies().OpenWorkspace(link_, panel[4]);
  ASSERT_OK(seen);
  EXPECT_TRUE(seen->ratings.empty()) << "the open round's ratings only";
  ASSERT_EQ(seen->feedback.size(), 2U);
  const DelphiFeedback& fa = seen->feedback[0];
  EXPECT_EQ(fa.own, 3);
  EXPECT_EQ(fa.n, 6U);
  EXPECT_FALSE(fa.withheld);
  EXPECT_DOUBLE_EQ(*fa.median, 7.5);  // 3 7 7 8 8 9
  EXPECT_EQ(fa.histogram[6], 2U);
  EXPECT_EQ(fa.comments, (std::vector<std::string>{"Easy to count", "Says little about value"}))
      << "the panel's words, without names";
  EXPECT_TRUE(seen->comments.empty()) << "nothing written in round 2 yet";
  const DelphiFeedback& fb = seen->feedback[1];
  EXPECT_TRUE(fb.withheld) << "three panelists are under the minimum cell of five";
  EXPECT_FALSE(fb.median);
  EXPECT_FALSE(fb.own);
  EXPECT_TRUE(fb.comments.empty()) << "withheld as the numbers are";
  auto comments = studies().DelphiComments(researcher_, study->id);
  ASSERT_OK(comments);
  ASSERT_EQ(comments->size(), 3U);
  EXPECT_EQ((*comments)[0].pseudonym, "P-01");
  EXPECT_EQ((*comments)[0].round, 1);
  EXPECT_EQ(studies().DelphiComments(other_researcher_, study->id).error().code,
            ErrorCode::kPermissionDenied);
  ASSERT_OK(studies().SaveRatings(link_, panel[4], {{0, a->id, "rating", 0, 7}}));
  auto data = studies().DelphiData(researcher_, study->id);
  ASSERT_OK(data);
  const auto analysis = research::AnalyseDelphi(*data, research::PercentileType::kType7);
  EXPECT_EQ(analysis.rounds, (std::vector<int>{1, 2}));
  EXPECT_EQ(analysis.groups, (std::vector<std::string>{"patient", "professional"}));
  EXPECT_EQ(analysis.items[0].rounds[0].all.n, 6U);
  EXPECT_EQ(analysis.items[0].rounds[1].all.n, 1U);
  EXPECT_EQ(analysis.items[0].rounds[1].stability->n_paired, 1U);
  EXPECT_EQ(studies().DelphiData(other_researcher_, study->id).error().code,
            ErrorCode::kPermissionDenied);
}

TEST_F(StudiesTest, TheResearcherNamesTheClusters) {
  auto study = studies().CreateStudy(researcher_, Draft());
  ASSERT_OK(study);
  EXPECT_EQ(studies().NameClusters(researcher_, study->id, 2, {"One"}).error().field, "/names");
  EXPECT_EQ(studies().NameClusters(researcher_, study->id, 1, {"One"}).error().field, "/k");
  EXPECT_EQ(studies().NameClusters(researcher_, study->id, 2, {"One", std::string(101, 'x')}).error().field,
            "/names/1");
  EXPECT_EQ(studies().NameClusters(other_researcher_, study->id, 2, {"A", "B"}).error().code,
            ErrorCode::kPermissionDenied);
  ASSERT_OK(studies().NameClusters(researcher_, study->id, 2, {"Talking", ""}));
  auto names = studies().ClusterNames(researcher_, study->id, 2);
  ASSERT_OK(names);
  EXPECT_EQ(*names, (std::vector<std::string>{"Talking", ""}));
}

TEST_F(StudiesTest, ImportsADelphisRoundsAndOpensTheNext) {
  Study draft = Draft();
  draft.kind = StudyKind::kDelphi;
  auto study = studies().CreateStudy(researcher_, draft);
  ASSERT_OK(study);
  const std::string items = "item_id,text\nD-01,PROM completion\nD-02,Waiting time\n";
  auto refused = studies().ImportDelphiFiles(
      researcher_, study->id, items,
      "round,panelist_id,group,item_id,value\n1,p1,patient,D-01,7\n1,p2,leader,D-01,5\n");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "ratings.csv:3");
  EXPECT_NE(refused.error().message.find("ratings.csv:3: leader is not a group of the study"),
            std::string::npos);
  const std::string ratings =
      "round,panelist_id,group,item_id,value\n1,p1,patient,D-01,7\n1,p2,professional,D-01,8\n"
      "2,p1,patient,D-01,8\n2,p2,professional,D-02,3\n";
  auto made = studies().ImportDelphiFiles(researcher_, study->id, items, ratings);
  ASSERT_OK(made);
  ASSERT_EQ(made->size(), 2U);
  auto data = studies().DelphiData(researcher_, study->id);
  ASSERT_OK(data);
  const auto analysis = research::AnalyseDelphi(*data, research::PercentileType::kType7);
  EXPECT_EQ(analysis.rounds, (std::vector<int>{1, 2}));
  EXPECT_EQ(analysis.items[0].rounds[1].stability->n_paired, 1U);
  auto opened = studies().MoveStage(researcher_, study->id, StudyStage::kRounds);
  ASSERT_OK(opened);
  EXPECT_EQ(opened->round, 3) << "the next round follows the imported ones";
}

TEST_F(StudiesTest, ADelphiIsSeededFromAConceptMapsGoZone) {
  auto map = studies().CreateStudy(researcher_, Draft());
  ASSERT_OK(map);
  const std::string statements = "id,text\n1,High both\n2,Low both\n3,High importance\n4,High feasibility\n";
  const std::string sorts = "sorter_id,statement_id,pile_id\nS,1,x\nS,2,x\nS,3,y\nS,4,y\n";
  const std::string ratings =
      "rater_id,group,statement_id,variable,value\n"
      "R,patient,1,importance,5\nR,patient,1,feasibility,5\n"
      "R,patient,2,importance,1\nR,patient,2,feasibility,1\n"
      "R,patient,3,importance,5\nR,patient,3,feasibility,1\n"
      "R,patient,4,importance,1\nR,patient,4,feasibility,5\n";
  ASSERT_OK(studies().ImportFiles(researcher_, map->id, {statements, sorts, ratings}));
  Study draft = Draft();
  draft.kind = StudyKind::kDelphi;
  auto delphi = studies().CreateStudy(researcher_, draft);
  ASSERT_OK(delphi);
  auto seeded = studies().SeedFromGoZone(researcher_, delphi->id, map->id);
  ASSERT_OK(seeded);
  ASSERT_EQ(seeded->size(), 1U);
  EXPECT_EQ((*seeded)[0].text, "High both");
  EXPECT_EQ(studies().SeedFromGoZone(other_researcher_, delphi->id, map->id).error().code,
            ErrorCode::kPermissionDenied);
}

// The core set: items that reached consensus in a finished round become draft measures with
// their provenance; the community's admin adopts one as a measure.
TEST_F(StudiesTest, ConsensusItemsBecomeTheCoreSetsDraftMeasures) {
  Study draft = Draft();
  draft.kind = StudyKind::kDelphi;
  auto study = studies().CreateStudy(researcher_, draft);
  ASSERT_OK(study);
  // D-01 in round 2: eight of ten rate 8, one 5, one 2: 80 % 7-9, 10 % 1-3, consensus in.
  // D-02: five 8s and five 5s: 50 %, no consensus.
  std::string ratings = "round,panelist_id,group,item_id,value\n";
  for (int p = 1; p <= 10; ++p) {
    const int one = p <= 8 ? 8 : (p == 9 ? 5 : 2);
    ratings += fmt::format("1,p{0},patient,D-01,{1}\n1,p{0},patient,D-02,{2}\n", p,
                           p <= 5 ? 8 : 5, p <= 5 ? 8 : 5);
    ratings += fmt::format("2,p{0},patient,D-01,{1}\n2,p{0},patient,D-02,{2}\n", p, one,
                           p <= 5 ? 8 : 5);
  }
  auto items = studies().ImportDelphiFiles(
      researcher_, study->id, "item_id,text\nD-01,Shared decisions\nD-02,Waiting time\n", ratings);
  ASSERT_OK(items);
  CoreSetChoice shared;
  shared.statement_id = (*items)[0].id;
  shared.measure.id = "shared-decisions";
  shared.measure.name = "Decisions shared with the person";
  shared.measure.kind = MeasureKind::kProportion;
  shared.measure.quadrant = CompassQuadrant::kExperience;
  shared.measure.domain = ValueDomain::kSelfEfficacy;
  CoreSetChoice waiting = shared;
  waiting.statement_id = (*items)[1].id;
  waiting.measure.id = "waiting";

  EXPECT_EQ(studies().ProposeCoreSet(researcher_, study->id, 2, {shared}).error().field, "/round")
      << "round 2 is the last imported and may still change";
  ASSERT_OK(studies().MoveStage(researcher_, study->id, StudyStage::kRounds));
  auto no_consensus = studies().ProposeCoreSet(researcher_, study->id, 2, {shared, waiting});
  ASSERT_FALSE(no_consensus);
  EXPECT_EQ(no_consensus.error().code, ErrorCode::kConflict);
  EXPECT_EQ(no_consensus.error().field, "/measures/1/statement_id");
  EXPECT_EQ(studies().ProposeCoreSet(researcher_, study->id, 1, {shared}).error().field,
            "/measures/0/statement_id")
      << "D-01 had 50 % in round 1";
  EXPECT_EQ(studies().ProposeCoreSet(other_researcher_, study->id, 2, {shared}).error().code,
            ErrorCode::kPermissionDenied);

  auto drafts = studies().ProposeCoreSet(researcher_, study->id, 2, {shared});
  ASSERT_OK(drafts);
  ASSERT_EQ(drafts->size(), 1U);
  const MeasureProvenance& p = (*drafts)[0].provenance;
  EXPECT_EQ(p.study_id, study->id);
  EXPECT_EQ(p.item, "Shared decisions");
  EXPECT_EQ(p.round, 2);
  EXPECT_EQ(p.n, 10U);
  EXPECT_DOUBLE_EQ(p.median, 8);
  EXPECT_DOUBLE_EQ(p.pct_7_9, 80);
  EXPECT_DOUBLE_EQ(p.pct_1_3, 10);
  EXPECT_EQ(p.rand_classification, "appropriate");
  EXPECT_EQ(p.percent_rule, "consensus_in");
  EXPECT_EQ(studies().ProposeCoreSet(researcher_, study->id, 2, {shared}).error().field,
            "/measures/0/id");
  auto core_set = studies().CoreSet(researcher_, study->id);
  ASSERT_OK(core_set);
  ASSERT_EQ(core_set->size(), 1U);

  // Everyone signed in sees the draft; only the community's admin adopts it, once.
  Measures& measures = app_->measures();
  auto listed = measures.ListDrafts(professional_);
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 1U);
  EXPECT_FALSE((*listed)[0].adopted_ms.has_value());
  MeasureDefinition observations;
  observations.system = kScoreSystem;
  observations.code = "shared-decisions";
  observations.threshold = 4;
  EXPECT_EQ(measures.AdoptDraft(researcher_, "shared-decisions", observations).error().code,
            ErrorCode::kPermissionDenied);
  MeasureDefinition same_id = shared.measure;
  same_id.system = "urn:x";
  same_id.code = "x";
  same_id.threshold = 4;
  EXPECT_EQ(measures.DefineMeasure(admin_, same_id).error().code, ErrorCode::kConflict);
  auto adopted = measures.AdoptDraft(admin_, "shared-decisions", observations);
  ASSERT_OK(adopted);
  EXPECT_EQ(adopted->kind, MeasureKind::kProportion);
  EXPECT_EQ(adopted->quadrant, CompassQuadrant::kExperience);
  EXPECT_EQ(adopted->code, "shared-decisions");
  EXPECT_EQ(measures.AdoptDraft(admin_, "shared-decisions", observations).error().code,
            ErrorCode::kConflict);
  auto defined = measures.ListMeasures(professional_);
  ASSERT_OK(defined);
  EXPECT_TRUE(std::any_of(defined->begin(), defined->end(), [](const MeasureDefinition& m) {
    return m.id == "shared-decisions";
  }));
  listed = measures.ListDrafts(professional_);
  ASSERT_OK(listed);
  EXPECT_TRUE((*listed)[0].adopted_ms.has_value());
}

}  // namespace
}  // namespace covalue::app
