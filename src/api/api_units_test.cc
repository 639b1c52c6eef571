// Unit tests of the API's building blocks: ARNs, names, request members, the wire protocol.
#include <gtest/gtest.h>

#include "api/arn.h"
#include "api/names.h"
#include "api/protocol.h"
#include "api/request.h"
#include "json/parse.h"
#include "json/write.h"

namespace stepwise::api {
namespace {

json::Value J(std::string_view text) { return json::Parse(text).value(); }

TEST(ArnTest, ParsesEveryKind) {
  Arn machine = ParseArn("arn:aws:states:eu-west-1:123456789012:stateMachine:Orders").value();
  EXPECT_EQ(machine.kind, ArnKind::kStateMachine);
  EXPECT_EQ(machine.region, "eu-west-1");
  EXPECT_EQ(machine.name, "Orders");
  EXPECT_EQ(ParseArn("arn:aws:states:eu-west-1:123456789012:stateMachine:Orders:3").value().kind,
            ArnKind::kStateMachineVersion);
  Arn alias = ParseArn("arn:aws:states:eu-west-1:123456789012:stateMachine:Orders:PROD").value();
  EXPECT_EQ(alias.kind, ArnKind::kStateMachineAlias);
  EXPECT_EQ(alias.qualifier, "PROD");
  EXPECT_EQ(alias.StateMachineArn(), "arn:aws:states:eu-west-1:123456789012:stateMachine:Orders");
  Arn execution = ParseArn("arn:aws:states:eu-west-1:123456789012:execution:Orders:e1").value();
  EXPECT_EQ(execution.kind, ArnKind::kExecution);
  EXPECT_EQ(execution.execution, "e1");
  EXPECT_EQ(ParseArn("arn:aws:states:eu-west-1:123456789012:express:Orders:e1:abc").value().kind,
            ArnKind::kExpressExecution);
  EXPECT_EQ(ParseArn("arn:aws:states:eu-west-1:123456789012:activity:Review").value().kind,
            ArnKind::kActivity);
}

TEST(ArnTest, RejectsWhatIsNotAStepFunctionsArn) {
  for (std::string_view bad : {"", "Orders", "arn:aws:lambda:us-east-1:123456789012:function:f",
                               "arn:aws:states:us-east-1:12345:stateMachine:x",
                               "arn:aws:states:us-east-1:123456789012:stateMachine:",
                               "arn:aws:states:us-east-1:123456789012:table:x"}) {
    Result<Arn> parsed = ParseArn(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().name(), "InvalidArn") << bad;
    EXPECT_TRUE(parsed.error().message().starts_with("Invalid Arn: '")) << bad;
  }
}

TEST(ArnTest, RequiresTheKindTheActionTakes) {
  Result<Arn> parsed = ParseArnOf("arn:aws:states:us-east-1:123456789012:activity:a",
                                  ArnKindBit(ArnKind::kStateMachine));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().message(),
            "Invalid Arn: 'Resource type not valid in this context: activity'");
}

TEST(ArnTest, FormatsInTheServicesRegionAndAccount) {
  ArnFormat arns("ap-south-1", "210987654321");
  EXPECT_EQ(arns.StateMachine("m"), "arn:aws:states:ap-south-1:210987654321:stateMachine:m");
  EXPECT_EQ(arns.Execution("m", "e"), "arn:aws:states:ap-south-1:210987654321:execution:m:e");
  EXPECT_EQ(arns.Version(arns.StateMachine("m"), 2),
            "arn:aws:states:ap-south-1:210987654321:stateMachine:m:2");
}

TEST(NamesTest, FollowsAwsRules) {
  EXPECT_TRUE(ValidateName("Order-Pipeline_2.v1").ok());
  EXPECT_TRUE(ValidateName("Überprüfung").ok());  // non-ASCII letters are allowed
  EXPECT_TRUE(ValidateName(std::string(80, 'a')).ok());
  EXPECT_FALSE(ValidateName(std::string(81, 'a')).ok());
  EXPECT_FALSE(ValidateName("").ok());
  for (std::string_view bad : {"a b", "a\tb", "a<b", "a{b", "a[b", "a?b", "a*b", "a\"b", "a#b",
                               "a%b", "a\\b", "a^b", "a|b", "a~b", "a`b", "a$b", "a&b", "a,b",
                               "a;b", "a:b", "a/b", "a\x01z", "a\xc2\x85z"}) {
    Result<void> checked = ValidateName(bad);
    ASSERT_FALSE(checked.ok()) << bad;
    EXPECT_EQ(checked.error().name(), "InvalidName");
  }
}

TEST(NamesTest, AliasNames) {
  EXPECT_TRUE(ValidateAliasName("PROD-1.a_b").ok());
  EXPECT_FALSE(ValidateAliasName("123").ok());  // would read as a version number
  EXPECT_FALSE(ValidateAliasName("a b").ok());
  EXPECT_FALSE(ValidateAliasName("").ok());
}

TEST(RequestReaderTest, ChecksPresenceTypeAndLength) {
  json::Value body = J(R"({"name":"abc","count":5,"flag":true,"long":"xxxxxx"})");
  RequestReader reader(body);
  EXPECT_EQ(reader.RequiredString("name", 1, 80).value(), "abc");
  Result<std::string> missing = reader.RequiredString("roleArn");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().name(), "ValidationException");
  EXPECT_EQ(missing.error().message(),
            "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: "
            "Member must not be null");
  Result<std::string> wrong = reader.RequiredString("count");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().name(), "SerializationException");
  Result<std::string> too_long = reader.RequiredString("long", 1, 5);
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().message(),
            "1 validation error detected: Value 'xxxxxx' at 'long' failed to satisfy constraint: "
            "Member must have length less than or equal to 5");
  EXPECT_EQ(reader.OptionalInt("count", 0, 10).value(), 5);
  EXPECT_FALSE(reader.OptionalInt("count", 6, 10).ok());
  EXPECT_EQ(reader.OptionalBool("flag").value(), true);
  Result<std::optional<std::string>> e = reader.OptionalEnum("name", {"STANDARD", "EXPRESS"});
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().message(),
            "1 validation error detected: Value 'abc' at 'name' failed to satisfy constraint: "
            "Member must satisfy enum value set: [STANDARD, EXPRESS]");
}

http::Request Post(std::string target, std::string body) {
  http::Request request;
  request.method = "POST";
  request.target = "/";
  if (!target.empty()) request.headers.emplace_back("X-Amz-Target", std::move(target));
  request.headers.emplace_back("Content-Type", "application/x-amz-json-1.0");
  request.body = std::move(body);
  return request;
}

TEST(ProtocolTest, DecodesTheActionAndTheBody) {
  ApiCall call = DecodeCall(Post("AWSStepFunctions.ListStateMachines", R"({"maxResults":5})")).value();
  EXPECT_EQ(call.action, "ListStateMachines");
  EXPECT_EQ(json::Write(call.request), R"({"maxResults":5})");
  EXPECT_TRUE(DecodeCall(Post("AWSStepFunctions.ListActivities", "")).value().request.is_object());
}

TEST(ProtocolTest, RejectsForeignTargetsAndBadBodies) {
  EXPECT_EQ(DecodeCall(Post("", "{}")).error().name(), "UnknownOperationException");
  EXPECT_EQ(DecodeCall(Post("DynamoDB_20120810.GetItem", "{}")).error().name(),
            "UnknownOperationException");
  EXPECT_EQ(DecodeCall(Post("AWSStepFunctions.ListActivities", "{oops")).error().name(),
            "SerializationException");
  EXPECT_EQ(DecodeCall(Post("AWSStepFunctions.ListActivities", "[1]")).error().name(),
            "SerializationException");
}

TEST(ProtocolTest, EncodesErrorsAsAwsDoes) {
  http::Response response = EncodeError(Error("StateMachineDoesNotExist", "gone"), "req-1");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.content_type, "application/x-amz-json-1.0");
  json::Value body = J(response.body);
  std::string_view type = body.Find("__type")->as_string();
  EXPECT_EQ(type.substr(type.find('#') + 1), "StateMachineDoesNotExist");
  EXPECT_EQ(body.Find("message")->as_string(), "gone");
  EXPECT_EQ(EncodeError(Error("StoreError", "disk"), "r").status, 500);
  http::Response ok = EncodeSuccess(J(R"({"a":1})"), "req-2");
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body, R"({"a":1})");
}

TEST(ProtocolTest, ErrorsStayJsonWhatEverTheRequestSent) {
  // An unknown target quoted back with bytes that are not UTF-8 (found by api_request_fuzz).
  Result<ApiCall> call = DecodeCall(Post("x\xbc", "{}"));
  ASSERT_FALSE(call.ok());
  http::Response response = EncodeError(call.error(), "r");
  Result<json::Value> body = json::Parse(response.body);
  ASSERT_TRUE(body.ok()) << response.body;
  EXPECT_EQ(body.value().Find("message")->as_string(), "Unknown operation x\xEF\xBF\xBD");
  http::Response bad_body = EncodeError(DecodeCall(Post("AWSStepFunctions.ListActivities", "\xff")).error(), "r");
  EXPECT_TRUE(json::Parse(bad_body.body).ok()) << bad_body.body;
  // Valid UTF-8 passes unchanged.
  EXPECT_EQ(J(EncodeError(Error("X", "caf\xc3\xa9"), "r").body).Find("message")->as_string(), "caf\xc3\xa9");
}

}  // namespace
}  // namespace stepwise::api
