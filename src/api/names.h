#pragma once

#include <string_view>

#include "common/result.h"

// AWS's rules for the names of state machines, executions and activities, and for alias names.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html
namespace stepwise::api {

// A state machine's, execution's or activity's name: 1 to 80 characters, none of them white
// space, brackets (< > { } [ ]), wildcards (? *), the characters " # % \ ^ | ~ ` $ & , ; : /, or
// a control character (U+0000-001F, U+007F-009F). InvalidName ("Invalid Name: '<name>'")
// otherwise.
Result<void> ValidateName(std::string_view name);

// An alias's name: 1 to 80 of [a-zA-Z0-9_.-], not all digits (a version's number is all
// digits). InvalidName otherwise.
Result<void> ValidateAliasName(std::string_view name);

}  // namespace stepwise::api
