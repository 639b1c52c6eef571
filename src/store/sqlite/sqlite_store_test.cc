#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

namespace stepwise::store {
namespace {

template <typename T>
::testing::AssertionResult IsOk(const Result<T>& result) {
  if (result.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << result.error().name() << ": " << result.error().message();
}

// Field-by-field views, so that EXPECT_EQ compares (and prints) whole records.
auto Fields(const StateMachineRecord& r) {
  return std::tie(r.arn, r.name, r.type, r.definition, r.role_arn, r.status, r.creation_ms,
                  r.update_ms, r.revision_id, r.logging_configuration, r.tracing_configuration,
                  r.description, r.version_of, r.version);
}
auto Fields(const AliasRecord& r) {
  return std::tie(r.arn, r.state_machine_arn, r.name, r.description, r.routing_configuration,
                  r.creation_ms, r.update_ms);
}
auto Fields(const ExecutionRecord& r) {
  return std::tie(r.arn, r.state_machine_arn, r.name, r.status, r.input, r.output, r.error, r.cause,
                  r.start_ms, r.stop_ms, r.version_arn, r.alias_arn, r.trace_header,
                  r.redrive_count, r.redrive_ms);
}
auto Fields(const ActivityRecord& r) { return std::tie(r.arn, r.name, r.creation_ms); }

constexpr char kMachineArn[] = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";

StateMachineRecord Machine(std::string name) {
  StateMachineRecord r;
  r.arn = "arn:aws:states:us-east-1:123456789012:stateMachine:" + name;
  r.name = std::move(name);
  r.type = "EXPRESS";
  r.definition = R"({"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}})";
  r.role_arn = "arn:aws:iam::123456789012:role/stepwise";
  r.status = "ACTIVE";
  r.creation_ms = 1700000000123;
  r.update_ms = 1700000000456;
  r.revision_id = "rev-1";
  r.logging_configuration = R"({"level":"ALL","includeExecutionData":true})";
  r.tracing_configuration = R"({"enabled":true})";
  r.description = "a machine";
  return r;
}

StateMachineRecord Version(const StateMachineRecord& machine, int64_t number) {
  StateMachineRecord r = machine;
  r.arn = machine.arn + ":" + std::to_string(number);
  r.version_of = machine.arn;
  r.version = number;
  r.description = "version " + std::to_string(number);
  r.creation_ms = machine.creation_ms + number;
  return r;
}

ExecutionRecord Execution(std::string name, int64_t start_ms, std::string status = "RUNNING") {
  ExecutionRecord r;
  r.arn = "arn:aws:states:us-east-1:123456789012:execution:orders:" + name;
  r.state_machine_arn = kMachineArn;
  r.name = std::move(name);
  r.status = std::move(status);
  r.input = R"({"order":1})";
  r.start_ms = start_ms;
  return r;
}

std::vector<std::string> Arns(const std::vector<ExecutionRecord>& executions) {
  std::vector<std::string> arns;
  for (const ExecutionRecord& e : executions) arns.push_back(e.arn);
  return arns;
}

std::vector<int64_t> Ids(const std::vector<EventRecord>& events) {
  std::vector<int64_t> ids;
  for (const EventRecord& e : events) ids.push_back(e.id);
  return ids;
}

WriteBatch::Events Events(const std::string& execution_arn, int64_t first, int64_t last) {
  WriteBatch::Events appended{execution_arn, {}};
  for (int64_t id = first; id <= last; ++id) {
    appended.events.push_back({id, R"({"id":)" + std::to_string(id) + "}"});
  }
  return appended;
}

// A raw connection to the store's file, for what the Store interface does not show.
class RawDatabase {
 public:
  explicit RawDatabase(const std::string& path) {
    EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK);
    sqlite3_busy_timeout(db_, 5000);
  }
  ~RawDatabase() { sqlite3_close(db_); }
  void Exec(const std::string& sql) {
    EXPECT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << sql << ": " << sqlite3_errmsg(db_);
  }
  std::string QueryText(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr), SQLITE_OK);
    std::string text;
    if (sqlite3_step(statement) == SQLITE_ROW) {
      text = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
    return text;
  }

 private:
  sqlite3* db_ = nullptr;
};

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "sqlite_store_test-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    directory_ = pattern;
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::permissions(directory_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ignored);
    std::filesystem::remove_all(directory_, ignored);
  }

  // Opens the store in this test's directory; tests do not need synced commits unless they say so.
  std::unique_ptr<SqliteStore> OpenStore(SqliteOptions options = {.sync = false}) {
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(directory_, options);
    EXPECT_TRUE(IsOk(store));
    return store.ok() ? store.release_value() : nullptr;
  }
  std::string DatabasePath() const { return directory_ + "/stepwise.db"; }

  std::string directory_;
};

TEST_F(SqliteStoreTest, StateMachinesAndVersionsRoundTrip) {
  std::unique_ptr<SqliteStore> store = OpenStore();
  ASSERT_NE(store, nullptr);
  StateMachineRecord orders = Machine("orders");
  StateMachineRecord billing = Machine("billing");
  billing.type = "STANDARD";
  billing.update_ms = 0;
  billing.logging_configuration = "";
  billing.description = "";
  WriteBatch batch;
  batch.put_state_machines = {orders, billing, Version(orders, 1), Version(orders, 2)};
  ASSERT_TRUE(IsOk(store->Write(batch)));

  Result<std::optional<StateMachineRecord>> read = store->GetStateMachine(orders.arn);
  ASSERT_TRUE(IsOk(read));
  ASSERT_TRUE(read.value().has_value());
  EXPECT_EQ(Fields(*read.value()), Fields(orders));
  read = store->GetStateMachine(billing.arn);
  ASSERT_TRUE(IsOk(read));
  ASSERT_TRUE(read.value().has_value());
  EXPECT_EQ(Fields(*read.value()), Fields(billing));
  read = store->GetStateMachine(orders.arn + ":2");
  ASSERT_TRUE(IsOk(read));
  ASSERT_TRUE(read.value().has_value());
  EXPECT_EQ(Fields(*read.value()), Fields(Version(orders, 2)));
  read = store->GetStateMachine("arn:aws:states:us-east-1:123456789012:stateMachine:none");
  ASSERT_TRUE(IsOk(read));
  EXPECT_FALSE(read.value().has_value());

  Result<std::vector<StateMachineRecord>> machines = store->ListStateMachines();
  ASSERT_TRUE(IsOk(machines));
  ASSERT_EQ(machines.value().size(), 2u);  // not the versions
  EXPECT_EQ(machines.value()[0].name, "billing");
  EXPECT_EQ(machines.value()[1].name, "orders");

  Result<std::vector<StateMachineRecord>> versions = store->ListVersions(orders.arn);
  ASSERT_TRUE(IsOk(versions));
  ASSERT_EQ(versions.value().size(), 2u);
  EXPECT_EQ(Fields(versions.value()[0]), Fields(Version(orders, 2)));
  EXPECT_EQ(Fields(versions.value()[1]), Fields(Version(orders, 1)));
  versions = store->ListVersions(billing.arn);
  ASSERT_TRUE(IsOk(versions));
  EXPECT_TRUE(versions.value().empty());
}

TEST_F(SqliteStoreTest, PutStateMachineReplacesIt) {
  std::unique_ptr<SqliteStore> store = OpenStore();
  ASSERT_NE(store, nullptr);
  StateMachineRecord orders = Machine("orders");
  WriteBatch first;
  first.put_state_machines = {orders};
  ASSERT_TRUE(IsOk(store->Write(first)));
  orders.definition = R"({"StartAt":"B","States":{"B":{"Type":"Succeed"}}})";
  orders.revision_id = "rev-2";
  WriteBatch second;
  second.put_state_machines = {orders};
  ASSERT_TRUE(IsOk(store->Write(second)));

  Result<std::optional<StateMachineRecord>> read = store->GetStateMachine(orders.arn);
  ASSERT_TRUE(IsOk(read));
  ASSERT_TRUE(read.value().has_value());
  EXPECT_EQ(Fields(*read.value()), Fields(orders));
}

TEST_F(SqliteStoreTest, AliasesRoundTrip) {
  std::unique_ptr<SqliteStore> store = OpenStore();
  ASSERT_NE(store, nullptr);
  AliasRecord prod{kMachineArn + std::string(":prod"),
                   kMachineArn,
                   "prod",
                   "production",
                   R"([{"stateMachineVersionArn":"v1","weight":100}])",
                   10,
                   20};
  AliasRecord beta{kMachineArn + std::string(":beta"), kMachineArn, "beta", "", "[]", 30, 0};
  AliasRecord other{"arn:aws:states:us-east-1:123456789012:stateMachine:other:prod",
                    "arn:aws:states:us-east-1:123456789012:stateMachine:other",
                    "prod",
                    "",
                    "[]",
                    1,
                    0};
  WriteBatch batch;
  batch.put_aliases = {prod, beta, other};
  ASSERT_TRUE(IsOk(store->Write(batch)));

  Result<std::optional<AliasRecord>> read = store->GetAlias(prod.arn);
  ASSERT_TRUE(IsOk(read));
  ASSERT_TRUE(read.value().has_value());
  EXPECT_EQ(Fields(*read.value()), Fields(prod));
  Result<std::vector<AliasRecord>> aliases = store->ListAliases(kMachineArn);
  ASSERT_TRUE(IsOk(aliases));
  ASSERT_EQ(aliases.value().size(), 2u);
  EXPECT_EQ(Fields(aliases.value()[0]), Fields(beta));
  EXPECT_EQ(Fields(aliases.value()[1]), Fields(prod));

  WriteBatch remove;
  remove.delete_aliases = {beta.arn};
  ASSERT_TRUE(IsOk(store->Write(remove)));
  read = store->GetAlias(beta.arn);
  ASSERT_TRUE(IsOk(read));
  EXPECT_FALSE(read.value().has_value());
  aliases = store->ListAliases(kMachineArn);
  ASSERT_TRUE(IsOk(aliases));
  ASSERT_EQ(aliases.value().size(), 1u);
  EXPECT_EQ(aliases.value()[0].arn, prod.arn);
}

TEST_F(SqliteStoreTest, ExecutionsRoundTrip) {
  std::unique_ptr<SqliteStore> store = OpenStore();
  ASSERT_NE(store, nullptr);
  ExecutionRecord running = Execution("running", 1000);
  running.version_arn = kMachineArn + std::string(":3");
  running.alias_arn = kMachineArn + std::string(":prod");
  running.trace_header = "Root=1-abc";
  ExecutionRecord failed = Execution("failed", 2000, "FAILED");
  failed.error = "States.TaskFailed";
  failed.cause = "";  // present but empty: not the same as absent
  failed.stop_ms = 2500;
  failed.redrive_count = 2;
  failed.redrive_ms = 2400;
  WriteBatch batch;
  batch.put_executions = {running, failed};
  ASSERT_TRUE(IsOk(store->Write(batch)));

  for (const ExecutionRecord& expected : {running, failed}) {
    Result<std::optional<ExecutionRecord>> read = store->GetExecution(expected.arn);
    ASSERT_TRUE(IsOk(read));
    ASSERT_TRUE(read.value().has_value());
    EXPECT_EQ(Fields(*read.value()), Fields(expected));
  }

  // Put again: the execution is replaced by ARN.
  running.status = "SUCCEEDED";
  running.output = R"({"done":true})";
  running.stop_ms = 3000;
  WriteBatch finish;
  finish.put_executions = {running};
  ASSERT_TRUE(IsOk(store->Write(finish)));
  Result<std::optional<ExecutionRecord>> read = store->GetExecution(running.arn);
  ASSERT_TRUE(IsOk(read));
  ASSERT_TRUE(read.value().has_value());
  EXPECT_EQ(Fields(*read.value()), Fields(running));
  read = store->GetExecution(kMachineArn + std::string(":none"));
  ASSERT_TRUE(IsOk(read));
  EXPECT_FALSE(read.value().has_value());
}

TEST_F(SqliteStoreTest, CheckpointsAndDefinitionsRoundTrip) {
  std::unique_ptr<SqliteStore> store = OpenStore();
  ASSERT_NE(store, nullptr);
  const std::string execution = "arn:aws:states:us-east-1:123456789012:execution:m:e";
  WriteBatch first;
  first.put_definitions = {{"rev-1", R"({"StartAt":"A"})"}};
  first.put_checkpoints = {{execution, R"({"frame":null})"}};
  ASSERT_TRUE(IsOk(store->Write(first)));
  // A definition is kept as first stored; a checkpoint is replaced by the next.
  WriteBatch second;
  second.put_definitions = {{"rev-1", "ignored"}};
  second.put_checkpoints = {{execution, R"({"frame":{"state":"A"}})"}};
  ASSERT_TRUE(IsOk(store->Write(second)));
  EXPECT_EQ(store->GetDefinition("rev-1").value(), std::optional<std::string>(R"({"StartAt":"A"})"));
  EXPECT_EQ(store->GetDefinition("rev-2").value(), std::nullopt);
  EXPECT_EQ(store->GetCheckpoint(execution).value(),
            std::optional<std::string>(R"({"frame":{"state":"A"}})"));
  WriteBatch done;
  done.delete_checkpoints = {execution};
  ASSERT_TRUE(IsOk(store->Write(done)));
  EXPECT_EQ(store->GetCheckpoint(execution).value(), std::nullopt);
}

TEST_F(SqliteStoreTest, ActivitiesRoundTrip) {
  std::unique_ptr<SqliteStore> store = OpenStore();
  ASSERT_NE(store, nullptr);
  ActivityRecord review{"arn:aws:states:us-east-1:123456789012:activity:review", "review", 5};
  ActivityRecord approve{"arn:aws:states:us-east-1:123456789012:activity:approve", "approve", 6};
  WriteBatch batch;
  batch.put_activities = {review, approve};
  batch.tags = {{review.arn, {{"team", "ops"}}, {}}};
  ASSERT_TRUE(IsOk(store->Write(batch)));

  Result<std::optional<ActivityRecord>> read = store->GetActivity(review.arn);
  ASSERT_TRUE(IsOk(read));
  ASSERT_TRUE(read.value().has_value());
  EXPECT_EQ(Fields(*read.value()), Fields(review));
  Result<std::vector<ActivityRecord>> activities = store->ListActivities();
  ASSERT_TRUE(IsOk(activities));
  ASSERT_EQ(activities.value().size(), 2u);
  EXPECT_EQ(Fields(activities.value()[0]), Fields(approve));
  EXPECT_EQ(Fields(activities.value()[1]), Fields(review));

  // Deleting an activity deletes its tags: one created again with the same name (and so the same
  // ARN) starts without them.
  WriteBatch remove;
  remove.delete_activities = {review.arn};
  ASSERT_TRUE(IsOk(store->Write(remove)));
  read = store->GetActivity(review.arn);
  ASSERT_TRUE(IsOk(read));
  EXPECT_FALSE(read.value().has_value());
  Result<std::vector<Tag>> tags = store->ListTags(review.arn);
  ASSERT_TRUE(IsOk(tags));
  EXPECT_TRUE(tags.value().empty());
}

TEST_F(SqliteStoreTest, DeleteStateMachineTakesVersionsAliasesAndTagsButNotExecutions) {
  std::unique_ptr<SqliteStore> store = OpenStore();
  ASSERT_NE(store, nullptr);
  StateMachineRecord orders = Machine("orders");
  StateMachineRecord billing = Machine("billing");
  StateMachineRecord v1 = Version(orders, 1);
  AliasRecord prod{orders.arn + ":prod", orders.arn, "prod", "", "[]", 1, 0};
  AliasRecord billing_prod{billing.arn + ":prod", billing.arn, "prod", "", "[]", 1, 0};
  ExecutionRecord execution = Execution("first", 100);
  execution.state_machine_arn = orders.arn;
  WriteBatch batch;
  batch.put_state_machines = {orders, billing, v1, Version(billing, 1)};
  batch.put_aliases = {prod, billing_prod};
  batch.put_executions = {execution};
  batch.append_events = {Events(execution.arn, 1, 3)};
  for (const std::string& arn : {orders.arn, v1.arn, prod.arn, billing.arn, billing_prod.arn}) {
    batch.tags.push_back({arn, {{"k", "v"}}, {}});
  }
  ASSERT_TRUE(IsOk(store->Write(batch)));

  WriteBatch remove;
  remove.delete_state_machines = {orders.arn};
  ASSERT_TRUE(IsOk(store->Write(remove)));

  for (const std::string& arn : {orders.arn, v1.arn}) {
    Result<std::optional<StateMachineRecord>> read = store->GetStateMachine(arn);
    ASSERT_TRUE(IsOk(read));
    EXPECT_FALSE(read.value().has_value()) << arn;
  }
  Result<std::optional<AliasRecord>> alias = store->GetAlias(prod.arn);
  ASSERT_TRUE(IsOk(alias));
  EXPECT_FALSE(alias.value().has_value());
  for (const std::string& arn : {orders.arn, v1.arn, prod.arn}) {
    Result<std::vector<Tag>> tags = store->ListTags(arn);
    ASSERT_TRUE(IsOk(tags));
    EXPECT_TRUE(tags.value().empty()) << arn;
  }
  // The execution and its history stay readable.
  Result<std::optional<ExecutionRecord>> kept = store->GetExecution(execution.arn);
  ASSERT_TRUE(IsOk(kept));
  EXPECT_TRUE(kept.value().has_value());
  Result<std::vector<EventRecord>> events = store->ReadEvents(execution.arn, 0, 100, false);
  ASSERT_TRUE(IsOk(events));
  EXPECT_EQ(events.value().size(), 3u);
  // The other machine keeps everything.
  Result<std::vector<StateMachineRecord>> machines = store->ListStateMachines();
  ASSERT_TRUE(IsOk(machines));
  ASSERT_EQ(machines.value().size(), 1u);
  EXPECT_EQ(machines.value()[0].arn, billing.arn);
  Result<std::vector<StateMachineRecord>> versions = store->ListVersions(billing.arn);
  ASSERT_TRUE(IsOk(versions));
  EXPECT_EQ(versions.value().size(), 1u);
  for (const std::string& arn : {billing.arn, billing_prod.arn}) {
    Result<std::vector<Tag>> tags = store->ListTags(arn);
    ASSERT_TRUE(IsOk(tags));
    EXPECT_EQ(tags.value().size(), 1u) << arn;
  }
}

TEST_F(SqliteStoreTest, DeleteVersionTakesOnlyTheVersion) {
  std::unique_ptr<SqliteStore> store = OpenStore();
  ASSERT_NE(store, nullptr);
  StateMachineRecord orders = Machine("orders");
  StateMachineRecord v1 = Version(orders, 1);
  StateMachineRecord v2 = Version(orders, 2);
  WriteBatch batch;
  batch.put_state_machines = {orders, v1, v2};
  batch.tags = {{orders.arn, {{"k", "machine"}}, {}}, {v1.arn, {{"k", "v1"}}, {}}};
  ASSERT_TRUE(IsOk(store->Write(batch)));
  WriteBatch remove;
  remove.delete_state_machines = {v1.arn};
  ASSERT_TRUE(IsOk(store->Write(remove)));

  Result<std::vector<StateMachineRecord>> versions = store->ListVersions(orders.arn);
  ASSERT_TRUE(IsOk(versions));
  ASSERT_EQ(versions.value().size(), 1u);
  EXPECT_EQ(versions.value()[0].arn, v2.arn);
  Result<std::optional<StateMachineRecord>> machine = store->GetStateMachine(orders.arn);
  ASSERT_TRUE(IsOk(machine));
  EXPECT_TRUE(machine.value().has_value());
  Result<std::vector<Tag>> tags = store->ListTags(v1.arn);
  ASSERT_TRUE(IsOk(tags));
  EXPECT_TRUE(tags.value().empty());
  tags = store->ListTags(orders.arn);
  ASSERT_TRUE(IsOk(tags));
  EXPECT_EQ(tags.value().size(), 1u);
}

TEST_F(SqliteStoreTest, DeleteStateMachineWithAnEmptyArnIsAnError) {
  std::unique_ptr<SqliteStore> store = OpenStore();
  ASSERT_NE(store, nullptr);
  WriteBatch batch;
  batch.put_state_machines = {Machine("orders")};
  ASSERT_TRUE(IsOk(store->Write(batch)));
  WriteBatch remove;
  remove.delete_state_machines = {""};
  Result<void> removed = store->Write(remove);
  ASSERT_FALSE(removed.ok());
  EXPECT_EQ(removed.error().name(), "StoreError");
  Result<std::vector<StateMachineRecord>> machines = store->ListStateMachines();
  ASSERT_TRUE(IsOk(machines));
  EXPECT_EQ(machines.value().size(), 1u);
}

TEST_F(SqliteStoreTest, ListExecutionsPagesNewestFirst) {
  std::unique_ptr<SqliteStore> store = OpenStore();
  ASSERT_NE(store, nullptr);
  WriteBatch batch;
  // Two pairs share a start time: ties go by ARN, descending.
  batch.put_executions = {Execution("a", 100), Execution("b", 300), Execution("c", 200),
                          Execution("d", 300), Execution("e", 100), Execution("f", 400)};
  ExecutionRecord elsewhere = Execution("other", 500);
  elsewhere.arn = "arn:aws:states:us-east-1:123456789012:execution:other:x";
  elsewhere.state_machine_arn = "arn:aws:states:us-east-1:123456789012:stateMachine:other";
  batch.put_executions.push_back(elsewhere);
  ASSERT_TRUE(IsOk(store->Write(batch)));
  const std::string prefix = "arn:aws:states:us-east-1:123456789012:execution:orders:";
  const std::vector<std::string> newest_first = {prefix + "f", prefix + "d", prefix + "b",
                                                 prefix + "c", prefix + "e", prefix + "a"};

  ExecutionQuery query;
  query.state_machine_arn = kMachineArn;
  Result<std::vector<ExecutionRecord>> all = store->ListExecutions(query);
  ASSERT_TRUE(IsOk(all));
  EXPECT_EQ(Arns(all.value()), newest_first);

  std::vector<std::string> paged;
  query.limit = 4;
  for (int page = 0; page < 10; ++page) {
    Result<std::vector<ExecutionRecord>> executions = store->ListExecutions(query);
    ASSERT_TRUE(IsOk(executions));
    ASSERT_LE(executions.value().size(), 4u);
    for (const std::string& arn : Arns(executions.value())) paged.push_back(arn);
    if (executions.value().size() < 4u) break;
    query.after_start_ms = executions.value().back().start_ms;
    query.after_arn = executions.value().back().arn;
  }
  EXPECT_EQ(paged, newest_first);

  // Strictly after the position: a page that starts at "d" (300) begins with "b" (300).
  query.limit = 2;
  query.after_start_ms = 300;
  query.after_arn = prefix + "d";
  Result<std::vector<ExecutionRecord>> page = store->ListExecutions(query);
  ASSERT_TRUE(IsOk(page));
  EXPECT_EQ(Arns(page.value()), (std::vector<std::string>{prefix + "b", prefix + "c"}));
}

TEST_F(SqliteStoreTest, ListExecutionsFilters) {
  std::unique_ptr<SqliteStore> store = OpenStore();
  ASSERT_NE(store, nullptr);
  const std::string v1 = kMachineArn + std::string(":1");
  const std::string prod = kMachineArn + std::string(":prod");
  ExecutionRecord plain = Execution("plain", 100, "SUCCEEDED");
  ExecutionRecord versioned = Execution("versioned", 200, "RUNNING");
  versioned.version_arn = v1;
  ExecutionRecord aliased = Execution("aliased", 300, "SUCCEEDED");
  aliased.version_arn = v1;
  aliased.alias_arn = prod;
  WriteBatch batch;
  batch.put_executions = {plain, versioned, aliased};
  ASSERT_TRUE(IsOk(store->Write(batch)));

  auto list = [&store](std::string version_arn, std::string alias_arn, std::string status,
                       int limit = 100) {
    ExecutionQuery query;
    query.state_machine_arn = kMachineArn;
    query.version_arn = std::move(version_arn);
    query.alias_arn = std::move(alias_arn);
    query.status = std::move(status);
    query.limit = limit;
    Result<std::vector<ExecutionRecord>> executions = store->ListExecutions(query);
    EXPECT_TRUE(IsOk(executions));
    return executions.ok() ? Arns(executions.value()) : std::vector<std::string>{};
  };
  using ArnList = std::vector<std::string>;
  EXPECT_EQ(list(v1, "", ""), (ArnList{aliased.arn, versioned.arn}));
  EXPECT_EQ(list("", prod, ""), (ArnList{aliased.arn}));
  EXPECT_EQ(list("", "", "SUCCEEDED"), (ArnList{aliased.arn, plain.arn}));
  EXPECT_EQ(list(v1, "", "RUNNING"), (ArnList{versioned.arn}));
  EXPECT_EQ(list(v1, prod, "SUCCEEDED"), (ArnList{aliased.arn}));
  EXPECT_EQ(list("", "", "ABORTED"), ArnList{});
  EXPECT_EQ(list("", "", "", 0), ArnList{});
  EXPECT_EQ(list("", "", "", 2), (ArnList{aliased.arn, versioned.arn}));

  // Another machine's executions are not listed.
  ExecutionQuery other;
  other.state_machine_arn = kMachineArn + std::string("-other");
  Result<std::vector<ExecutionRecord>> executions = store->ListExecutions(other);
  ASSERT_TRUE(IsOk(executions));
  EXPECT_TRUE(executions.value().empty());
}

TEST_F(SqliteStoreTest, ListRunningExecutionsOfEveryMachine) {
  std::unique_ptr<SqliteStore> store = OpenStore();
  ASSERT_NE(store, nullptr);
  ExecutionRecord late = Execution("late", 200);
  ExecutionRecord early = Execution("early", 100);
  early.arn = "arn:aws:states:us-east-1:123456789012:execution:other:early";
  early.state_machine_arn = "arn:aws:states:us-east-1:123456789012:stateMachine:other";
  WriteBatch batch;
  batch.put_executions = {late, early, Execution("done", 50, "SUCCEEDED"),
                          Execution("aborted", 60, "ABORTED")};
  ASSERT_TRUE(IsOk(store->Write(batch)));
  Result<std::vector<ExecutionRecord>> running = store->ListRunningExecutions();
  ASSERT_TRUE(IsOk(running));
  EXPECT_EQ(Arns(running.value()), (std::vector<std::string>{early.arn, late.arn}));
}

TEST_F(SqliteStoreTest, ReadEventsForwardAndBack) {
  std::unique_ptr<SqliteStore> store = OpenStore();
  ASSERT_NE(store, nullptr);
  const std::string arn = Execution("x", 1).arn;
  WriteBatch first;
  first.append_events = {Events(arn, 1, 4), Events("other-execution", 1, 20)};
  ASSERT_TRUE(IsOk(store->Write(first)));
  WriteBatch second;  // appended by a later transition
  second.append_events = {Events(arn, 5, 10)};
  ASSERT_TRUE(IsOk(store->Write(second)));

  auto read = [&store, &arn](int64_t first_id, int limit, bool reverse) {
    Result<std::vector<EventRecord>> events = store->ReadEvents(arn, first_id, limit, reverse);
    EXPECT_TRUE(IsOk(events));
    return events.ok() ? Ids(events.value()) : std::vector<int64_t>{};
  };
  using IdList = std::vector<int64_t>;
  EXPECT_EQ(read(0, 3, false), (IdList{1, 2, 3}));
  EXPECT_EQ(read(4, 3, false), (IdList{4, 5, 6}));
  EXPECT_EQ(read(9, 3, false), (IdList{9, 10}));
  EXPECT_EQ(read(11, 3, false), IdList{});
  EXPECT_EQ(read(0, 100, false), (IdList{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
  EXPECT_EQ(read(0, 3, true), (IdList{10, 9, 8}));
  EXPECT_EQ(read(5, 3, true), (IdList{5, 4, 3}));
  EXPECT_EQ(read(2, 3, true), (IdList{2, 1}));
  EXPECT_EQ(read(0, 0, false), IdList{});
  EXPECT_EQ(read(4, 0, true), IdList{});
  EXPECT_EQ(read(std::numeric_limits<int64_t>::max(), std::numeric_limits<int>::max(), true),
            (IdList{}));
  EXPECT_EQ(read(1, std::numeric_limits<int>::max(), false).size(), 10u);

  Result<std::vector<EventRecord>> events = store->ReadEvents(arn, 7, 1, false);
  ASSERT_TRUE(IsOk(events));
  ASSERT_EQ(events.value().size(), 1u);
  EXPECT_EQ(events.value()[0].json, R"({"id":7})");
  events = store->ReadEvents("no-such-execution", 0, 10, true);
  ASSERT_TRUE(IsOk(events));
  EXPECT_TRUE(events.value().empty());
}

TEST_F(SqliteStoreTest, DuplicateEventFailsTheWholeBatch) {
  std::unique_ptr<SqliteStore> store = OpenStore();
  ASSERT_NE(store, nullptr);
  const std::string arn = Execution("x", 1).arn;
  WriteBatch first;
  first.append_events = {Events(arn, 1, 2)};
  ASSERT_TRUE(IsOk(store->Write(first)));

  WriteBatch bad;
  bad.put_executions = {Execution("x", 1, "SUCCEEDED")};
  bad.append_events = {Events(arn, 3, 3), Events(arn, 2, 2)};
  bad.tags = {{arn, {{"k", "v"}}, {}}};
  Result<void> written = store->Write(bad);
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().name(), "StoreError");
  EXPECT_NE(written.error().message().find("append event 2 to " + arn), std::string::npos)
      << written.error().message();
  EXPECT_NE(written.error().message().find("UNIQUE constraint failed"), std::string::npos)
      << written.error().message();

  // Nothing of the failed batch remains: not the execution, not event 3, not the tag.
  Result<std::optional<ExecutionRecord>> execution = store->GetExecution(arn);
  ASSERT_TRUE(IsOk(execution));
  EXPECT_FALSE(execution.value().has_value());
  Result<std::vector<EventRecord>> events = store->ReadEvents(arn, 0, 10, false);
  ASSERT_TRUE(IsOk(events));
  EXPECT_EQ(Ids(events.value()), (std::vector<int64_t>{1, 2}));
  Result<std::vector<Tag>> tags = store->ListTags(arn);
  ASSERT_TRUE(IsOk(tags));
  EXPECT_TRUE(tags.value().empty());
}

TEST_F(SqliteStoreTest, TagsPutReplaceAndRemove) {
  std::unique_ptr<SqliteStore> store = OpenStore();
  ASSERT_NE(store, nullptr);
  WriteBatch put;
  put.tags = {{kMachineArn, {{"team", "ops"}, {"env", "dev"}, {"cost", "1"}}, {}},
              {"arn:other", {{"team", "web"}}, {}}};
  ASSERT_TRUE(IsOk(store->Write(put)));
  Result<std::vector<Tag>> tags = store->ListTags(kMachineArn);
  ASSERT_TRUE(IsOk(tags));
  ASSERT_EQ(tags.value().size(), 3u);  // ordered by key
  EXPECT_EQ(tags.value()[0].key, "cost");
  EXPECT_EQ(tags.value()[1].key, "env");
  EXPECT_EQ(tags.value()[1].value, "dev");
  EXPECT_EQ(tags.value()[2].key, "team");

  WriteBatch change;
  change.tags = {{kMachineArn, {{"env", "prod"}, {"new", ""}}, {"cost", "missing-key"}}};
  ASSERT_TRUE(IsOk(store->Write(change)));
  tags = store->ListTags(kMachineArn);
  ASSERT_TRUE(IsOk(tags));
  ASSERT_EQ(tags.value().size(), 3u);
  EXPECT_EQ(tags.value()[0].key, "env");
  EXPECT_EQ(tags.value()[0].value, "prod");
  EXPECT_EQ(tags.value()[1].key, "new");
  EXPECT_EQ(tags.value()[1].value, "");
  EXPECT_EQ(tags.value()[2].key, "team");
  EXPECT_EQ(tags.value()[2].value, "ops");

  tags = store->ListTags("arn:other");
  ASSERT_TRUE(IsOk(tags));
  ASSERT_EQ(tags.value().size(), 1u);
  EXPECT_EQ(tags.value()[0].value, "web");
  tags = store->ListTags("arn:none");
  ASSERT_TRUE(IsOk(tags));
  EXPECT_TRUE(tags.value().empty());
}

TEST_F(SqliteStoreTest, EmptyBatchNeedsNoCommit) {
  std::unique_ptr<SqliteStore> store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(IsOk(store->Write(WriteBatch())));
  EXPECT_EQ(store->commits(), 0);
}

TEST_F(SqliteStoreTest, WritesSurviveReopening) {
  StateMachineRecord orders = Machine("orders");
  ExecutionRecord execution = Execution("x", 100);
  {
    std::unique_ptr<SqliteStore> store = OpenStore({.sync = true});
    ASSERT_NE(store, nullptr);
    WriteBatch batch;
    batch.put_state_machines = {orders};
    batch.put_executions = {execution};
    batch.append_events = {Events(execution.arn, 1, 5)};
    batch.tags = {{orders.arn, {{"team", "ops"}}, {}}};
    ASSERT_TRUE(IsOk(store->Write(batch)));
  }
  std::unique_ptr<SqliteStore> store = OpenStore({.sync = true});
  ASSERT_NE(store, nullptr);
  Result<std::optional<StateMachineRecord>> machine = store->GetStateMachine(orders.arn);
  ASSERT_TRUE(IsOk(machine));
  ASSERT_TRUE(machine.value().has_value());
  EXPECT_EQ(Fields(*machine.value()), Fields(orders));
  Result<std::optional<ExecutionRecord>> read = store->GetExecution(execution.arn);
  ASSERT_TRUE(IsOk(read));
  ASSERT_TRUE(read.value().has_value());
  EXPECT_EQ(Fields(*read.value()), Fields(execution));
  Result<std::vector<EventRecord>> events = store->ReadEvents(execution.arn, 0, 10, false);
  ASSERT_TRUE(IsOk(events));
  EXPECT_EQ(Ids(events.value()), (std::vector<int64_t>{1, 2, 3, 4, 5}));
  Result<std::vector<Tag>> tags = store->ListTags(orders.arn);
  ASSERT_TRUE(IsOk(tags));
  ASSERT_EQ(tags.value().size(), 1u);
  EXPECT_EQ(tags.value()[0].value, "ops");
}

TEST_F(SqliteStoreTest, DatabaseIsInWalModeWithASchemaVersion) {
  std::unique_ptr<SqliteStore> store = OpenStore();
  ASSERT_NE(store, nullptr);
  RawDatabase raw(DatabasePath());
  EXPECT_EQ(raw.QueryText("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(raw.QueryText("PRAGMA user_version"), "1");
  EXPECT_EQ(raw.QueryText("SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_schema "
                          "WHERE type = 'table' ORDER BY name)"),
            "activities,aliases,checkpoints,definitions,events,executions,state_machines,tags");
}

TEST_F(SqliteStoreTest, NewerSchemaVersionIsAnError) {
  { ASSERT_NE(OpenStore(), nullptr); }
  { RawDatabase(DatabasePath()).Exec("PRAGMA user_version = 99"); }
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(directory_, {});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().name(), "StoreError");
  EXPECT_NE(store.error().message().find("schema version 99"), std::string::npos)
      << store.error().message();
}

TEST_F(SqliteStoreTest, FileThatIsNotADatabaseIsAnError) {
  std::ofstream(DatabasePath()) << std::string(8192, 'x');
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(directory_, {});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().name(), "StoreError");
  EXPECT_NE(store.error().message().find("not a database"), std::string::npos)
      << store.error().message();
}

TEST_F(SqliteStoreTest, DirectoryThatIsAFileIsAnError) {
  const std::string file = directory_ + "/file";
  std::ofstream(file) << "not a directory";
  for (const std::string& directory : {file, file + "/below"}) {
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(directory, {});
    ASSERT_FALSE(store.ok()) << directory;
    EXPECT_EQ(store.error().name(), "StoreError");
  }
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open("", {});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().name(), "StoreError");
}

TEST_F(SqliteStoreTest, UnwritableDirectoryIsAnError) {
  std::vector<std::string> unwritable;
  if (geteuid() == 0) {
    // Permissions do not stop root; /proc refuses new files and directories to everyone.
    unwritable = {"/proc", "/proc/stepwise-store-test"};
  } else {
    const std::string locked = directory_ + "/locked";
    std::filesystem::create_directory(locked);
    std::filesystem::permissions(
        locked, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
    unwritable = {locked, locked + "/below"};
  }
  for (const std::string& directory : unwritable) {
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(directory, {});
    ASSERT_FALSE(store.ok()) << directory;
    EXPECT_EQ(store.error().name(), "StoreError");
  }
}

TEST_F(SqliteStoreTest, ConcurrentWritersShareCommits) {
  std::unique_ptr<SqliteStore> store = OpenStore({.sync = true});
  ASSERT_NE(store, nullptr);
  constexpr int kThreads = 8;
  constexpr int kWritesPerThread = 200;
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&store, &failures, t] {
      ExecutionRecord execution = Execution("thread-" + std::to_string(t), t);
      for (int i = 1; i <= kWritesPerThread; ++i) {
        WriteBatch batch;
        execution.stop_ms = i;
        batch.put_executions = {execution};
        batch.append_events = {Events(execution.arn, i, i)};
        if (!store->Write(batch).ok()) failures.fetch_add(1);
      }
    });
  }
  for (std::thread& writer : writers) writer.join();
  EXPECT_EQ(failures.load(), 0);

  ExecutionQuery query;
  query.state_machine_arn = kMachineArn;
  Result<std::vector<ExecutionRecord>> executions = store->ListExecutions(query);
  ASSERT_TRUE(IsOk(executions));
  EXPECT_EQ(executions.value().size(), static_cast<size_t>(kThreads));
  int64_t events = 0;
  for (const ExecutionRecord& execution : executions.value()) {
    EXPECT_EQ(execution.stop_ms, kWritesPerThread);  // every thread's last write won
    Result<std::vector<EventRecord>> read = store->ReadEvents(execution.arn, 0, 1000, false);
    ASSERT_TRUE(IsOk(read));
    EXPECT_EQ(read.value().size(), static_cast<size_t>(kWritesPerThread));
    events += static_cast<int64_t>(read.value().size());
  }
  EXPECT_EQ(events, kThreads * kWritesPerThread);
  EXPECT_GT(store->commits(), 0);
  EXPECT_LT(store->commits(), kThreads * kWritesPerThread);
}

// Holds SQLite's write lock from another connection, so that the committer blocks on its BEGIN
// IMMEDIATE with whatever group it took, and the batches written meanwhile queue for the next.
TEST_F(SqliteStoreTest, FailingBatchFailsAloneInItsGroup) {
  std::unique_ptr<SqliteStore> store = OpenStore();
  ASSERT_NE(store, nullptr);
  const std::string arn = Execution("existing", 1).arn;
  WriteBatch setup;
  setup.append_events = {Events(arn, 1, 1)};
  ASSERT_TRUE(IsOk(store->Write(setup)));
  RawDatabase blocker(DatabasePath());

  for (int round = 0; round < 3; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const std::string suffix = std::to_string(round);
    blocker.Exec("BEGIN IMMEDIATE");
    WriteBatch ahead;
    ahead.tags = {{"arn:ahead", {{"round", suffix}}, {}}};
    WriteBatch good;
    good.put_executions = {Execution("good-" + suffix, 10)};
    good.append_events = {Events(Execution("good-" + suffix, 10).arn, 1, 2)};
    WriteBatch bad;
    bad.put_executions = {Execution("bad-" + suffix, 10)};
    bad.append_events = {Events(arn, 1, 1)};  // exists
    Result<void> ahead_result, good_result, bad_result;
    std::thread ahead_writer([&] { ahead_result = store->Write(ahead); });
    // The committer takes "ahead" and blocks; "good" and "bad" queue behind it together.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::thread good_writer([&] { good_result = store->Write(good); });
    std::thread bad_writer([&] { bad_result = store->Write(bad); });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    blocker.Exec("COMMIT");
    ahead_writer.join();
    good_writer.join();
    bad_writer.join();

    EXPECT_TRUE(IsOk(ahead_result));
    EXPECT_TRUE(IsOk(good_result));
    ASSERT_FALSE(bad_result.ok());
    EXPECT_EQ(bad_result.error().name(), "StoreError");
    Result<std::optional<ExecutionRecord>> read = store->GetExecution(good.put_executions[0].arn);
    ASSERT_TRUE(IsOk(read));
    EXPECT_TRUE(read.value().has_value());
    Result<std::vector<EventRecord>> events =
        store->ReadEvents(good.put_executions[0].arn, 0, 10, false);
    ASSERT_TRUE(IsOk(events));
    EXPECT_EQ(events.value().size(), 2u);
    read = store->GetExecution(bad.put_executions[0].arn);
    ASSERT_TRUE(IsOk(read));
    EXPECT_FALSE(read.value().has_value());
  }
}

TEST_F(SqliteStoreTest, ReadsDoNotWaitForTheCommitter) {
  std::unique_ptr<SqliteStore> store = OpenStore();
  ASSERT_NE(store, nullptr);
  WriteBatch before;
  before.tags = {{kMachineArn, {{"k", "before"}}, {}}};
  ASSERT_TRUE(IsOk(store->Write(before)));
  RawDatabase blocker(DatabasePath());
  blocker.Exec("BEGIN IMMEDIATE");
  std::atomic<bool> written{false};
  WriteBatch after;
  after.tags = {{kMachineArn, {{"k", "after"}}, {}}};
  std::thread writer([&] {
    EXPECT_TRUE(IsOk(store->Write(after)));
    written = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));

  // The write is stuck behind the lock; a read still answers, with the state before it.
  Result<std::vector<Tag>> tags = store->ListTags(kMachineArn);
  EXPECT_FALSE(written.load());
  ASSERT_TRUE(IsOk(tags));
  ASSERT_EQ(tags.value().size(), 1u);
  EXPECT_EQ(tags.value()[0].value, "before");

  blocker.Exec("COMMIT");
  writer.join();
  tags = store->ListTags(kMachineArn);
  ASSERT_TRUE(IsOk(tags));
  ASSERT_EQ(tags.value().size(), 1u);
  EXPECT_EQ(tags.value()[0].value, "after");
}

TEST_F(SqliteStoreTest, ReadsNeverSeePartOfABatch) {
  std::unique_ptr<SqliteStore> store = OpenStore();
  ASSERT_NE(store, nullptr);
  constexpr int kWrites = 300;
  std::atomic<bool> done{false};
  std::atomic<int> torn{0};
  std::atomic<int> reads{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&] {
      int last = -1;
      while (!done.load()) {
        Result<std::vector<Tag>> tags = store->ListTags(kMachineArn);
        if (!tags.ok()) {
          torn.fetch_add(1);
          continue;
        }
        reads.fetch_add(1);
        if (tags.value().empty()) continue;
        // Every batch sets both keys to the same number, which only grows.
        if (tags.value().size() != 2 || tags.value()[0].value != tags.value()[1].value ||
            std::stoi(tags.value()[0].value) < last) {
          torn.fetch_add(1);
          continue;
        }
        last = std::stoi(tags.value()[0].value);
      }
    });
  }
  for (int i = 0; i < kWrites; ++i) {
    WriteBatch batch;
    batch.tags = {{kMachineArn, {{"a", std::to_string(i)}}, {}}};
    batch.tags.push_back({kMachineArn, {{"b", std::to_string(i)}}, {}});
    // A read after Write returned sees the batch. (No ASSERT here: the readers must be joined.)
    Result<void> written = store->Write(batch);
    Result<std::vector<Tag>> tags = store->ListTags(kMachineArn);
    if (!written.ok() || !tags.ok() || tags.value().size() != 2u) {
      ADD_FAILURE() << "write " << i << " is not visible";
      break;
    }
    EXPECT_EQ(tags.value()[0].value, std::to_string(i));
  }
  done = true;
  for (std::thread& reader : readers) reader.join();
  EXPECT_EQ(torn.load(), 0);
  EXPECT_GT(reads.load(), 0);
}

}  // namespace
}  // namespace stepwise::store
