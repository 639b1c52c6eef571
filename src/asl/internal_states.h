#pragma once

#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "asl/checker.h"
#include "asl/model.h"
#include "json/value.h"

// The loader's per-state-type compilers (states/*.cc) and the shared pieces they use. Internal
// to src/asl.
namespace stepwise::asl::internal {

// Which machine a set of states belongs to, for the fields its definition may have.
enum class MachineKind { kTopLevel, kBranch, kItemProcessor };

// Compiles a machine (the top level, a Parallel branch or a Map item processor) written at
// location. Returns nullptr when it is too malformed to compile (diagnostics say why).
std::shared_ptr<const StateMachine> CompileMachine(Checker& checker, const json::Value& definition,
                                                   const std::string& location, MachineKind kind);

// The per-type compilers: each checks the fields its type allows, reads them into state, and
// reports problems at location ("/States/<name>").
void CompilePass(Checker& checker, const json::Value& definition, const std::string& location,
                 State* state);
void CompileTask(Checker& checker, const json::Value& definition, const std::string& location,
                 State* state);
void CompileChoice(Checker& checker, const json::Value& definition, const std::string& location,
                   State* state);
void CompileWait(Checker& checker, const json::Value& definition, const std::string& location,
                 State* state);
void CompileSucceed(Checker& checker, const json::Value& definition, const std::string& location,
                    State* state);
void CompileFail(Checker& checker, const json::Value& definition, const std::string& location,
                 State* state);
void CompileParallel(Checker& checker, const json::Value& definition, const std::string& location,
                     State* state);
void CompileMap(Checker& checker, const json::Value& definition, const std::string& location,
                State* state);

// Shared pieces (data_flow.cc, error_handling.cc).

// The fields every state may have, and the transition fields.
std::set<std::string_view> FieldSet(std::initializer_list<std::set<std::string_view>> parts);
extern const std::set<std::string_view> kCommonFields;      // Type, Comment, QueryLanguage
extern const std::set<std::string_view> kTransitionFields;  // Next, End

// Checks a state's fields against the type's allowed sets: common fields, plus jsonpath_fields or
// jsonata_fields by the state's query language. A field of the other language gets its own
// message, so that a JSONPath field in a JSONata state (or the reverse) says so.
void CheckStateFields(Checker& checker, const json::Value& definition, const std::string& location,
                      const State& state, const std::set<std::string_view>& jsonpath_fields,
                      const std::set<std::string_view>& jsonata_fields);

// Next/End for states that transition.
void CompileTransition(Checker& checker, const json::Value& definition,
                       const std::string& location, State* state);

// The JSONPath data-flow fields present in definition: InputPath, OutputPath, Parameters,
// ResultSelector, ResultPath, Assign (each only if the caller allows it).
void CompileJsonPathDataFlow(Checker& checker, const json::Value& definition,
                             const std::string& location, State* state);
// The JSONata data-flow fields: Arguments, Output, Assign.
void CompileJsonataDataFlow(Checker& checker, const json::Value& definition,
                            const std::string& location, State* state);

// An Assign block (JSONPath: a payload template whose keys are variable names).
std::optional<PayloadTemplate> CompileAssign(Checker& checker, const json::Value& assign,
                                             const std::string& location);
std::optional<JsonataTemplate> CompileJsonataAssign(Checker& checker, const json::Value& assign,
                                                    const std::string& location);

// ResultPath (a Reference Path rooted at `$`, or null).
PathField CompileResultPath(Checker& checker, const json::Value& value,
                            const std::string& location);

// Retry and Catch.
void CompileRetry(Checker& checker, const json::Value& definition, const std::string& location,
                  State* state);
void CompileCatch(Checker& checker, const json::Value& definition, const std::string& location,
                  State* state);

// A number field that may be a literal, a *Path, or (JSONata) an expression. The caller checks
// that the field and its *Path are not both present.
DynamicNumber CompileDynamicNumber(Checker& checker, const json::Value& definition,
                                   const std::string& location, std::string_view field,
                                   bool jsonata, int64_t min, int64_t max);

}  // namespace stepwise::asl::internal
