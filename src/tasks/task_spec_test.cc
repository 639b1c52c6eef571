#include "tasks/task_spec.h"

#include <gtest/gtest.h>

#include "tasks/exec_invoker.h"
#include "tasks/function_invoker.h"

namespace stepwise::tasks {
namespace {

TEST(TaskSpecTest, Echo) {
  Result<TaskBinding> binding = ParseTaskSpec("Charge=:echo");
  ASSERT_TRUE(binding.ok()) << binding.error().message();
  EXPECT_EQ(binding.value().first, "Charge");
  EXPECT_NE(dynamic_cast<FunctionInvoker*>(binding.value().second.get()), nullptr);
}

TEST(TaskSpecTest, ShellCommand) {
  Result<TaskBinding> binding = ParseTaskSpec("Charge Card=python3 charge.py --mode=test");
  ASSERT_TRUE(binding.ok()) << binding.error().message();
  EXPECT_EQ(binding.value().first, "Charge Card");
  auto* exec = dynamic_cast<ExecInvoker*>(binding.value().second.get());
  ASSERT_NE(exec, nullptr);
  // Split at the first '=': the command keeps its own.
  EXPECT_EQ(exec->command(), "python3 charge.py --mode=test");
}

TEST(TaskSpecTest, ColonFollowedByOtherTextIsAShellCommand) {
  Result<TaskBinding> binding = ParseTaskSpec("A=: ; cat");
  ASSERT_TRUE(binding.ok());
  auto* exec = dynamic_cast<ExecInvoker*>(binding.value().second.get());
  ASSERT_NE(exec, nullptr);
  EXPECT_EQ(exec->command(), ": ; cat");
}

TEST(TaskSpecTest, MissingEquals) {
  Result<TaskBinding> binding = ParseTaskSpec("Charge");
  ASSERT_FALSE(binding.ok());
  EXPECT_EQ(binding.error().name(), "UsageError");
  EXPECT_EQ(binding.error().message(),
            "--task 'Charge': expected NAME=SPEC: a state name, '=', then ':echo' or a shell "
            "command");
}

TEST(TaskSpecTest, EmptyName) {
  Result<TaskBinding> binding = ParseTaskSpec("=cat");
  ASSERT_FALSE(binding.ok());
  EXPECT_EQ(binding.error().name(), "UsageError");
  EXPECT_EQ(binding.error().message(), "--task '=cat': the state name before '=' is empty");
}

TEST(TaskSpecTest, EmptyCommand) {
  for (const char* option : {"A=", "A=  "}) {
    Result<TaskBinding> binding = ParseTaskSpec(option);
    ASSERT_FALSE(binding.ok()) << option;
    EXPECT_EQ(binding.error().name(), "UsageError");
    EXPECT_EQ(binding.error().message(),
              "--task '" + std::string(option) + "': the command after '=' is empty");
  }
}

TEST(TaskSpecTest, UnknownBuiltin) {
  Result<TaskBinding> binding = ParseTaskSpec("A=:ecoh");
  ASSERT_FALSE(binding.ok());
  EXPECT_EQ(binding.error().name(), "UsageError");
  EXPECT_EQ(binding.error().message(),
            "--task 'A=:ecoh': unknown built-in ':ecoh' (the built-in is ':echo'; anything else "
            "is a shell command)");
}

}  // namespace
TEST(TaskSpecTest, RoutesFileHasOneRoutePerLine) {
  Result<std::vector<TaskBinding>> routes = ParseTaskRoutes(
      "# the example's handlers\n"
      "Validate=python3 validate.py\n"
      "\n"
      "   Echo=:echo   \r\n"
      "Shout=tr a-z A-Z",
      "routes.txt");
  ASSERT_TRUE(routes.ok()) << routes.error().message();
  ASSERT_EQ(routes.value().size(), 3u);
  EXPECT_EQ(routes.value()[0].first, "Validate");
  EXPECT_EQ(routes.value()[1].first, "Echo");
  EXPECT_EQ(routes.value()[2].first, "Shout");
}

TEST(TaskSpecTest, RoutesFileErrorsNameTheLine) {
  Result<std::vector<TaskBinding>> routes = ParseTaskRoutes("A=:echo\nno equals sign\n", "r.txt");
  ASSERT_FALSE(routes.ok());
  EXPECT_EQ(routes.error().name(), "UsageError");
  EXPECT_TRUE(routes.error().message().starts_with("r.txt:2: --task 'no equals sign'"))
      << routes.error().message();
}

}  // namespace stepwise::tasks
