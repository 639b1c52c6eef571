#include "asl/checker.h"

#include <cmath>

#include "jsonata/parser.h"

namespace stepwise::asl::internal {

std::string TypeName(const json::Value& value) {
  switch (value.kind()) {
    case json::Kind::kNull: return "NULL";
    case json::Kind::kBool: return "BOOLEAN";
    case json::Kind::kInt: return "INTEGER";
    case json::Kind::kDouble: return "NUMBER";
    case json::Kind::kString: return "STRING";
    case json::Kind::kArray: return "ARRAY";
    case json::Kind::kObject: return "OBJECT";
  }
  return "UNKNOWN";
}

void Checker::Fail(std::string_view code, std::string message, std::string location) {
  diagnostics_.push_back(
      Diagnostic{Severity::kError, std::string(code), std::move(message), std::move(location)});
}

void Checker::Warn(std::string_view code, std::string message, std::string location) {
  diagnostics_.push_back(
      Diagnostic{Severity::kWarning, std::string(code), std::move(message), std::move(location)});
}

std::optional<std::string> Checker::String(const json::Value& object, std::string_view field,
                                           const std::string& location) {
  const json::Value* v = object.Find(field);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    Fail("The value for the field '" + std::string(field) + "' must be a STRING",
         location + "/" + std::string(field));
    return std::nullopt;
  }
  return std::string(v->as_string());
}

std::optional<bool> Checker::Bool(const json::Value& object, std::string_view field,
                                  const std::string& location) {
  const json::Value* v = object.Find(field);
  if (v == nullptr) return std::nullopt;
  if (!v->is_bool()) {
    Fail("The value for the field '" + std::string(field) + "' must be a BOOLEAN",
         location + "/" + std::string(field));
    return std::nullopt;
  }
  return v->as_bool();
}

std::optional<int64_t> Checker::Integer(const json::Value& object, std::string_view field,
                                        const std::string& location, int64_t min, int64_t max) {
  const json::Value* v = object.Find(field);
  if (v == nullptr) return std::nullopt;
  std::string at = location + "/" + std::string(field);
  // AWS reads these with Jackson, which accepts an integral number written as 2.0.
  bool integral = v->is_int() || (v->is_double() && std::floor(v->as_double()) == v->as_double() &&
                                   std::fabs(v->as_double()) < 9.0e15);
  if (!integral) {
    Fail("The value for the field '" + std::string(field) + "' must be an INTEGER", at);
    return std::nullopt;
  }
  int64_t n = v->is_int() ? v->as_int() : static_cast<int64_t>(v->as_double());
  if (n < min || n > max) {
    Fail("The value for the field '" + std::string(field) + "' must be between " +
             std::to_string(min) + " and " + std::to_string(max),
         at);
    return std::nullopt;
  }
  return n;
}

std::optional<double> Checker::Number(const json::Value& object, std::string_view field,
                                      const std::string& location, double min, double max) {
  const json::Value* v = object.Find(field);
  if (v == nullptr) return std::nullopt;
  std::string at = location + "/" + std::string(field);
  if (!v->is_number()) {
    Fail("The value for the field '" + std::string(field) + "' must be a NUMBER", at);
    return std::nullopt;
  }
  double n = v->as_number();
  if (n < min || n > max) {
    Fail("The value for the field '" + std::string(field) + "' is out of range", at);
    return std::nullopt;
  }
  return n;
}

void Checker::CheckFields(const json::Value& object, const std::set<std::string_view>& allowed,
                          const std::string& location) {
  for (const json::Member& m : object.members()) {
    if (allowed.count(m.name()) == 0) {
      Fail("Field '" + std::string(m.name()) + "' is not supported by Step Functions",
           location + "/" + std::string(m.name()));
    }
  }
}

void Checker::Require(const json::Value& object, std::initializer_list<std::string_view> required,
                      const std::string& location) {
  std::string missing;
  for (std::string_view field : required) {
    if (object.Find(field) != nullptr) continue;
    if (!missing.empty()) missing += ", ";
    missing += field;
  }
  if (!missing.empty()) {
    Fail("These fields are required: [" + missing + "]", location.empty() ? "/" : location);
  }
}

void Checker::Exclusive(const json::Value& object, std::initializer_list<std::string_view> fields,
                        const std::string& location) {
  std::vector<std::string_view> present;
  for (std::string_view field : fields) {
    if (object.Find(field) != nullptr) present.push_back(field);
  }
  if (present.size() < 2) return;
  std::string list;
  for (std::string_view field : present) {
    if (!list.empty()) list += ", ";
    list += field;
  }
  Fail("These fields are mutually exclusive: [" + list + "]", location.empty() ? "/" : location);
}

std::optional<jsonpath::Path> Checker::Path(const json::Value& value,
                                            const std::string& field_name,
                                            const std::string& location, PathRule rule,
                                            bool allow_context, bool allow_variables) {
  if (!value.is_string()) {
    Fail("The value for the field '" + field_name + "' must be a STRING", location);
    return std::nullopt;
  }
  std::string_view kind = rule == PathRule::kReference ? "Reference Path" : "JSONPath";
  Result<jsonpath::Path> path = jsonpath::Path::Compile(value.as_string());
  if (!path.ok()) {
    Fail("The value for the field '" + field_name + "' must be a valid " + std::string(kind) +
             ": " + path.error().message(),
         location);
    return std::nullopt;
  }
  if (rule == PathRule::kReference && !path.value().is_definite()) {
    Fail("The value for the field '" + field_name + "' must be a valid Reference Path",
         location);
    return std::nullopt;
  }
  jsonpath::RootKind root = path.value().root();
  if ((root == jsonpath::RootKind::kContext && !allow_context) ||
      (root == jsonpath::RootKind::kVariable && !allow_variables)) {
    Fail("The value for the field '" + field_name + "' must be a path that starts with '$.' or " +
             "is '$'",
         location);
    return std::nullopt;
  }
  return path.release_value();
}

bool Checker::IsJsonata(std::string_view text) {
  return text.starts_with("{%") && text.ends_with("%}") && text.size() >= 4;
}

std::optional<asl::JsonataExpression> Checker::CompileJsonataExpression(
    std::string_view text, const std::string& location) {
  // "{% <JSONata expression> %}": the delimiters are separated from the expression by whitespace.
  // https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  if (!IsJsonata(text) || text.size() < 6 || !is_space(text[2]) ||
      !is_space(text[text.size() - 3])) {
    Fail("JSONata expressions must be written as \"{% <JSONata expression> %}\"", location);
    return std::nullopt;
  }
  std::string expression(text.substr(2, text.size() - 4));
  Result<jsonata::Expression> parsed = jsonata::Parse(expression);
  if (!parsed.ok()) {
    Fail("The JSONata expression '" + expression + "' is not valid: " + parsed.error().name() +
             ": " + parsed.error().message(),
         location);
    return std::nullopt;
  }
  // AWS's messages quote the expression without the whitespace around it.
  size_t begin = expression.find_first_not_of(" \t\n\r");
  size_t end = expression.find_last_not_of(" \t\n\r");
  std::string trimmed = begin == std::string::npos ? "" : expression.substr(begin, end - begin + 1);
  return asl::JsonataExpression{std::move(trimmed), parsed.release_value()};
}

void Checker::CheckJsonataValue(const json::Value& value, const std::string& location) {
  if (value.is_string()) {
    std::string_view text = value.as_string();
    // Strings that open or close like an expression but are not one are mistakes.
    if (text.starts_with("{%") || text.ends_with("%}")) CompileJsonataExpression(text, location);
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i) {
      CheckJsonataValue(value.items()[i], location + "/" + std::to_string(i));
    }
  } else if (value.is_object()) {
    for (const json::Member& m : value.members()) {
      CheckJsonataValue(m.value, location + "/" + std::string(m.name()));
    }
  }
}

std::optional<JsonataTemplate> Checker::CompileJsonataValue(const json::Value& value,
                                                            const std::string& location,
                                                            std::string field) {
  size_t before = diagnostics_.size();
  CheckJsonataValue(value, location);
  if (diagnostics_.size() != before) return std::nullopt;
  // Every "{% ... %}" string below parsed just now; parse it again for the template (loading
  // only), so that one walk reports problems and another builds.
  return JsonataTemplate::Compile(
      value, std::move(field),
      [this, &location](std::string_view text,
                        const std::string& below) -> std::optional<jsonata::Expression> {
        std::optional<asl::JsonataExpression> compiled =
            CompileJsonataExpression(text, location + below);
        if (!compiled) return std::nullopt;
        return std::move(compiled->expression);
      });
}

bool Checker::ClaimStateName(const std::string& name, const std::string& location) {
  if (!state_names_.insert(name).second) {
    Fail(kDuplicateStateName, "Duplicate State name: " + name, location);
    return false;
  }
  return true;
}

StateIndex Checker::Target(const json::Value& value, const std::string& location) {
  if (!value.is_string()) {
    Fail("The value for the field 'Next' must be a STRING", location);
    return kNoState;
  }
  const auto& names = *scopes_.back();
  auto it = names.find(value.as_string());
  if (it == names.end()) {
    Fail(kMissingTransitionTarget, "Missing 'Next' target: " + std::string(value.as_string()),
         location);
    return kNoState;
  }
  return it->second;
}

}  // namespace stepwise::asl::internal
