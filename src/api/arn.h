#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

// The ARNs of Step Functions resources, in AWS's format:
//   arn:aws:states:REGION:ACCOUNT:stateMachine:NAME              a state machine
//   arn:aws:states:REGION:ACCOUNT:stateMachine:NAME:3            version 3 of it
//   arn:aws:states:REGION:ACCOUNT:stateMachine:NAME:ALIAS        an alias of it
//   arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME         a Standard execution
//   arn:aws:states:REGION:ACCOUNT:express:MACHINE:NAME:ID        an Express execution
//   arn:aws:states:REGION:ACCOUNT:activity:NAME                  an activity
//   arn:aws:states:REGION:ACCOUNT:mapRun:MACHINE/MAP:ID          a Distributed Map's run
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-state-machine-version.html
namespace stepwise::api {

enum class ArnKind {
  kStateMachine,
  kStateMachineVersion,
  kStateMachineAlias,
  kExecution,
  kExpressExecution,
  kActivity,
  kMapRun,
};

// A parsed ARN. `name` is the state machine's (for machines, versions, aliases and executions),
// the activity's, or the map run's `MACHINE/MAP`; `qualifier` is the version number or alias
// name; `execution` the execution's name.
struct Arn {
  ArnKind kind = ArnKind::kStateMachine;
  std::string region;
  std::string account;
  std::string name;
  std::string qualifier;
  std::string execution;

  // The state machine this ARN belongs to (a version's, alias's or execution's machine).
  std::string StateMachineArn() const;
};

// Parses text as a Step Functions ARN; InvalidArn (with AWS's message) when it is not one.
Result<Arn> ParseArn(std::string_view text);

// Parses text and requires one of the kinds in `allowed` (a bit set of 1 << ArnKind); InvalidArn
// "Resource type not valid in this context" otherwise.
Result<Arn> ParseArnOf(std::string_view text, unsigned allowed);
constexpr unsigned ArnKindBit(ArnKind kind) { return 1u << static_cast<unsigned>(kind); }

// Builds the ARNs of one region and account.
class ArnFormat {
 public:
  ArnFormat(std::string region, std::string account)
      : prefix_("arn:aws:states:" + region + ":" + account + ":"),
        region_(std::move(region)),
        account_(std::move(account)) {}

  const std::string& region() const { return region_; }
  const std::string& account() const { return account_; }

  std::string StateMachine(std::string_view name) const;
  std::string Version(std::string_view machine_arn, int64_t version) const;
  std::string Alias(std::string_view machine_arn, std::string_view alias) const;
  std::string Execution(std::string_view machine_name, std::string_view name) const;
  std::string ExpressExecution(std::string_view machine_name, std::string_view name,
                               std::string_view id) const;
  std::string Activity(std::string_view name) const;

 private:
  std::string prefix_;
  std::string region_;
  std::string account_;
};

}  // namespace stepwise::api
