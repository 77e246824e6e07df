#include "store/study_repository.h"

#include <gtest/gtest.h>

#include "store/conformance/conformance.h"
#include "store/measure_repository.h"
#include "store/user_repository.h"

namespace covalue::store::conformance {
namespace {

class StudyRepositoryTest : public ConformanceTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ConformanceTest::SetUp());
    ASSERT_OK(store_->Write([&](Repositories& r) -> Status {
      COVALUE_ASSIGN_OR_RETURN(User owner, r.Users().Create({0, "rita", "Rita", {}}, "h", {}));
      COVALUE_ASSIGN_OR_RETURN(User member, r.Users().Create({0, "pat", "Pat", {}}, "h", {}));
      owner_ = owner.id;
      member_ = member.id;
      return Ok();
    }));
  }

  Study NewStudy(const std::string& title) const {
    Study s;
    s.kind = StudyKind::kConceptMap;
    s.title = title;
    s.focus_prompt = "One way coproduction creates value is…";
    s.variables = {{"importance", 1, 5}, {"feasibility", 1, 5}};
    s.groups = {"patient", "professional"};
    s.owner_id = owner_;
    s.created_ms = 10;
    return s;
  }

  Result<Study> Create(const std::string& title) {
    return WriteValue<Study>(*store_,
                             [&](Repositories& r) { return r.Studies().Create(NewStudy(title)); });
  }

  Id owner_ = 0;
  Id member_ = 0;
};

TEST_P(StudyRepositoryTest, KeepsAStudyWithItsVariablesAndGroupsAndMovesItsStage) {
  auto first = Create("First");
  auto second = Create("Second");
  ASSERT_OK(first);
  ASSERT_OK(second);
  auto read = ReadValue<Study>(*store_, [&](Repositories& r) { return r.Studies().Get(first->id); });
  ASSERT_OK(read);
  EXPECT_EQ(read->title, "First");
  ASSERT_EQ(read->variables.size(), 2U);
  EXPECT_EQ(read->variables[1].name, "feasibility");
  EXPECT_EQ(read->variables[1].max, 5);
  EXPECT_EQ(read->groups, (std::vector<std::string>{"patient", "professional"}));
  EXPECT_EQ(read->stage, StudyStage::kDraft);
  EXPECT_TRUE(read->anonymous);

  ASSERT_OK(store_->Write([&](Repositories& r) {
    return r.Studies().SetStage(first->id, StudyStage::kBrainstorming, 0);
  }));
  auto owned = ReadValue<std::vector<Study>>(
      *store_, [&](Repositories& r) { return r.Studies().Owned(owner_); });
  ASSERT_OK(owned);
  ASSERT_EQ(owned->size(), 2U);
  EXPECT_EQ((*owned)[0].title, "Second") << "newest first";
  EXPECT_EQ((*owned)[1].stage, StudyStage::kBrainstorming);
  EXPECT_EQ(ReadValue<Study>(*store_, [&](Repositories& r) { return r.Studies().Get(999); })
                .error()
                .code,
            ErrorCode::kNotFound);
  EXPECT_EQ(store_->Write([&](Repositories& r) {
              return r.Studies().SetStage(999, StudyStage::kClosed, 0);
            }).error().code,
            ErrorCode::kNotFound);
}

TEST_P(StudyRepositoryTest, ParticipantsByAccountOrInvitation) {
  auto study = Create("Study");
  ASSERT_OK(study);
  StudyParticipant account{0, study->id, member_, "P-01", "patient", {}, {}, 20};
  StudyParticipant invited{0, study->id, {}, "P-02", "professional", {}, {}, 21};
  auto a = WriteValue<StudyParticipant>(
      *store_, [&](Repositories& r) { return r.Studies().AddParticipant(account, {}); });
  auto b = WriteValue<StudyParticipant>(*store_, [&](Repositories& r) {
    return r.Studies().AddParticipant(invited, std::string("hash-b"));
  });
  ASSERT_OK(a);
  ASSERT_OK(b);
  // The same account or pseudonym twice in one study is a conflict.
  StudyParticipant again = account;
  again.pseudonym = "P-03";
  EXPECT_EQ(WriteValue<StudyParticipant>(*store_, [&](Repositories& r) {
              return r.Studies().AddParticipant(again, {});
            }).error().code,
            ErrorCode::kConflict);
  StudyParticipant same_name = invited;
  EXPECT_EQ(WriteValue<StudyParticipant>(*store_, [&](Repositories& r) {
              return r.Studies().AddParticipant(same_name, std::string("hash-c"));
            }).error().code,
            ErrorCode::kConflict);

  auto by_token = ReadValue<StudyParticipant>(
      *store_, [&](Repositories& r) { return r.Studies().ParticipantByToken("hash-b"); });
  ASSERT_OK(by_token);
  EXPECT_EQ(by_token->id, b->id);
  EXPECT_FALSE(ReadValue<StudyParticipant>(
      *store_, [&](Repositories& r) { return r.Studies().ParticipantByToken("nope"); }));
  auto of_user = ReadValue<std::optional<StudyParticipant>>(
      *store_, [&](Repositories& r) { return r.Studies().ParticipantOfUser(study->id, member_); });
  ASSERT_OK(of_user);
  ASSERT_TRUE(of_user->has_value());
  EXPECT_EQ((*of_user)->pseudonym, "P-01");
  auto joined = ReadValue<std::vector<Study>>(
      *store_, [&](Repositories& r) { return r.Studies().Joined(member_); });
  ASSERT_OK(joined);
  ASSERT_EQ(joined->size(), 1U);

  ASSERT_OK(store_->Write([&](Repositories& r) { return r.Studies().Consent(b->id, 30); }));
  ASSERT_OK(store_->Write([&](Repositories& r) { return r.Studies().Consent(b->id, 31); }));
  ASSERT_OK(store_->Write([&](Repositories& r) { return r.Studies().Revoke(b->id, 40); }));
  auto read = ReadValue<StudyParticipant>(
      *store_, [&](Repositories& r) { return r.Studies().GetParticipant(b->id); });
  ASSERT_OK(read);
  EXPECT_EQ(read->consented_ms, 30) << "the first consent is kept";
  EXPECT_EQ(read->revoked_ms, 40);
  auto all = ReadValue<std::vector<StudyParticipant>>(
      *store_, [&](Repositories& r) { return r.Studies().Participants(study->id); });
  ASSERT_OK(all);
  EXPECT_EQ(all->size(), 2U);
}

TEST_P(StudyRepositoryTest, StatementsMergesSortsAndRatings) {
  auto study = Create("Study");
  auto other = Create("Other");
  ASSERT_OK(study);
  ASSERT_OK(other);
  auto p = WriteValue<StudyParticipant>(*store_, [&](Repositories& r) {
    return r.Studies().AddParticipant({0, study->id, {}, "P-01", "patient", {}, {}, 1},
                                      std::string("t1"));
  });
  auto q = WriteValue<StudyParticipant>(*store_, [&](Repositories& r) {
    return r.Studies().AddParticipant({0, other->id, {}, "P-01", "patient", {}, {}, 1},
                                      std::string("t2"));
  });
  ASSERT_OK(p);
  ASSERT_OK(q);
  std::vector<Id> ids;
  for (const char* text : {"Shared decisions", "Deciding together", "Time to talk"}) {
    auto s = WriteValue<StudyStatement>(*store_, [&](Repositories& r) {
      return r.Studies().AddStatement({0, study->id, text, p->id, {}, 5});
    });
    ASSERT_OK(s);
    ids.push_back(s->id);
  }
  auto elsewhere = WriteValue<StudyStatement>(*store_, [&](Repositories& r) {
    return r.Studies().AddStatement({0, other->id, "Elsewhere", {}, {}, 5});
  });
  ASSERT_OK(elsewhere);
  ASSERT_OK(store_->Write([&](Repositories& r) { return r.Studies().Merge(ids[1], ids[0]); }));
  ASSERT_OK(store_->Write(
      [&](Repositories& r) { return r.Studies().EditStatement(ids[2], "Time to talk it over"); }));
  auto statements = ReadValue<std::vector<StudyStatement>>(
      *store_, [&](Repositories& r) { return r.Studies().Statements(study->id); });
  ASSERT_OK(statements);
  ASSERT_EQ(statements->size(), 3U);
  EXPECT_EQ((*statements)[1].merged_into, ids[0]);
  EXPECT_EQ((*statements)[1].proposed_by, p->id) << "who proposed a merged statement is kept";
  EXPECT_EQ((*statements)[2].text, "Time to talk it over");
  EXPECT_FALSE((*statements)[0].merged_into);

  // A sort is replaced whole.
  ASSERT_OK(store_->Write([&](Repositories& r) {
    return r.Studies().ReplaceSort(p->id, {{p->id, ids[0], "talk"}, {p->id, ids[2], "talk"}});
  }));
  ASSERT_OK(store_->Write([&](Repositories& r) {
    return r.Studies().ReplaceSort(p->id, {{p->id, ids[0], "decide"}, {p->id, ids[2], "time"}});
  }));
  ASSERT_OK(store_->Write([&](Repositories& r) {
    return r.Studies().ReplaceSort(q->id, {{q->id, elsewhere->id, "x"}});
  }));
  auto sorts = ReadValue<std::vector<SortCard>>(
      *store_, [&](Repositories& r) { return r.Studies().Sorts(study->id, std::nullopt); });
  ASSERT_OK(sorts);
  ASSERT_EQ(sorts->size(), 2U) << "another study's sorts stay out";
  EXPECT_EQ((*sorts)[0].pile, "decide");
  EXPECT_EQ((*sorts)[1].pile, "time");

  // Ratings: a new value replaces the old one.
  ASSERT_OK(store_->Write([&](Repositories& r) {
    return r.Studies().SetRatings({{p->id, ids[0], "importance", 0, 4},
                                   {p->id, ids[0], "feasibility", 0, 2},
                                   {p->id, ids[2], "importance", 0, 3}});
  }));
  ASSERT_OK(store_->Write([&](Repositories& r) {
    return r.Studies().SetRatings({{p->id, ids[0], "importance", 0, 5}});
  }));
  auto ratings = ReadValue<std::vector<StatementRating>>(
      *store_, [&](Repositories& r) { return r.Studies().Ratings(study->id, p->id); });
  ASSERT_OK(ratings);
  ASSERT_EQ(ratings->size(), 3U);
  EXPECT_EQ((*ratings)[0].variable, "feasibility");
  EXPECT_EQ((*ratings)[1].value, 5);
  auto none = ReadValue<std::vector<StatementRating>>(
      *store_, [&](Repositories& r) { return r.Studies().Ratings(other->id, std::nullopt); });
  ASSERT_OK(none);
  EXPECT_TRUE(none->empty());

  // Comments: one per participant, item and round; rewritten replaces, emptied removes.
  ASSERT_OK(store_->Write([&](Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.Studies().SetComment({p->id, ids[1], 2, "Too vague", 7}));
    COVALUE_RETURN_IF_ERROR(r.Studies().SetComment({p->id, ids[0], 1, "Hard to measure", 8}));
    COVALUE_RETURN_IF_ERROR(r.Studies().SetComment({p->id, ids[0], 2, "first", 9}));
    return r.Studies().SetComment({p->id, ids[0], 2, "Better now", 10});
  }));
  auto comments = ReadValue<std::vector<StudyComment>>(
      *store_, [&](Repositories& r) { return r.Studies().Comments(study->id, std::nullopt); });
  ASSERT_OK(comments);
  ASSERT_EQ(comments->size(), 3U);
  EXPECT_EQ((*comments)[0].text, "Hard to measure") << "by round, then statement";
  EXPECT_EQ((*comments)[1].text, "Better now");
  EXPECT_EQ((*comments)[1].created_ms, 10);
  EXPECT_EQ((*comments)[1].pseudonym, "P-01");
  EXPECT_EQ((*comments)[2].round, 2);
  ASSERT_OK(store_->Write(
      [&](Repositories& r) { return r.Studies().SetComment({p->id, ids[1], 2, "", 11}); }));
  comments = ReadValue<std::vector<StudyComment>>(
      *store_, [&](Repositories& r) { return r.Studies().Comments(study->id, p->id); });
  ASSERT_OK(comments);
  EXPECT_EQ(comments->size(), 2U);
  comments = ReadValue<std::vector<StudyComment>>(
      *store_, [&](Repositories& r) { return r.Studies().Comments(other->id, std::nullopt); });
  ASSERT_OK(comments);
  EXPECT_TRUE(comments->empty());
}

TEST_P(StudyRepositoryTest, KeepsTheNamesOfEachKsClusters) {
  auto study = Create("Study");
  ASSERT_OK(study);
  ASSERT_OK(store_->Write([&](Repositories& r) {
    return r.Studies().SetClusterNames(study->id, 3, {"Talking", "", "Waiting"});
  }));
  ASSERT_OK(store_->Write(
      [&](Repositories& r) { return r.Studies().SetClusterNames(study->id, 2, {"A", "B"}); }));
  auto three = ReadValue<std::vector<std::string>>(
      *store_, [&](Repositories& r) { return r.Studies().ClusterNames(study->id, 3); });
  ASSERT_OK(three);
  EXPECT_EQ(*three, (std::vector<std::string>{"Talking", "", "Waiting"}));
  ASSERT_OK(store_->Write(
      [&](Repositories& r) { return r.Studies().SetClusterNames(study->id, 3, {"", "Deciding", ""}); }));
  three = ReadValue<std::vector<std::string>>(
      *store_, [&](Repositories& r) { return r.Studies().ClusterNames(study->id, 3); });
  EXPECT_EQ(*three, (std::vector<std::string>{"", "Deciding", ""})) << "replaced whole";
  auto two = ReadValue<std::vector<std::string>>(
      *store_, [&](Repositories& r) { return r.Studies().ClusterNames(study->id, 2); });
  EXPECT_EQ(*two, (std::vector<std::string>{"A", "B"})) << "another k keeps its own";
}

// The core set's drafts keep every field and their provenance; an id held by a draft or a
// measure is refused; adoption is marked once.
TEST_P(StudyRepositoryTest, KeepsTheCoreSetsDraftsWithTheirProvenance) {
  auto study = Create("Delphi");
  ASSERT_OK(study);
  auto item = WriteValue<StudyStatement>(*store_, [&](Repositories& r) {
    return r.Studies().AddStatement({0, study->id, "Shared decisions", {}, {}, 5});
  });
  ASSERT_OK(item);
  MeasureDraft draft;
  draft.definition.id = "shared-decisions";
  draft.definition.name = "Shared decisions";
  draft.definition.names = {{"sv", "Delade beslut"}};
  draft.definition.kind = MeasureKind::kProportion;
  draft.definition.direction = Direction::kLowerIsBetter;
  draft.definition.quadrant = CompassQuadrant::kExperience;
  draft.definition.domain = ValueDomain::kSelfEfficacy;
  draft.definition.unit = "%";
  draft.provenance = {study->id, "Delphi", item->id, "Shared decisions", 2, 11, 7.5,
                      81.8,      9.1,      "appropriate", "consensus_in"};
  draft.proposed_by = owner_;
  draft.proposed_ms = 42;
  MeasureDraft plain = draft;
  plain.definition.id = "a-plain-one";
  plain.definition.domain.reset();
  plain.definition.names = {};
  MeasureDefinition defined;
  defined.id = "defined";
  defined.name = "Defined";
  defined.system = "urn:x";
  defined.code = "x";
  MeasureDraft clash = draft;
  clash.definition.id = "defined";
  ASSERT_OK(store_->Write([&](Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.Measures().CreateDraft(draft));
    COVALUE_RETURN_IF_ERROR(r.Measures().CreateDraft(plain));
    return r.Measures().CreateDefinition(defined);
  }));
  EXPECT_ERROR(store_->Write([&](Repositories& r) { return r.Measures().CreateDraft(draft); }),
               ErrorCode::kConflict);
  EXPECT_ERROR(store_->Write([&](Repositories& r) { return r.Measures().CreateDraft(clash); }),
               ErrorCode::kConflict);

  auto drafts = ReadValue<std::vector<MeasureDraft>>(
      *store_, [](Repositories& r) { return r.Measures().Drafts(); });
  ASSERT_OK(drafts);
  ASSERT_EQ(drafts->size(), 2U);
  EXPECT_EQ((*drafts)[0].definition.id, "a-plain-one") << "by id";
  EXPECT_FALSE((*drafts)[0].definition.domain.has_value());
  const MeasureDraft& read = (*drafts)[1];
  EXPECT_EQ(read.definition.names, draft.definition.names);
  EXPECT_EQ(read.definition.kind, MeasureKind::kProportion);
  EXPECT_EQ(read.definition.direction, Direction::kLowerIsBetter);
  EXPECT_EQ(read.definition.quadrant, CompassQuadrant::kExperience);
  EXPECT_EQ(read.definition.domain, ValueDomain::kSelfEfficacy);
  EXPECT_EQ(read.definition.unit, "%");
  EXPECT_EQ(read.provenance.study_id, study->id);
  EXPECT_EQ(read.provenance.statement_id, item->id);
  EXPECT_EQ(read.provenance.item, "Shared decisions");
  EXPECT_EQ(read.provenance.round, 2);
  EXPECT_EQ(read.provenance.n, 11U);
  EXPECT_DOUBLE_EQ(read.provenance.median, 7.5);
  EXPECT_DOUBLE_EQ(read.provenance.pct_7_9, 81.8);
  EXPECT_DOUBLE_EQ(read.provenance.pct_1_3, 9.1);
  EXPECT_EQ(read.provenance.rand_classification, "appropriate");
  EXPECT_EQ(read.provenance.percent_rule, "consensus_in");
  EXPECT_EQ(read.proposed_by, owner_);
  EXPECT_EQ(read.proposed_ms, 42);
  EXPECT_FALSE(read.adopted_ms.has_value());

  ASSERT_OK(store_->Write(
      [&](Repositories& r) { return r.Measures().MarkDraftAdopted("shared-decisions", 77); }));
  EXPECT_ERROR(store_->Write([&](Repositories& r) {
                 return r.Measures().MarkDraftAdopted("shared-decisions", 78);
               }),
               ErrorCode::kConflict);
  auto one = ReadValue<MeasureDraft>(
      *store_, [](Repositories& r) { return r.Measures().GetDraft("shared-decisions"); });
  ASSERT_OK(one);
  EXPECT_EQ(one->adopted_ms, 77);
  EXPECT_EQ(ReadValue<MeasureDraft>(*store_, [](Repositories& r) {
              return r.Measures().GetDraft("none");
            }).error().code,
            ErrorCode::kNotFound);
}

COVALUE_ON_EVERY_DRIVER(StudyRepositoryTest);

}  // namespace
}  // namespace covalue::store::conformance
