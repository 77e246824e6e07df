#include "store/sql/copy.h"

#include <algorithm>

#include <fmt/format.h>

namespace covalue::store::sql {
namespace {

// Every table of the schema in an order that copies each row after the rows it refers to,
// with the column a page of it is read by ("": read whole, a small table keyed by several), and
// for a table a driver may partition by month, its time column (Connection::EnsureMonth).
struct TableSpec {
  std::string_view name;
  std::string_view key;
  std::string_view month = {};
};
constexpr TableSpec kTables[] = {
    {"schema_migrations", "version"},
    {"sites", "id"},
    {"populations", "id"},
    {"teams", "id"},
    {"users", "id"},
    {"memberships", "id"},
    {"sessions", "token_hash"},
    {"api_tokens", "id"},
    {"audit_log", "seq", "time_ms"},
    {"audit_chain_head", "only"},
    {"workbooks", "id"},
    {"answer_revisions", "id"},
    {"step_statuses", ""},
    {"answer_comments", "id"},
    {"questionnaires", "id"},
    {"patients", "id"},
    {"patient_fields", ""},
    {"responses", "id"},
    {"observations", "id", "effective_ms"},
    {"patient_notes", "id"},
    {"measure_store_state", "only"},
    {"measures", "id"},
    {"measure_aggregates", ""},
    {"alerts", "id"},
    {"site_settings", "site_id"},
    {"site_crisis_contacts", ""},
    {"questionnaire_schedules", "id"},
    {"planned_visits", "id"},
    {"calendar_feeds", "user_id"},
    {"chart_notes", "id"},
    {"studies", "id"},
    {"study_variables", ""},
    {"study_groups", ""},
    {"study_participants", "id"},
    {"study_statements", "id"},
    {"study_merges", "statement_id"},
    {"study_sorts", ""},
    {"study_ratings", ""},
    {"study_cluster_names", ""},
    {"study_comments", ""},
    {"measure_drafts", "id"},
    {"research_projects", "id"},
    {"research_approvals", ""},
    {"site_costing", "site_id"},
    {"unit_costs", ""},
    {"stratifications", "id"},
    {"stratum_conditions", ""},
    {"stratification_scores", ""},
    {"personas", "id"},
    {"persona_pictures", "persona_id"},
    {"team_resources", "id"},
    {"process_maps", "id"},
    {"process_map_revisions", ""},
    {"process_map_lanes", ""},
    {"process_map_steps", ""},
    {"process_map_step_resources", ""},
    {"process_map_arrows", ""},
    {"journeys", "id"},
    {"journey_steps", ""},
    {"scenarios", "id"},
    {"scenario_changes", ""},
};

// The tables a new database's migrations write rows into (replaced by the source's).
bool Seeded(std::string_view table) {
  return table == "schema_migrations" || table == "measure_store_state" ||
         table == "audit_chain_head";
}

constexpr std::int64_t kPage = 10'000;

Status CheckTables(Connection& db, std::string_view which) {
  COVALUE_ASSIGN_OR_RETURN(auto query, db.Prepare(std::string(db.dialect().TablesQuery())));
  for (;;) {
    COVALUE_ASSIGN_OR_RETURN(bool row, query.Step());
    if (!row) {
      return Ok();
    }
    const std::string_view name = query.TextView(0);
    if (std::none_of(std::begin(kTables), std::end(kTables),
                     [&](const TableSpec& t) { return t.name == name; })) {
      return Fail(ErrorCode::kUnsupported,
                  fmt::format("the {} database has a table this program does not know: {}",
                              which, name));
    }
  }
}

Result<std::int64_t> Count(Connection& db, std::string_view table) {
  COVALUE_ASSIGN_OR_RETURN(auto query, db.Prepare(fmt::format("SELECT COUNT(*) FROM {}", table)));
  COVALUE_ASSIGN_OR_RETURN(bool row, query.Step());
  return row ? query.Int(0) : 0;
}

// The audit chain's head as text, to tell a complete copy from another database's rows.
Result<std::string> Head(Connection& db) {
  COVALUE_ASSIGN_OR_RETURN(auto query,
                           db.Prepare("SELECT seq, hash FROM audit_chain_head WHERE only = 1"));
  COVALUE_ASSIGN_OR_RETURN(bool row, query.Step());
  return row ? fmt::format("{} {}", query.Int(0), query.TextView(1)) : std::string();
}

// One value of a source row, kept until its batch is inserted.
struct Value {
  ValueKind kind = ValueKind::kNull;
  std::int64_t number = 0;
  double real = 0;
  std::string text;
};

// Most parameters one INSERT of a batch binds: many rows per statement (one round trip to a
// database server for hundreds of rows), under SQLite's limit of 32,766 and PostgreSQL's 65,535.
constexpr std::size_t kMaxBatchParameters = 10'000;

// Rows of one table inserted together, one multi-row INSERT per batch.
class RowBatch {
 public:
  RowBatch(Connection& target, std::string_view table) : target_(target), table_(table) {}

  bool Started() const { return !columns_.empty(); }

  // Takes the names of from's columns (the first row).
  void Start(const Statement& from) {
    for (int c = 0; c < from.ColumnCount(); ++c) {
      columns_ += fmt::format("{}{}", c == 0 ? "" : ", ", from.ColumnName(c));
    }
    width_ = static_cast<std::size_t>(from.ColumnCount());
  }

  // Keeps from's current row; inserts the batch once it is full.
  Status Add(const Statement& from) {
    for (int c = 0; c < from.ColumnCount(); ++c) {
      Value& v = values_.emplace_back();
      v.kind = from.Kind(c);
      if (v.kind == ValueKind::kInt) {
        v.number = from.Int(c);
      } else if (v.kind == ValueKind::kReal) {
        v.real = from.Real(c);
      } else if (v.kind == ValueKind::kText) {
        v.text = from.TextView(c);
      }
    }
    return values_.size() + width_ > kMaxBatchParameters ? Flush() : Ok();
  }

  // Inserts the rows kept.
  Status Flush() {
    if (values_.empty()) {
      return Ok();
    }
    const std::size_t rows = values_.size() / width_;
    std::string tuple = "(?";
    for (std::size_t c = 1; c < width_; ++c) {
      tuple += ", ?";
    }
    tuple += ")";
    std::string sql = fmt::format("INSERT INTO {} ({}) VALUES {}", table_, columns_, tuple);
    for (std::size_t r = 1; r < rows; ++r) {
      sql += ", " + tuple;
    }
    COVALUE_ASSIGN_OR_RETURN(auto insert, target_.Prepare(sql));
    for (const Value& v : values_) {
      switch (v.kind) {
        case ValueKind::kNull:
          insert.Bind(std::optional<std::int64_t>());
          break;
        case ValueKind::kInt:
          insert.Bind(v.number);
          break;
        case ValueKind::kReal:
          insert.BindReal(v.real);
          break;
        case ValueKind::kText:
          insert.Bind(std::string_view(v.text));
          break;
      }
    }
    Status ran = insert.Run();  // the statement may point into values_ until it has run
    values_.clear();
    return ran;
  }

 private:
  Connection& target_;
  std::string_view table_;
  std::string columns_;
  std::size_t width_ = 0;
  std::vector<Value> values_;  // rows × width_, row after row
};

// The key of the current row, as its kind says, for the next page's condition.
struct Key {
  ValueKind kind = ValueKind::kNull;
  std::int64_t number = 0;
  std::string text;
};

// Copies table's rows page by page (by its key) or whole; the number copied.
Result<std::int64_t> CopyRows(Connection& source, Connection& target, const TableSpec& table,
                              std::int64_t total,
                              const std::function<void(const CopyProgress&)>& progress) {
  std::int64_t copied = 0;
  std::optional<Key> after;
  RowBatch batch(target, table.name);
  int month_column = -1;
  for (;;) {
    std::string select = fmt::format("SELECT * FROM {}", table.name);
    if (!table.key.empty()) {
      select += fmt::format("{} ORDER BY {} LIMIT {}",
                            after ? fmt::format(" WHERE {} > ?", table.key) : std::string(),
                            table.key, kPage);
    }
    COVALUE_ASSIGN_OR_RETURN(auto rows, source.Prepare(select));
    if (after) {
      after->kind == ValueKind::kText ? rows.Bind(after->text) : rows.Bind(after->number);
    }
    std::int64_t in_page = 0;
    for (;;) {
      COVALUE_ASSIGN_OR_RETURN(bool row, rows.Step());
      if (!row) {
        break;
      }
      if (!batch.Started()) {
        batch.Start(rows);
        for (int c = 0; c < rows.ColumnCount(); ++c) {
          month_column = rows.ColumnName(c) == table.month ? c : month_column;
        }
      }
      if (month_column >= 0) {
        COVALUE_RETURN_IF_ERROR(target.EnsureMonth(table.name, rows.Int(month_column)));
      }
      COVALUE_RETURN_IF_ERROR(batch.Add(rows));
      if (!table.key.empty()) {
        const ValueKind kind = rows.Kind(0);
        after = kind == ValueKind::kText ? Key{kind, 0, rows.Text(0)} : Key{kind, rows.Int(0), {}};
      }
      ++in_page;
      if (++copied % kPage == 0) {
        progress({std::string(table.name), copied, total});
      }
    }
    if (table.key.empty() || in_page < kPage) {
      break;
    }
  }
  COVALUE_RETURN_IF_ERROR(batch.Flush());
  progress({std::string(table.name), copied, total});
  return copied;
}

// Whether target holds nothing but what its migrations wrote; otherwise whether it holds a
// complete copy of source (the same count in every table and the same chain head).
// source_counts: each table's rows in source, in kTables' order.
Result<bool> TargetHoldsCopy(const std::vector<std::int64_t>& source_counts, Connection& source,
                             Connection& target) {
  std::string first_data;
  for (const TableSpec& table : kTables) {
    COVALUE_ASSIGN_OR_RETURN(const std::int64_t n, Count(target, table.name));
    if (n > 0 && !Seeded(table.name) && first_data.empty()) {
      first_data = fmt::format("table {} has {} rows", table.name, n);
    }
  }
  if (first_data.empty()) {
    return false;
  }
  bool same = true;
  for (std::size_t i = 0; i < std::size(kTables); ++i) {
    COVALUE_ASSIGN_OR_RETURN(const std::int64_t b, Count(target, kTables[i].name));
    same = same && source_counts[i] == b;
  }
  COVALUE_ASSIGN_OR_RETURN(const std::string source_head, Head(source));
  COVALUE_ASSIGN_OR_RETURN(const std::string target_head, Head(target));
  if (same && source_head == target_head) {
    return true;
  }
  return Fail(ErrorCode::kConflict,
              fmt::format("the target database is not empty ({}); give a new or empty one",
                          first_data));
}

Result<CopyResult> CopyInTransactions(Connection& source, Connection& target,
                                      const std::function<void(const CopyProgress&)>& progress) {
  CopyResult result;
  // Counted once: source is read in one snapshot, so its counts hold for the whole copy.
  std::vector<std::int64_t> source_counts;
  for (const TableSpec& table : kTables) {
    COVALUE_ASSIGN_OR_RETURN(const std::int64_t n, Count(source, table.name));
    source_counts.push_back(n);
  }
  COVALUE_ASSIGN_OR_RETURN(result.already_copied,
                           TargetHoldsCopy(source_counts, source, target));
  for (std::size_t i = 0; i < std::size(kTables) && !result.already_copied; ++i) {
    const TableSpec& table = kTables[i];
    if (Seeded(table.name)) {
      COVALUE_RETURN_IF_ERROR(target.Execute(fmt::format("DELETE FROM {}", table.name)));
    }
    COVALUE_RETURN_IF_ERROR(CopyRows(source, target, table, source_counts[i], progress));
  }
  if (!result.already_copied && !target.dialect().RestartIdentities().empty()) {
    COVALUE_RETURN_IF_ERROR(target.Execute(target.dialect().RestartIdentities()));
  }
  // The count check, in the copy's own transaction: it commits only when every table matches.
  for (std::size_t i = 0; i < std::size(kTables); ++i) {
    const std::string_view table = kTables[i].name;
    COVALUE_ASSIGN_OR_RETURN(const std::int64_t b, Count(target, table));
    if (source_counts[i] != b) {
      return Fail(ErrorCode::kInternal, fmt::format("table {}: {} rows in the source, {} in the copy",
                                                    table, source_counts[i], b));
    }
    result.tables.push_back({std::string(table), b});
  }
  return result;
}

}  // namespace

Result<CopyResult> CopyTables(Connection& source, Connection& target,
                              const std::function<void(const CopyProgress&)>& progress) {
  COVALUE_RETURN_IF_ERROR(CheckTables(source, "source"));
  COVALUE_RETURN_IF_ERROR(CheckTables(target, "target"));
  COVALUE_RETURN_IF_ERROR(source.Execute(source.dialect().BeginRead()));
  if (auto begun = target.Execute(target.dialect().BeginWrite()); !begun) {
    (void)source.Execute("COMMIT");
    return Fail(begun.error());
  }
  auto copied = CopyInTransactions(source, target, progress);
  (void)source.Execute("COMMIT");
  if (!copied) {
    (void)target.Execute("ROLLBACK");
    return copied;
  }
  COVALUE_RETURN_IF_ERROR(target.Execute("COMMIT"));
  return copied;
}

}  // namespace covalue::store::sql
