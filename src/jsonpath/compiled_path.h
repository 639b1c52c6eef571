#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "json/value.h"
#include "jsonpath/regex.h"

// The compiled form of a path, shared by the compiler (compiler.cc), the evaluator (evaluate.cc),
// Path (path.cc) and Assign (assign.cc). Internal to src/jsonpath: include path.h instead.
namespace stepwise::jsonpath::detail {

struct FilterExpr;

// What a path starts from. kCurrent (`@`) only occurs inside filters.
enum class PathRoot : uint8_t { kInput, kContext, kVariable, kCurrent };

enum class StepKind : uint8_t {
  kName,        // .a  ['a']          -> name
  kNames,       // ['a','b']          -> names
  kIndex,       // [0]  [-1]          -> index
  kIndices,     // [0,2]              -> indices
  kSlice,       // [1:3]  [::2]       -> slice
  kWildcard,    // .*  [*]
  kDescendant,  // ..  the next step applies at the node and at every container below it
  kFilter,      // [?(...)]           -> filter
  kLength,      // .length()          always the last step
};

struct Slice {
  std::optional<int64_t> start;
  std::optional<int64_t> end;
  int64_t step = 1;  // never 0
};

// One step of a path. Only the fields of its kind are set.
struct Step {
  StepKind kind;
  char quote = '\'';  // the delimiter a bracketed name was written with, for Normalized()
  std::string name{};
  std::vector<std::string> names{};
  int64_t index = 0;
  std::vector<int64_t> indices{};
  Slice slice{};
  std::shared_ptr<const FilterExpr> filter{};
};

struct CompiledPath {
  std::string text;  // as given to Compile (for a path inside a filter: its own text)
  PathRoot root = PathRoot::kInput;
  std::string variable;  // PathRoot::kVariable: the name without '$'
  std::vector<Step> steps;
  // Names and single indices only: ASL's Reference Path, evaluated by a loop without allocation.
  bool definite = true;
  // Whether the path yields one value rather than an array of matches: Jayway's "definite path".
  // Besides Reference Paths that is names and single indices followed by length(), or by a
  // multi-name union as the very last step (whose members are merged into one object).
  bool single_result = true;
  // length() is applied to each node the steps before it reach.
  bool ends_with_length = false;
};

// Filters: an expression tree over operands. And and Or are n-ary so that long chains stay flat.
enum class CompareOp : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe, kMatch };

struct Operand {
  enum class Kind : uint8_t { kLiteral, kPath, kRegex };
  Kind kind = Kind::kLiteral;
  json::Value literal{};
  std::shared_ptr<const CompiledPath> path{};
  std::shared_ptr<const Regex> regex{};
};

struct FilterExpr {
  enum class Kind : uint8_t { kOr, kAnd, kNot, kExists, kCompare };
  Kind kind = Kind::kExists;
  std::vector<FilterExpr> children{};  // kOr and kAnd: two or more; kNot: one
  CompareOp op = CompareOp::kEq;       // kCompare
  Operand left{};                      // kExists: the path; kCompare: the left operand
  Operand right{};                     // kCompare
};

}  // namespace stepwise::jsonpath::detail
