#include "store/study_repository.h"

#include <fmt/format.h>

#include "store/sql/sql_repositories.h"

namespace covalue::store::sql {
namespace {

constexpr const char* kStudyColumns =
    "SELECT id, kind, title, focus_prompt, anonymous, stage, round, owner_id, created_ms "
    "FROM studies ";
constexpr const char* kParticipantColumns =
    "SELECT id, study_id, user_id, pseudonym, group_name, consented_ms, revoked_ms, created_ms "
    "FROM study_participants ";

Study ReadStudy(const Statement& row) {
  Study s;
  s.id = row.Int(0);
  s.kind = ParseStudyKind(row.TextView(1)).value_or(StudyKind::kConceptMap);
  s.title = row.Text(2);
  s.focus_prompt = row.Text(3);
  s.anonymous = row.Int(4) != 0;
  s.stage = ParseStudyStage(row.TextView(5)).value_or(StudyStage::kDraft);
  s.round = static_cast<int>(row.Int(6));
  s.owner_id = row.Int(7);
  s.created_ms = row.Int(8);
  return s;
}

StudyParticipant ReadParticipant(const Statement& row) {
  return StudyParticipant{row.Int(0),         row.Int(1),         row.OptionalInt(2),
                          row.Text(3),        row.Text(4),        row.OptionalInt(5),
                          row.OptionalInt(6), row.Int(7)};
}

StudyStatement ReadStatement(const Statement& row) {
  return StudyStatement{row.Int(0), row.Int(1), row.Text(2), row.OptionalInt(3),
                        row.OptionalInt(4), row.Int(5)};
}

// A study's variables and groups, read after its row.
Status ReadParts(Connection& db, Study& study) {
  COVALUE_ASSIGN_OR_RETURN(auto variables,
                           db.Prepare("SELECT name, scale_min, scale_max FROM study_variables "
                                      "WHERE study_id = ? ORDER BY position"));
  variables.Bind(study.id);
  COVALUE_ASSIGN_OR_RETURN(study.variables, CollectRows(variables, [](const Statement& row) {
                             return RatingVariable{row.Text(0), static_cast<int>(row.Int(1)),
                                                   static_cast<int>(row.Int(2))};
                           }));
  COVALUE_ASSIGN_OR_RETURN(
      auto groups,
      db.Prepare("SELECT name FROM study_groups WHERE study_id = ? ORDER BY position"));
  groups.Bind(study.id);
  COVALUE_ASSIGN_OR_RETURN(study.groups,
                           CollectRows(groups, [](const Statement& row) { return row.Text(0); }));
  return Ok();
}

Result<std::vector<Study>> ReadStudies(Connection& db, Statement& query) {
  COVALUE_ASSIGN_OR_RETURN(std::vector<Study> studies, CollectRows(query, ReadStudy));
  for (Study& study : studies) {
    COVALUE_RETURN_IF_ERROR(ReadParts(db, study));
  }
  return studies;
}

}  // namespace

Result<Study> SqlStudyRepository::Create(const Study& study) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert,
      db_.Prepare("INSERT INTO studies (kind, title, focus_prompt, anonymous, stage, round, "
                  "owner_id, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  insert.Bind(StudyKindName(study.kind))
      .Bind(study.title)
      .Bind(study.focus_prompt)
      .Bind(std::int64_t{study.anonymous ? 1 : 0})
      .Bind(StudyStageName(study.stage))
      .Bind(std::int64_t{study.round})
      .Bind(study.owner_id)
      .Bind(study.created_ms);
  Study stored = study;
  COVALUE_ASSIGN_OR_RETURN(stored.id, InsertedId(insert));
  for (std::size_t i = 0; i < study.variables.size(); ++i) {
    COVALUE_ASSIGN_OR_RETURN(auto variable,
                             db_.Prepare("INSERT INTO study_variables (study_id, position, name, "
                                         "scale_min, scale_max) VALUES (?, ?, ?, ?, ?)"));
    COVALUE_RETURN_IF_ERROR(variable.Bind(stored.id)
                                .Bind(static_cast<std::int64_t>(i))
                                .Bind(study.variables[i].name)
                                .Bind(std::int64_t{study.variables[i].min})
                                .Bind(std::int64_t{study.variables[i].max})
                                .Run());
  }
  for (std::size_t i = 0; i < study.groups.size(); ++i) {
    COVALUE_ASSIGN_OR_RETURN(
        auto group,
        db_.Prepare("INSERT INTO study_groups (study_id, position, name) VALUES (?, ?, ?)"));
    COVALUE_RETURN_IF_ERROR(
        group.Bind(stored.id).Bind(static_cast<std::int64_t>(i)).Bind(study.groups[i]).Run());
  }
  return stored;
}

Result<Study> SqlStudyRepository::Get(Id id) {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare(std::string(kStudyColumns) + "WHERE id = ?"));
  query.Bind(id);
  COVALUE_ASSIGN_OR_RETURN(Study study,
                           ReadOne(query, ReadStudy, fmt::format("study {} does not exist", id)));
  COVALUE_RETURN_IF_ERROR(ReadParts(db_, study));
  return study;
}

Result<std::vector<Study>> SqlStudyRepository::Owned(Id owner_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query, db_.Prepare(std::string(kStudyColumns) + "WHERE owner_id = ? ORDER BY id DESC"));
  query.Bind(owner_id);
  return ReadStudies(db_, query);
}

Result<std::vector<Study>> SqlStudyRepository::Joined(Id user_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare(std::string(kStudyColumns) +
                  "WHERE id IN (SELECT study_id FROM study_participants WHERE user_id = ?) "
                  "ORDER BY id DESC"));
  query.Bind(user_id);
  return ReadStudies(db_, query);
}

Status SqlStudyRepository::SetStage(Id id, StudyStage stage, int round) {
  COVALUE_ASSIGN_OR_RETURN(auto update,
                           db_.Prepare("UPDATE studies SET stage = ?, round = ? WHERE id = ?"));
  COVALUE_RETURN_IF_ERROR(
      update.Bind(StudyStageName(stage)).Bind(std::int64_t{round}).Bind(id).Run());
  if (db_.Changes() == 0) {
    return Fail(ErrorCode::kNotFound, fmt::format("study {} does not exist", id));
  }
  return Ok();
}

Result<StudyParticipant> SqlStudyRepository::AddParticipant(
    const StudyParticipant& p, const std::optional<std::string>& token_hash) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert,
      db_.Prepare("INSERT INTO study_participants (study_id, user_id, token_hash, pseudonym, "
                  "group_name, consented_ms, revoked_ms, created_ms) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  insert.Bind(p.study_id).Bind(p.user_id);
  if (token_hash) {
    insert.Bind(*token_hash);
  } else {
    insert.Bind(std::optional<std::int64_t>());
  }
  insert.Bind(p.pseudonym).Bind(p.group).Bind(p.consented_ms).Bind(p.revoked_ms).Bind(p.created_ms);
  StudyParticipant stored = p;
  COVALUE_ASSIGN_OR_RETURN(stored.id, InsertedId(insert));
  return stored;
}

Result<StudyParticipant> SqlStudyRepository::GetParticipant(Id id) {
  COVALUE_ASSIGN_OR_RETURN(auto query,
                           db_.Prepare(std::string(kParticipantColumns) + "WHERE id = ?"));
  query.Bind(id);
  return ReadOne(query, ReadParticipant, fmt::format("participant {} does not exist", id));
}

Result<StudyParticipant> SqlStudyRepository::ParticipantByToken(const std::string& token_hash) {
  COVALUE_ASSIGN_OR_RETURN(auto query,
                           db_.Prepare(std::string(kParticipantColumns) + "WHERE token_hash = ?"));
  query.Bind(token_hash);
  return ReadOne(query, ReadParticipant, "the invitation does not exist");
}

Result<std::optional<StudyParticipant>> SqlStudyRepository::ParticipantOfUser(Id study_id,
                                                                              Id user_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare(std::string(kParticipantColumns) + "WHERE study_id = ? AND user_id = ?"));
  query.Bind(study_id).Bind(user_id);
  COVALUE_ASSIGN_OR_RETURN(auto rows, CollectRows(query, ReadParticipant));
  if (rows.empty()) {
    return std::optional<StudyParticipant>();
  }
  return std::optional<StudyParticipant>(rows.front());
}

Result<std::vector<StudyParticipant>> SqlStudyRepository::Participants(Id study_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query, db_.Prepare(std::string(kParticipantColumns) + "WHERE study_id = ? ORDER BY id"));
  query.Bind(study_id);
  return CollectRows(query, ReadParticipant);
}

Status SqlStudyRepository::Consent(Id participant_id, std::int64_t at_ms) {
  COVALUE_ASSIGN_OR_RETURN(
      auto update, db_.Prepare("UPDATE study_participants SET consented_ms = ? WHERE id = ? AND "
                               "consented_ms IS NULL"));
  return update.Bind(at_ms).Bind(participant_id).Run();
}

Status SqlStudyRepository::Revoke(Id participant_id, std::int64_t at_ms) {
  COVALUE_ASSIGN_OR_RETURN(
      auto update, db_.Prepare("UPDATE study_participants SET revoked_ms = ? WHERE id = ? AND "
                               "revoked_ms IS NULL"));
  return update.Bind(at_ms).Bind(participant_id).Run();
}

Result<StudyStatement> SqlStudyRepository::AddStatement(const StudyStatement& s) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert, db_.Prepare("INSERT INTO study_statements (study_id, text, proposed_by, "
                               "created_ms) VALUES (?, ?, ?, ?) RETURNING id"));
  insert.Bind(s.study_id).Bind(s.text).Bind(s.proposed_by).Bind(s.created_ms);
  StudyStatement stored = s;
  stored.merged_into.reset();
  COVALUE_ASSIGN_OR_RETURN(stored.id, InsertedId(insert));
  return stored;
}

Status SqlStudyRepository::EditStatement(Id id, const std::string& text) {
  COVALUE_ASSIGN_OR_RETURN(auto update,
                           db_.Prepare("UPDATE study_statements SET text = ? WHERE id = ?"));
  COVALUE_RETURN_IF_ERROR(update.Bind(text).Bind(id).Run());
  if (db_.Changes() == 0) {
    return Fail(ErrorCode::kNotFound, fmt::format("statement {} does not exist", id));
  }
  return Ok();
}

Status SqlStudyRepository::Merge(Id statement_id, Id into) {
  COVALUE_ASSIGN_OR_RETURN(
      auto upsert, db_.Prepare("INSERT INTO study_merges (statement_id, merged_into) VALUES (?, ?) "
                               "ON CONFLICT (statement_id) DO UPDATE SET merged_into = "
                               "excluded.merged_into"));
  return upsert.Bind(statement_id).Bind(into).Run();
}

Result<std::vector<StudyStatement>> SqlStudyRepository::Statements(Id study_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare("SELECT s.id, s.study_id, s.text, s.proposed_by, m.merged_into, s.created_ms "
                  "FROM study_statements s LEFT JOIN study_merges m ON m.statement_id = s.id "
                  "WHERE s.study_id = ? ORDER BY s.id"));
  query.Bind(study_id);
  return CollectRows(query, ReadStatement);
}

Status SqlStudyRepository::ReplaceSort(Id participant_id, const std::vector<SortCard>& cards) {
  COVALUE_ASSIGN_OR_RETURN(auto remove,
                           db_.Prepare("DELETE FROM study_sorts WHERE participant_id = ?"));
  COVALUE_RETURN_IF_ERROR(remove.Bind(participant_id).Run());
  for (const SortCard& card : cards) {
    COVALUE_ASSIGN_OR_RETURN(
        auto insert, db_.Prepare("INSERT INTO study_sorts (participant_id, statement_id, pile) "
                                 "VALUES (?, ?, ?)"));
    COVALUE_RETURN_IF_ERROR(insert.Bind(participant_id).Bind(card.statement_id).Bind(card.pile).Run());
  }
  return Ok();
}

Result<std::vector<SortCard>> SqlStudyRepository::Sorts(Id study_id,
                                                        std::optional<Id> participant_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare("SELECT c.participant_id, c.statement_id, c.pile FROM study_sorts c "
                  "JOIN study_participants p ON p.id = c.participant_id WHERE p.study_id = ? "
                  "AND (? IS NULL OR c.participant_id = ?) "
                  "ORDER BY c.participant_id, c.statement_id"));
  query.Bind(study_id).Bind(participant_id).Bind(participant_id);
  return CollectRows(query, [](const Statement& row) {
    return SortCard{row.Int(0), row.Int(1), row.Text(2)};
  });
}

Status SqlStudyRepository::SetRatings(const std::vector<StatementRating>& ratings) {
  for (const StatementRating& r : ratings) {
    COVALUE_ASSIGN_OR_RETURN(
        auto upsert,
        db_.Prepare("INSERT INTO study_ratings (participant_id, statement_id, variable, round, "
                    "value) VALUES (?, ?, ?, ?, ?) ON CONFLICT (participant_id, statement_id, "
                    "variable, round) DO UPDATE SET value = excluded.value"));
    COVALUE_RETURN_IF_ERROR(upsert.Bind(r.participant_id)
                                .Bind(r.statement_id)
                                .Bind(r.variable)
                                .Bind(std::int64_t{r.round})
                                .Bind(std::int64_t{r.value})
                                .Run());
  }
  return Ok();
}

Status SqlStudyRepository::SetComment(const StudyComment& c) {
  if (c.text.empty()) {
    COVALUE_ASSIGN_OR_RETURN(auto remove,
                             db_.Prepare("DELETE FROM study_comments WHERE participant_id = ? AND "
                                         "statement_id = ? AND round = ?"));
    return remove.Bind(c.participant_id).Bind(c.statement_id).Bind(std::int64_t{c.round}).Run();
  }
  COVALUE_ASSIGN_OR_RETURN(
      auto upsert,
      db_.Prepare("INSERT INTO study_comments (participant_id, statement_id, round, text, "
                  "created_ms) VALUES (?, ?, ?, ?, ?) ON CONFLICT (participant_id, statement_id, "
                  "round) DO UPDATE SET text = excluded.text, created_ms = excluded.created_ms"));
  return upsert.Bind(c.participant_id)
      .Bind(c.statement_id)
      .Bind(std::int64_t{c.round})
      .Bind(c.text)
      .Bind(c.created_ms)
      .Run();
}

Result<std::vector<StudyComment>> SqlStudyRepository::Comments(Id study_id,
                                                               std::optional<Id> participant_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare("SELECT c.participant_id, c.statement_id, c.round, c.text, c.created_ms, "
                  "p.pseudonym FROM study_comments c JOIN study_participants p ON p.id = "
                  "c.participant_id WHERE p.study_id = ? AND (? IS NULL OR c.participant_id = ?) "
                  "ORDER BY c.round, c.statement_id, c.participant_id"));
  query.Bind(study_id).Bind(participant_id).Bind(participant_id);
  return CollectRows(query, [](const Statement& row) {
    return StudyComment{row.Int(0),  row.Int(1), static_cast<int>(row.Int(2)),
                        row.Text(3), row.Int(4), row.Text(5)};
  });
}

Result<std::vector<StatementRating>> SqlStudyRepository::Ratings(
    Id study_id, std::optional<Id> participant_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare("SELECT r.participant_id, r.statement_id, r.variable, r.round, r.value "
                  "FROM study_ratings r JOIN study_participants p ON p.id = r.participant_id "
                  "WHERE p.study_id = ? AND (? IS NULL OR r.participant_id = ?) "
                  "ORDER BY r.participant_id, r.statement_id, r.variable, r.round"));
  query.Bind(study_id).Bind(participant_id).Bind(participant_id);
  return CollectRows(query, [](const Statement& row) {
    return StatementRating{row.Int(0), row.Int(1), row.Text(2), static_cast<int>(row.Int(3)),
                           static_cast<int>(row.Int(4))};
  });
}

Status SqlStudyRepository::SetClusterNames(Id study_id, int k,
                                           const std::vector<std::string>& names) {
  COVALUE_ASSIGN_OR_RETURN(auto remove, db_.Prepare("DELETE FROM study_cluster_names WHERE "
                                                    "study_id = ? AND k = ?"));
  COVALUE_RETURN_IF_ERROR(remove.Bind(study_id).Bind(std::int64_t{k}).Run());
  for (std::size_t c = 0; c < names.size(); ++c) {
    if (names[c].empty()) continue;
    COVALUE_ASSIGN_OR_RETURN(auto insert,
                             db_.Prepare("INSERT INTO study_cluster_names (study_id, k, cluster, "
                                         "name) VALUES (?, ?, ?, ?)"));
    COVALUE_RETURN_IF_ERROR(insert.Bind(study_id)
                                .Bind(std::int64_t{k})
                                .Bind(static_cast<std::int64_t>(c + 1))
                                .Bind(names[c])
                                .Run());
  }
  return Ok();
}

Result<std::vector<std::string>> SqlStudyRepository::ClusterNames(Id study_id, int k) {
  COVALUE_ASSIGN_OR_RETURN(auto query,
                           db_.Prepare("SELECT cluster, name FROM study_cluster_names WHERE "
                                       "study_id = ? AND k = ? ORDER BY cluster"));
  query.Bind(study_id).Bind(std::int64_t{k});
  std::vector<std::string> names(static_cast<std::size_t>(std::max(k, 0)));
  COVALUE_ASSIGN_OR_RETURN(auto rows, CollectRows(query, [](const Statement& row) {
                             return std::pair<std::int64_t, std::string>{row.Int(0), row.Text(1)};
                           }));
  for (const auto& [cluster, name] : rows) {
    if (cluster >= 1 && cluster <= k) names[static_cast<std::size_t>(cluster - 1)] = name;
  }
  return names;
}

}  // namespace covalue::store::sql
