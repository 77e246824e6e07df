#include "store/stratification_repository.h"

#include <algorithm>
#include <limits>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "store/sql/sql_repositories.h"

namespace covalue::store::sql {
namespace {

// "?, ?, ?" for n parameters.
std::string Placeholders(std::size_t n) {
  std::string list;
  for (std::size_t i = 0; i < n; ++i) list += i == 0 ? "?" : ", ?";
  return list;
}

std::string JoinValues(const std::vector<std::string>& values) {
  std::string joined;
  for (std::size_t i = 0; i < values.size(); ++i) joined += (i == 0 ? "" : "\n") + values[i];
  return joined;
}

std::vector<std::string> SplitValues(std::string_view joined) {
  std::vector<std::string> values;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = joined.find('\n', start);
    values.emplace_back(joined.substr(start, end - start));
    if (end == std::string_view::npos) return values;
    start = end + 1;
  }
}

// The population's observations of codes with from_ms < effective_ms <= to_ms as (patient_id,
// code, effective_ms, id, value): one range of observations_by_time per code, read from the
// index alone.
Result<Statement> ObservationsByTime(Connection& db, Id population_id,
                                     const std::vector<std::string>& codes, std::int64_t from_ms,
                                     std::int64_t to_ms) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db.Prepare("SELECT patient_id, code, effective_ms, id, value FROM observations "
                 "WHERE population_id = ? AND code IN (" +
                 Placeholders(codes.size()) + ") AND effective_ms > ? AND effective_ms <= ?"));
  query.Bind(population_id);
  for (const std::string& code : codes) query.Bind(code);
  query.Bind(from_ms).Bind(to_ms);
  return query;
}

}  // namespace

Status SqlStratificationRepository::WriteParts(const Stratification& s) {
  for (std::size_t i = 0; i < s.strata.size(); ++i) {
    const Stratum& stratum = s.strata[i];
    // A stratum without conditions is one row with an empty name, so that it is kept.
    const std::size_t rows = std::max<std::size_t>(stratum.conditions.size(), 1);
    for (std::size_t j = 0; j < rows; ++j) {
      const bool empty = stratum.conditions.empty();
      const StratumCondition none;
      const StratumCondition& c = empty ? none : stratum.conditions[j];
      COVALUE_ASSIGN_OR_RETURN(
          auto insert,
          db_.Prepare("INSERT INTO stratum_conditions (stratification_id, stratum, ord, "
                      "stratum_name, observation, name, op, value_list) VALUES (?, ?, ?, ?, ?, ?, "
                      "?, ?)"));
      COVALUE_RETURN_IF_ERROR(insert.Bind(s.id)
                                  .Bind(static_cast<std::int64_t>(i))
                                  .Bind(static_cast<std::int64_t>(j))
                                  .Bind(stratum.name)
                                  .Bind(std::int64_t{c.observation ? 1 : 0})
                                  .Bind(empty ? "" : c.name)
                                  .Bind(ConditionOpName(c.op))
                                  .Bind(JoinValues(c.values))
                                  .Run());
    }
  }
  for (std::size_t i = 0; i < s.scores.size(); ++i) {
    COVALUE_ASSIGN_OR_RETURN(
        auto insert, db_.Prepare("INSERT INTO stratification_scores (stratification_id, ord, "
                                 "code) VALUES (?, ?, ?)"));
    COVALUE_RETURN_IF_ERROR(
        insert.Bind(s.id).Bind(static_cast<std::int64_t>(i)).Bind(s.scores[i]).Run());
  }
  return Ok();
}

Status SqlStratificationRepository::ReadParts(Stratification& s) {
  COVALUE_ASSIGN_OR_RETURN(
      auto conditions,
      db_.Prepare("SELECT stratum, stratum_name, observation, name, op, value_list FROM "
                  "stratum_conditions WHERE stratification_id = ? ORDER BY stratum, ord"));
  conditions.Bind(s.id);
  for (;;) {
    COVALUE_ASSIGN_OR_RETURN(const bool row, conditions.Step());
    if (!row) break;
    const auto index = static_cast<std::size_t>(conditions.Int(0));
    if (s.strata.size() <= index) s.strata.resize(index + 1);
    Stratum& stratum = s.strata[index];
    stratum.name = conditions.Text(1);
    if (conditions.TextView(3).empty()) continue;  // a stratum without conditions
    stratum.conditions.push_back(StratumCondition{
        conditions.Int(2) != 0, conditions.Text(3),
        ParseConditionOp(conditions.TextView(4)).value_or(ConditionOp::kEq),
        SplitValues(conditions.TextView(5))});
  }
  COVALUE_ASSIGN_OR_RETURN(
      auto scores, db_.Prepare("SELECT code FROM stratification_scores WHERE "
                               "stratification_id = ? ORDER BY ord"));
  scores.Bind(s.id);
  COVALUE_ASSIGN_OR_RETURN(s.scores,
                           CollectRows(scores, [](const Statement& row) { return row.Text(0); }));
  return Ok();
}

Result<Stratification> SqlStratificationRepository::Create(const Stratification& s) {
  COVALUE_ASSIGN_OR_RETURN(
      auto insert,
      db_.Prepare("INSERT INTO stratifications (site_id, population_id, name, created_by, "
                  "created_ms) VALUES (?, ?, ?, ?, ?) RETURNING id"));
  insert.Bind(s.site_id).Bind(s.population_id).Bind(s.name).Bind(s.created_by).Bind(s.created_ms);
  Stratification stored = s;
  COVALUE_ASSIGN_OR_RETURN(stored.id, InsertedId(insert));
  COVALUE_RETURN_IF_ERROR(WriteParts(stored));
  return stored;
}

Result<Stratification> SqlStratificationRepository::Get(Id id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query, db_.Prepare("SELECT id, population_id, site_id, name, created_by, created_ms "
                              "FROM stratifications WHERE id = ?"));
  query.Bind(id);
  COVALUE_ASSIGN_OR_RETURN(
      Stratification s, ReadOne(query, [](const Statement& row) {
        return Stratification{row.Int(0), row.Int(1), row.Int(2), row.Text(3), {}, {},
                              row.Int(4), row.Int(5)};
      }, "no such stratification"));
  COVALUE_RETURN_IF_ERROR(ReadParts(s));
  return s;
}

Result<std::vector<Stratification>> SqlStratificationRepository::ListOfPopulation(
    Id population_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare("SELECT id FROM stratifications WHERE population_id = ? ORDER BY id"));
  query.Bind(population_id);
  COVALUE_ASSIGN_OR_RETURN(auto ids,
                           CollectRows(query, [](const Statement& row) { return row.Int(0); }));
  std::vector<Stratification> list;
  for (const Id id : ids) {
    COVALUE_ASSIGN_OR_RETURN(Stratification s, Get(id));
    list.push_back(std::move(s));
  }
  return list;
}

Status SqlStratificationRepository::Replace(const Stratification& s) {
  COVALUE_ASSIGN_OR_RETURN(auto update,
                           db_.Prepare("UPDATE stratifications SET name = ? WHERE id = ?"));
  COVALUE_RETURN_IF_ERROR(update.Bind(s.name).Bind(s.id).Run());
  if (db_.Changes() == 0) return Fail(ErrorCode::kNotFound, "no such stratification");
  for (const char* table : {"stratum_conditions", "stratification_scores"}) {
    COVALUE_ASSIGN_OR_RETURN(
        auto clear,
        db_.Prepare(fmt::format("DELETE FROM {} WHERE stratification_id = ?", table)));
    COVALUE_RETURN_IF_ERROR(clear.Bind(s.id).Run());
  }
  return WriteParts(s);
}

Result<std::vector<std::string>> SqlStratificationRepository::FieldNames(Id population_id) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query,
      db_.Prepare("SELECT DISTINCT f.name FROM patient_fields f JOIN patients p ON p.id = "
                  "f.patient_id WHERE p.population_id = ? ORDER BY f.name"));
  query.Bind(population_id);
  return CollectRows(query, [](const Statement& row) { return row.Text(0); });
}

Result<std::vector<StratumPerson>> SqlStratificationRepository::People(
    Id population_id, const std::vector<std::string>& fields) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query, db_.Prepare("SELECT id, birth_date, sex, diagnosis_date FROM patients WHERE "
                              "population_id = ? ORDER BY id"));
  query.Bind(population_id);
  COVALUE_ASSIGN_OR_RETURN(auto people, CollectRows(query, [](const Statement& row) {
                             return StratumPerson{row.Int(0), row.Text(1), row.Text(2),
                                                  row.Text(3)};
                           }));
  if (fields.empty() || people.empty()) return people;
  COVALUE_ASSIGN_OR_RETURN(
      auto values,
      db_.Prepare("SELECT f.patient_id, f.name, f.value FROM patient_fields f JOIN patients p ON "
                  "p.id = f.patient_id WHERE p.population_id = ? AND f.name IN (" +
                  Placeholders(fields.size()) + ") ORDER BY f.patient_id"));
  values.Bind(population_id);
  for (const std::string& field : fields) values.Bind(field);
  std::size_t at = 0;  // both in patient id order
  for (;;) {
    COVALUE_ASSIGN_OR_RETURN(const bool row, values.Step());
    if (!row) break;
    const Id patient = values.Int(0);
    while (at < people.size() && people[at].patient_id < patient) ++at;
    if (at < people.size() && people[at].patient_id == patient) {
      people[at].fields[values.Text(1)] = values.Text(2);
    }
  }
  return people;
}

Result<std::vector<LatestValue>> SqlStratificationRepository::LatestValues(
    Id population_id, const std::vector<std::string>& codes, std::int64_t recent_from_ms) {
  if (codes.empty()) return std::vector<LatestValue>();
  // First the rows after recent_from_ms, in one pass: each person's latest per code by time,
  // then id. Where the recent rows hold
  // everyone's, nothing more is read.
  struct Latest {
    std::int64_t at = 0;
    Id id = 0;
    double value = 0;
  };
  std::vector<std::map<Id, Latest>> found(codes.size());
  {
    COVALUE_ASSIGN_OR_RETURN(
        auto recent,
        ObservationsByTime(db_, population_id, codes, recent_from_ms,
                           std::numeric_limits<std::int64_t>::max()));
    for (;;) {
      COVALUE_ASSIGN_OR_RETURN(const bool row, recent.Step());
      if (!row) break;
      const auto c = static_cast<std::size_t>(
          std::find(codes.begin(), codes.end(), recent.TextView(1)) - codes.begin());
      if (c == codes.size()) continue;
      const Latest candidate{recent.Int(2), recent.Int(3), recent.Real(4)};
      auto [it, added] = found[c].try_emplace(recent.Int(0), candidate);
      if (!added && std::tie(candidate.at, candidate.id) > std::tie(it->second.at, it->second.id)) {
        it->second = candidate;
      }
    }
  }
  // Then everyone else, person by person (a list of their ids: on PostgreSQL an index scan of
  // the keys, where a filter over a long list would compare every pair): the end of their range
  // of observations_by_patient (patient, code, time, value), its latest time, then among the
  // rows of that time (nearly always one) the latest written.
  COVALUE_ASSIGN_OR_RETURN(auto everyone,
                           db_.Prepare("SELECT id FROM patients WHERE population_id = ?"));
  everyone.Bind(population_id);
  COVALUE_ASSIGN_OR_RETURN(const std::vector<Id> people,
                           CollectRows(everyone, [](const Statement& row) { return row.Int(0); }));
  std::vector<LatestValue> latest;
  for (std::size_t c = 0; c < codes.size(); ++c) {
    std::vector<Id> rest;
    for (Id person : people) {
      if (!found[c].contains(person)) rest.push_back(person);
    }
    if (!rest.empty()) {
      COVALUE_ASSIGN_OR_RETURN(
          auto query,
          db_.Prepare("SELECT p.id, (SELECT o.value FROM observations o WHERE o.patient_id = p.id "
                      "AND o.code = ? AND o.effective_ms = (SELECT max(m.effective_ms) FROM "
                      "observations m WHERE m.patient_id = p.id AND m.code = ?) ORDER BY o.id "
                      "DESC LIMIT 1) FROM patients p WHERE " +
                      db_.dialect().InIdList("p.id")));
      query.Bind(codes[c]).Bind(codes[c]).Bind(db_.dialect().IdList(rest));
      for (;;) {
        COVALUE_ASSIGN_OR_RETURN(const bool row, query.Step());
        if (!row) break;
        if (!query.IsNull(1)) found[c].emplace(query.Int(0), Latest{0, 0, query.Real(1)});
      }
    }
    for (const auto& [patient, value] : found[c]) {
      latest.push_back(LatestValue{patient, codes[c], value.value});
    }
  }
  return latest;
}

Result<std::vector<UtilisationEvent>> SqlStratificationRepository::Events(
    Id population_id, const std::vector<std::string>& codes, std::int64_t from_ms,
    std::int64_t to_ms) {
  if (codes.empty()) return std::vector<UtilisationEvent>();
  COVALUE_ASSIGN_OR_RETURN(auto query,
                           ObservationsByTime(db_, population_id, codes, from_ms, to_ms));
  return CollectRows(query, [&codes](const Statement& row) {
    const auto at = std::find(codes.begin(), codes.end(), row.TextView(1));
    return UtilisationEvent{row.Int(0), static_cast<std::size_t>(at - codes.begin()), row.Int(2),
                            row.Real(4)};
  });
}

}  // namespace covalue::store::sql
