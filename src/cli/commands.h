#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace stepwise::cli {

// Each subcommand registers itself on the application and returns the function that runs it
// (after parsing) and yields the process exit code.
using Runner = std::function<int()>;

Runner AddValidateCommand(CLI::App& app);
Runner AddRunCommand(CLI::App& app);
Runner AddServeCommand(CLI::App& app);
Runner AddJsonataCommand(CLI::App& app);

}  // namespace stepwise::cli
