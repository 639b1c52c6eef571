#include "jsonata/parser.h"

#include <cmath>
#include <string>

#include "gtest/gtest.h"
#include "jsonata/ast_dump.h"

namespace stepwise::jsonata {
namespace {

// The dump of the parsed tree, or "error: <code>" when it does not parse.
std::string Tree(std::string_view text) {
  ParseError error;
  Result<Expression> expression = Parse(text, &error);
  if (!expression.ok()) return "error: " + error.code;
  return DumpAst(expression.value().root());
}

// The detail of the error text fails with.
ParseError Failure(std::string_view text) {
  ParseError error;
  Result<Expression> expression = Parse(text, &error);
  EXPECT_FALSE(expression.ok()) << text << " parsed";
  return error;
}

TEST(ParserTest, PathWithPredicateIsFlattenedIntoSteps) {
  EXPECT_EQ(Tree("Account.Order[0].Product"), "(path Account Order{stages=[0]} Product)");
}

TEST(ParserTest, ArithmeticFollowsPrecedence) {
  EXPECT_EQ(Tree("1 + 2 * 3 - 4"), "(- (+ 1 (* 2 3)) 4)");
}

TEST(ParserTest, AndBindsTighterThanOr) {
  EXPECT_EQ(Tree("a and b or c and d"), "(or (and (path a) (path b)) (and (path c) (path d)))");
}

TEST(ParserTest, ComparisonAndConcatenation) {
  EXPECT_EQ(Tree("a & 'x' = b"), "(= (& (path a) \"x\") (path b))");
  EXPECT_EQ(Tree("a in [1] != (b <= 2)"), "(!= (in (path a) (array 1)) (block (<= (path b) 2)))");
}

TEST(ParserTest, PredicateOnANonPathNodeStaysOnTheNode) {
  EXPECT_EQ(Tree("$x[0]"), "$x{predicates=[0]}");
  EXPECT_EQ(Tree("$sum(a)[0]"), "(call $sum (path a)){predicates=[0]}");
}

TEST(ParserTest, EmptyBracketsKeepSingletonArrays) {
  EXPECT_EQ(Tree("a[]"), "(path a{keep}){keep,keepsingleton}");
  EXPECT_EQ(Tree("a[0][]"), "(path a{keep,stages=[0]}){keep,keepsingleton}");
  EXPECT_EQ(Tree("(a.b)[]"), "(block (path a b)){keep}");
}

TEST(ParserTest, GroupingAttachesToThePath) {
  EXPECT_EQ(Tree("a.b{c: d}"), "(path a b){group=(object ((path c) (path d)))}");
  EXPECT_EQ(Tree("[1,2,3]{\"num\": $}"), "(array 1 2 3){group=(object (\"num\" $))}");
}

TEST(ParserTest, PredicateAfterGroupingIsS0209) {
  ParseError error = Failure("[1,2,3]{\"num\": $}[true]");
  EXPECT_EQ(error.code, "S0209");
  EXPECT_EQ(error.position, 18u);
  EXPECT_EQ(error.message, "A predicate cannot follow a grouping expression in a step");
}

TEST(ParserTest, SecondGroupingIsS0210) {
  EXPECT_EQ(Failure("[1,2,3]{\"num\": $}{\"num\": $}").code, "S0210");
}

TEST(ParserTest, SortIsAStepOfThePath) {
  EXPECT_EQ(Tree("a^(<b, >c)"), "(path a (sort <(path b) >(path c)))");
}

TEST(ParserTest, FocusAndIndexBindingsMarkTheirSteps) {
  EXPECT_EQ(Tree("a@$o.b#$i"), "(path a{tuple,focus=$o} b{tuple,index=$i})");
  EXPECT_EQ(Tree("a[0]#$i"), "(path a{tuple,stages=[0 #$i]})");
}

TEST(ParserTest, FocusBindingInAJoin) {
  EXPECT_EQ(Tree("library.loans@$l.books@$b[$l.isbn=$b.isbn].{'title': $b.title}"),
            "(path library loans{tuple,focus=$l} books{tuple,stages=[(= (path $l isbn) "
            "(path $b isbn))],focus=$b} (object (\"title\" (path $b title))))");
}

TEST(ParserTest, BindingToANonVariableIsS0214) {
  ParseError error = Failure("Account.Order@o.Product");
  EXPECT_EQ(error.code, "S0214");
  EXPECT_EQ(error.position, 15u);
  EXPECT_EQ(error.message, "The right side of \"@\" must be a variable name (start with $)");
  EXPECT_EQ(Failure("Account.Order@$o#i.Product").token, "\"#\"");
}

TEST(ParserTest, FocusAfterPredicateIsS0215) {
  ParseError error = Failure("Account.Order[1]@$o.Product");
  EXPECT_EQ(error.code, "S0215");
  EXPECT_EQ(error.position, 17u);
}

TEST(ParserTest, FocusAfterSortIsS0216) {
  EXPECT_EQ(Failure("Account.Order^(>OrderID)@$o.Product").code, "S0216");
}

TEST(ParserTest, ParentResolvesToThePreviousStep) {
  EXPECT_EQ(Tree("a.b.%"), "(path a b{tuple,ancestor=0} (% 0))");
  EXPECT_EQ(Tree("a.b[%.c = 1]"), "(path a b{tuple,stages=[(= (path (% 0) c) 1)],ancestor=0})");
}

TEST(ParserTest, ParentWithNoStepToReferToIsS0217) {
  ParseError top = Failure("%");
  EXPECT_EQ(top.code, "S0217");
  EXPECT_EQ(top.position, kNoPosition);
  EXPECT_EQ(top.token, "\"parent\"");
  EXPECT_EQ(top.message,
            "The object representing the 'parent' cannot be derived from this expression");
  EXPECT_EQ(Failure("a.%.%").code, "S0217");
  ParseError variable = Failure("$.%");
  EXPECT_EQ(variable.position, 1u);
  EXPECT_EQ(variable.token, "\"variable\"");
  EXPECT_EQ(Failure("{'hello': 'world'}.% ").token, "\"unary\"");
}

TEST(ParserTest, LambdaWithSignature) {
  Result<Expression> expression = Parse("function($x, $y)<n-n:n>{$x + $y}");
  ASSERT_TRUE(expression.ok());
  EXPECT_EQ(DumpAst(expression.value().root()), "(lambda ($x $y) <n-n:n> (+ $x $y))");
  const auto& lambda = static_cast<const LambdaNode&>(expression.value().root());
  ASSERT_TRUE(lambda.signature.has_value());
  ASSERT_EQ(lambda.signature->params.size(), 2u);
  EXPECT_TRUE(lambda.signature->params[0].use_context);
  EXPECT_EQ(lambda.signature->params[1].accepts, "nm");
}

TEST(ParserTest, LambdaSpelledLambda) { EXPECT_EQ(Tree("\xCE\xBB($x){$x}"), "(lambda ($x) $x)"); }

TEST(ParserTest, LambdaParameterMustBeAVariableS0208) {
  ParseError error = Failure("function(x){$x}(3)");
  EXPECT_EQ(error.code, "S0208");
  EXPECT_EQ(error.position, 10u);
  EXPECT_EQ(error.value, "1");
  EXPECT_EQ(error.message,
            "Parameter 1 of function definition must be a variable name (start with $)");
}

TEST(ParserTest, SignatureErrorsCarryTheSignaturePosition) {
  ParseError s0401 = Failure("\xCE\xBB($arg)<n<n>>{$arg}(5)");
  EXPECT_EQ(s0401.code, "S0401");
  EXPECT_EQ(s0401.position, 10u);
  ParseError s0402 = Failure("\xCE\xBB($arr)<(sa<n>)>>{$arr}([[1]])");
  EXPECT_EQ(s0402.code, "S0402");
  EXPECT_EQ(s0402.position, 9u);
  EXPECT_EQ(s0402.value, "\"sa<n>\"");
}

TEST(ParserTest, TailCallsInLambdaBodiesAreMarked) {
  EXPECT_EQ(Tree("function($n){$n > 1 ? $f($n - 1) : 1}"),
            "(lambda ($n) (? (> $n 1) (call $f (- $n 1)){tail} 1))");
  EXPECT_EQ(Tree("function($n){($n; $f($n))}"), "(lambda ($n) (block $n (call $f $n){tail}))");
  EXPECT_EQ(Tree("function($n){$f($n)[0]}"), "(lambda ($n) (call $f $n){predicates=[0]})");
}

TEST(ParserTest, PartialApplication) { EXPECT_EQ(Tree("$f(?, 2)"), "(partial $f ? 2)"); }

TEST(ParserTest, Conditionals) {
  EXPECT_EQ(Tree("a ? b : c"), "(? (path a) (path b) (path c))");
  EXPECT_EQ(Tree("a ? b"), "(? (path a) (path b))");
}

TEST(ParserTest, CoalescingAndDefaultOperators) {
  EXPECT_EQ(Tree("a ?? b"), "(?? (path a) (path b))");
  EXPECT_EQ(Tree("a ?: b"), "(?: (path a) (path b))");
  EXPECT_EQ(Tree("-5 ?: 99"), "(?: -5 99)");
}

TEST(ParserTest, Transform) {
  EXPECT_EQ(Tree("| a | {\"x\": 1}, [\"y\"] |"),
            "(transform (path a) (object (\"x\" 1)) (array \"y\"))");
}

TEST(ParserTest, BlockAndBinding) {
  EXPECT_EQ(Tree("($x := 1; $x + 1)"), "(block (:= $x 1) (+ $x 1))");
  EXPECT_EQ(Tree("()"), "(block)");
}

TEST(ParserTest, BindingIsRightAssociative) {
  EXPECT_EQ(Tree("$a := $b := 2"), "(:= $a (:= $b 2))");
}

TEST(ParserTest, BindingToANonVariableIsS0212) {
  ParseError error = Failure("x:=1");
  EXPECT_EQ(error.code, "S0212");
  EXPECT_EQ(error.position, 1u);
  EXPECT_EQ(error.token, "\"x\"");
  EXPECT_EQ(Failure("($a := [1,2]; $a[1]:=3; $a)").code, "S0212");
}

TEST(ParserTest, FunctionChain) {
  EXPECT_EQ(Tree("a ~> $f(1) ~> $g"), "(~> (~> (path a) (call $f 1)) $g)");
}

TEST(ParserTest, RangesInArrayConstructors) { EXPECT_EQ(Tree("[1..3, 5]"), "(array (.. 1 3) 5)"); }

TEST(ParserTest, RangeOutsideAnArrayIsS0202) {
  ParseError error = Failure("(1..5)");
  EXPECT_EQ(error.code, "S0202");
  EXPECT_EQ(error.message, "Expected \")\", got \"..\"");
}

TEST(ParserTest, UnaryMinusFoldsIntoNumberLiterals) {
  EXPECT_EQ(Tree("-5"), "-5");
  EXPECT_EQ(Tree("--5"), "5");
  EXPECT_EQ(Tree("-a"), "(- (path a))");
  Result<Expression> zero = Parse("-0");
  ASSERT_TRUE(zero.ok());
  const auto& literal = static_cast<const LiteralNode&>(zero.value().root());
  EXPECT_TRUE(literal.value.is_double());
  EXPECT_TRUE(std::signbit(literal.value.as_double()));
}

TEST(ParserTest, NumberLiteralsAreIntegersWhenExact) {
  Result<Expression> expression = Parse("[1, 2.5, 1e300]");
  ASSERT_TRUE(expression.ok());
  const auto& array = static_cast<const ArrayNode&>(expression.value().root());
  ASSERT_EQ(array.items.size(), 3u);
  EXPECT_TRUE(static_cast<const LiteralNode*>(array.items[0])->value.is_int());
  EXPECT_TRUE(static_cast<const LiteralNode*>(array.items[1])->value.is_double());
  EXPECT_TRUE(static_cast<const LiteralNode*>(array.items[2])->value.is_double());
}

TEST(ParserTest, StringLiteralStepsBecomeNames) {
  EXPECT_EQ(Tree("\"x y\".z"), "(path `x y` z)");
  EXPECT_EQ(Tree("\"x\""), "\"x\"");
}

TEST(ParserTest, NumberStepIsS0213) {
  ParseError error = Failure("$.7");
  EXPECT_EQ(error.code, "S0213");
  EXPECT_EQ(error.position, 3u);
  EXPECT_EQ(error.value, "7");
  EXPECT_EQ(error.message, "The literal value 7 cannot be used as a step within a path expression");
  EXPECT_EQ(Failure("a.true").value, "true");
}

TEST(ParserTest, WordOperatorsCanBeNames) {
  EXPECT_EQ(Tree("and.or"), "(path and or)");
  EXPECT_EQ(Tree("in"), "(path in)");
}

TEST(ParserTest, RegexLiteral) {
  Result<Expression> expression = Parse("$match(s, /ab+c/i)");
  ASSERT_TRUE(expression.ok());
  const auto& call = static_cast<const CallNode&>(expression.value().root());
  ASSERT_EQ(call.arguments.size(), 2u);
  ASSERT_EQ(call.arguments[1]->kind, NodeKind::kRegex);
  const auto& regex = static_cast<const RegexNode&>(*call.arguments[1]);
  EXPECT_EQ(regex.pattern, "ab+c");
  EXPECT_EQ(regex.flags, "i");
}

TEST(ParserTest, SlashAfterAnOperandDivides) {
  EXPECT_EQ(Tree("a / b / 2"), "(/ (/ (path a) (path b)) 2)");
}

TEST(ParserTest, ArrayConstructorStepsAreConsarray) {
  EXPECT_EQ(Tree("a.[b, c]"), "(path a (array (path b) (path c)){consarray})");
  EXPECT_EQ(Tree("[a].b"), "(path (array (path a)){consarray} b)");
}

TEST(ParserTest, Wildcards) {
  EXPECT_EQ(Tree("**.c"), "(path ** c)");
  EXPECT_EQ(Tree("a.*"), "(path a *)");
}

TEST(ParserTest, ObjectConstructor) {
  EXPECT_EQ(Tree("{\"a\": 1, b: [2]}"), "(object (\"a\" 1) ((path b) (array 2)))");
}

TEST(ParserTest, WrongClosingBracketIsS0202) {
  ParseError error = Failure("[1,2)");
  EXPECT_EQ(error.code, "S0202");
  EXPECT_EQ(error.position, 5u);
  EXPECT_EQ(error.token, "\")\"");
  EXPECT_EQ(error.value, "\"]\"");
  EXPECT_EQ(error.message, "Expected \"]\", got \")\"");
}

TEST(ParserTest, MissingClosingBracketIsS0203) {
  ParseError error = Failure("$lowercase(\"Missing close brackets\"");
  EXPECT_EQ(error.code, "S0203");
  EXPECT_EQ(error.position, 35u);
  EXPECT_EQ(error.message, "Expected \")\" before end of expression");
}

TEST(ParserTest, TrailingTokenIsS0201) {
  ParseError error = Failure("Account.Order[0].Product;");
  EXPECT_EQ(error.code, "S0201");
  EXPECT_EQ(error.position, 25u);
  EXPECT_EQ(error.message, "Syntax error: \";\"");
}

TEST(ParserTest, BangAloneIsAnUnknownOperatorS0204) {
  ParseError error = Failure("[1!2]");
  EXPECT_EQ(error.code, "S0204");
  EXPECT_EQ(error.position, 3u);
  EXPECT_EQ(error.message, "Unknown operator: \"!\"");
}

TEST(ParserTest, OperatorWithoutPrefixMeaningIsS0211) {
  ParseError error = Failure("@ bar");
  EXPECT_EQ(error.code, "S0211");
  EXPECT_EQ(error.position, 1u);
  EXPECT_EQ(error.message, "The symbol \"@\" cannot be used as a unary operator");
}

TEST(ParserTest, MissingOperandAtTheEndIsS0207) {
  ParseError error = Failure("1=");
  EXPECT_EQ(error.code, "S0207");
  EXPECT_EQ(error.position, 2u);
  EXPECT_EQ(error.message, "Unexpected end of expression");
  EXPECT_EQ(Failure("%%").code, "S0207");
}

TEST(ParserTest, EmptyExpressionIsS0207) { EXPECT_EQ(Failure("  ").code, "S0207"); }

TEST(ParserTest, ErrorIsNamedAfterTheCodeWithThePositionInTheMessage) {
  Result<Expression> expression = Parse("[1,2)");
  ASSERT_FALSE(expression.ok());
  EXPECT_EQ(expression.error().name(), "S0202");
  EXPECT_EQ(expression.error().message(), "Expected \"]\", got \")\" at position 5");
}

TEST(ParserTest, ErrorWithoutPositionHasNoPositionInTheMessage) {
  Result<Expression> expression = Parse("%");
  ASSERT_FALSE(expression.ok());
  EXPECT_EQ(expression.error().message(),
            "The object representing the 'parent' cannot be derived from this expression");
}

TEST(ParserTest, LexicalErrorsPassThrough) {
  EXPECT_EQ(Failure("\"no closing quote").code, "S0101");
  EXPECT_EQ(Failure("a /* b").code, "S0106");
  EXPECT_EQ(Failure("$match(s, //)").code, "S0301");
}

TEST(ParserTest, ErrorPositionsCountUtf16Units) {
  EXPECT_EQ(Failure("\"\xC3\xA9\" + @").position, 7u);
  EXPECT_EQ(Failure("\"\xF0\x9F\x99\x82\" + @").position, 8u);
}

TEST(ParserTest, DeepNestingFailsWithU1001InsteadOfOverflowing) {
  std::string deep(100000, '[');
  ParseError error = Failure(deep);
  EXPECT_EQ(error.code, "U1001");
  std::string parens(100000, '(');
  EXPECT_EQ(Failure(parens).code, "U1001");
}

TEST(ParserTest, LongOperatorChainFailsWithU1001) {
  std::string chain = "1";
  for (int i = 0; i < 2 * kMaxNestingDepth; ++i) chain += "+1";
  EXPECT_EQ(Failure(chain).code, "U1001");
}

TEST(ParserTest, NestingUpToTheLimitParses) {
  const size_t depth = kMaxNestingDepth * 2 / 5;
  std::string nested = std::string(depth, '[') + "1" + std::string(depth, ']');
  EXPECT_TRUE(Parse(nested).ok());
}

TEST(ParserTest, InvalidUtf8DoesNotCrash) {
  EXPECT_TRUE(Parse("a\xFF\xFE.b").ok());
  EXPECT_FALSE(Parse("\"\xC3").ok());
}

TEST(ParserTest, ExpressionCopiesShareTheTree) {
  Result<Expression> parsed = Parse("a.b");
  ASSERT_TRUE(parsed.ok());
  Expression copy = parsed.value();
  EXPECT_EQ(&copy.root(), &parsed.value().root());
  EXPECT_EQ(copy.source(), "a.b");
}

}  // namespace
}  // namespace stepwise::jsonata
