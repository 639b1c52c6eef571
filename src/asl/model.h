#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "asl/choice_rule.h"
#include "asl/jsonata_template.h"
#include "asl/payload_template.h"
#include "asl/resource.h"
#include "asl/state_index.h"
#include "json/value.h"
#include "jsonpath/path.h"

namespace stepwise::asl {

// The largest number of seconds a definition may state (TimeoutSeconds, HeartbeatSeconds,
// IntervalSeconds, MaxAttempts: about three years); times read at run time are clamped to it, as
// a timer beyond it would never fire within any execution's life.
inline constexpr int64_t kMaxSeconds = 99999999;

// The compiled form of a state machine definition: what the loader produces once and every
// execution shares. Immutable after loading; state names are resolved to indices, and paths,
// payload templates, intrinsic calls and Choice rules are compiled.
//
// Thread safety: immutable, so any number of threads may read it.

enum class QueryLanguage { kJsonPath, kJsonata };

enum class StateType { kPass, kTask, kChoice, kWait, kSucceed, kFail, kParallel, kMap };

std::string_view StateTypeName(StateType type);  // "Pass", "Task", ...

// InputPath and OutputPath: absent means `$` (everything); null means an empty object.
// ResultPath: absent means `$` (the result replaces the input); null means the result is
// discarded and the input passes through.
struct PathField {
  enum class Kind { kDefault, kNull, kPath };
  Kind kind = Kind::kDefault;
  std::optional<jsonpath::Path> path;  // for kPath
};

// A number field that may instead be read from the input with a *Path field, or (JSONata) be an
// expression: TimeoutSeconds / TimeoutSecondsPath, HeartbeatSeconds..., Seconds..., MaxConcurrency...
struct DynamicNumber {
  std::optional<double> value;
  std::optional<jsonpath::Path> path;
  std::optional<JsonataExpression> jsonata;  // the expression inside {% %}
  bool present() const { return value || path || jsonata; }
};

// A string field with the same three forms: Fail's Error/ErrorPath, Cause/CausePath.
struct DynamicString {
  std::optional<std::string> value;
  std::optional<ValueExpression> expression;  // ErrorPath/CausePath: a path or an intrinsic
  std::optional<JsonataExpression> jsonata;
  bool present() const { return value || expression || jsonata; }
};

enum class JitterStrategy { kNone, kFull };

// One element of a state's Retry list.
struct Retrier {
  std::vector<std::string> error_equals;
  int64_t interval_seconds = 1;
  int64_t max_attempts = 3;
  double backoff_rate = 2.0;
  std::optional<int64_t> max_delay_seconds;
  JitterStrategy jitter = JitterStrategy::kNone;
};

// One element of a state's Catch list.
struct Catcher {
  std::vector<std::string> error_equals;
  StateIndex next = kNoState;
  PathField result_path;
  std::optional<PayloadTemplate> assign;  // JSONPath Assign
  std::optional<JsonataTemplate> jsonata_assign;
  std::optional<JsonataTemplate> jsonata_output;
};

struct StateMachine;

// A heap-held value with value semantics. The large, rarely used alternatives of a state's
// fields are boxed so that a State stays small: a machine's states then lie close together, and
// running one touches a few cache lines instead of a kilobyte.
template <typename T>
class Boxed {
 public:
  Boxed() : value_(std::make_unique<T>()) {}
  Boxed(T value) : value_(std::make_unique<T>(std::move(value))) {}  // NOLINT: implicit
  Boxed(const Boxed& other) : value_(std::make_unique<T>(*other)) {}
  Boxed(Boxed&&) noexcept = default;  // the moved-from box may only be assigned or destroyed
  Boxed& operator=(const Boxed& other) {
    value_ = std::make_unique<T>(*other);
    return *this;
  }
  Boxed& operator=(Boxed&&) noexcept = default;

  const T& operator*() const { return *value_; }
  T& operator*() { return *value_; }
  const T* operator->() const { return value_.get(); }
  T* operator->() { return value_.get(); }

 private:
  std::unique_ptr<T> value_;
};

struct PassFields {
  std::optional<json::Value> result;
};

struct TaskFields {
  std::string resource;
  HistoryResource history_resource;  // how history events name it
  DynamicNumber timeout_seconds;
  DynamicNumber heartbeat_seconds;
  std::optional<json::Value> credentials;
};

struct ChoiceFields {
  std::vector<ChoiceRule> choices;
  StateIndex default_state = kNoState;
};

struct WaitFields {
  DynamicNumber seconds;
  std::optional<std::string> timestamp;            // a literal RFC 3339 timestamp
  std::optional<jsonpath::Path> timestamp_path;
  std::optional<JsonataExpression> jsonata_timestamp;
};

struct SucceedFields {};

struct FailFields {
  DynamicString error;
  DynamicString cause;
};

struct ParallelFields {
  std::vector<std::shared_ptr<const StateMachine>> branches;
};

struct ItemBatcher {
  DynamicNumber max_items_per_batch;
  DynamicNumber max_input_bytes_per_batch;
  std::optional<PayloadTemplate> batch_input;
  std::optional<JsonataTemplate> jsonata_batch_input;
};

struct MapFields {
  std::shared_ptr<const StateMachine> processor;
  bool distributed = false;
  std::optional<std::string> execution_type;     // STANDARD / EXPRESS (distributed only)
  std::optional<jsonpath::Path> items_path;       // default: `$`
  std::optional<JsonataTemplate> jsonata_items;   // Items (JSONata): an array or an expression
  std::optional<PayloadTemplate> item_selector;   // ItemSelector, or the older Parameters
  std::optional<JsonataTemplate> jsonata_item_selector;
  DynamicNumber max_concurrency;
  DynamicNumber tolerated_failure_percentage;
  DynamicNumber tolerated_failure_count;
  std::optional<ItemBatcher> item_batcher;
  std::optional<json::Value> item_reader;   // Distributed Map; kept as written for now
  std::optional<json::Value> result_writer;
  std::optional<std::string> label;
};

struct State {
  // What every transition reads comes first, together.
  StateType type = StateType::kPass;
  QueryLanguage query_language = QueryLanguage::kJsonPath;
  // Transition: exactly one of next (an index) and end is set for Pass, Task, Wait, Parallel
  // and Map; Choice, Succeed and Fail have neither.
  bool end = false;
  // Whether any path or intrinsic of this state reads the context object `$$`; the engine only
  // builds the context object for states that do.
  bool reads_context = false;
  StateIndex next = kNoState;

  // JSONPath data flow, in AWS's order: InputPath -> Parameters -> (work) -> ResultSelector ->
  // ResultPath -> OutputPath.
  PathField input_path;
  std::optional<PayloadTemplate> parameters;
  std::optional<PayloadTemplate> result_selector;
  PathField result_path;
  PathField output_path;
  std::optional<PayloadTemplate> assign;

  std::vector<Retrier> retry;
  std::vector<Catcher> catchers;

  // The type's own fields; read them with FieldsOf<T>(state).
  std::variant<PassFields, Boxed<TaskFields>, ChoiceFields, Boxed<WaitFields>, SucceedFields,
               Boxed<FailFields>, ParallelFields, Boxed<MapFields>>
      fields;

  std::string name;
  std::optional<std::string> comment;

  // JSONata data flow: Arguments, Output and Assign, compiled (strings of the form "{% ... %}"
  // anywhere in them are expressions).
  std::optional<JsonataTemplate> jsonata_arguments;
  std::optional<JsonataTemplate> jsonata_output;
  std::optional<JsonataTemplate> jsonata_assign;
};

// The fields of a state of type T (PassFields, TaskFields, ...), boxed or not. The state must
// be of that type.
template <typename T>
const T& FieldsOf(const State& state) {
  if constexpr (std::is_same_v<T, TaskFields> || std::is_same_v<T, WaitFields> ||
                std::is_same_v<T, FailFields> || std::is_same_v<T, MapFields>) {
    return *std::get<Boxed<T>>(state.fields);
  } else {
    return std::get<T>(state.fields);
  }
}

// A state machine: the top level, a Parallel branch, or a Map's item processor.
struct StateMachine {
  std::optional<std::string> comment;
  StateIndex start_at = 0;
  std::vector<State> states;
  std::map<std::string, StateIndex, std::less<>> index_by_name;

  // Top level only.
  QueryLanguage query_language = QueryLanguage::kJsonPath;
  std::optional<int64_t> timeout_seconds;
  std::optional<std::string> version;

  // The state with this name, or nullptr.
  const State* Find(std::string_view name) const;
};

}  // namespace stepwise::asl
