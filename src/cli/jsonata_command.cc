// `stepwise jsonata EXPRESSION [--input JSON|@FILE] [--bindings JSON|@FILE] [--json]`: evaluates
// one JSONata expression, as a JSONata state would, and prints its result.
//
// Output (stdout stays machine-readable in every case):
// - a result: its compact JSON text on one line;
// - undefined (the expression selects nothing): nothing on stdout — an empty stream of JSON
//   values, as jq prints for `empty` — and `undefined` on stderr;
// - an error: nothing on stdout, `CODE at position N: message` on stderr.
// With --json, exactly one compact JSON object on stdout: {"result": ...}, {"undefined": true} or
// {"error": {"code", "position", "message"}} (position null when the error has none).
//
// Exit codes: 0 a result or undefined; 1 the expression failed to parse or to evaluate; 2 it
// could not start (a bad option, an unreadable file, input or bindings that are not JSON).

#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "cli/commands.h"
#include "cli/read_input.h"
#include "json/parse.h"
#include "json/value.h"
#include "json/write.h"
#include "jsonata/evaluate.h"
#include "jsonata/parser.h"

namespace stepwise::cli {
namespace {

struct JsonataOptions {
  std::string expression;
  std::optional<std::string> input;  // absent: no input (the reference's undefined)
  std::optional<std::string> bindings;
  bool json = false;
  std::string input_text;  // as given on the command line
  std::string bindings_text;
};

// What failed, in the shape both outputs share.
struct Failure {
  std::string code;
  size_t position = jsonata::kNoPosition;
  std::string message;
};

// Reads an option's JSON: the text itself, or the content of FILE for "@FILE". Prints the reason
// and returns nullopt when the file cannot be read or its text is not JSON.
std::optional<json::Value> ReadJsonOption(const std::string& option, const std::string& text) {
  std::string content = text;
  if (!content.empty() && content[0] == '@') {
    Result<std::string> file = ReadFile(content.substr(1));
    if (!file.ok()) {
      std::cerr << "stepwise jsonata: " << option << ": " << file.error().message() << "\n";
      return std::nullopt;
    }
    content = file.release_value();
  }
  Result<json::Value> parsed = json::Parse(content);
  if (!parsed.ok()) {
    std::cerr << "stepwise jsonata: " << option
              << " is not valid JSON: " << parsed.error().message() << "\n";
    return std::nullopt;
  }
  return parsed.release_value();
}

void PrintFailure(const JsonataOptions& options, const Failure& failure) {
  if (options.json) {
    json::Value position = failure.position == jsonata::kNoPosition
                               ? json::Value::Null()
                               : json::Value::Int(static_cast<int64_t>(failure.position));
    json::Value error = json::Value::Object({{"code", json::Value::String(failure.code)},
                                             {"position", std::move(position)},
                                             {"message", json::Value::String(failure.message)}});
    std::cout << json::Write(json::Value::Object({{"error", std::move(error)}})) << "\n";
    return;
  }
  std::cerr << failure.code;
  if (failure.position != jsonata::kNoPosition) std::cerr << " at position " << failure.position;
  std::cerr << ": " << failure.message << "\n";
}

int Run(const JsonataOptions& options) {
  std::optional<json::Value> input;
  if (options.input.has_value()) {
    input = ReadJsonOption("--input", *options.input);
    if (!input.has_value()) return 2;
  }
  jsonata::Bindings bindings;
  if (options.bindings.has_value()) {
    std::optional<json::Value> object = ReadJsonOption("--bindings", *options.bindings);
    if (!object.has_value()) return 2;
    if (!object->is_object()) {
      std::cerr << "stepwise jsonata: --bindings must be a JSON object (its members become "
                   "$name variables)\n";
      return 2;
    }
    for (const json::Member& member : object->members()) {
      // {"x": 1} and {"$x": 1} both bind $x.
      std::string_view name = member.name();
      if (!name.empty() && name[0] == '$') name.remove_prefix(1);
      bindings.Bind(name, member.value);
    }
  }

  jsonata::ParseError parse_error;
  Result<jsonata::Expression> expression = jsonata::Parse(options.expression, &parse_error);
  if (!expression.ok()) {
    PrintFailure(options, {parse_error.code, parse_error.position, parse_error.message});
    return 1;
  }
  jsonata::EvalError eval_error;
  Result<std::optional<json::Value>> result =
      jsonata::Evaluate(expression.value(), input.has_value() ? &*input : nullptr, bindings,
                        jsonata::EvalLimits{}, &eval_error);
  if (!result.ok()) {
    PrintFailure(options, {eval_error.code, eval_error.position, eval_error.message});
    return 1;
  }
  const std::optional<json::Value>& value = result.value();
  if (options.json) {
    json::Value out = value.has_value()
                          ? json::Value::Object({{"result", *value}})
                          : json::Value::Object({{"undefined", json::Value::Bool(true)}});
    std::cout << json::Write(out) << "\n";
  } else if (value.has_value()) {
    std::cout << json::Write(*value) << "\n";
  } else {
    std::cerr << "undefined\n";
  }
  return 0;
}

}  // namespace

Runner AddJsonataCommand(CLI::App& app) {
  auto options = std::make_shared<JsonataOptions>();
  CLI::App* command =
      app.add_subcommand("jsonata", "Evaluate one JSONata expression and print its result");
  command->add_option("expression", options->expression, "The JSONata expression")->required();
  CLI::Option* input =
      command->add_option("--input", options->input_text,
                          "The input ($): JSON text, or @FILE (@- reads stdin); default: none");
  CLI::Option* bindings =
      command->add_option("--bindings", options->bindings_text,
                          "A JSON object (or @FILE) whose members become $name variables");
  command->add_flag("--json", options->json,
                    "Print one JSON object: {\"result\": ...}, {\"undefined\": true} or "
                    "{\"error\": {\"code\", \"position\", \"message\"}}");
  return [command, options, input, bindings]() -> int {
    if (!command->parsed()) return -1;
    if (input->count() > 0) options->input = options->input_text;
    if (bindings->count() > 0) options->bindings = options->bindings_text;
    return Run(*options);
  };
}

}  // namespace stepwise::cli
