// Choice: branches on rules evaluated against the input (JSONPath) or on Conditions (JSONata).
// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html

#include "asl/internal_states.h"
#include "asl/timestamp.h"

namespace stepwise::asl::internal {
namespace {

constexpr int kMaxRuleDepth = 64;

bool OperandMatches(OperandType type, const json::Value& operand) {
  switch (type) {
    case OperandType::kString: return operand.is_string();
    case OperandType::kNumber: return operand.is_number();
    case OperandType::kBoolean: return operand.is_bool();
    case OperandType::kTimestamp: return operand.is_string();
  }
  return false;
}

std::string_view OperandTypeName(OperandType type) {
  switch (type) {
    case OperandType::kString: return "STRING";
    case OperandType::kNumber: return "NUMBER";
    case OperandType::kBoolean: return "BOOLEAN";
    case OperandType::kTimestamp: return "STRING (an RFC3339 timestamp)";
  }
  return "";
}

// A JSONPath-mode rule: a comparison (Variable and one operator) or And / Or / Not. Top-level
// rules also carry Next and Assign.
ChoiceRule CompileJsonPathRule(Checker& checker, const json::Value& rule,
                               const std::string& location, bool top_level, int depth) {
  ChoiceRule compiled;
  if (!rule.is_object()) {
    checker.Fail("A Choice rule must be an OBJECT", location);
    return compiled;
  }
  if (depth > kMaxRuleDepth) {
    checker.Fail(kTooDeeplyNested, "Choice rules are nested too deeply", location);
    return compiled;
  }
  const json::Value* variable = nullptr;
  const json::Value* combination = nullptr;
  std::string combination_name;
  const ChoiceOperatorInfo* op = nullptr;
  std::string op_name;
  bool op_is_path = false;
  int operator_count = 0;
  for (const json::Member& m : rule.members()) {
    std::string_view name = m.name();
    std::string at = location + "/" + std::string(name);
    if (name == "Variable") {
      variable = &m.value;
    } else if (name == "And" || name == "Or" || name == "Not") {
      combination = &m.value;
      combination_name = std::string(name);
      ++operator_count;
    } else if (name == "Comment") {
      if (!m.value.is_string()) checker.Fail("The value for the field 'Comment' must be a STRING", at);
    } else if (top_level && (name == "Next" || name == "Assign")) {
      // Read below.
    } else if (bool is_path = false; const ChoiceOperatorInfo* info =
                                        FindChoiceOperator(name, &is_path)) {
      op = info;
      op_name = std::string(name);
      op_is_path = is_path;
      ++operator_count;
    } else {
      checker.Fail("Field '" + std::string(name) + "' is not supported by Step Functions", at);
    }
  }
  if (top_level) {
    checker.Require(rule, {"Next"}, location);
    if (const json::Value* next = rule.Find("Next")) {
      compiled.next = checker.Target(*next, location + "/Next");
    }
    if (const json::Value* assign = rule.Find("Assign")) {
      compiled.assign = CompileAssign(checker, *assign, location + "/Assign");
    }
  }
  if (operator_count == 0) {
    checker.Fail("A Choice rule needs a comparison operator or one of [And, Or, Not]", location);
    return compiled;
  }
  if (operator_count > 1) {
    checker.Fail("A Choice rule may have only one comparison operator or combination", location);
    return compiled;
  }

  if (combination != nullptr) {
    if (variable != nullptr) {
      checker.Fail("The field 'Variable' cannot be used with '" + combination_name + "'",
                   location + "/Variable");
    }
    std::string at = location + "/" + combination_name;
    if (combination_name == "Not") {
      compiled.kind = ChoiceRule::Kind::kNot;
      compiled.children.push_back(CompileJsonPathRule(checker, *combination, at, false, depth + 1));
    } else {
      compiled.kind = combination_name == "And" ? ChoiceRule::Kind::kAnd : ChoiceRule::Kind::kOr;
      if (!combination->is_array() || combination->size() == 0) {
        checker.Fail("The value for the field '" + combination_name +
                         "' must be a non-empty ARRAY of Choice rules",
                     at);
        return compiled;
      }
      for (size_t i = 0; i < combination->size(); ++i) {
        compiled.children.push_back(CompileJsonPathRule(
            checker, combination->items()[i], at + "/" + std::to_string(i), false, depth + 1));
      }
    }
    return compiled;
  }

  compiled.kind = ChoiceRule::Kind::kComparison;
  compiled.op = op->op;
  if (variable == nullptr) {
    checker.Fail("These fields are required: [Variable]", location);
  } else {
    // ASL: "The values of Variable and Path fields in a comparison must be valid Reference Paths."
    compiled.variable = checker.Path(*variable, "Variable", location + "/Variable",
                                     Checker::PathRule::kReference, true, true);
  }
  const json::Value& operand = *rule.Find(op_name);
  std::string at = location + "/" + op_name;
  if (op_is_path) {
    compiled.operand_path =
        checker.Path(operand, op_name, at, Checker::PathRule::kReference, true, true);
  } else if (!OperandMatches(op->operand, operand)) {
    checker.Fail("The value for the field '" + op_name + "' must be a " +
                     std::string(OperandTypeName(op->operand)),
                 at);
  } else {
    compiled.operand = operand;
  }
  return compiled;
}

// A JSONata-mode rule: a Condition (an expression or a boolean), Next, Assign and Output.
ChoiceRule CompileJsonataRule(Checker& checker, const json::Value& rule,
                              const std::string& location) {
  ChoiceRule compiled;
  compiled.kind = ChoiceRule::Kind::kCondition;
  if (!rule.is_object()) {
    checker.Fail("A Choice rule must be an OBJECT", location);
    return compiled;
  }
  static const std::set<std::string_view> kAllowed = {"Condition", "Next", "Comment", "Assign",
                                                       "Output"};
  checker.CheckFields(rule, kAllowed, location);
  checker.Require(rule, {"Condition", "Next"}, location);
  if (const json::Value* condition = rule.Find("Condition")) {
    std::string at = location + "/Condition";
    if (condition->is_string() && Checker::IsJsonata(condition->as_string())) {
      compiled.condition_expression =
          checker.CompileJsonataExpression(condition->as_string(), at);
    } else if (!condition->is_bool()) {
      checker.Fail("The value for the field 'Condition' must be a JSONata expression or a BOOLEAN",
                   at);
    } else {
      compiled.condition = condition->as_bool();
    }
  }
  if (const json::Value* next = rule.Find("Next")) {
    compiled.next = checker.Target(*next, location + "/Next");
  }
  if (const json::Value* assign = rule.Find("Assign")) {
    compiled.jsonata_assign = CompileJsonataAssign(checker, *assign, location + "/Assign");
  }
  if (const json::Value* output = rule.Find("Output")) {
    compiled.jsonata_output =
        checker.CompileJsonataValue(*output, location + "/Output", "Output");
  }
  return compiled;
}

bool RuleReadsContext(const ChoiceRule& rule) {
  auto is_context = [](const std::optional<jsonpath::Path>& p) {
    return p && p->root() == jsonpath::RootKind::kContext;
  };
  if (is_context(rule.variable) || is_context(rule.operand_path)) return true;
  if (rule.assign && rule.assign->ReadsContext()) return true;
  for (const ChoiceRule& child : rule.children) {
    if (RuleReadsContext(child)) return true;
  }
  return false;
}

}  // namespace

void CompileChoice(Checker& checker, const json::Value& definition, const std::string& location,
                   State* state) {
  static const std::set<std::string_view> kJsonPath = {"InputPath", "OutputPath", "Choices",
                                                       "Default", "Assign"};
  static const std::set<std::string_view> kJsonata = {"Choices", "Default", "Output", "Assign"};
  CheckStateFields(checker, definition, location, *state, kJsonPath, kJsonata);
  checker.Require(definition, {"Choices"}, location);
  bool jsonata = state->query_language == QueryLanguage::kJsonata;
  if (jsonata) {
    CompileJsonataDataFlow(checker, definition, location, state);
  } else {
    CompileJsonPathDataFlow(checker, definition, location, state);
  }
  ChoiceFields fields;
  if (const json::Value* choices = definition.Find("Choices")) {
    std::string at = location + "/Choices";
    if (!choices->is_array() || choices->size() == 0) {
      checker.Fail("The value for the field 'Choices' must be a non-empty ARRAY", at);
    } else {
      for (size_t i = 0; i < choices->size(); ++i) {
        std::string here = at + "/" + std::to_string(i);
        const json::Value& rule = choices->items()[i];
        fields.choices.push_back(jsonata ? CompileJsonataRule(checker, rule, here)
                                         : CompileJsonPathRule(checker, rule, here, true, 0));
        state->reads_context = state->reads_context || RuleReadsContext(fields.choices.back());
      }
    }
  }
  if (const json::Value* default_state = definition.Find("Default")) {
    fields.default_state = checker.Target(*default_state, location + "/Default");
  }
  state->fields = std::move(fields);
}

}  // namespace stepwise::asl::internal
