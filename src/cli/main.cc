// The stepwise command-line program. Each subcommand lives in its own file (*_command.cc).
// Exit codes: 0 success, 1 the input was processed and found wanting (an invalid definition),
// 2 a usage error or an unreadable file.

#include <CLI/CLI.hpp>

#include <iostream>
#include <vector>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app("Stepwise: runs AWS Step Functions state machines (Amazon States Language) locally",
               "stepwise");
  app.require_subcommand(1);
  std::vector<stepwise::cli::Runner> runners = {stepwise::cli::AddValidateCommand(app),
                                                stepwise::cli::AddRunCommand(app),
                                                stepwise::cli::AddServeCommand(app),
                                                stepwise::cli::AddJsonataCommand(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version exit 0; a wrong command line is a usage error, exit code 2.
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  for (const auto& run : runners) {
    int code = run();
    if (code >= 0) return code;
  }
  return 2;
}
