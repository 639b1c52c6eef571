#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

// What the service keeps: state machines (and their versions and aliases), executions and their
// history, activities, tags. The Store interface is what the embedded SQLite store implements
// today and a PostgreSQL store will implement for several nodes; docs/store.md documents the
// schema and the formats of what is stored.
//
// Records hold AWS's values as the API shows them (ARNs, names, statuses); JSON documents that
// the store does not look into (a definition, a logging configuration, an execution's input, a
// history event) are kept as JSON text.
namespace stepwise::store {

// A state machine, or one published version of it (the version's ARN ends in ":<n>").
struct StateMachineRecord {
  std::string arn;
  std::string name;
  std::string type = "STANDARD";  // "STANDARD" | "EXPRESS"
  std::string definition;         // the definition's JSON text, as given
  std::string role_arn;
  std::string status = "ACTIVE";  // "ACTIVE" | "DELETING"
  int64_t creation_ms = 0;        // a version: when it was published
  int64_t update_ms = 0;          // 0: never updated
  std::string revision_id;        // changes with every update of the definition or role
  std::string logging_configuration;  // JSON text; empty: AWS's default (level OFF)
  std::string tracing_configuration;  // JSON text; empty: disabled
  std::string description;            // versions: the versionDescription
  // Versions: the state machine they were published from and their number; 0 for the machine.
  std::string version_of;
  int64_t version = 0;
};

// An alias: a name routing executions to one or two versions by weight.
struct AliasRecord {
  std::string arn;
  std::string state_machine_arn;
  std::string name;
  std::string description;
  std::string routing_configuration;  // JSON text: [{"stateMachineVersionArn", "weight"}]
  int64_t creation_ms = 0;
  int64_t update_ms = 0;
};

// An execution, Standard or Express, as DescribeExecution shows it.
struct ExecutionRecord {
  std::string arn;
  std::string state_machine_arn;  // the machine's ARN (not the version's or alias's)
  std::string name;
  std::string status = "RUNNING";  // RUNNING | SUCCEEDED | FAILED | TIMED_OUT | ABORTED | PENDING_REDRIVE
  std::string input;               // JSON text
  std::optional<std::string> output;  // JSON text, once it succeeded
  std::optional<std::string> error;
  std::optional<std::string> cause;
  int64_t start_ms = 0;
  int64_t stop_ms = 0;  // 0 while running
  std::string version_arn;  // started through a version or an alias
  std::string alias_arn;
  std::string trace_header;
  int64_t redrive_count = 0;
  int64_t redrive_ms = 0;
};

// One event of an execution's history, stored as GetExecutionHistory returns it.
struct EventRecord {
  int64_t id = 0;
  std::string json;  // the whole event object's JSON text (docs/history.md)
};

// A definition as executions ran it, by the revision of the machine it belonged to: a running
// execution keeps its definition when its machine is updated or deleted, and must find it again
// after a restart.
struct DefinitionRecord {
  std::string revision_id;
  std::string definition;
};

// Where a running Standard execution resumes after a restart: its position, as the engine
// serializes it (JSON text, docs/store.md), and the last event id it accounts for.
struct CheckpointRecord {
  std::string execution_arn;
  std::string json;
};

struct ActivityRecord {
  std::string arn;
  std::string name;
  int64_t creation_ms = 0;
};

struct Tag {
  std::string key;
  std::string value;
};

// ListExecutions' query: executions of one machine (or of one version or alias), optionally of
// one status, newest first, after a position that the previous page returned.
struct ExecutionQuery {
  std::string state_machine_arn;
  std::string version_arn;  // non-empty: only executions started through this version
  std::string alias_arn;    // non-empty: only executions started through this alias
  std::string status;       // empty: any
  // Paging: the position just past the previous page's last execution (0/"" for the first).
  int64_t after_start_ms = 0;
  std::string after_arn;
  int limit = 100;
};

// Writes that are applied together or not at all: a transition's events with the execution's
// new status, a machine with its tags. Intentionally copyable.
struct WriteBatch {
  std::vector<StateMachineRecord> put_state_machines;
  std::vector<std::string> delete_state_machines;  // also its versions, aliases and tags
  std::vector<AliasRecord> put_aliases;
  std::vector<std::string> delete_aliases;
  std::vector<ExecutionRecord> put_executions;
  struct Events {
    std::string execution_arn;
    std::vector<EventRecord> events;
  };
  std::vector<Events> append_events;
  std::vector<DefinitionRecord> put_definitions;   // kept if the revision is stored already
  std::vector<CheckpointRecord> put_checkpoints;  // replacing the execution's previous one
  std::vector<std::string> delete_checkpoints;     // execution ARNs
  std::vector<ActivityRecord> put_activities;
  std::vector<std::string> delete_activities;
  struct Tags {
    std::string resource_arn;
    std::vector<Tag> put;               // added, or replacing the value of a key
    std::vector<std::string> remove;    // keys
  };
  std::vector<Tags> tags;

  bool empty() const {
    return put_state_machines.empty() && delete_state_machines.empty() && put_aliases.empty() &&
           delete_aliases.empty() && put_executions.empty() && append_events.empty() &&
           put_definitions.empty() && put_checkpoints.empty() && delete_checkpoints.empty() && put_activities.empty() &&
           delete_activities.empty() && tags.empty();
  }
};

// The service's storage. Errors are infrastructure errors ("StoreError": the disk, a corrupt
// file); a record that does not exist is an empty optional, not an error.
//
// Thread-safe: reads may run concurrently with each other and with Write; a read sees every
// batch whose Write has returned, and never part of a batch.
class Store {
 public:
  virtual ~Store() = default;

  // Applies batch atomically and durably: when Write returns, the batch survives a crash.
  // Concurrent writers are committed together (one sync for many batches).
  virtual Result<void> Write(const WriteBatch& batch) = 0;

  virtual Result<std::optional<StateMachineRecord>> GetStateMachine(std::string_view arn) = 0;
  // State machines (not versions), ordered by name.
  virtual Result<std::vector<StateMachineRecord>> ListStateMachines() = 0;
  // The versions of a state machine, newest first.
  virtual Result<std::vector<StateMachineRecord>> ListVersions(std::string_view machine_arn) = 0;

  virtual Result<std::optional<AliasRecord>> GetAlias(std::string_view arn) = 0;
  // A state machine's aliases, ordered by name.
  virtual Result<std::vector<AliasRecord>> ListAliases(std::string_view machine_arn) = 0;

  virtual Result<std::optional<ExecutionRecord>> GetExecution(std::string_view arn) = 0;
  virtual Result<std::vector<ExecutionRecord>> ListExecutions(const ExecutionQuery& query) = 0;
  // Executions whose status is RUNNING, of every machine (for resuming after a restart).
  virtual Result<std::vector<ExecutionRecord>> ListRunningExecutions() = 0;

  // Events of an execution with ids in [first_id, first_id + limit) going forward, or
  // (first_id - limit, first_id] going back when reverse; first_id 0 means from the start (or,
  // reverse, from the end).
  virtual Result<std::vector<EventRecord>> ReadEvents(std::string_view execution_arn,
                                                      int64_t first_id, int limit,
                                                      bool reverse) = 0;

  // The definition of a machine revision that executions ran, if stored.
  virtual Result<std::optional<std::string>> GetDefinition(std::string_view revision_id) = 0;
  // A running execution's checkpoint (its JSON text), if one was written.
  virtual Result<std::optional<std::string>> GetCheckpoint(std::string_view execution_arn) = 0;

  virtual Result<std::optional<ActivityRecord>> GetActivity(std::string_view arn) = 0;
  // Activities, ordered by name.
  virtual Result<std::vector<ActivityRecord>> ListActivities() = 0;

  // A resource's tags, ordered by key.
  virtual Result<std::vector<Tag>> ListTags(std::string_view resource_arn) = 0;
};

}  // namespace stepwise::store
