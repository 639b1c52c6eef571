// The stepwise command-line program. Each subcommand lives in its own file (*_command.cc).

#include <CLI/CLI.hpp>

#include <iostream>
#include <vector>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app("Stepwise: runs AWS Step Functions state machines (Amazon States Language) locally",
               "stepwise");
  app.require_subcommand(1);
  std::vector<stepwise::cli::Runner> runners = {stepwise::cli::AddValidateCommand(app)};
  CLI11_PARSE(app, argc, argv);
  for (const auto& run : runners) {
    int code = run();
    if (code >= 0) return code;
  }
  return 2;
}
