#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "common/result.h"
#include "store/store.h"

namespace stepwise::store {

// One sqlite3 handle and its cached prepared statements; defined in sqlite_store.cc.
class SqliteConnection;

struct SqliteOptions {
  // true: every commit is synced to disk before Write returns (PRAGMA synchronous=FULL), so a
  // batch survives a power failure. false: synchronous=NORMAL, which in WAL mode still never
  // corrupts the database but may lose the last commits on a power failure (a crash of the
  // process loses nothing); for tests and benchmarks.
  bool sync = true;
};

// The embedded store: one SQLite database, `<directory>/stepwise.db`, in WAL mode. docs/store.md
// documents its schema and its durability contract.
//
// Writes go through one committer thread that owns the only write connection: Write queues its
// batch and waits; the committer takes every queued batch, applies them in one transaction, each
// inside its own savepoint, and commits once (group commit: one sync for many batches). A batch
// that fails (a duplicate event id, say) is rolled back to its savepoint and reports its error
// while the others of its group commit; an error that ends the whole transaction (the disk, a
// failed COMMIT) is reported to every batch of the group.
//
// Within a batch, deletions are applied first (state machines, aliases, activities), then puts
// (state machines, aliases, executions, events, activities), then tags (removals, then puts), so
// a batch that deletes and puts the same ARN leaves the new record. Deleting a state machine
// deletes its versions, its aliases and the tags of all of them, but not its executions, which
// stay readable as AWS's do; deleting an alias or an activity deletes its tags too.
//
// Reads use a pool of read connections, separate from the write connection, so they run
// concurrently with each other and with the committer; each read is one SQLite statement and so
// sees one consistent snapshot: every batch whose Write has returned, never part of a batch.
//
// Thread-safe. Not copyable or movable. The destructor must not run concurrently with any other
// call; it waits for the committer to finish the batches already queued.
class SqliteStore final : public Store {
 public:
  // Creates `directory` (and its parents) if needed, opens or creates `<directory>/stepwise.db`,
  // creates the tables if absent and starts the committer thread. Errors ("StoreError"): the
  // directory cannot be created or is not a directory, the database cannot be opened or is not a
  // Stepwise database, its schema version is newer than this program's.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& directory,
                                                   SqliteOptions options);

  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  // Store. Errors are "StoreError" with the message "<what>: <SQLite's message>".
  //
  // Write returns after the commit that contains batch (synced when options.sync); an empty batch
  // returns at once. A batch that violates a constraint (an event whose (execution ARN, id)
  // exists) fails alone, leaving nothing of itself behind.
  Result<void> Write(const WriteBatch& batch) override;
  Result<std::optional<StateMachineRecord>> GetStateMachine(std::string_view arn) override;
  Result<std::vector<StateMachineRecord>> ListStateMachines() override;
  Result<std::vector<StateMachineRecord>> ListVersions(std::string_view machine_arn) override;
  Result<std::optional<AliasRecord>> GetAlias(std::string_view arn) override;
  Result<std::vector<AliasRecord>> ListAliases(std::string_view machine_arn) override;
  Result<std::optional<ExecutionRecord>> GetExecution(std::string_view arn) override;
  // Newest first: by start_ms descending, then ARN descending. Empty filters match anything (an
  // empty state_machine_arn too, though without it the query scans every execution). A negative
  // limit means no limit.
  Result<std::vector<ExecutionRecord>> ListExecutions(const ExecutionQuery& query) override;
  // Oldest first: by start_ms, then ARN.
  Result<std::vector<ExecutionRecord>> ListRunningExecutions() override;
  // Ids are ranges as store.h says (a limit <= 0 reads nothing); first_id 0 starts from the
  // execution's smallest id going forward, or its largest going back. Ascending going forward,
  // descending going back.
  Result<std::vector<EventRecord>> ReadEvents(std::string_view execution_arn, int64_t first_id,
                                              int limit, bool reverse) override;
  Result<std::optional<std::string>> GetDefinition(std::string_view revision_id) override;
  Result<std::optional<std::string>> GetCheckpoint(std::string_view execution_arn) override;
  Result<std::optional<ActivityRecord>> GetActivity(std::string_view arn) override;
  Result<std::vector<ActivityRecord>> ListActivities() override;
  Result<std::vector<Tag>> ListTags(std::string_view resource_arn) override;

  // For tests and benchmarks: how many transactions the committer has committed since Open. With
  // concurrent writers it grows more slowly than the number of batches written.
  int64_t commits() const { return commits_.load(std::memory_order_relaxed); }

 private:
  class ReadLease;  // a read connection borrowed from the pool, returned when destroyed

  // A Write waiting for the committer; lives on the writer's stack until done. The committer
  // sets result, then done under queue_mutex_; the writer reads result only once it sees done.
  struct PendingWrite {
    const WriteBatch* batch = nullptr;
    Result<void> result;
    bool done = false;  // guarded by queue_mutex_
    std::condition_variable done_cv;
  };

  SqliteStore(std::string path, std::unique_ptr<SqliteConnection> writer);

  // The committer thread's loop, and one group's transaction.
  void RunCommitter();
  void CommitGroup(const std::vector<PendingWrite*>& group);

  // Borrows an idle read connection, opening one when none is idle.
  Result<ReadLease> AcquireReader();
  void ReleaseReader(std::unique_ptr<SqliteConnection> reader);

  const std::string path_;  // the database file
  // Used only by Open and then by the committer thread.
  const std::unique_ptr<SqliteConnection> writer_;

  std::mutex queue_mutex_;
  std::condition_variable queue_cv_;  // a batch was queued, or stopping_
  std::vector<PendingWrite*> queue_;  // guarded by queue_mutex_
  bool stopping_ = false;             // guarded by queue_mutex_
  std::atomic<int64_t> commits_{0};

  std::mutex readers_mutex_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;  // guarded by readers_mutex_

  std::thread committer_;  // started by Open, joined by the destructor before anything else
};

}  // namespace stepwise::store
