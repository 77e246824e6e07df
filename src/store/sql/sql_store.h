#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "domain/error.h"
#include "store/sql/connection.h"
#include "store/sql/observation_scan.h"
#include "store/store.h"

namespace covalue::store::sql {

// How a driver carries events between the processes on one database (Store::Publish).
class EventChannel {
 public:
  // Called with each event another process published, on the channel's own thread; with empty
  // channel and message when events may have been missed.
  using Deliver = std::function<void(std::string_view channel, std::string_view message)>;
  virtual ~EventChannel() = default;
  virtual void Publish(std::string_view channel, std::string_view message) = 0;
};

// What a driver gives the store that runs the repositories over its connections: new
// connections, and its way of serving the observation rescan over one.
class ConnectionSource {
 public:
  enum class Role { kWriter, kReader, kReplica };

  virtual ~ConnectionSource() = default;
  // A new connection: the writer's, or one for the pool of readers. kUnavailable when the
  // database cannot be reached.
  [[nodiscard]] virtual Result<std::unique_ptr<Connection>> Connect(Role role) = 0;
  // The events between processes, delivered through deliver; nullptr where one process has
  // the database (SQLite).
  [[nodiscard]] virtual std::unique_ptr<EventChannel> OpenEvents(EventChannel::Deliver deliver) {
    (void)deliver;
    return nullptr;
  }
  // Whether the driver has a streaming replica (Role::kReplica) for Store::ReadReplica.
  virtual bool HasReplica() const { return false; }
  // The primary's position in its history now, over one of its connections: every write
  // committed before the call is at or before it.
  [[nodiscard]] virtual Result<std::string> Position(Connection& primary) {
    (void)primary;
    return std::string();
  }
  // Whether the replica behind connection has replayed the history up to position.
  [[nodiscard]] virtual Result<bool> Replayed(Connection& replica, const std::string& position) {
    (void)replica;
    (void)position;
    return true;
  }
  // The rescan over a connection of that role.
  [[nodiscard]] virtual std::unique_ptr<ObservationScan> ScanOver(Connection& connection,
                                                                  Role role) = 0;
};

struct SqlStoreOptions {
  // Most writes one group commit may hold. Default: 256.
  int max_group_size = 256;
  // How long a ReadReplica waits for a lagging replica to replay the writes it must see before
  // the primary answers instead. Default: 100 ms.
  std::chrono::milliseconds replica_wait{100};
};

// The Store every driver opens (store/store.h): one writer thread that commits the queued writes
// in groups, each write in its own savepoint, with one durable commit per group; reads on
// snapshots of pooled reader connections (Dialect::BeginWrite / BeginRead say how each
// transaction begins), and ReadReplica's on pooled replica connections when the source has a
// replica. A connection that reports itself broken is dropped and replaced on its
// next use, so the store comes back by itself when its database does; meanwhile every call
// answers kUnavailable.
[[nodiscard]] std::unique_ptr<Store> MakeSqlStore(std::unique_ptr<ConnectionSource> source,
                                                  std::unique_ptr<Connection> writer,
                                                  SqlStoreOptions options = {});

}  // namespace covalue::store::sql
