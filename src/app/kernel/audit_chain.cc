#include "app/kernel/audit_chain.h"

#include <fmt/format.h>

#include "app/kernel/crypto.h"
#include "store/audit_repository.h"

namespace covalue::app {
namespace {

void Put(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

std::string OptionalId(const std::optional<Id>& id) { return id ? std::to_string(*id) : "-"; }

}  // namespace

std::string AuditChainHash(const AuditRecord& r) {
  std::string bytes;
  Put(bytes, r.prev_hash);
  Put(bytes, std::to_string(r.seq));
  Put(bytes, std::to_string(r.time_ms));
  Put(bytes, OptionalId(r.user_id));
  Put(bytes, r.role);
  Put(bytes, r.action);
  Put(bytes, r.resource_type);
  Put(bytes, r.resource_id);
  Put(bytes, OptionalId(r.person_id));
  Put(bytes, OptionalId(r.site_id));
  Put(bytes, AuditOutcomeName(r.outcome));
  Put(bytes, r.request_id);
  // Added later: records without them hash as they always did.
  if (!r.person_ids.empty() || !r.client_address.empty()) {
    std::string persons;
    for (Id id : r.person_ids) {
      persons += persons.empty() ? "" : ",";
      persons += std::to_string(id);
    }
    Put(bytes, persons);
    Put(bytes, r.client_address);
  }
  return crypto::Blake2bHex(bytes);
}

Result<AuditVerification> VerifyAuditTrail(store::Store& store) {
  AuditVerification result;
  std::optional<AuditBreak>& broken = result.broken;
  std::int64_t expected_seq = 1;
  std::string prev_hash(64, '0');
  COVALUE_RETURN_IF_ERROR(store.Read([&](store::Repositories& repos) {
    return repos.Audit().Scan([&](const AuditRecord& r) {
      ++result.records;
      if (r.seq != expected_seq) {
        broken = AuditBreak{r.seq, fmt::format("record {} is missing", expected_seq)};
      } else if (r.prev_hash != prev_hash) {
        broken = AuditBreak{r.seq, "its link to the previous record does not match"};
      } else if (AuditChainHash(r) != r.hash) {
        broken = AuditBreak{r.seq, "its content does not match its hash"};
      }
      expected_seq = r.seq + 1;
      prev_hash = r.hash;
      return !broken.has_value();
    });
  }));
  return result;
}

}  // namespace covalue::app
