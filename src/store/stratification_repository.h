#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/stratification.h"

namespace covalue::store {

// One person of a population as a stratification reads them.
struct StratumPerson {
  Id patient_id = 0;
  std::string birth_date;      // YYYY-MM-DD
  std::string sex;             // domain/registry.h SexName
  std::string diagnosis_date;  // "" when not known
  std::map<std::string, std::string> fields = {};  // the variables asked for that they have
};

// The latest value of one code for one person.
struct LatestValue {
  Id patient_id = 0;
  std::string code;
  double value = 0;
};

// One observation of a utilisation code; code is its index in the codes asked for (hundreds of
// thousands of events carry no string).
struct UtilisationEvent {
  Id patient_id = 0;
  std::size_t code = 0;
  std::int64_t effective_ms = 0;
  double quantity = 0;
};

// Populations' stratifications, and the registry's numbers they are computed from.
class StratificationRepository {
 public:
  virtual ~StratificationRepository() = default;
  // A new stratification (id set); kInvalidArgument for an unknown population.
  [[nodiscard]] virtual Result<Stratification> Create(const Stratification& stratification) = 0;
  // kNotFound when absent.
  [[nodiscard]] virtual Result<Stratification> Get(Id id) = 0;
  // The population's, in id order.
  [[nodiscard]] virtual Result<std::vector<Stratification>> ListOfPopulation(Id population_id) = 0;
  // Replaces its name, strata and scores; kNotFound when absent.
  [[nodiscard]] virtual Status Replace(const Stratification& stratification) = 0;

  // The names of the variables the population's people have, sorted.
  [[nodiscard]] virtual Result<std::vector<std::string>> FieldNames(Id population_id) = 0;
  // The population's people in id order, with the variables named in fields they have.
  [[nodiscard]] virtual Result<std::vector<StratumPerson>> People(
      Id population_id, const std::vector<std::string>& fields) = 0;
  // For each person of the population and each code (plain codes, any system), the value of
  // their latest observation of it (by time, then id), if they have one; by code, then person.
  // recent_from_ms says where to look first (rows after it, read in one pass: on PostgreSQL the
  // older monthly partitions stay closed), the rest person by person; the answer is the same
  // whatever it is.
  [[nodiscard]] virtual Result<std::vector<LatestValue>> LatestValues(
      Id population_id, const std::vector<std::string>& codes, std::int64_t recent_from_ms) = 0;
  // The population's observations of the codes with from_ms < effective_ms <= to_ms, in no
  // stated order. (Summing them in the database, per person, code and price period, was slower
  // on SQLite: its aggregates cost more per row than handing the rows over.)
  [[nodiscard]] virtual Result<std::vector<UtilisationEvent>> Events(
      Id population_id, const std::vector<std::string>& codes, std::int64_t from_ms,
      std::int64_t to_ms) = 0;
};

}  // namespace covalue::store
