#include "store/measure_repository.h"

#include <algorithm>

#include "store/sql/sql_repositories.h"

namespace covalue::store::sql {
namespace {

MeasureDefinition ReadDefinition(const Statement& row) {
  MeasureDefinition m;
  m.id = row.Text(0);
  m.name = row.Text(1);
  m.kind = ParseMeasureKind(row.Text(2)).value_or(MeasureKind::kContinuous);
  m.system = row.Text(3);
  m.code = row.Text(4);
  m.threshold = row.OptionalReal(5);
  m.at_least = row.Int(6) != 0;
  m.direction = ParseDirection(row.Text(7)).value_or(Direction::kHigherIsBetter);
  m.target = row.OptionalReal(8);
  m.quadrant = ParseQuadrant(row.Text(9)).value_or(CompassQuadrant::kClinical);
  if (!row.IsNull(10)) {
    m.domain = ParseValueDomain(row.Text(10));
  }
  m.unit = row.Text(11);
  m.names = DecodeTranslations(row.Text(12));
  return m;
}

constexpr const char* kNoteColumns =
    "SELECT n.id, n.site_id, n.team_id, n.measure_id, n.period, n.text, n.author_id, "
    "u.display_name, n.created_ms FROM chart_notes n JOIN users u ON u.id = n.author_id ";

ChartNote ReadNote(const Statement& row) {
  return ChartNote{row.Int(0),  row.Int(1), row.Int(2),  row.Text(3), row.Text(4),
                   row.Text(5), row.Int(6), row.Text(7), row.Int(8)};
}

}  // namespace

Result<ChartNote> SqlMeasureRepository::AddChartNote(const ChartNote& note) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert,
      db_.Prepare("INSERT INTO chart_notes (site_id, team_id, measure_id, period, text, author_id, "
                  "created_ms) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  COVALUE_RETURN_IF_ERROR(insert.Bind(note.site_id)
                              .Bind(note.team_id)
                              .Bind(note.measure_id)
                              .Bind(note.period)
                              .Bind(note.text)
                              .Bind(note.author_id)
                              .Bind(note.created_ms)
                              .Run());
  return GetChartNote(db_.LastInsertId());
}

Result<ChartNote> SqlMeasureRepository::GetChartNote(Id id) {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare(std::string(kNoteColumns) + "WHERE n.id = ?"));
  query.Bind(id);
  COVALUE_ASSIGN_OR_RETURN(bool found, query.Step());
  if (!found) {
    return Fail(ErrorCode::kNotFound, "no such chart note");
  }
  return ReadNote(query);
}

Result<std::vector<ChartNote>> SqlMeasureRepository::ChartNotes(Id team_id,
                                                                const std::string& measure_id) {
  COVALUE_ASSIGN_OR_RETURN(auto query,
                           db_.Prepare(std::string(kNoteColumns) +
                                       "WHERE n.team_id = ? AND n.measure_id = ? ORDER BY n.id"));
  query.Bind(team_id).Bind(measure_id);
  return CollectRows(query, ReadNote);
}

Status SqlMeasureRepository::DeleteChartNote(Id id) {
  COVALUE_ASSIGN_OR_RETURN(auto remove, db_.Prepare("DELETE FROM chart_notes WHERE id = ?"));
  COVALUE_RETURN_IF_ERROR(remove.Bind(id).Run());
  if (db_.Changes() == 0) {
    return Fail(ErrorCode::kNotFound, "no such chart note");
  }
  return Ok();
}

Status SqlMeasureRepository::CreateDefinition(const MeasureDefinition& m) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert,
      db_.Prepare("INSERT INTO measures (id, name, kind, system, code, threshold, at_least, "
                  "direction, target, quadrant, domain, unit, names) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  insert.Bind(m.id)
      .Bind(m.name)
      .Bind(MeasureKindName(m.kind))
      .Bind(m.system)
      .Bind(m.code)
      .BindReal(m.threshold)
      .Bind(std::int64_t{m.at_least ? 1 : 0})
      .Bind(DirectionName(m.direction))
      .BindReal(m.target)
      .Bind(QuadrantName(m.quadrant));
  if (m.domain) {
    insert.Bind(ValueDomainName(*m.domain));
  } else {
    insert.Bind(std::optional<std::int64_t>{});
  }
  return insert.Bind(m.unit).Bind(EncodeTranslations(m.names)).Run();
}

Result<std::vector<MeasureDefinition>> SqlMeasureRepository::Definitions() {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare("SELECT id, name, kind, system, code, threshold, at_least, "
                  "direction, target, quadrant, domain, unit, names FROM measures ORDER BY id"));
  return CollectRows(query, ReadDefinition);
}

Result<std::vector<std::string>> SqlMeasureRepository::DefinitionIds() {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare("SELECT id FROM measures ORDER BY id"));
  return CollectRows(query, [](const Statement& row) { return std::string(row.TextView(0)); });
}

namespace {

constexpr const char* kDraftColumns =
    "SELECT id, name, names, kind, direction, quadrant, domain, unit, study_id, study_title, "
    "statement_id, item, round, n, median, pct_7_9, pct_1_3, rand_classification, percent_rule, "
    "proposed_by, proposed_ms, adopted_ms FROM measure_drafts ";

MeasureDraft ReadDraft(const Statement& row) {
  MeasureDraft d;
  MeasureDefinition& m = d.definition;
  m.id = row.Text(0);
  m.name = row.Text(1);
  m.names = DecodeTranslations(row.Text(2));
  m.kind = ParseMeasureKind(row.Text(3)).value_or(MeasureKind::kContinuous);
  m.direction = ParseDirection(row.Text(4)).value_or(Direction::kHigherIsBetter);
  m.quadrant = ParseQuadrant(row.Text(5)).value_or(CompassQuadrant::kClinical);
  if (!row.IsNull(6)) {
    m.domain = ParseValueDomain(row.Text(6));
  }
  m.unit = row.Text(7);
  MeasureProvenance& p = d.provenance;
  p.study_id = row.Int(8);
  p.study_title = row.Text(9);
  p.statement_id = row.Int(10);
  p.item = row.Text(11);
  p.round = static_cast<int>(row.Int(12));
  p.n = static_cast<std::size_t>(row.Int(13));
  p.median = row.Real(14);
  p.pct_7_9 = row.Real(15);
  p.pct_1_3 = row.Real(16);
  p.rand_classification = row.Text(17);
  p.percent_rule = row.Text(18);
  d.proposed_by = row.Int(19);
  d.proposed_ms = row.Int(20);
  d.adopted_ms = row.OptionalInt(21);
  return d;
}

}  // namespace

Status SqlMeasureRepository::CreateDraft(const MeasureDraft& d) {
  // A draft becomes a measure of the same id: neither may hold it already.
  COVALUE_ASSIGN_OR_RETURN(auto taken, db_.Prepare("SELECT 1 FROM measures WHERE id = ?"));
  taken.Bind(d.definition.id);
  COVALUE_ASSIGN_OR_RETURN(const bool measure_exists, taken.Step());
  if (measure_exists) {
    return Fail(ErrorCode::kConflict, "a measure has this id", "id");
  }
  const MeasureDefinition& m = d.definition;
  const MeasureProvenance& p = d.provenance;
  COVALUE_ASSIGN_OR_RETURN(
      auto insert,
      db_.Prepare("INSERT INTO measure_drafts (id, name, names, kind, direction, quadrant, domain, "
                  "unit, study_id, study_title, statement_id, item, round, n, median, pct_7_9, "
                  "pct_1_3, rand_classification, percent_rule, proposed_by, proposed_ms) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  insert.Bind(m.id)
      .Bind(m.name)
      .Bind(EncodeTranslations(m.names))
      .Bind(MeasureKindName(m.kind))
      .Bind(DirectionName(m.direction))
      .Bind(QuadrantName(m.quadrant));
  if (m.domain) {
    insert.Bind(ValueDomainName(*m.domain));
  } else {
    insert.Bind(std::optional<std::int64_t>{});
  }
  insert.Bind(m.unit)
      .Bind(p.study_id)
      .Bind(p.study_title)
      .Bind(p.statement_id)
      .Bind(p.item)
      .Bind(std::int64_t{p.round})
      .Bind(static_cast<std::int64_t>(p.n))
      .BindReal(p.median)
      .BindReal(p.pct_7_9)
      .BindReal(p.pct_1_3)
      .Bind(p.rand_classification)
      .Bind(p.percent_rule)
      .Bind(d.proposed_by)
      .Bind(d.proposed_ms);
  const Status inserted = insert.Run();
  if (!inserted && inserted.error().code == ErrorCode::kConflict) {
    return Fail(ErrorCode::kConflict, "a draft measure has this id", "id");
  }
  return inserted;
}

Result<std::vector<MeasureDraft>> SqlMeasureRepository::Drafts() {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare(std::string(kDraftColumns) + "ORDER BY id"));
  return CollectRows(query, ReadDraft);
}

Result<MeasureDraft> SqlMeasureRepository::GetDraft(const std::string& id) {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare(std::string(kDraftColumns) + "WHERE id = ?"));
  query.Bind(id);
  COVALUE_ASSIGN_OR_RETURN(const bool found, query.Step());
  if (!found) {
    return Fail(ErrorCode::kNotFound, "no such draft measure", "id");
  }
  return ReadDraft(query);
}

Status SqlMeasureRepository::MarkDraftAdopted(const std::string& id, std::int64_t adopted_ms) {
  COVALUE_ASSIGN_OR_RETURN(
      auto update,
      db_.Prepare("UPDATE measure_drafts SET adopted_ms = ? WHERE id = ? AND adopted_ms IS NULL"));
  COVALUE_RETURN_IF_ERROR(update.Bind(adopted_ms).Bind(id).Run());
  if (db_.Changes() == 0) {
    return Fail(ErrorCode::kConflict, "the draft measure is unknown or adopted already", "id");
  }
  return Ok();
}

Result<std::int64_t> SqlMeasureRepository::AddAggregates(
    const std::vector<MeasureAggregateRow>& rows) {
  // Up to kRowsPerUpsert rows in one statement (one round trip to a database server; a batch's
  // rows have distinct keys, as one statement's must).
  constexpr std::size_t kRowsPerUpsert = 64;
  for (std::size_t first = 0; first < rows.size(); first += kRowsPerUpsert) {
    const std::size_t n = std::min(kRowsPerUpsert, rows.size() - first);
    std::string sql =
        "INSERT INTO measure_aggregates AS a (site_id, population_id, measure_id, "
        "period_kind, period, count, sum, sum_squares, numerator, denominator) VALUES ";
    for (std::size_t i = 0; i < n; ++i) {
      sql += i == 0 ? "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }
    sql +=
        " ON CONFLICT (site_id, population_id, measure_id, period_kind, period) "
        "DO UPDATE SET count = a.count + excluded.count, sum = a.sum + excluded.sum, "
        "sum_squares = a.sum_squares + excluded.sum_squares, "
        "numerator = a.numerator + excluded.numerator, "
        "denominator = a.denominator + excluded.denominator";
    COVALUE_ASSIGN_OR_RETURN(auto upsert, db_.Prepare(sql));  // cached per row count
    for (std::size_t i = first; i < first + n; ++i) {
      const MeasureAggregateRow& r = rows[i];
      upsert.Bind(r.site_id)
          .Bind(r.population_id)
          .Bind(r.measure_id)
          .Bind(PeriodKindName(r.period_kind))
          .Bind(r.period)
          .Bind(r.count)
          .BindReal(r.sum)
          .BindReal(r.sum_squares)
          .BindReal(r.numerator)
          .BindReal(r.denominator);
    }
    COVALUE_RETURN_IF_ERROR(upsert.Run());
  }
  COVALUE_ASSIGN_OR_RETURN(auto next,
                           db_.Prepare("UPDATE measure_store_state SET generation = generation + 1 "
                                       "RETURNING generation"));
  COVALUE_ASSIGN_OR_RETURN(bool row, next.Step());
  if (!row) {
    return Fail(ErrorCode::kInternal, "the measure store's state row is missing");
  }
  const std::int64_t generation = next.Int(0);
  COVALUE_ASSIGN_OR_RETURN(bool more, next.Step());
  (void)more;
  return generation;
}

Result<std::int64_t> SqlMeasureRepository::ReplaceAggregates(
    const std::vector<MeasureAggregateRow>& rows) {
  COVALUE_RETURN_IF_ERROR(db_.Execute("DELETE FROM measure_aggregates"));
  return AddAggregates(rows);
}

Result<std::int64_t> SqlMeasureRepository::Generation() {
  COVALUE_ASSIGN_OR_RETURN(auto query, db_.Prepare("SELECT generation FROM measure_store_state"));
  COVALUE_ASSIGN_OR_RETURN(bool row, query.Step());
  if (!row) {
    return Fail(ErrorCode::kInternal, "the measure store's state row is missing");
  }
  return query.Int(0);
}

Status SqlMeasureRepository::ScanAggregates(
    const std::function<void(const MeasureAggregateRow&)>& visit) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare("SELECT site_id, population_id, measure_id, period_kind, period, count, sum, "
                  "sum_squares, numerator, denominator FROM measure_aggregates"));
  for (;;) {
    COVALUE_ASSIGN_OR_RETURN(bool more, query.Step());
    if (!more) {
      return Ok();
    }
    visit(MeasureAggregateRow{query.Int(0), query.Int(1), query.Text(2),
                              ParsePeriodKind(query.Text(3)).value_or(PeriodKind::kMonth),
                              query.Int(4), query.Int(5), query.Real(6), query.Real(7),
                              query.Real(8), query.Real(9)});
  }
}

}  // namespace covalue::store::sql
