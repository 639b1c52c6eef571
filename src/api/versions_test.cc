// State machine versions and aliases end to end through Service::Handle, on a real store in a
// temporary directory: PublishStateMachineVersion, ListStateMachineVersions,
// DeleteStateMachineVersion, the alias actions, and StartExecution / ListExecutions through a
// version or an alias.
#include <gtest/gtest.h>

#include <filesystem>
#include <future>
#include <map>
#include <set>
#include <thread>

#include "api/service.h"
#include "json/parse.h"
#include "json/write.h"
#include "api/testing/service_harness.h"
#include "tasks/function_invoker.h"

namespace stepwise::api {
namespace {

constexpr std::string_view kRole = "arn:aws:iam::123456789012:role/test";
constexpr std::string_view kMachinePrefix = "arn:aws:states:us-east-1:123456789012:stateMachine:";

json::Value J(std::string_view text) { return json::Parse(text).value(); }
json::Value S(std::string_view text) { return json::Value::String(text); }

// A definition whose output names it: {"v": n}.
std::string PassReturning(int n) {
  return R"({"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"v":)" + std::to_string(n) +
         R"(},"End":true}}})";
}

class VersionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto router = std::make_shared<engine::TaskRouter>();
    router->RouteState("Echo", tasks::MakeEchoInvoker());
    harness_ = std::make_unique<testing::ServiceHarness>(router);
  }
  void TearDown() override { harness_.reset(); }

  Result<json::Value> Call(const std::string& action, const json::Value& request) {
    return harness_->Call(action, request);
  }
  json::Value Ok(const std::string& action, const json::Value& request) {
    Result<json::Value> r = Call(action, request);
    EXPECT_TRUE(r.ok()) << action << ": "
                        << (r.ok() ? "" : r.error().name() + ": " + r.error().message());
    return r.ok() ? r.value() : json::Value::EmptyObject();
  }
  std::string ErrorOf(const std::string& action, const json::Value& request) {
    Result<json::Value> r = Call(action, request);
    return r.ok() ? "ok" : r.error().name();
  }
  std::string MessageOf(const std::string& action, const json::Value& request) {
    Result<json::Value> r = Call(action, request);
    return r.ok() ? "ok" : r.error().message();
  }
  static std::string Str(const json::Value& response, std::string_view member) {
    const json::Value* value = response.Find(member);
    return value != nullptr && value->is_string() ? std::string(value->as_string()) : "";
  }

  std::string Create(const std::string& name, std::string_view definition) {
    return Str(Ok("CreateStateMachine",
                  json::Value::Object(
                      {{"name", S(name)}, {"definition", S(definition)}, {"roleArn", S(kRole)}})),
               "stateMachineArn");
  }
  void Update(const std::string& machine, std::string_view definition) {
    Ok("UpdateStateMachine",
       json::Value::Object({{"stateMachineArn", S(machine)}, {"definition", S(definition)}}));
  }
  std::string Publish(const std::string& machine) {
    return Str(
        Ok("PublishStateMachineVersion", json::Value::Object({{"stateMachineArn", S(machine)}})),
        "stateMachineVersionArn");
  }
  // Updates the machine to a new definition and publishes it.
  std::string UpdateAndPublish(const std::string& machine, int n) {
    Update(machine, PassReturning(n));
    return Publish(machine);
  }
  void DeleteVersion(const std::string& version) {
    Ok("DeleteStateMachineVersion", json::Value::Object({{"stateMachineVersionArn", S(version)}}));
  }
  std::vector<std::string> Versions(const std::string& machine) {
    json::Value listed =
        Ok("ListStateMachineVersions", json::Value::Object({{"stateMachineArn", S(machine)}}));
    std::vector<std::string> arns;
    for (const json::Value& v : listed.Find("stateMachineVersions")->items()) {
      arns.push_back(Str(v, "stateMachineVersionArn"));
    }
    return arns;
  }

  static json::Value Routes(std::vector<std::pair<std::string, int>> routes) {
    std::vector<json::Value> items;
    for (const auto& [arn, weight] : routes) {
      items.push_back(json::Value::Object(
          {{"stateMachineVersionArn", S(arn)}, {"weight", json::Value::Int(weight)}}));
    }
    return json::Value::Array(std::move(items));
  }
  static json::Value AliasRequest(const std::string& name, const json::Value& routes,
                                  std::string_view description = "") {
    json::Value request =
        json::Value::Object({{"name", S(name)}, {"routingConfiguration", routes}});
    return description.empty() ? request : request.With("description", S(description));
  }
  std::string CreateAlias(const std::string& name, std::vector<std::pair<std::string, int>> routes,
                          std::string_view description = "") {
    return Str(Ok("CreateStateMachineAlias", AliasRequest(name, Routes(routes), description)),
               "stateMachineAliasArn");
  }
  json::Value DescribeAlias(const std::string& alias) {
    return Ok("DescribeStateMachineAlias",
              json::Value::Object({{"stateMachineAliasArn", S(alias)}}));
  }
  std::vector<std::string> Aliases(const std::string& machine_or_version) {
    json::Value listed = Ok("ListStateMachineAliases",
                            json::Value::Object({{"stateMachineArn", S(machine_or_version)}}));
    std::vector<std::string> arns;
    for (const json::Value& a : listed.Find("stateMachineAliases")->items()) {
      arns.push_back(Str(a, "stateMachineAliasArn"));
    }
    return arns;
  }

  std::string Start(const std::string& arn) {
    return Str(Ok("StartExecution", json::Value::Object({{"stateMachineArn", S(arn)}})),
               "executionArn");
  }
  json::Value DescribeExecution(const std::string& execution) {
    return Ok("DescribeExecution", json::Value::Object({{"executionArn", S(execution)}}));
  }
  // DescribeExecution once the execution has left RUNNING.
  json::Value WaitEnded(const std::string& execution) {
    json::Value ended = harness_->WaitEnded(execution);
    return ended.is_null() ? json::Value::EmptyObject() : ended;
  }
  std::vector<std::string> Executions(const std::string& arn) {
    json::Value listed = Ok("ListExecutions", json::Value::Object({{"stateMachineArn", S(arn)}}));
    std::vector<std::string> arns;
    for (const json::Value& e : listed.Find("executions")->items()) {
      arns.push_back(Str(e, "executionArn"));
    }
    return arns;
  }

  std::unique_ptr<testing::ServiceHarness> harness_;
};

// --- PublishStateMachineVersion ------------------------------------------------------------------

TEST_F(VersionsTest, PublishCreatesVersionOneOfTheCurrentRevision) {
  std::string machine = Create("orders", PassReturning(1));
  json::Value published =
      Ok("PublishStateMachineVersion",
         json::Value::Object({{"stateMachineArn", S(machine)}, {"description", S("first")}}));
  EXPECT_EQ(Str(published, "stateMachineVersionArn"), machine + ":1");
  EXPECT_NE(published.Find("creationDate"), nullptr);
  json::Value described =
      Ok("DescribeStateMachine", json::Value::Object({{"stateMachineArn", S(machine + ":1")}}));
  EXPECT_EQ(Str(described, "stateMachineArn"), machine + ":1");
  EXPECT_EQ(Str(described, "definition"), PassReturning(1));
  EXPECT_EQ(Str(described, "description"), "first");
  json::Value current =
      Ok("DescribeStateMachine", json::Value::Object({{"stateMachineArn", S(machine)}}));
  EXPECT_EQ(Str(described, "revisionId"), Str(current, "revisionId"));
}

TEST_F(VersionsTest, PublishIsIdempotentForTheSameRevision) {
  std::string machine = Create("orders", PassReturning(1));
  std::string first = Publish(machine);
  EXPECT_EQ(Publish(machine), first);
  EXPECT_EQ(Versions(machine), std::vector<std::string>{first});
}

TEST_F(VersionsTest, PublishAfterAnUpdateTakesTheNextNumber) {
  std::string machine = Create("orders", PassReturning(1));
  EXPECT_EQ(Publish(machine), machine + ":1");
  EXPECT_EQ(UpdateAndPublish(machine, 2), machine + ":2");
  json::Value v2 =
      Ok("DescribeStateMachine", json::Value::Object({{"stateMachineArn", S(machine + ":2")}}));
  EXPECT_EQ(Str(v2, "definition"), PassReturning(2));
}

TEST_F(VersionsTest, PublishRefusesARevisionIdThatIsNotCurrent) {
  std::string machine = Create("orders", PassReturning(1));
  std::string old_revision =
      Str(Ok("DescribeStateMachine", json::Value::Object({{"stateMachineArn", S(machine)}})),
          "revisionId");
  Update(machine, PassReturning(2));
  std::string current =
      Str(Ok("DescribeStateMachine", json::Value::Object({{"stateMachineArn", S(machine)}})),
          "revisionId");
  json::Value request =
      json::Value::Object({{"stateMachineArn", S(machine)}, {"revisionId", S(old_revision)}});
  EXPECT_EQ(ErrorOf("PublishStateMachineVersion", request), "ConflictException");
  EXPECT_EQ(MessageOf("PublishStateMachineVersion", request),
            "Failed to publish the State Machine version for revision " + old_revision +
                ". The current State Machine revision is " + current + ".");
  EXPECT_TRUE(Versions(machine).empty());
}

TEST_F(VersionsTest, PublishAcceptsTheCurrentRevisionId) {
  std::string machine = Create("orders", PassReturning(1));
  Update(machine, PassReturning(2));
  std::string current =
      Str(Ok("DescribeStateMachine", json::Value::Object({{"stateMachineArn", S(machine)}})),
          "revisionId");
  json::Value published =
      Ok("PublishStateMachineVersion",
         json::Value::Object({{"stateMachineArn", S(machine)}, {"revisionId", S(current)}}));
  EXPECT_EQ(Str(published, "stateMachineVersionArn"), machine + ":1");
}

TEST_F(VersionsTest, PublishAcceptsInitialOnlyForANeverUpdatedMachine) {
  std::string machine = Create("orders", PassReturning(1));
  json::Value request =
      json::Value::Object({{"stateMachineArn", S(machine)}, {"revisionId", S("INITIAL")}});
  EXPECT_EQ(Str(Ok("PublishStateMachineVersion", request), "stateMachineVersionArn"),
            machine + ":1");
  Update(machine, PassReturning(2));
  EXPECT_EQ(ErrorOf("PublishStateMachineVersion", request), "ConflictException");
}

TEST_F(VersionsTest, PublishRefusesMissingMachinesAndQualifiedArns) {
  std::string machine = Create("orders", PassReturning(1));
  std::string v1 = Publish(machine);
  EXPECT_EQ(ErrorOf("PublishStateMachineVersion",
                    json::Value::Object(
                        {{"stateMachineArn", S(std::string(kMachinePrefix) + "missing")}})),
            "StateMachineDoesNotExist");
  EXPECT_EQ(
      ErrorOf("PublishStateMachineVersion", json::Value::Object({{"stateMachineArn", S(v1)}})),
      "InvalidArn");
  EXPECT_EQ(ErrorOf("PublishStateMachineVersion", json::Value::Object({})), "ValidationException");
  EXPECT_EQ(ErrorOf("PublishStateMachineVersion",
                    json::Value::Object({{"stateMachineArn", S(machine)},
                                         {"description", S(std::string(257, 'd'))}})),
            "ValidationException");
}

TEST_F(VersionsTest, NumbersAreNeverReusedAfterTheNewestVersionIsDeleted) {
  // AWS: "If you delete version 10 of your state machine and then publish a new version, Step
  // Functions publishes it as version 11." Publishing the deleted version's revision again
  // publishes it anew.
  std::string machine = Create("orders", PassReturning(1));
  Publish(machine);
  std::string v2 = UpdateAndPublish(machine, 2);
  DeleteVersion(v2);
  EXPECT_EQ(Publish(machine), machine + ":3");
  EXPECT_EQ(Versions(machine), (std::vector<std::string>{machine + ":3", machine + ":1"}));
}

TEST_F(VersionsTest, NumbersAreNeverReusedAfterEveryVersionIsDeleted) {
  std::string machine = Create("orders", PassReturning(1));
  std::string v1 = Publish(machine);
  std::string v2 = UpdateAndPublish(machine, 2);
  DeleteVersion(v2);
  DeleteVersion(v1);
  EXPECT_TRUE(Versions(machine).empty());
  EXPECT_EQ(UpdateAndPublish(machine, 3), machine + ":3");
}

TEST_F(VersionsTest, UpdateStateMachineWithPublishAlsoSkipsDeletedNumbers) {
  std::string machine = Create("orders", PassReturning(1));
  std::string v1 = Publish(machine);
  DeleteVersion(v1);
  json::Value updated =
      Ok("UpdateStateMachine", json::Value::Object({{"stateMachineArn", S(machine)},
                                                    {"definition", S(PassReturning(2))},
                                                    {"publish", json::Value::Bool(true)}}));
  EXPECT_EQ(Str(updated, "stateMachineVersionArn"), machine + ":2");
}

TEST_F(VersionsTest, UpdateStateMachineWithPublishIsIdempotentForAnUnchangedRevision) {
  // As PublishStateMachineVersion: a revision that has a version is not published again.
  std::string machine = Create("orders", PassReturning(1));
  auto update = [&](int n, std::string_view description) {
    json::Value request = json::Value::Object({{"stateMachineArn", S(machine)},
                                               {"definition", S(PassReturning(n))},
                                               {"publish", json::Value::Bool(true)}});
    if (!description.empty()) request = request.With("versionDescription", S(description));
    return Str(Ok("UpdateStateMachine", request), "stateMachineVersionArn");
  };
  EXPECT_EQ(update(2, "first"), machine + ":1");
  EXPECT_EQ(update(2, ""), machine + ":1");
  EXPECT_EQ(update(2, "other"), machine + ":1");
  EXPECT_EQ(Publish(machine), machine + ":1");
  EXPECT_EQ(Versions(machine), std::vector<std::string>{machine + ":1"});
  json::Value v1 =
      Ok("DescribeStateMachine", json::Value::Object({{"stateMachineArn", S(machine + ":1")}}));
  EXPECT_EQ(Str(v1, "description"), "first");
  EXPECT_EQ(update(3, ""), machine + ":2");
}

TEST_F(VersionsTest, ConcurrentPublicationsTakeDistinctNumbers) {
  // UpdateStateMachine with publish and PublishStateMachineVersion, many at once on the service's
  // pool: each publication takes its own number, none is lost.
  std::string machine = Create("orders", PassReturning(0));
  constexpr int kCalls = 24;
  std::vector<std::promise<Result<json::Value>>> promises(kCalls);
  for (int i = 0; i < kCalls; ++i) {
    json::Value request =
        i % 3 == 2 ? json::Value::Object({{"stateMachineArn", S(machine)}})
                   : json::Value::Object({{"stateMachineArn", S(machine)},
                                          {"definition", S(PassReturning(i + 1))},
                                          {"publish", json::Value::Bool(true)}});
    harness_->service().Handle(i % 3 == 2 ? "PublishStateMachineVersion" : "UpdateStateMachine", request,
                     [&promises, i](Result<json::Value> r) { promises[i].set_value(std::move(r)); });
  }
  std::set<std::string> published;
  for (int i = 0; i < kCalls; ++i) {  // every call is waited for before anything is checked
    Result<json::Value> r = promises[i].get_future().get();
    EXPECT_TRUE(r.ok()) << r.error().message();
    if (r.ok()) published.insert(Str(r.value(), "stateMachineVersionArn"));
  }
  std::vector<std::string> listed = Versions(machine);
  EXPECT_EQ(std::set<std::string>(listed.begin(), listed.end()), published);
  EXPECT_EQ(listed.size(), published.size());
  // Every update changed the definition, so it published a version of its own.
  EXPECT_GE(published.size(), static_cast<size_t>(kCalls - kCalls / 3));
  for (size_t i = 0; i < listed.size(); ++i) {
    EXPECT_EQ(listed[i], machine + ":" + std::to_string(listed.size() - i));
  }
}

TEST_F(VersionsTest, ARecreatedMachineNumbersItsVersionsFromOne) {
  std::string machine = Create("orders", PassReturning(1));
  std::string v1 = Publish(machine);
  DeleteVersion(v1);
  Ok("DeleteStateMachine", json::Value::Object({{"stateMachineArn", S(machine)}}));
  EXPECT_EQ(Create("orders", PassReturning(1)), machine);
  EXPECT_EQ(Publish(machine), machine + ":1");
}

TEST_F(VersionsTest, PublishStopsAtTheQuotaOfAThousandVersions) {
  std::string machine = Create("orders", PassReturning(0));
  for (int i = 1; i <= 1000; ++i) {
    Ok("UpdateStateMachine", json::Value::Object({{"stateMachineArn", S(machine)},
                                                  {"definition", S(PassReturning(i))},
                                                  {"publish", json::Value::Bool(true)}}));
  }
  // A revision that has a version is answered with it, at the quota too.
  EXPECT_EQ(Str(Ok("UpdateStateMachine", json::Value::Object({{"stateMachineArn", S(machine)},
                                                             {"definition", S(PassReturning(1000))},
                                                             {"publish", json::Value::Bool(true)}})),
                "stateMachineVersionArn"),
            machine + ":1000");
  Update(machine, PassReturning(1001));
  json::Value request = json::Value::Object({{"stateMachineArn", S(machine)}});
  EXPECT_EQ(ErrorOf("PublishStateMachineVersion", request), "ServiceQuotaExceededException");
  // UpdateStateMachine with publish counts the same quota, and then fails as a whole.
  EXPECT_EQ(ErrorOf("UpdateStateMachine",
                    json::Value::Object({{"stateMachineArn", S(machine)},
                                         {"definition", S(PassReturning(1002))},
                                         {"publish", json::Value::Bool(true)}})),
            "ServiceQuotaExceededException");
  EXPECT_EQ(Str(Ok("DescribeStateMachine", request), "definition"), PassReturning(1001));
  DeleteVersion(machine + ":1");
  EXPECT_EQ(Publish(machine), machine + ":1001");
}

// --- ListStateMachineVersions --------------------------------------------------------------------

TEST_F(VersionsTest, ListsVersionsNewestFirstAPageAtATime) {
  std::string machine = Create("orders", PassReturning(1));
  Publish(machine);
  UpdateAndPublish(machine, 2);
  UpdateAndPublish(machine, 3);
  json::Value first = Ok(
      "ListStateMachineVersions",
      json::Value::Object({{"stateMachineArn", S(machine)}, {"maxResults", json::Value::Int(2)}}));
  ASSERT_EQ(first.Find("stateMachineVersions")->size(), 2u);
  EXPECT_EQ(Str(*first.Find("stateMachineVersions")->At(0), "stateMachineVersionArn"),
            machine + ":3");
  EXPECT_EQ(Str(*first.Find("stateMachineVersions")->At(1), "stateMachineVersionArn"),
            machine + ":2");
  EXPECT_NE(first.Find("stateMachineVersions")->At(0)->Find("creationDate"), nullptr);
  json::Value second = Ok("ListStateMachineVersions",
                          json::Value::Object({{"stateMachineArn", S(machine)},
                                               {"maxResults", json::Value::Int(2)},
                                               {"nextToken", S(Str(first, "nextToken"))}}));
  ASSERT_EQ(second.Find("stateMachineVersions")->size(), 1u);
  EXPECT_EQ(Str(*second.Find("stateMachineVersions")->At(0), "stateMachineVersionArn"),
            machine + ":1");
  EXPECT_EQ(second.Find("nextToken"), nullptr);
}

TEST_F(VersionsTest, ListVersionsChecksItsArgumentsAsAwsDoes) {
  std::string machine = Create("orders", PassReturning(1));
  std::string v1 = Publish(machine);
  EXPECT_TRUE(Versions(std::string(kMachinePrefix) + "missing").empty());
  EXPECT_EQ(ErrorOf("ListStateMachineVersions", json::Value::Object({{"stateMachineArn", S(v1)}})),
            "InvalidArn");
  EXPECT_EQ(
      ErrorOf("ListStateMachineVersions",
              json::Value::Object({{"stateMachineArn", S(machine)}, {"nextToken", S("garbage")}})),
      "InvalidToken");
  EXPECT_EQ(ErrorOf("ListStateMachineVersions",
                    json::Value::Object(
                        {{"stateMachineArn", S(machine)}, {"maxResults", json::Value::Int(1001)}})),
            "ValidationException");
}

// --- DeleteStateMachineVersion -------------------------------------------------------------------

TEST_F(VersionsTest, DeleteVersionRemovesItAndIsIdempotent) {
  std::string machine = Create("orders", PassReturning(1));
  std::string v1 = Publish(machine);
  DeleteVersion(v1);
  EXPECT_EQ(ErrorOf("DescribeStateMachine", json::Value::Object({{"stateMachineArn", S(v1)}})),
            "StateMachineDoesNotExist");
  EXPECT_EQ(ErrorOf("StartExecution", json::Value::Object({{"stateMachineArn", S(v1)}})),
            "StateMachineDoesNotExist");
  EXPECT_TRUE(Versions(machine).empty());
  DeleteVersion(v1);  // a version that does not exist is already deleted
  EXPECT_EQ(ErrorOf("DeleteStateMachineVersion",
                    json::Value::Object({{"stateMachineVersionArn", S(machine)}})),
            "InvalidArn");
}

TEST_F(VersionsTest, DeleteVersionRefusesOneThatAnAliasRoutesTo) {
  std::string machine = Create("orders", PassReturning(1));
  std::string v1 = Publish(machine);
  std::string v2 = UpdateAndPublish(machine, 2);
  CreateAlias("live", {{v1, 100}});
  CreateAlias("canary", {{v1, 90}, {v2, 10}});
  json::Value request = json::Value::Object({{"stateMachineVersionArn", S(v1)}});
  EXPECT_EQ(ErrorOf("DeleteStateMachineVersion", request), "ConflictException");
  EXPECT_EQ(MessageOf("DeleteStateMachineVersion", request),
            "Version to be deleted must not be referenced by an alias. Current list of aliases "
            "referencing this version: [canary, live]");
  EXPECT_EQ(Versions(machine).size(), 2u);
}

// --- CreateStateMachineAlias and DescribeStateMachineAlias --------------------------------------

TEST_F(VersionsTest, CreatesAnAliasAndDescribesIt) {
  std::string machine = Create("orders", PassReturning(1));
  std::string v1 = Publish(machine);
  std::string v2 = UpdateAndPublish(machine, 2);
  json::Value created = Ok("CreateStateMachineAlias",
                           AliasRequest("live", Routes({{v1, 80}, {v2, 20}}), "production"));
  std::string alias = Str(created, "stateMachineAliasArn");
  EXPECT_EQ(alias, machine + ":live");
  json::Value described = DescribeAlias(alias);
  EXPECT_EQ(Str(described, "stateMachineAliasArn"), alias);
  EXPECT_EQ(Str(described, "name"), "live");
  EXPECT_EQ(Str(described, "description"), "production");
  EXPECT_EQ(json::Write(*described.Find("routingConfiguration")),
            json::Write(Routes({{v1, 80}, {v2, 20}})));
  EXPECT_EQ(json::Write(*described.Find("creationDate")),
            json::Write(*created.Find("creationDate")));
  EXPECT_EQ(json::Write(*described.Find("updateDate")), json::Write(*created.Find("creationDate")));
}

TEST_F(VersionsTest, CreateAliasIsIdempotentWhenIdentical) {
  std::string machine = Create("orders", PassReturning(1));
  std::string v1 = Publish(machine);
  json::Value request = AliasRequest("live", Routes({{v1, 100}}), "production");
  json::Value first = Ok("CreateStateMachineAlias", request);
  json::Value again = Ok("CreateStateMachineAlias", request);
  EXPECT_EQ(json::Write(again), json::Write(first));
  EXPECT_EQ(Aliases(machine).size(), 1u);
}

TEST_F(VersionsTest, CreateAliasConflictsWithAnAliasOfTheSameNameConfiguredOtherwise) {
  std::string machine = Create("orders", PassReturning(1));
  std::string v1 = Publish(machine);
  std::string v2 = UpdateAndPublish(machine, 2);
  CreateAlias("live", {{v1, 100}}, "production");
  EXPECT_EQ(
      ErrorOf("CreateStateMachineAlias", AliasRequest("live", Routes({{v2, 100}}), "production")),
      "ConflictException");
  EXPECT_EQ(
      MessageOf("CreateStateMachineAlias", AliasRequest("live", Routes({{v1, 100}}), "another")),
      "Failed to create alias because an alias with the same name and a different routing "
      "configuration already exists.");
}

TEST_F(VersionsTest, CreateAliasRejectsNamesAwsRejects) {
  std::string machine = Create("orders", PassReturning(1));
  json::Value routes = Routes({{Publish(machine), 100}});
  for (const std::string& name : std::vector<std::string>{"123", "INVALID ALIAS", "!INVALID",
                                                          "ALIAS@", std::string(81, 'A')}) {
    EXPECT_EQ(ErrorOf("CreateStateMachineAlias", AliasRequest(name, routes)), "ValidationException")
        << name;
  }
  EXPECT_EQ(MessageOf("CreateStateMachineAlias", AliasRequest("123", routes)),
            "1 validation error detected: Value '123' at 'name' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: "
            "^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$");
  EXPECT_EQ(ErrorOf("CreateStateMachineAlias", AliasRequest("v1.0_live-2", routes)), "ok");
}

TEST_F(VersionsTest, CreateAliasRejectsRoutingConfigurationsAwsRejects) {
  std::string machine = Create("orders", PassReturning(1));
  std::string v1 = Publish(machine);
  std::string v2 = UpdateAndPublish(machine, 2);
  std::string v3 = UpdateAndPublish(machine, 3);
  auto message = [&](std::vector<std::pair<std::string, int>> routes) {
    return MessageOf("CreateStateMachineAlias", AliasRequest("live", Routes(routes)));
  };
  EXPECT_EQ(message({}),
            "1 validation error detected: Value '[]' at 'routingConfiguration' failed to satisfy "
            "constraint: Member must have length greater than or equal to 1");
  EXPECT_EQ(message({{v1, 50}, {v2, 30}, {v3, 20}}),
            "1 validation error detected: Value '[RoutingConfigurationListItem("
            "stateMachineVersionArn=" +
                v1 +
                ", weight=50), RoutingConfigurationListItem("
                "stateMachineVersionArn=" +
                v2 +
                ", weight=30), RoutingConfigurationListItem("
                "stateMachineVersionArn=" +
                v3 +
                ", weight=20)]' at 'routingConfiguration' failed to "
                "satisfy constraint: Member must have length less than or equal to 2");
  EXPECT_EQ(message({{v1, 50}, {v1, 50}}),
            "Routing configuration must contain distinct state machine version ARNs. Received: [" +
                v1 + ", " + v1 + "]");
  EXPECT_EQ(message({{v1, 101}}),
            "1 validation error detected: Value '101' at 'routingConfiguration.1.member.weight' "
            "failed to satisfy constraint: Member must have value less than or equal to 100");
  EXPECT_EQ(message({{v1, 100}, {v2, -1}}),
            "1 validation error detected: Value '-1' at 'routingConfiguration.2.member.weight' "
            "failed to satisfy constraint: Member must have value greater than or equal to 0");
  EXPECT_EQ(message({{v1, 70}, {v2, 29}}),
            "Sum of routing configuration weights must equal 100. Received: [70, 29]");
  EXPECT_EQ(message({{machine, 50}, {v2, 50}}),
            "Routing configuration must contain state machine version ARNs. Received: [" + machine +
                ", " + v2 + "]");
  EXPECT_EQ(ErrorOf("CreateStateMachineAlias", json::Value::Object({{"name", S("live")}})),
            "ValidationException");
  EXPECT_EQ(ErrorOf("CreateStateMachineAlias", AliasRequest("live", Routes({{"nope", 100}}))),
            "InvalidArn");
  EXPECT_EQ(ErrorOf("CreateStateMachineAlias", AliasRequest("live", J(R"([{"weight":100}])"))),
            "ValidationException");
  EXPECT_EQ(ErrorOf("CreateStateMachineAlias", AliasRequest("live", J(R"({"weight":100})"))),
            "SerializationException");
  EXPECT_TRUE(Aliases(machine).empty());
}

TEST_F(VersionsTest, CreateAliasRejectsVersionsOfTwoMachines) {
  std::string orders = Create("orders", PassReturning(1));
  std::string billing = Create("billing", PassReturning(1));
  std::string request_error =
      ErrorOf("CreateStateMachineAlias",
              AliasRequest("live", Routes({{Publish(orders), 50}, {Publish(billing), 50}})));
  EXPECT_EQ(request_error, "ValidationException");
}

TEST_F(VersionsTest, CreateAliasRequiresVersionsThatExist) {
  std::string machine = Create("orders", PassReturning(1));
  std::string v1 = Publish(machine);
  EXPECT_EQ(ErrorOf("CreateStateMachineAlias",
                    AliasRequest("live", Routes({{v1, 50}, {machine + ":7", 50}}))),
            "ResourceNotFound");
  EXPECT_EQ(
      MessageOf("CreateStateMachineAlias",
                AliasRequest("live", Routes({{std::string(kMachinePrefix) + "none:1", 100}}))),
      "Request references a resource that does not exist.");
}

TEST_F(VersionsTest, CreateAliasStopsAtTheQuotaOfAHundredAliases) {
  std::string machine = Create("orders", PassReturning(1));
  std::string v1 = Publish(machine);
  for (int i = 0; i < 100; ++i) CreateAlias("alias-" + std::to_string(i), {{v1, 100}});
  EXPECT_EQ(ErrorOf("CreateStateMachineAlias", AliasRequest("one-more", Routes({{v1, 100}}))),
            "ServiceQuotaExceededException");
  // An identical request for an existing alias is still answered.
  EXPECT_EQ(ErrorOf("CreateStateMachineAlias", AliasRequest("alias-7", Routes({{v1, 100}}))), "ok");
}

TEST_F(VersionsTest, DescribeAliasAnswersResourceNotFoundOrInvalidArn) {
  std::string machine = Create("orders", PassReturning(1));
  EXPECT_EQ(ErrorOf("DescribeStateMachineAlias",
                    json::Value::Object({{"stateMachineAliasArn", S(machine + ":live")}})),
            "ResourceNotFound");
  EXPECT_EQ(ErrorOf("DescribeStateMachineAlias",
                    json::Value::Object({{"stateMachineAliasArn", S(machine)}})),
            "InvalidArn");
  EXPECT_EQ(ErrorOf("DescribeStateMachineAlias",
                    json::Value::Object({{"stateMachineAliasArn", S(machine + ":1")}})),
            "InvalidArn");
}

// --- UpdateStateMachineAlias ---------------------------------------------------------------------

TEST_F(VersionsTest, UpdateAliasChangesRoutingAndDescription) {
  std::string machine = Create("orders", PassReturning(1));
  std::string v1 = Publish(machine);
  std::string v2 = UpdateAndPublish(machine, 2);
  std::string alias = CreateAlias("live", {{v1, 100}}, "before");
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  json::Value updated =
      Ok("UpdateStateMachineAlias",
         json::Value::Object({{"stateMachineAliasArn", S(alias)},
                              {"description", S("after")},
                              {"routingConfiguration", Routes({{v1, 50}, {v2, 50}})}}));
  json::Value described = DescribeAlias(alias);
  EXPECT_EQ(Str(described, "description"), "after");
  EXPECT_EQ(json::Write(*described.Find("routingConfiguration")),
            json::Write(Routes({{v1, 50}, {v2, 50}})));
  EXPECT_EQ(json::Write(*described.Find("updateDate")), json::Write(*updated.Find("updateDate")));
  EXPECT_GT(described.Find("updateDate")->as_number(), described.Find("creationDate")->as_number());
}

TEST_F(VersionsTest, UpdateAliasWithNothingNewKeepsItsUpdateDate) {
  std::string machine = Create("orders", PassReturning(1));
  std::string v1 = Publish(machine);
  std::string alias = CreateAlias("live", {{v1, 100}}, "same");
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  json::Value updated =
      Ok("UpdateStateMachineAlias",
         json::Value::Object({{"stateMachineAliasArn", S(alias)}, {"description", S("same")}}));
  EXPECT_EQ(json::Write(*updated.Find("updateDate")),
            json::Write(*DescribeAlias(alias).Find("creationDate")));
}

TEST_F(VersionsTest, UpdateAliasNeedsADescriptionOrARoutingConfiguration) {
  std::string machine = Create("orders", PassReturning(1));
  std::string alias = CreateAlias("live", {{Publish(machine), 100}});
  EXPECT_EQ(
      ErrorOf("UpdateStateMachineAlias", json::Value::Object({{"stateMachineAliasArn", S(alias)}})),
      "ValidationException");
}

TEST_F(VersionsTest, UpdateAliasOfAMissingAliasIsResourceNotFound) {
  std::string machine = Create("orders", PassReturning(1));
  std::string v1 = Publish(machine);
  json::Value request = json::Value::Object({{"stateMachineAliasArn", S(machine + ":none")},
                                             {"routingConfiguration", Routes({{v1, 100}})}});
  EXPECT_EQ(ErrorOf("UpdateStateMachineAlias", request), "ResourceNotFound");
  EXPECT_EQ(MessageOf("UpdateStateMachineAlias", request),
            "Request references a resource that does not exist.");
}

TEST_F(VersionsTest, UpdateAliasRefusesVersionsOfAnotherMachineOrMissingOnes) {
  std::string orders = Create("orders", PassReturning(1));
  std::string billing = Create("billing", PassReturning(1));
  std::string alias = CreateAlias("live", {{Publish(orders), 100}});
  std::string billing_v1 = Publish(billing);
  EXPECT_EQ(ErrorOf("UpdateStateMachineAlias",
                    json::Value::Object({{"stateMachineAliasArn", S(alias)},
                                         {"routingConfiguration", Routes({{billing_v1, 100}})}})),
            "ValidationException");
  EXPECT_EQ(
      ErrorOf("UpdateStateMachineAlias",
              json::Value::Object({{"stateMachineAliasArn", S(alias)},
                                   {"routingConfiguration", Routes({{orders + ":9", 100}})}})),
      "ResourceNotFound");
}

// --- DeleteStateMachineAlias ---------------------------------------------------------------------

TEST_F(VersionsTest, DeleteAliasRemovesItKeepsItsVersionsAndIsIdempotent) {
  std::string machine = Create("orders", PassReturning(1));
  std::string v1 = Publish(machine);
  std::string alias = CreateAlias("live", {{v1, 100}});
  json::Value request = json::Value::Object({{"stateMachineAliasArn", S(alias)}});
  Ok("DeleteStateMachineAlias", request);
  EXPECT_EQ(ErrorOf("DescribeStateMachineAlias", request), "ResourceNotFound");
  EXPECT_EQ(ErrorOf("StartExecution", json::Value::Object({{"stateMachineArn", S(alias)}})),
            "StateMachineDoesNotExist");
  EXPECT_EQ(Versions(machine), std::vector<std::string>{v1});
  Ok("DeleteStateMachineAlias", request);  // AWS answers 200 for an alias that does not exist
  DeleteVersion(v1);                       // no alias routes to it any more
  EXPECT_EQ(ErrorOf("DeleteStateMachineAlias",
                    json::Value::Object({{"stateMachineAliasArn", S(machine)}})),
            "InvalidArn");
}

TEST_F(VersionsTest, DeleteStateMachineDeletesItsVersionsAndAliases) {
  std::string machine = Create("orders", PassReturning(1));
  std::string v1 = Publish(machine);
  std::string alias = CreateAlias("live", {{v1, 100}});
  Ok("DeleteStateMachine", json::Value::Object({{"stateMachineArn", S(machine)}}));
  EXPECT_EQ(ErrorOf("DescribeStateMachine", json::Value::Object({{"stateMachineArn", S(v1)}})),
            "StateMachineDoesNotExist");
  EXPECT_EQ(ErrorOf("DescribeStateMachineAlias",
                    json::Value::Object({{"stateMachineAliasArn", S(alias)}})),
            "ResourceNotFound");
}

// --- ListStateMachineAliases ---------------------------------------------------------------------

TEST_F(VersionsTest, ListsAliasesNewestFirstAPageAtATime) {
  std::string machine = Create("orders", PassReturning(1));
  std::string v1 = Publish(machine);
  for (const std::string name : {"first", "second", "third"}) {
    CreateAlias(name, {{v1, 100}});
    std::this_thread::sleep_for(std::chrono::milliseconds(3));  // distinct creation dates
  }
  json::Value page = Ok(
      "ListStateMachineAliases",
      json::Value::Object({{"stateMachineArn", S(machine)}, {"maxResults", json::Value::Int(2)}}));
  ASSERT_EQ(page.Find("stateMachineAliases")->size(), 2u);
  EXPECT_EQ(Str(*page.Find("stateMachineAliases")->At(0), "stateMachineAliasArn"),
            machine + ":third");
  EXPECT_EQ(Str(*page.Find("stateMachineAliases")->At(1), "stateMachineAliasArn"),
            machine + ":second");
  EXPECT_NE(page.Find("stateMachineAliases")->At(0)->Find("creationDate"), nullptr);
  json::Value next = Ok("ListStateMachineAliases",
                        json::Value::Object({{"stateMachineArn", S(machine)},
                                             {"maxResults", json::Value::Int(2)},
                                             {"nextToken", S(Str(page, "nextToken"))}}));
  ASSERT_EQ(next.Find("stateMachineAliases")->size(), 1u);
  EXPECT_EQ(Str(*next.Find("stateMachineAliases")->At(0), "stateMachineAliasArn"),
            machine + ":first");
  EXPECT_EQ(next.Find("nextToken"), nullptr);
}

TEST_F(VersionsTest, ListAliasesOfAVersionShowsTheAliasesThatRouteToIt) {
  std::string machine = Create("orders", PassReturning(1));
  std::string v1 = Publish(machine);
  std::string v2 = UpdateAndPublish(machine, 2);
  std::string live = CreateAlias("live", {{v1, 100}});
  std::string canary = CreateAlias("canary", {{v1, 0}, {v2, 100}});
  std::string next = CreateAlias("next", {{v2, 100}});
  std::vector<std::string> of_v1 = Aliases(v1);
  EXPECT_EQ(std::set<std::string>(of_v1.begin(), of_v1.end()),
            (std::set<std::string>{live, canary}));
  EXPECT_EQ(Aliases(machine).size(), 3u);
}

TEST_F(VersionsTest, ListAliasesChecksTheMachine) {
  std::string machine = Create("orders", PassReturning(1));
  EXPECT_TRUE(Aliases(machine).empty());
  EXPECT_EQ(ErrorOf("ListStateMachineAliases",
                    json::Value::Object(
                        {{"stateMachineArn", S(std::string(kMachinePrefix) + "missing")}})),
            "StateMachineDoesNotExist");
  EXPECT_EQ(ErrorOf("ListStateMachineAliases",
                    json::Value::Object({{"stateMachineArn", S(machine + ":live")}})),
            "InvalidArn");
  EXPECT_EQ(ErrorOf("ListStateMachineAliases", json::Value::Object({{"stateMachineArn", S(machine)},
                                                                    {"nextToken", S("garbage")}})),
            "InvalidToken");
}

// --- StartExecution and ListExecutions through versions and aliases ------------------------------

TEST_F(VersionsTest, StartThroughAVersionRunsItsDefinitionAndRecordsIt) {
  std::string machine = Create("orders", PassReturning(1));
  std::string v1 = Publish(machine);
  Update(machine, PassReturning(2));
  json::Value ended = WaitEnded(Start(v1));
  EXPECT_EQ(Str(ended, "output"), R"({"v":1})");
  EXPECT_EQ(Str(ended, "stateMachineArn"), machine);
  EXPECT_EQ(Str(ended, "stateMachineVersionArn"), v1);
  EXPECT_EQ(ended.Find("stateMachineAliasArn"), nullptr);
}

TEST_F(VersionsTest, StartThroughAnAliasWithWeightsOf100And0AlwaysRunsTheFirstVersion) {
  std::string machine = Create("orders", PassReturning(1));
  std::string v1 = Publish(machine);
  std::string v2 = UpdateAndPublish(machine, 2);
  std::string alias = CreateAlias("live", {{v2, 0}, {v1, 100}});
  for (int i = 0; i < 20; ++i) {
    json::Value described = DescribeExecution(Start(alias));
    EXPECT_EQ(Str(described, "stateMachineVersionArn"), v1);
    EXPECT_EQ(Str(described, "stateMachineAliasArn"), alias);
    EXPECT_EQ(Str(described, "stateMachineArn"), machine);
  }
}

TEST_F(VersionsTest, StartThroughAnAliasRunsTheVersionItPicked) {
  std::string machine = Create("orders", PassReturning(1));
  Publish(machine);
  std::string v2 = UpdateAndPublish(machine, 2);
  Update(machine, PassReturning(3));
  std::string alias = CreateAlias("live", {{v2, 100}});
  EXPECT_EQ(Str(WaitEnded(Start(alias)), "output"), R"({"v":2})");
}

TEST_F(VersionsTest, StartThroughAnAliasSplitsExecutionsBetweenItsVersions) {
  // With 50/50, the chance that 200 starts all pick one version is 2^-199.
  std::string machine = Create("orders", PassReturning(1));
  std::string v1 = Publish(machine);
  std::string v2 = UpdateAndPublish(machine, 2);
  std::string alias = CreateAlias("split", {{v1, 50}, {v2, 50}});
  std::map<std::string, int> picked;
  for (int i = 0; i < 200; ++i) {
    ++picked[Str(DescribeExecution(Start(alias)), "stateMachineVersionArn")];
  }
  EXPECT_EQ(picked.size(), 2u);
  EXPECT_GT(picked[v1], 0);
  EXPECT_GT(picked[v2], 0);
  EXPECT_EQ(picked[v1] + picked[v2], 200);
}

TEST_F(VersionsTest, StartThroughAnAliasAfterUpdatingItFollowsTheNewRouting) {
  std::string machine = Create("orders", PassReturning(1));
  std::string v1 = Publish(machine);
  std::string v2 = UpdateAndPublish(machine, 2);
  std::string alias = CreateAlias("live", {{v1, 100}});
  Ok("UpdateStateMachineAlias",
     json::Value::Object(
         {{"stateMachineAliasArn", S(alias)}, {"routingConfiguration", Routes({{v2, 100}})}}));
  EXPECT_EQ(Str(DescribeExecution(Start(alias)), "stateMachineVersionArn"), v2);
}

TEST_F(VersionsTest, StartThroughAMissingAliasIsStateMachineDoesNotExist) {
  std::string machine = Create("orders", PassReturning(1));
  EXPECT_EQ(ErrorOf("StartExecution",
                    json::Value::Object({{"stateMachineArn", S(machine + ":missing")}})),
            "StateMachineDoesNotExist");
}

TEST_F(VersionsTest, ListExecutionsThroughAVersionOrAnAliasListsOnlyTheirExecutions) {
  std::string machine = Create("orders", PassReturning(1));
  std::string v1 = Publish(machine);
  std::string v2 = UpdateAndPublish(machine, 2);
  std::string alias = CreateAlias("live", {{v2, 100}});
  std::string direct = Start(machine);
  std::string through_v1 = Start(v1);
  std::string through_v2 = Start(v2);
  std::string through_alias = Start(alias);
  EXPECT_EQ(Executions(v1), std::vector<std::string>{through_v1});
  std::vector<std::string> of_v2 = Executions(v2);
  EXPECT_EQ(std::set<std::string>(of_v2.begin(), of_v2.end()),
            (std::set<std::string>{through_v2, through_alias}));
  EXPECT_EQ(Executions(alias), std::vector<std::string>{through_alias});
  std::vector<std::string> all = Executions(machine);
  EXPECT_EQ(std::set<std::string>(all.begin(), all.end()),
            (std::set<std::string>{direct, through_v1, through_v2, through_alias}));
  json::Value listed = Ok("ListExecutions", json::Value::Object({{"stateMachineArn", S(alias)}}));
  const json::Value& item = *listed.Find("executions")->At(0);
  EXPECT_EQ(Str(item, "stateMachineVersionArn"), v2);
  EXPECT_EQ(Str(item, "stateMachineAliasArn"), alias);
}

}  // namespace
}  // namespace stepwise::api
