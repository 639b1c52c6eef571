#include <gtest/gtest.h>

#include <string>

#include "asl/intrinsics/test_util.h"

namespace stepwise::asl {
namespace {

using testing::Eval;

const std::string kFailure =
    "States.IntrinsicFailure: There was an error while evaluating the intrinsic function: ";

TEST(FormatTest, ReplacesPlaceholdersInOrder) {
  EXPECT_EQ(Eval("States.Format('Hello, my name is {}.', $.name)", R"({"name":"Arnav"})"),
            R"("Hello, my name is Arnav.")");
  EXPECT_EQ(Eval("States.Format('{}-{}-{}', 1, 'two', $.three)", R"({"three":3})"), R"("1-two-3")");
}

TEST(FormatTest, TemplateFromAPath) {
  EXPECT_EQ(Eval("States.Format($.template, $.name)",
                 R"({"name":"Arnav","template":"Hello, my name is {}."})"),
            R"("Hello, my name is Arnav.")");
}

TEST(FormatTest, NoPlaceholders) {
  EXPECT_EQ(Eval("States.Format('no placeholders')"), R"("no placeholders")");
}

TEST(FormatTest, KeepsWhitespace) {
  // Recorded against AWS: single-space values leave double spaces.
  EXPECT_EQ(Eval("States.Format('fst={} and snd={}.', $.a, $.b)", R"({"a":" ","b":" "})"),
            R"("fst=  and snd= .")");
}

TEST(FormatTest, ScalarsPrintAsJavaPrintsThem) {
  // Recorded against AWS: null prints as "null" and 1 as "1".
  EXPECT_EQ(Eval("States.Format('{}|{}|{}|{}|{}|{}', $.n, $.t, $.i, $.d, $.e, $.s)",
                 R"({"n":null,"t":false,"i":-1,"d":3.5,"e":1e7,"s":"text"})"),
            R"("null|false|-1|3.5|1.0E7|text")");
}

TEST(FormatTest, ContainersPrintAsJavaMapsAndLists) {
  // Recorded against AWS: {"Arg1": 1, "Arg2": []} prints as {Arg1=1, Arg2=[]}.
  EXPECT_EQ(Eval("States.Format('fst={}.', $.v)", R"({"v":{"Arg1":1,"Arg2":[]}})"),
            R"("fst={Arg1=1, Arg2=[]}.")");
  EXPECT_EQ(Eval("States.Format('{}', $.v)", R"({"v":[1,"a b",null,{"k":[2.5,true]}]})"),
            R"("[1, a b, null, {k=[2.5, true]}]")");
}

TEST(FormatTest, StringValuesAreNotTemplates) {
  // Recorded against AWS: a value holding JSON text is inserted as is.
  EXPECT_EQ(Eval("States.Format('fst={}.', $.v)", R"({"v":"{\"Arg1\": 1, \"Arg2\": []}"})"),
            R"("fst={\"Arg1\": 1, \"Arg2\": []}.")");
  EXPECT_EQ(Eval("States.Format('{}', '{}')"), R"("{}")");
}

TEST(FormatTest, EscapedBracesAreLiteral) {
  EXPECT_EQ(Eval(R"(States.Format('\{{}\}', 1))"), R"("{1}")");
  EXPECT_EQ(Eval(R"(States.Format('\{\}'))"), R"("{}")");
}

TEST(FormatTest, NestedCalls) {
  EXPECT_EQ(Eval("States.Format('arn:{}:{}', $.svc, States.JsonToString($.obj))",
                 R"({"svc":"lambda","obj":{"k":1}})"),
            R"("arn:lambda:{\"k\":1}")");
}

TEST(FormatTest, PlaceholderCountMustMatch) {
  EXPECT_EQ(Eval("States.Format('{} {}', 1)"),
            kFailure +
                "States.Format('{} {}', 1). Invalid arguments in States.Format: number of "
                "arguments do not match the occurrences of {}.");
  EXPECT_EQ(Eval("States.Format('{}', 1, 2)"),
            kFailure +
                "States.Format('{}', 1, 2). Invalid arguments in States.Format: number of "
                "arguments do not match the occurrences of {}.");
}

TEST(FormatTest, MalformedLiteralTemplateFailsWhenItRuns) {
  // AWS accepts such a definition and fails the execution.
  EXPECT_EQ(testing::CompileError("States.Format('Hello {', $.a)"), "compiled");
  EXPECT_EQ(Eval("States.Format('Hello {', $.a)", R"({"a":"x"})"),
            kFailure +
                "States.Format('Hello {', $.a). Invalid template in States.Format: "
                "matching '}' not found for '{'.");
  EXPECT_EQ(Eval("States.Format('}')"),
            kFailure +
                "States.Format('}'). Invalid template in States.Format: matching '{' not "
                "found for '}'.");
  EXPECT_EQ(Eval(R"(States.Format('{\}', 1))"),
            kFailure + R"(States.Format('{\}', 1). )"
                       "Invalid template in States.Format: matching '}' not found for '{'.");
}

TEST(FormatTest, MalformedTemplateFromAPath) {
  EXPECT_EQ(Eval("States.Format($.t, 1)", R"({"t":"{{}}"})"),
            kFailure +
                "States.Format($.t, 1). Invalid template in States.Format: matching '}' "
                "not found for '{'.");
}

TEST(FormatTest, TemplateFromAPathMustBeAString) {
  EXPECT_EQ(Eval("States.Format($.t)", R"({"t":123})"),
            testing::InvalidArguments("States.Format($.t)", "States.Format"));
}

TEST(FormatTest, ResultIsBoundedByThePayloadLimit) {
  const std::string big(200 * 1024, 'x');
  const std::string input = R"({"s":")" + big + R"("})";
  EXPECT_EQ(Eval("States.Format('{}', $.s)", input), R"(")" + big + R"(")");
  EXPECT_EQ(Eval("States.Format('{}{}', $.s, $.s)", input),
            kFailure +
                "States.Format('{}{}', $.s, $.s). Invalid arguments in States.Format: a "
                "value is larger than the payload size limit of 262144 bytes");
}

}  // namespace
}  // namespace stepwise::asl
