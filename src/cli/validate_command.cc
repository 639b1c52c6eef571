// `stepwise validate FILE [--json] [--type STANDARD|EXPRESS]`: checks a definition as AWS's
// ValidateStateMachineDefinition does. Exit code 0 when there is no error, 1 when the definition
// has errors, 2 when the file cannot be read.

#include <iostream>
#include <map>
#include <memory>
#include <string>

#include "asl/load.h"
#include "cli/commands.h"
#include "cli/read_input.h"
#include "json/write.h"

namespace stepwise::cli {
namespace {

struct ValidateOptions {
  std::string file;
  bool json = false;
  asl::MachineType type = asl::MachineType::kStandard;
};

void PrintHuman(const std::string& file, const std::vector<asl::Diagnostic>& diagnostics) {
  size_t errors = 0;
  size_t warnings = 0;
  for (const asl::Diagnostic& d : diagnostics) {
    (d.severity == asl::Severity::kError ? errors : warnings) += 1;
    std::cout << asl::SeverityName(d.severity) << " " << d.code;
    if (!d.location.empty()) std::cout << " at " << d.location;
    std::cout << ": " << d.message << "\n";
  }
  std::cout << file << ": " << (errors == 0 ? "OK" : "FAIL");
  if (errors + warnings > 0) {
    std::cout << " (" << errors << (errors == 1 ? " error, " : " errors, ") << warnings
              << (warnings == 1 ? " warning)" : " warnings)");
  }
  std::cout << "\n";
}

int Run(const ValidateOptions& options) {
  Result<std::string> text = ReadFile(options.file);
  if (!text.ok()) {
    std::cerr << "stepwise validate: " << text.error().message() << "\n";
    return 2;
  }
  asl::LoadResult loaded = asl::LoadDefinition(text.value(), {.type = options.type});
  if (options.json) {
    std::cout << json::WritePretty(asl::DiagnosticsResponse(loaded.diagnostics)) << "\n";
  } else {
    PrintHuman(options.file, loaded.diagnostics);
  }
  return asl::HasErrors(loaded.diagnostics) ? 1 : 0;
}

}  // namespace

Runner AddValidateCommand(CLI::App& app) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* command = app.add_subcommand(
      "validate", "Check a state machine definition as ValidateStateMachineDefinition does");
  command->add_option("file", options->file, "The definition (Amazon States Language JSON); - reads stdin")
      ->required();
  command->add_flag("--json", options->json,
                    "Print the diagnostics as ValidateStateMachineDefinition's response body");
  command->add_option("--type", options->type, "STANDARD (default) or EXPRESS")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, asl::MachineType>{{"STANDARD", asl::MachineType::kStandard},
                                                  {"EXPRESS", asl::MachineType::kExpress}},
          CLI::ignore_case));
  return [command, options]() -> int {
    if (!command->parsed()) return -1;
    return Run(*options);
  };
}

}  // namespace stepwise::cli
