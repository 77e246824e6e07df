#include "store/postgres/postgres_store.h"

#include "store/postgres/connection.h"
#include "store/postgres/events.h"
#include "store/postgres/migrations.h"
#include "store/postgres/observation_cursor.h"
#include "store/sql/migrations.h"
#include "store/sql/sql_store.h"

namespace covalue::store::postgres {
namespace {

// Connections to one database url: the writer's and the readers' are alike (a read runs in a
// read-only snapshot); each scans observations through a cursor. With a replica url, the
// replica's connections for ReadReplica, whose positions are WAL locations (LSNs).
class PostgresSource final : public sql::ConnectionSource {
 public:
  PostgresSource(std::string url, std::string replica_url)
      : url_(std::move(url)), replica_url_(std::move(replica_url)) {}

  Result<std::unique_ptr<sql::Connection>> Connect(Role role) override {
    COVALUE_ASSIGN_OR_RETURN(auto connection,
                             Connection::Open(role == Role::kReplica ? replica_url_ : url_));
    return std::unique_ptr<sql::Connection>(std::move(connection));
  }

  bool HasReplica() const override { return !replica_url_.empty(); }

  Result<std::string> Position(sql::Connection& primary) override {
    COVALUE_ASSIGN_OR_RETURN(auto query, primary.Prepare("SELECT pg_current_wal_lsn()::text"));
    COVALUE_ASSIGN_OR_RETURN(const bool row, query.Step());
    if (!row) {
      return Fail(ErrorCode::kInternal, "the primary gave no WAL position");
    }
    return query.Text(0);
  }

  // A replica promoted since (no longer replaying) counts by its own position.
  Result<bool> Replayed(sql::Connection& replica, const std::string& position) override {
    COVALUE_ASSIGN_OR_RETURN(
        auto query,
        replica.Prepare("SELECT COALESCE(pg_last_wal_replay_lsn(), pg_current_wal_lsn()) >= "
                        "CAST(? AS pg_lsn)"));
    query.Bind(position);
    COVALUE_ASSIGN_OR_RETURN(const bool row, query.Step());
    // A boolean arrives as the text "t" or "f".
    return row && query.TextView(0) == "t";
  }

  std::unique_ptr<sql::EventChannel> OpenEvents(sql::EventChannel::Deliver deliver) override {
    return std::make_unique<Events>(url_, std::move(deliver));
  }

  std::unique_ptr<sql::ObservationScan> ScanOver(sql::Connection& connection,
                                                 Role role) override {
    return std::make_unique<ObservationCursor>(connection, role == Role::kWriter);
  }

 private:
  const std::string url_;
  const std::string replica_url_;  // empty: no replica
};

// The cluster a connection's server belongs to (a standby shares its primary's).
Result<std::string> ClusterOf(sql::Connection& connection) {
  COVALUE_ASSIGN_OR_RETURN(
      auto query, connection.Prepare("SELECT system_identifier::text FROM pg_control_system()"));
  COVALUE_ASSIGN_OR_RETURN(const bool row, query.Step());
  if (!row) {
    return Fail(ErrorCode::kInternal, "the server did not name its cluster");
  }
  return query.Text(0);
}

// A replica that can be reached must be a standby of the primary's cluster: a url naming another
// server would otherwise answer reads from other data, or never catch up. One that cannot be
// reached now is accepted: the primary answers until it can.
Status CheckReplica(sql::Connection& primary, const std::string& replica_url) {
  auto replica = Connection::Open(replica_url);
  if (!replica) {
    return Ok();
  }
  COVALUE_ASSIGN_OR_RETURN(const std::string primary_cluster, ClusterOf(primary));
  COVALUE_ASSIGN_OR_RETURN(const std::string replica_cluster, ClusterOf(**replica));
  if (primary_cluster != replica_cluster) {
    return Fail(ErrorCode::kInvalidArgument,
                "the replica is not a standby of the database's server (another cluster)",
                "db-replica");
  }
  return Ok();
}

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url,
                                                 const PostgresOptions& options) {
  COVALUE_ASSIGN_OR_RETURN(auto writer, Connection::Open(url));
  COVALUE_RETURN_IF_ERROR(sql::Migrate(*writer, options.opened_ms, &PostgresPiece));
  if (!options.replica_url.empty()) {
    COVALUE_RETURN_IF_ERROR(CheckReplica(*writer, options.replica_url));
  }
  return sql::MakeSqlStore(std::make_unique<PostgresSource>(url, options.replica_url),
                           std::move(writer), {.max_group_size = options.max_group_size});
}

}  // namespace covalue::store::postgres
