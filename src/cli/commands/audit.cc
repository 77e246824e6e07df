#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/kernel/audit_chain.h"
#include "cli/commands/commands.h"
#include "cli/exit_code.h"
#include "http/json/serializers.h"

namespace covalue::cli {
namespace {

struct AuditOptions {
  std::string db;
  int limit = 50;
  Id after = 0;
  bool json = false;
};

int Verify(const AuditOptions& o) {
  auto store = OpenDatabase(o.db);
  if (!store) {
    return ReportError(store.error());
  }
  auto result = app::VerifyAuditTrail(**store);
  if (!result) {
    return ReportError(result.error());
  }
  if (result->broken) {
    fmt::print(stderr, "covalue: audit record {} is broken: {}\n", result->broken->seq,
               result->broken->reason);
    return kExitCheckFailed;
  }
  fmt::print("the audit trail is intact: {} records\n", result->records);
  return kExitOk;
}

int List(const AuditOptions& o) {
  auto store = OpenDatabase(o.db);
  if (!store) {
    return ReportError(store.error());
  }
  app::App app(**store);
  const app::RequestContext ctx{app::SystemPrincipal(), "cli", "cli"};
  store::AuditQuery oldest_first;  // the command line tails the trail: --after the last seq read
  oldest_first.newest_first = false;
  auto page = app.audit().List(ctx, PageRequest{o.after, o.limit}, oldest_first);
  if (!page) {
    return ReportError(page.error());
  }
  if (o.json) {
    fmt::print("{}\n", http::PageJson(*page).dump(2));
    return kExitOk;
  }
  fmt::print("{:<7} {:<14} {:<8} {:<20} {:<16} {:<8} {}\n", "seq", "time_ms", "user", "action",
             "resource", "outcome", "request_id");
  for (const AuditRecord& r : page->items) {
    fmt::print("{:<7} {:<14} {:<8} {:<20} {:<16} {:<8} {}\n", r.seq, r.time_ms,
               r.user_id ? std::to_string(*r.user_id) : "-", r.action,
               r.resource_type + (r.resource_id.empty() ? "" : ":" + r.resource_id),
               AuditOutcomeName(r.outcome), r.request_id);
  }
  if (page->next) {
    fmt::print(stderr, "covalue: more records follow: --after {}\n", *page->next);
  }
  return kExitOk;
}

}  // namespace

void AddAuditCommand(CLI::App& root, int* exit_code) {
  auto* audit = root.add_subcommand("audit", "Check and read the audit trail");
  audit->require_subcommand(1);

  auto verify = std::make_shared<AuditOptions>();
  auto* verify_cmd = audit->add_subcommand(
      "verify", "Check the hash chain; exit 1 naming the first broken record");
  AddDbOption(*verify_cmd, &verify->db);
  verify_cmd->callback([verify, exit_code] { *exit_code = Verify(*verify); });

  auto list = std::make_shared<AuditOptions>();
  auto* list_cmd = audit->add_subcommand("list", "Print audit records, oldest first");
  AddDbOption(*list_cmd, &list->db);
  list_cmd->add_option("--limit", list->limit, "Records per page")
      ->default_val(50)
      ->check(CLI::Range(1, PageRequest::kMaxLimit));
  list_cmd->add_option("--after", list->after, "Start after this sequence number")->default_val(0);
  list_cmd->add_flag("--json", list->json, "Print {items, next} as JSON");
  list_cmd->callback([list, exit_code] { *exit_code = List(*list); });
}

}  // namespace covalue::cli
