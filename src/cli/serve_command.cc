// `stepwise serve [--host H] [--port P] [--data-dir DIR] [--region R] [--account-id N]
// [--task NAME=SPEC]... [--log-destination stdout|DIR/|FILE]`: the AWS Step Functions API over
// HTTP (AWS JSON 1.0), on the embedded SQLite store in DIR. Executions of machines with a
// loggingConfiguration write their log lines to the log destination (default: a file per log
// group under DIR/logs/). Prints where it listens; stops cleanly on SIGINT or SIGTERM.
#include <signal.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "api/execution_logs.h"
#include "api/http/http_server.h"
#include "api/service.h"
#include "cli/commands.h"
#include "cli/task_routes.h"
#include "store/sqlite/sqlite_store.h"
#include "tasks/task_spec.h"

namespace stepwise::cli {
namespace {

struct ServeOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8083;
  std::string data_dir = "./stepwise-data";
  std::string region = "us-east-1";
  std::string account_id = "123456789012";
  std::vector<std::string> tasks;
  std::string routes;  // --routes FILE
  std::string log_destination;  // empty: <data_dir>/logs/
  int workers = 0;
  bool no_sync = false;
};

// Blocks until SIGINT or SIGTERM arrives (the signals are blocked in every thread, so that
// sigwait receives them here, wherever the kernel would have delivered them).
int WaitForStopSignal(const sigset_t& signals) {
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  return signal_number;
}

int Serve(const ServeOptions& options) {
  // Block the stop signals before any thread starts, so that every thread inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  if (options.account_id.size() != 12 ||
      options.account_id.find_first_not_of("0123456789") != std::string::npos) {
    std::cerr << "stepwise serve: --account-id must be 12 digits, as AWS account ids are\n";
    return 2;
  }
  auto router = std::make_shared<engine::TaskRouter>();
  if (Result<void> routed = AddTaskRoutes(*router, options.tasks, options.routes); !routed.ok()) {
    std::cerr << "stepwise serve: " << routed.error().message() << "\n";
    return 2;
  }

  store::SqliteOptions store_options;
  store_options.sync = !options.no_sync;
  Result<std::unique_ptr<store::SqliteStore>> store =
      store::SqliteStore::Open(options.data_dir, store_options);
  if (!store.ok()) {
    std::cerr << "stepwise serve: " << store.error().message() << "\n";
    return 2;
  }
  // Execution logs: checked here, so that a destination that cannot be written stops the start.
  std::string log_destination = options.log_destination.empty()
                                    ? (std::filesystem::path(options.data_dir) / "logs/").string()
                                    : options.log_destination;
  if (Result<std::unique_ptr<api::LogSink>> sink = api::OpenLogDestination(log_destination);
      !sink.ok()) {
    std::cerr << "stepwise serve: " << sink.error().message() << "\n";
    return 2;
  }
  api::ServiceOptions service_options;
  service_options.log_destination = log_destination;
  service_options.region = options.region;
  service_options.account_id = options.account_id;
  service_options.workers = options.workers;
  api::Service service(service_options, store.release_value(), router);
  Result<size_t> resumed = service.ResumeExecutions();
  if (!resumed.ok()) {
    std::cerr << "stepwise serve: resuming executions: " << resumed.error().message() << "\n";
    return 2;
  }
  if (resumed.value() > 0) {
    std::cout << "stepwise: resumed " << resumed.value() << " running execution"
              << (resumed.value() == 1 ? "" : "s") << std::endl;
  }

  api::http::ServerOptions server_options;
  server_options.host = options.host;
  server_options.port = options.port;
  Result<std::unique_ptr<api::http::Server>> server =
      api::http::Server::Start(server_options, service.HttpHandler());
  if (!server.ok()) {
    std::cerr << "stepwise serve: " << server.error().message() << "\n";
    return 2;
  }
  std::string endpoint = "http://" + options.host + ":" + std::to_string(server.value()->port());
  std::cout << "stepwise: serving the Step Functions API on " << endpoint << " (data in "
            << options.data_dir << ", region " << options.region << ", account "
            << options.account_id << ")\n"
            << "stepwise: try  aws stepfunctions list-state-machines --endpoint-url " << endpoint
            << std::endl;

  int signal_number = WaitForStopSignal(signals);
  std::cout << "stepwise: " << (signal_number == SIGINT ? "SIGINT" : "SIGTERM")
            << ", stopping" << std::endl;
  server.value()->Stop();
  service.Shutdown();
  return 0;
}

}  // namespace

Runner AddServeCommand(CLI::App& app) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* command = app.add_subcommand(
      "serve", "Serve the AWS Step Functions API (AWS JSON 1.0 over HTTP) on an embedded store");
  command->add_option("--host", options->host, "Address to listen on")->capture_default_str();
  command->add_option("--port", options->port, "Port to listen on (0: any free port)")
      ->capture_default_str();
  command->add_option("--data-dir", options->data_dir, "Directory of the embedded store")
      ->capture_default_str();
  command->add_option("--region", options->region, "Region in ARNs")->capture_default_str();
  command->add_option("--account-id", options->account_id, "Account id in ARNs (12 digits)")
      ->capture_default_str();
  command->add_option("--routes", options->routes,
                      "A file of Task routes, one NAME=COMMAND (or NAME=:echo) per line");
  command->add_option("--task", options->tasks,
                      "Route a Task state: NAME=COMMAND (a shell command; the event on stdin, "
                      "the result on stdout) or NAME=:echo");
  command->add_option("--workers", options->workers, "Engine worker threads (0: one per core)");
  command->add_option("--log-destination", options->log_destination,
                      "Where executions of machines with a loggingConfiguration write their log "
                      "lines (CloudWatch Logs' shape, one JSON object a line): stdout, a directory "
                      "(DIR/: a file per log group, DIR/<group name>.log) or a file (every "
                      "group). Default: DATA_DIR/logs/");
  command->add_flag("--no-sync", options->no_sync,
                    "Do not sync commits to disk (faster; a power failure may lose the last "
                    "commits, a crash of the process loses nothing)");
  return [command, options]() -> int {
    if (!command->parsed()) return -1;
    return Serve(*options);
  };
}

}  // namespace stepwise::cli
