#include "store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <vector>

namespace stepwise::store {
namespace {

// docs/store.md describes each version's schema; Open refuses a database of a newer one.
constexpr int kSchemaVersion = 1;
constexpr char kDatabaseFile[] = "stepwise.db";
// How long a connection waits for a lock that another process holds (the committer's BEGIN
// IMMEDIATE, a reader during WAL recovery) before the statement fails with SQLITE_BUSY.
constexpr int kBusyTimeoutMs = 5000;
// Read connections kept open between reads; bursts beyond this open and close extra ones.
constexpr size_t kMaxIdleReaders = 4;

// Version 1. Every column of a record is NOT NULL except the optional ones of executions, so
// that an empty string and an absent value read back as they were written. Definitions, inputs
// and outputs can be large, so the tables that hold them keep their rowid (SQLite advises against
// WITHOUT ROWID for rows larger than about a twentieth of a page); events are WITHOUT ROWID
// because they are read by (execution_arn, id) ranges, which the primary key then serves
// directly.
constexpr char kSchema[] = R"sql(
CREATE TABLE IF NOT EXISTS state_machines (
  arn TEXT NOT NULL PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  definition TEXT NOT NULL,
  role_arn TEXT NOT NULL,
  status TEXT NOT NULL,
  creation_ms INTEGER NOT NULL,
  update_ms INTEGER NOT NULL,
  revision_id TEXT NOT NULL,
  logging_configuration TEXT NOT NULL,
  tracing_configuration TEXT NOT NULL,
  description TEXT NOT NULL,
  version_of TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS state_machines_by_name ON state_machines (version_of, name, arn);
CREATE INDEX IF NOT EXISTS state_machines_by_version ON state_machines (version_of, version);

CREATE TABLE IF NOT EXISTS aliases (
  arn TEXT NOT NULL PRIMARY KEY,
  state_machine_arn TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  routing_configuration TEXT NOT NULL,
  creation_ms INTEGER NOT NULL,
  update_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS aliases_by_machine ON aliases (state_machine_arn, name, arn);

CREATE TABLE IF NOT EXISTS executions (
  arn TEXT NOT NULL PRIMARY KEY,
  state_machine_arn TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  input TEXT NOT NULL,
  output TEXT,
  error TEXT,
  cause TEXT,
  start_ms INTEGER NOT NULL,
  stop_ms INTEGER NOT NULL,
  version_arn TEXT NOT NULL,
  alias_arn TEXT NOT NULL,
  trace_header TEXT NOT NULL,
  redrive_count INTEGER NOT NULL,
  redrive_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS executions_by_machine
  ON executions (state_machine_arn, start_ms DESC, arn DESC);
CREATE INDEX IF NOT EXISTS executions_running ON executions (start_ms, arn)
  WHERE status = 'RUNNING';

CREATE TABLE IF NOT EXISTS events (
  execution_arn TEXT NOT NULL,
  id INTEGER NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (execution_arn, id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS definitions (
  revision_id TEXT NOT NULL PRIMARY KEY,
  definition TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS checkpoints (
  execution_arn TEXT NOT NULL PRIMARY KEY,
  json TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS activities (
  arn TEXT NOT NULL PRIMARY KEY,
  name TEXT NOT NULL,
  creation_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS activities_by_name ON activities (name, arn);

CREATE TABLE IF NOT EXISTS tags (
  resource_arn TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (resource_arn, key)
) WITHOUT ROWID;
)sql";

// The statements. Column lists are spelled out in each so that the row readers below
// (ReadStateMachine, ...) can be checked against them by eye.
constexpr char kPutStateMachine[] =
    "INSERT OR REPLACE INTO state_machines (arn, name, type, definition, role_arn, status, "
    "creation_ms, update_ms, revision_id, logging_configuration, tracing_configuration, "
    "description, version_of, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kSelectStateMachine[] =
    "SELECT arn, name, type, definition, role_arn, status, creation_ms, update_ms, revision_id, "
    "logging_configuration, tracing_configuration, description, version_of, version "
    "FROM state_machines WHERE arn = ?";
constexpr char kSelectStateMachines[] =
    "SELECT arn, name, type, definition, role_arn, status, creation_ms, update_ms, revision_id, "
    "logging_configuration, tracing_configuration, description, version_of, version "
    "FROM state_machines WHERE version_of = '' ORDER BY name, arn";
constexpr char kSelectVersions[] =
    "SELECT arn, name, type, definition, role_arn, status, creation_ms, update_ms, revision_id, "
    "logging_configuration, tracing_configuration, description, version_of, version "
    "FROM state_machines WHERE version_of = ? ORDER BY version DESC";
// A machine's tags, its versions' and its aliases'. Runs before the versions and aliases go.
constexpr char kDeleteStateMachineTags[] =
    "DELETE FROM tags WHERE resource_arn IN (SELECT ?1 UNION ALL "
    "SELECT arn FROM state_machines WHERE version_of = ?1 UNION ALL "
    "SELECT arn FROM aliases WHERE state_machine_arn = ?1)";
constexpr char kDeleteStateMachineAliases[] = "DELETE FROM aliases WHERE state_machine_arn = ?";
constexpr char kDeleteStateMachine[] =
    "DELETE FROM state_machines WHERE arn = ?1 OR version_of = ?1";

constexpr char kPutAlias[] =
    "INSERT OR REPLACE INTO aliases (arn, state_machine_arn, name, description, "
    "routing_configuration, creation_ms, update_ms) VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr char kSelectAlias[] =
    "SELECT arn, state_machine_arn, name, description, routing_configuration, creation_ms, "
    "update_ms FROM aliases WHERE arn = ?";
constexpr char kSelectAliases[] =
    "SELECT arn, state_machine_arn, name, description, routing_configuration, creation_ms, "
    "update_ms FROM aliases WHERE state_machine_arn = ? ORDER BY name, arn";
constexpr char kDeleteAlias[] = "DELETE FROM aliases WHERE arn = ?";

// An upsert rather than INSERT OR REPLACE, which deletes the row and rewrites every index entry.
constexpr char kPutExecution[] =
    "INSERT INTO executions (arn, state_machine_arn, name, status, input, output, "
    "error, cause, start_ms, stop_ms, version_arn, alias_arn, trace_header, redrive_count, "
    "redrive_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (arn) DO UPDATE SET state_machine_arn = excluded.state_machine_arn, "
    "name = excluded.name, status = excluded.status, input = excluded.input, "
    "output = excluded.output, error = excluded.error, cause = excluded.cause, "
    "start_ms = excluded.start_ms, stop_ms = excluded.stop_ms, "
    "version_arn = excluded.version_arn, alias_arn = excluded.alias_arn, "
    "trace_header = excluded.trace_header, redrive_count = excluded.redrive_count, "
    "redrive_ms = excluded.redrive_ms";
constexpr char kSelectExecutionColumns[] =
    "SELECT arn, state_machine_arn, name, status, input, output, error, cause, start_ms, "
    "stop_ms, version_arn, alias_arn, trace_header, redrive_count, redrive_ms FROM executions";
constexpr char kSelectExecution[] =
    "SELECT arn, state_machine_arn, name, status, input, output, error, cause, start_ms, "
    "stop_ms, version_arn, alias_arn, trace_header, redrive_count, redrive_ms FROM executions "
    "WHERE arn = ?";
constexpr char kSelectRunningExecutions[] =
    "SELECT arn, state_machine_arn, name, status, input, output, error, cause, start_ms, "
    "stop_ms, version_arn, alias_arn, trace_header, redrive_count, redrive_ms FROM executions "
    "WHERE status = 'RUNNING' ORDER BY start_ms, arn";

constexpr char kAppendEvent[] = "INSERT INTO events (execution_arn, id, json) VALUES (?, ?, ?)";
// ReadEvents' four ranges. An arithmetic overflow near INT64_MAX makes SQLite compute in floating
// point, which still compares correctly, so first_id and limit need no clamping. A missing
// execution makes MIN/MAX NULL, and a comparison with NULL selects nothing.
constexpr char kReadEventsForward[] =
    "SELECT id, json FROM events WHERE execution_arn = ?1 AND id >= ?2 AND id < ?2 + ?3 "
    "ORDER BY id";
constexpr char kReadEventsBackward[] =
    "SELECT id, json FROM events WHERE execution_arn = ?1 AND id <= ?2 AND id > ?2 - ?3 "
    "ORDER BY id DESC";
constexpr char kReadEventsFromStart[] =
    "SELECT id, json FROM events WHERE execution_arn = ?1 AND "
    "id < (SELECT MIN(id) FROM events WHERE execution_arn = ?1) + ?2 ORDER BY id";
constexpr char kReadEventsFromEnd[] =
    "SELECT id, json FROM events WHERE execution_arn = ?1 AND "
    "id > (SELECT MAX(id) FROM events WHERE execution_arn = ?1) - ?2 ORDER BY id DESC";

constexpr char kPutDefinition[] =
    "INSERT OR IGNORE INTO definitions (revision_id, definition) VALUES (?, ?)";
constexpr char kSelectDefinition[] = "SELECT definition FROM definitions WHERE revision_id = ?";
constexpr char kPutCheckpoint[] =
    "INSERT OR REPLACE INTO checkpoints (execution_arn, json) VALUES (?, ?)";
constexpr char kDeleteCheckpoint[] = "DELETE FROM checkpoints WHERE execution_arn = ?";
constexpr char kSelectCheckpoint[] = "SELECT json FROM checkpoints WHERE execution_arn = ?";

constexpr char kPutActivity[] =
    "INSERT OR REPLACE INTO activities (arn, name, creation_ms) VALUES (?, ?, ?)";
constexpr char kSelectActivity[] = "SELECT arn, name, creation_ms FROM activities WHERE arn = ?";
constexpr char kSelectActivities[] =
    "SELECT arn, name, creation_ms FROM activities ORDER BY name, arn";
constexpr char kDeleteActivity[] = "DELETE FROM activities WHERE arn = ?";

constexpr char kPutTag[] =
    "INSERT INTO tags (resource_arn, key, value) VALUES (?, ?, ?) "
    "ON CONFLICT (resource_arn, key) DO UPDATE SET value = excluded.value";
constexpr char kRemoveTag[] = "DELETE FROM tags WHERE resource_arn = ? AND key = ?";
constexpr char kDeleteResourceTags[] = "DELETE FROM tags WHERE resource_arn = ?";
constexpr char kSelectTags[] = "SELECT key, value FROM tags WHERE resource_arn = ? ORDER BY key";

Error StoreError(std::string_view what, std::string_view subject, std::string_view detail) {
  std::string message(what);
  if (!subject.empty()) {
    message += ' ';
    message += subject;
  }
  message += ": ";
  message += detail;
  return Error("StoreError", std::move(message));
}

// A cached prepared statement in use: binds parameters in order, steps, reads columns. When it
// goes out of scope it resets the statement and clears its bindings, so that the cache can hand
// it out again and no binding outlives the text it points to. Text is bound without a copy
// (SQLITE_STATIC), so what is bound must outlive the Statement. Move-only.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* statement) : statement_(statement) {}
  Statement(Statement&& other) noexcept
      : statement_(std::exchange(other.statement_, nullptr)),
        next_parameter_(other.next_parameter_),
        bind_status_(other.bind_status_) {}
  Statement& operator=(Statement&&) = delete;
  ~Statement() {
    if (statement_ != nullptr) {
      sqlite3_reset(statement_);
      sqlite3_clear_bindings(statement_);
    }
  }

  Statement& Bind(std::string_view text) {
    // SQLite binds NULL for a null pointer, which an empty view may hold.
    const char* data = text.empty() ? "" : text.data();
    Check(sqlite3_bind_text64(statement_, next_parameter_++, data, text.size(), SQLITE_STATIC,
                              SQLITE_UTF8));
    return *this;
  }
  Statement& Bind(const std::string& text) { return Bind(std::string_view(text)); }
  Statement& Bind(int64_t value) {
    Check(sqlite3_bind_int64(statement_, next_parameter_++, value));
    return *this;
  }
  Statement& Bind(const std::optional<std::string>& text) {
    if (text.has_value()) return Bind(std::string_view(*text));
    Check(sqlite3_bind_null(statement_, next_parameter_++));
    return *this;
  }

  // Steps once: true when a row is ready, false when the statement has finished. The error says
  // "<what> <subject>: <SQLite's message>".
  Result<bool> Step(std::string_view what, std::string_view subject = {}) {
    if (bind_status_ != SQLITE_OK) return StoreError(what, subject, ErrorDetail());
    int status = sqlite3_step(statement_);
    if (status == SQLITE_ROW) return true;
    if (status == SQLITE_DONE) return false;
    return StoreError(what, subject, ErrorDetail());
  }

  // SQLite's message for the failure that Step just reported.
  const char* ErrorDetail() const {
    if (bind_status_ != SQLITE_OK) return sqlite3_errstr(bind_status_);
    return sqlite3_errmsg(sqlite3_db_handle(statement_));
  }

  // Steps to the end, ignoring rows (writes and PRAGMAs).
  Result<void> Run(std::string_view what, std::string_view subject = {}) {
    while (TRY(Step(what, subject))) {
    }
    return Ok();
  }

  int64_t Int(int column) const { return sqlite3_column_int64(statement_, column); }
  std::string Text(int column) const {
    // sqlite3_column_text before sqlite3_column_bytes, as SQLite's documentation prescribes.
    const unsigned char* text = sqlite3_column_text(statement_, column);
    if (text == nullptr) return std::string();
    return std::string(reinterpret_cast<const char*>(text),
                       static_cast<size_t>(sqlite3_column_bytes(statement_, column)));
  }
  std::optional<std::string> OptionalText(int column) const {
    if (sqlite3_column_type(statement_, column) == SQLITE_NULL) return std::nullopt;
    return Text(column);
  }

 private:
  // Keeps the first failure (a text over SQLite's length limit) for Step to report.
  void Check(int status) {
    if (bind_status_ == SQLITE_OK) bind_status_ = status;
  }

  sqlite3_stmt* statement_;
  int next_parameter_ = 1;
  int bind_status_ = SQLITE_OK;
};

// A hash that lets the statement cache be searched with a string_view.
struct SqlHash {
  using is_transparent = void;
  size_t operator()(std::string_view sql) const { return std::hash<std::string_view>()(sql); }
};

enum class Role { kWriter, kReader };

}  // namespace

// Not thread-safe: used by one thread at a time (the committer, or the reader that leased it),
// which is why it is opened with SQLITE_OPEN_NOMUTEX. A Statement from Prepare must be
// destroyed before the next Prepare of the same SQL and before the connection.
class SqliteConnection {
 public:
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path, Role role,
                                                        bool sync);

  ~SqliteConnection() {
    for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
    sqlite3_close_v2(db_);  // also rolls back a transaction left open by a failed Open
  }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  // The prepared statement for sql, prepared on first use and cached for the connection's life.
  Result<Statement> Prepare(std::string_view sql) {
    auto cached = statements_.find(sql);
    if (cached != statements_.end()) return Statement(cached->second);
    sqlite3_stmt* statement = nullptr;
    int status = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    if (status != SQLITE_OK) return StoreError("prepare a statement", {}, sqlite3_errmsg(db_));
    if (statement == nullptr) return StoreError("prepare a statement", {}, "no SQL");
    statements_.emplace(std::string(sql), statement);
    return Statement(statement);
  }

  // Runs a statement that returns no rows that matter.
  Result<void> Exec(std::string_view sql, std::string_view what) {
    Statement statement = TRY(Prepare(sql));
    return statement.Run(what);
  }

  // Runs several statements (the schema); not cached.
  Result<void> ExecScript(const char* sql, std::string_view what) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
      return StoreError(what, {}, sqlite3_errmsg(db_));
    }
    return Ok();
  }

  // Whether a transaction is open. SQLite ends one by itself after some errors (a full disk, an
  // I/O error), rolling it back.
  bool InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}

  sqlite3* const db_;
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> statements_;
};

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path, Role role,
                                                                 bool sync) {
  // The store's own locks keep each connection on one thread at a time, so SQLite's per-handle
  // mutex would only add cost.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (role == Role::kWriter) flags |= SQLITE_OPEN_CREATE;
  sqlite3* db = nullptr;
  int status = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (db == nullptr) return StoreError("open", path, sqlite3_errstr(status));
  // sqlite3_open_v2 returns a handle even when it fails; the connection owns and closes it.
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(db));
  if (status != SQLITE_OK) return StoreError("open", path, sqlite3_errmsg(db));
  sqlite3_busy_timeout(db, kBusyTimeoutMs);

  if (role == Role::kReader) {
    TRY(connection->Exec("PRAGMA query_only = ON", "configure a read connection"));
    return connection;
  }
  // WAL: readers see the last commit without blocking the writer, and a commit is one append
  // (and, with synchronous=FULL, one sync) of the write-ahead log. The mode is persistent; this
  // is also the first statement to read the file, so a file that is not a database fails here.
  {
    Statement journal_mode = TRY(connection->Prepare("PRAGMA journal_mode = WAL"));
    if (!TRY(journal_mode.Step("set the journal mode of", path)) || journal_mode.Text(0) != "wal") {
      return StoreError("set the journal mode of", path, "the database cannot use WAL mode");
    }
  }
  TRY(connection->Exec(sync ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL",
                       "set synchronous"));
  // The log is reused after each checkpoint but keeps the size of its largest burst; this caps
  // what it keeps on disk.
  TRY(connection->Exec("PRAGMA journal_size_limit = 67108864", "set the journal size limit"));
  return connection;
}

namespace {

// Creates the tables of a new database; checks the schema version of an existing one.
Result<void> PrepareSchema(SqliteConnection& db, const std::string& path) {
  TRY(db.Exec("BEGIN IMMEDIATE", "begin creating the schema"));
  int64_t version = 0;
  {
    Statement user_version = TRY(db.Prepare("PRAGMA user_version"));
    if (TRY(user_version.Step("read the schema version of", path))) version = user_version.Int(0);
  }
  if (version > kSchemaVersion) {
    (void)db.Exec("ROLLBACK", "roll back");
    return StoreError("open", path,
                      "schema version " + std::to_string(version) +
                          " is newer than this program's (" + std::to_string(kSchemaVersion) + ")");
  }
  if (version < kSchemaVersion) {
    TRY(db.ExecScript(kSchema, "create the schema"));
    TRY(db.Exec("PRAGMA user_version = " + std::to_string(kSchemaVersion),
                "set the schema version"));
  }
  return db.Exec("COMMIT", "commit the schema");
}

// Refuses an empty ARN where a delete would otherwise match records whose column is empty (every
// state machine has version_of '').
Result<void> CheckArn(std::string_view arn, std::string_view what) {
  if (arn.empty()) return StoreError(what, {}, "empty ARN");
  return Ok();
}

// Runs sql, whose one parameter is arn.
Result<void> RunOnArn(SqliteConnection& db, const char* sql, const std::string& arn,
                      std::string_view what) {
  Statement statement = TRY(db.Prepare(sql));
  statement.Bind(arn);
  return statement.Run(what, arn);
}

// Applies one batch inside the committer's transaction; see SqliteStore's contract for the order.
Result<void> ApplyBatch(SqliteConnection& db, const WriteBatch& batch) {
  for (const std::string& arn : batch.delete_state_machines) {
    TRY(CheckArn(arn, "delete a state machine"));
    TRY(RunOnArn(db, kDeleteStateMachineTags, arn, "delete the tags of"));
    TRY(RunOnArn(db, kDeleteStateMachineAliases, arn, "delete the aliases of"));
    TRY(RunOnArn(db, kDeleteStateMachine, arn, "delete state machine"));
  }
  for (const std::string& arn : batch.delete_aliases) {
    TRY(RunOnArn(db, kDeleteResourceTags, arn, "delete the tags of"));
    TRY(RunOnArn(db, kDeleteAlias, arn, "delete alias"));
  }
  for (const std::string& arn : batch.delete_activities) {
    TRY(RunOnArn(db, kDeleteResourceTags, arn, "delete the tags of"));
    TRY(RunOnArn(db, kDeleteActivity, arn, "delete activity"));
  }
  for (const StateMachineRecord& r : batch.put_state_machines) {
    Statement put = TRY(db.Prepare(kPutStateMachine));
    put.Bind(r.arn).Bind(r.name).Bind(r.type).Bind(r.definition).Bind(r.role_arn).Bind(r.status);
    put.Bind(r.creation_ms).Bind(r.update_ms).Bind(r.revision_id).Bind(r.logging_configuration);
    put.Bind(r.tracing_configuration).Bind(r.description).Bind(r.version_of).Bind(r.version);
    TRY(put.Run("put state machine", r.arn));
  }
  for (const AliasRecord& r : batch.put_aliases) {
    Statement put = TRY(db.Prepare(kPutAlias));
    put.Bind(r.arn).Bind(r.state_machine_arn).Bind(r.name).Bind(r.description);
    put.Bind(r.routing_configuration).Bind(r.creation_ms).Bind(r.update_ms);
    TRY(put.Run("put alias", r.arn));
  }
  for (const ExecutionRecord& r : batch.put_executions) {
    Statement put = TRY(db.Prepare(kPutExecution));
    put.Bind(r.arn).Bind(r.state_machine_arn).Bind(r.name).Bind(r.status).Bind(r.input);
    put.Bind(r.output).Bind(r.error).Bind(r.cause).Bind(r.start_ms).Bind(r.stop_ms);
    put.Bind(r.version_arn).Bind(r.alias_arn).Bind(r.trace_header).Bind(r.redrive_count);
    put.Bind(r.redrive_ms);
    TRY(put.Run("put execution", r.arn));
  }
  for (const WriteBatch::Events& appended : batch.append_events) {
    for (const EventRecord& event : appended.events) {
      Statement append = TRY(db.Prepare(kAppendEvent));
      append.Bind(appended.execution_arn).Bind(event.id).Bind(event.json);
      Result<void> appended_one = append.Run("append an event to", appended.execution_arn);
      if (!appended_one.ok()) {
        // Names the event: a batch may hold many, and SQLite's message does not say which.
        return StoreError("append event " + std::to_string(event.id) + " to",
                          appended.execution_arn, append.ErrorDetail());
      }
    }
  }
  for (const DefinitionRecord& r : batch.put_definitions) {
    Statement put = TRY(db.Prepare(kPutDefinition));
    put.Bind(r.revision_id).Bind(r.definition);
    TRY(put.Run("put the definition of revision", r.revision_id));
  }
  for (const CheckpointRecord& r : batch.put_checkpoints) {
    Statement put = TRY(db.Prepare(kPutCheckpoint));
    put.Bind(r.execution_arn).Bind(r.json);
    TRY(put.Run("put the checkpoint of", r.execution_arn));
  }
  for (const std::string& arn : batch.delete_checkpoints) {
    TRY(RunOnArn(db, kDeleteCheckpoint, arn, "delete the checkpoint of"));
  }
  for (const ActivityRecord& r : batch.put_activities) {
    Statement put = TRY(db.Prepare(kPutActivity));
    put.Bind(r.arn).Bind(r.name).Bind(r.creation_ms);
    TRY(put.Run("put activity", r.arn));
  }
  for (const WriteBatch::Tags& tags : batch.tags) {
    for (const std::string& key : tags.remove) {
      Statement remove = TRY(db.Prepare(kRemoveTag));
      remove.Bind(tags.resource_arn).Bind(key);
      TRY(remove.Run("untag", tags.resource_arn));
    }
    for (const Tag& tag : tags.put) {
      Statement put = TRY(db.Prepare(kPutTag));
      put.Bind(tags.resource_arn).Bind(tag.key).Bind(tag.value);
      TRY(put.Run("tag", tags.resource_arn));
    }
  }
  return Ok();
}

// Row readers; the column order is that of the SELECTs above.
StateMachineRecord ReadStateMachine(const Statement& row) {
  StateMachineRecord r;
  r.arn = row.Text(0);
  r.name = row.Text(1);
  r.type = row.Text(2);
  r.definition = row.Text(3);
  r.role_arn = row.Text(4);
  r.status = row.Text(5);
  r.creation_ms = row.Int(6);
  r.update_ms = row.Int(7);
  r.revision_id = row.Text(8);
  r.logging_configuration = row.Text(9);
  r.tracing_configuration = row.Text(10);
  r.description = row.Text(11);
  r.version_of = row.Text(12);
  r.version = row.Int(13);
  return r;
}

AliasRecord ReadAlias(const Statement& row) {
  AliasRecord r;
  r.arn = row.Text(0);
  r.state_machine_arn = row.Text(1);
  r.name = row.Text(2);
  r.description = row.Text(3);
  r.routing_configuration = row.Text(4);
  r.creation_ms = row.Int(5);
  r.update_ms = row.Int(6);
  return r;
}

ExecutionRecord ReadExecution(const Statement& row) {
  ExecutionRecord r;
  r.arn = row.Text(0);
  r.state_machine_arn = row.Text(1);
  r.name = row.Text(2);
  r.status = row.Text(3);
  r.input = row.Text(4);
  r.output = row.OptionalText(5);
  r.error = row.OptionalText(6);
  r.cause = row.OptionalText(7);
  r.start_ms = row.Int(8);
  r.stop_ms = row.Int(9);
  r.version_arn = row.Text(10);
  r.alias_arn = row.Text(11);
  r.trace_header = row.Text(12);
  r.redrive_count = row.Int(13);
  r.redrive_ms = row.Int(14);
  return r;
}

EventRecord ReadEvent(const Statement& row) { return EventRecord{row.Int(0), row.Text(1)}; }

ActivityRecord ReadActivity(const Statement& row) {
  return ActivityRecord{row.Text(0), row.Text(1), row.Int(2)};
}

Tag ReadTag(const Statement& row) { return Tag{row.Text(0), row.Text(1)}; }

// Steps select to the end, reading each row with read_row.
template <typename ReadRow>
auto ReadAll(Statement& select, ReadRow read_row, std::string_view what,
             std::string_view subject = {}) -> Result<std::vector<decltype(read_row(select))>> {
  std::vector<decltype(read_row(select))> records;
  while (TRY(select.Step(what, subject))) records.push_back(read_row(select));
  return records;
}

// Steps select once, reading the row if there is one.
template <typename ReadRow>
auto ReadOne(Statement& select, ReadRow read_row, std::string_view what, std::string_view subject)
    -> Result<std::optional<decltype(read_row(select))>> {
  if (!TRY(select.Step(what, subject))) return std::optional<decltype(read_row(select))>();
  return std::optional(read_row(select));
}

}  // namespace

// Returns its connection to the pool when destroyed. Move-only.
class SqliteStore::ReadLease {
 public:
  ReadLease(SqliteStore* store, std::unique_ptr<SqliteConnection> connection)
      : store_(store), connection_(std::move(connection)) {}
  ReadLease(ReadLease&& other) noexcept = default;
  ReadLease& operator=(ReadLease&&) = delete;
  ~ReadLease() {
    if (connection_ != nullptr) store_->ReleaseReader(std::move(connection_));
  }

  SqliteConnection* operator->() const { return connection_.get(); }

 private:
  SqliteStore* store_;
  std::unique_ptr<SqliteConnection> connection_;
};

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& directory,
                                                       SqliteOptions options) {
  if (directory.empty()) return StoreError("open the store", {}, "no directory given");
  if (sqlite3_threadsafe() == 0) {
    return StoreError("open the store", {}, "SQLite was built without thread support");
  }
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) return StoreError("create directory", directory, error.message());
  if (!std::filesystem::is_directory(directory, error)) {
    return StoreError("open the store in", directory, "not a directory");
  }
  std::string path = (std::filesystem::path(directory) / kDatabaseFile).string();

  std::unique_ptr<SqliteConnection> writer =
      TRY(SqliteConnection::Open(path, Role::kWriter, options.sync));
  TRY(PrepareSchema(*writer, path));
  std::unique_ptr<SqliteStore> store(new SqliteStore(std::move(path), std::move(writer)));
  // One reader now, so that a database that readers cannot open fails here, not at a read.
  TRY(store->AcquireReader());
  // std::thread reports a failure to start by throwing: the one exception the store catches.
  try {
    store->committer_ = std::thread([raw = store.get()] { raw->RunCommitter(); });
  } catch (const std::system_error& e) {
    return StoreError("start the committer thread", {}, e.what());
  }
  return store;
}

SqliteStore::SqliteStore(std::string path, std::unique_ptr<SqliteConnection> writer)
    : path_(std::move(path)), writer_(std::move(writer)) {}

SqliteStore::~SqliteStore() {
  {
    std::lock_guard lock(queue_mutex_);
    stopping_ = true;
  }
  queue_cv_.notify_one();
  if (committer_.joinable()) committer_.join();
  // Members go in reverse order: the idle readers close before the writer, so that the writer is
  // the last connection and checkpoints the log into the database as it closes.
}

Result<void> SqliteStore::Write(const WriteBatch& batch) {
  if (batch.empty()) return Ok();
  PendingWrite pending;
  pending.batch = &batch;
  std::unique_lock lock(queue_mutex_);
  queue_.push_back(&pending);
  queue_cv_.notify_one();
  pending.done_cv.wait(lock, [&pending] { return pending.done; });
  return std::move(pending.result);
}

void SqliteStore::RunCommitter() {
  std::vector<PendingWrite*> group;
  while (true) {
    {
      std::unique_lock lock(queue_mutex_);
      queue_cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and every queued batch has been committed
      // Everything queued while the previous group was committing forms the next group. The
      // swap hands the previous group's capacity back to the queue.
      group.swap(queue_);
    }
    CommitGroup(group);
    {
      // Notified under the lock: once a writer sees done it returns and its PendingWrite (with
      // the condition variable) is gone.
      std::lock_guard lock(queue_mutex_);
      for (PendingWrite* pending : group) {
        pending->done = true;
        pending->done_cv.notify_one();
      }
    }
    group.clear();
  }
}

void SqliteStore::CommitGroup(const std::vector<PendingWrite*>& group) {
  SqliteConnection& db = *writer_;
  // An error that ends the transaction fails every batch of the group that had not failed alone.
  auto fail_group = [&group, &db](const Error& error) {
    if (db.InTransaction()) (void)db.Exec("ROLLBACK", "roll back");
    for (PendingWrite* pending : group) {
      if (pending->result.ok()) pending->result = error;
    }
  };

  if (Result<void> begun = db.Exec("BEGIN IMMEDIATE", "begin a transaction"); !begun.ok()) {
    return fail_group(begun.error());
  }
  bool any_applied = false;
  for (PendingWrite* pending : group) {
    // Each batch in its own savepoint: one that fails is undone alone, and the others commit.
    if (Result<void> saved = db.Exec("SAVEPOINT batch", "open a savepoint"); !saved.ok()) {
      return fail_group(saved.error());
    }
    Result<void> applied = ApplyBatch(db, *pending->batch);
    if (applied.ok()) {
      if (Result<void> released = db.Exec("RELEASE batch", "release a savepoint"); !released.ok()) {
        return fail_group(released.error());
      }
      any_applied = true;
      continue;
    }
    pending->result = applied.release_error();
    if (!db.InTransaction()) {
      // SQLite rolled the whole transaction back (a full disk, an I/O error): the batches
      // applied before this one went with it.
      return fail_group(pending->result.error());
    }
    if (Result<void> undone = db.Exec("ROLLBACK TO batch", "roll back a savepoint"); !undone.ok()) {
      return fail_group(undone.error());
    }
    if (Result<void> released = db.Exec("RELEASE batch", "release a savepoint"); !released.ok()) {
      return fail_group(released.error());
    }
  }
  if (!any_applied) {
    (void)db.Exec("ROLLBACK", "roll back");
    return;
  }
  if (Result<void> committed = db.Exec("COMMIT", "commit"); !committed.ok()) {
    return fail_group(committed.error());
  }
  commits_.fetch_add(1, std::memory_order_relaxed);
}

Result<SqliteStore::ReadLease> SqliteStore::AcquireReader() {
  {
    std::lock_guard lock(readers_mutex_);
    if (!idle_readers_.empty()) {
      std::unique_ptr<SqliteConnection> reader = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return ReadLease(this, std::move(reader));
    }
  }
  // The sync setting matters only to the writer's commits.
  std::unique_ptr<SqliteConnection> reader =
      TRY(SqliteConnection::Open(path_, Role::kReader, /*sync=*/false));
  return ReadLease(this, std::move(reader));
}

void SqliteStore::ReleaseReader(std::unique_ptr<SqliteConnection> reader) {
  {
    std::lock_guard lock(readers_mutex_);
    if (idle_readers_.size() < kMaxIdleReaders) {
      idle_readers_.push_back(std::move(reader));
      return;
    }
  }
  reader.reset();  // closed outside the lock
}

Result<std::optional<StateMachineRecord>> SqliteStore::GetStateMachine(std::string_view arn) {
  ReadLease reader = TRY(AcquireReader());
  Statement select = TRY(reader->Prepare(kSelectStateMachine));
  select.Bind(arn);
  return ReadOne(select, ReadStateMachine, "read state machine", arn);
}

Result<std::vector<StateMachineRecord>> SqliteStore::ListStateMachines() {
  ReadLease reader = TRY(AcquireReader());
  Statement select = TRY(reader->Prepare(kSelectStateMachines));
  return ReadAll(select, ReadStateMachine, "list state machines");
}

Result<std::vector<StateMachineRecord>> SqliteStore::ListVersions(std::string_view machine_arn) {
  // version_of is '' for every machine; an empty ARN must not list them as versions.
  if (machine_arn.empty()) return std::vector<StateMachineRecord>();
  ReadLease reader = TRY(AcquireReader());
  Statement select = TRY(reader->Prepare(kSelectVersions));
  select.Bind(machine_arn);
  return ReadAll(select, ReadStateMachine, "list the versions of", machine_arn);
}

Result<std::optional<AliasRecord>> SqliteStore::GetAlias(std::string_view arn) {
  ReadLease reader = TRY(AcquireReader());
  Statement select = TRY(reader->Prepare(kSelectAlias));
  select.Bind(arn);
  return ReadOne(select, ReadAlias, "read alias", arn);
}

Result<std::vector<AliasRecord>> SqliteStore::ListAliases(std::string_view machine_arn) {
  ReadLease reader = TRY(AcquireReader());
  Statement select = TRY(reader->Prepare(kSelectAliases));
  select.Bind(machine_arn);
  return ReadAll(select, ReadAlias, "list the aliases of", machine_arn);
}

Result<std::optional<ExecutionRecord>> SqliteStore::GetExecution(std::string_view arn) {
  ReadLease reader = TRY(AcquireReader());
  Statement select = TRY(reader->Prepare(kSelectExecution));
  select.Bind(arn);
  return ReadOne(select, ReadExecution, "read execution", arn);
}

Result<std::vector<ExecutionRecord>> SqliteStore::ListExecutions(const ExecutionQuery& query) {
  // The SQL names only the filters that are set, so that the planner sees plain equalities and
  // walks executions_by_machine in its order; the few variants are cached like any statement.
  std::string sql = kSelectExecutionColumns;
  std::vector<std::string_view> texts;
  auto filter = [&sql, &texts](std::string_view condition, std::string_view value) {
    if (value.empty()) return;
    sql += texts.empty() ? " WHERE " : " AND ";
    sql += condition;
    texts.push_back(value);
  };
  filter("state_machine_arn = ?", query.state_machine_arn);
  filter("version_arn = ?", query.version_arn);
  filter("alias_arn = ?", query.alias_arn);
  filter("status = ?", query.status);
  bool paging = !query.after_arn.empty();
  if (paging) {
    // A row value: strictly after (after_start_ms, after_arn) in the descending order.
    sql += texts.empty() ? " WHERE " : " AND ";
    sql += "(start_ms, arn) < (?, ?)";
  }
  sql += " ORDER BY start_ms DESC, arn DESC LIMIT ?";

  ReadLease reader = TRY(AcquireReader());
  Statement select = TRY(reader->Prepare(sql));
  for (std::string_view text : texts) select.Bind(text);
  if (paging) select.Bind(query.after_start_ms).Bind(query.after_arn);
  select.Bind(static_cast<int64_t>(query.limit));
  return ReadAll(select, ReadExecution, "list the executions of", query.state_machine_arn);
}

Result<std::vector<ExecutionRecord>> SqliteStore::ListRunningExecutions() {
  ReadLease reader = TRY(AcquireReader());
  Statement select = TRY(reader->Prepare(kSelectRunningExecutions));
  return ReadAll(select, ReadExecution, "list running executions");
}

Result<std::vector<EventRecord>> SqliteStore::ReadEvents(std::string_view execution_arn,
                                                         int64_t first_id, int limit,
                                                         bool reverse) {
  if (limit <= 0) return std::vector<EventRecord>();
  const char* sql = first_id == 0 ? (reverse ? kReadEventsFromEnd : kReadEventsFromStart)
                                  : (reverse ? kReadEventsBackward : kReadEventsForward);
  ReadLease reader = TRY(AcquireReader());
  Statement select = TRY(reader->Prepare(sql));
  select.Bind(execution_arn);
  if (first_id != 0) select.Bind(first_id);
  select.Bind(static_cast<int64_t>(limit));
  return ReadAll(select, ReadEvent, "read the events of", execution_arn);
}

Result<std::optional<std::string>> SqliteStore::GetDefinition(std::string_view revision_id) {
  ReadLease reader = TRY(AcquireReader());
  Statement select = TRY(reader->Prepare(kSelectDefinition));
  select.Bind(revision_id);
  return ReadOne(select, [](const Statement& row) { return row.Text(0); },
                 "read the definition of revision", revision_id);
}

Result<std::optional<std::string>> SqliteStore::GetCheckpoint(std::string_view execution_arn) {
  ReadLease reader = TRY(AcquireReader());
  Statement select = TRY(reader->Prepare(kSelectCheckpoint));
  select.Bind(execution_arn);
  return ReadOne(select, [](const Statement& row) { return row.Text(0); },
                 "read the checkpoint of", execution_arn);
}

Result<std::optional<ActivityRecord>> SqliteStore::GetActivity(std::string_view arn) {
  ReadLease reader = TRY(AcquireReader());
  Statement select = TRY(reader->Prepare(kSelectActivity));
  select.Bind(arn);
  return ReadOne(select, ReadActivity, "read activity", arn);
}

Result<std::vector<ActivityRecord>> SqliteStore::ListActivities() {
  ReadLease reader = TRY(AcquireReader());
  Statement select = TRY(reader->Prepare(kSelectActivities));
  return ReadAll(select, ReadActivity, "list activities");
}

Result<std::vector<Tag>> SqliteStore::ListTags(std::string_view resource_arn) {
  ReadLease reader = TRY(AcquireReader());
  Statement select = TRY(reader->Prepare(kSelectTags));
  select.Bind(resource_arn);
  return ReadAll(select, ReadTag, "list the tags of", resource_arn);
}

}  // namespace stepwise::store
