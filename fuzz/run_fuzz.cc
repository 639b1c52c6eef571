// Fuzz target: small random state machines run against random inputs, looking for crashes and
// hangs in the interpreter. The bytes choose states (every type), their fields from pools of
// valid and invalid paths, templates, rules and retriers, the transitions between them (loops
// included) and the input. Runs use the simulated clock, one worker and a transition bound, so
// that each input finishes (and, but for durable runs, is deterministic).
//
// Durable runs (history on, checkpoints taken, a committer thread taking snapshots as a store
// would) also check the checkpoints' bookkeeping: a snapshot cites no event beyond the history
// prefix it accounts for, and once the execution ended and its scheduler drained no frame is
// left dirty (a frame that recorded an event its checkpoint does not account for would hold back
// every later snapshot of its execution).

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "asl/load.h"
#include "engine/checkpoint_sink.h"
#include "engine/run.h"
#include "engine/scheduler.h"
#include "json/parse.h"

namespace {

using stepwise::engine::TaskOutcome;

class Bytes {
 public:
  Bytes(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  // The next choice in [0, n).
  size_t Pick(size_t n) { return n == 0 ? 0 : (pos_ < size_ ? data_[pos_++] : 0) % n; }
  template <size_t N>
  const char* From(const char* const (&pool)[N]) {
    return pool[Pick(N)];
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

constexpr const char* kPaths[] = {"$", "$.a", "$.b[0]", "$.items", "$.missing", "$..a",
                                  "$.items[*].v", "$$.Execution.Input", "$.a.b.c", "$var"};
constexpr const char* kResultPaths[] = {"$", "$.r", "$.a.b", "$.items[0]", "$.b[5]", "null"};
constexpr const char* kTemplates[] = {
    R"j({"x.$":"$.a"})j",
    R"j({"n.$":"States.MathAdd($.n, 1)","s":"static"})j",
    R"j({"f.$":"States.Format('{} and {}', $.a, $.n)"})j",
    R"j({"arr.$":"States.Array($.a, $.n, null)","len.$":"States.ArrayLength($.items)"})j",
    R"j({"ctx.$":"$$.State.Name","v.$":"$var"})j",
    R"j({"j.$":"States.StringToJson($.s)","h.$":"States.Hash($.s, 'SHA-256')"})j",
    R"j([1,{"k.$":"$.items[0]"}])j",
    R"j({"u.$":"States.UUID()","r.$":"States.MathRandom(1, 10)"})j",
};
constexpr const char* kRules[] = {
    R"j({"Variable":"$.n","NumericLessThan":3,"Next":"%"})j",
    R"j({"Variable":"$.a","IsPresent":true,"Next":"%"})j",
    R"j({"Variable":"$.s","StringMatches":"a*","Next":"%"})j",
    R"j({"And":[{"Variable":"$.n","IsNumeric":true},{"Not":{"Variable":"$.n","NumericEquals":0}}],"Next":"%"})j",
    R"j({"Variable":"$.t","TimestampLessThanPath":"$.t2","Next":"%"})j",
    R"j({"Variable":"$var","BooleanEquals":true,"Next":"%"})j",
};
constexpr const char* kInputs[] = {
    "{}",
    R"j({"a":1,"n":2,"s":"abc","items":[{"v":1},{"v":2}],"t":"2020-01-01T00:00:00Z","t2":"2021-01-01T00:00:00Z"})j",
    "[1,2,3]",
    R"j({"a":{"b":{"c":[1,2]}},"n":-1,"items":[]})j",
    "null",
    R"j("text")j",
    R"j({"items":[1,[2,3],{"x":null}],"n":0,"s":"{\"k\":1}"})j",
};
constexpr const char* kErrors[] = {"States.ALL", "States.TaskFailed", "Custom", "States.Timeout"};

// State names are unique in the whole definition: a prefix per machine, the index in it.
std::string StateName(const std::string& prefix, size_t i) { return prefix + std::to_string(i); }

// State `index` of `count`, as JSON text. It goes on to the next state, so that every state is
// reachable and the definition loads; Choice rules and Catch jump anywhere (loops included).
std::string MakeState(Bytes& bytes, const std::string& prefix, size_t index, size_t count,
                      int depth, int* machines) {
  auto name = [&](size_t i) { return StateName(prefix, i); };
  size_t target = index + 1;
  std::string next = name(target);
  bool end = target >= count;
  std::string transition = end ? R"j("End":true)j" : R"j("Next":")j" + next + R"j(")j";
  auto optional_field = [&](const char* field, const char* const* pool, size_t n) -> std::string {
    if (bytes.Pick(3) != 0) return "";
    const char* value = pool[bytes.Pick(n)];
    std::string text = std::string(value) == "null" ? "null" : "\"" + std::string(value) + "\"";
    return std::string(",\"") + field + "\":" + text;
  };
  std::string io = optional_field("InputPath", kPaths, std::size(kPaths)) +
                   optional_field("OutputPath", kPaths, std::size(kPaths)) +
                   optional_field("ResultPath", kResultPaths, std::size(kResultPaths));
  std::string parameters = bytes.Pick(2) ? std::string(",\"Parameters\":") + bytes.From(kTemplates)
                                         : "";
  std::string assign = bytes.Pick(3) == 0 ? R"j(,"Assign":{"var.$":"$","count":1})j" : "";
  std::string retry = bytes.Pick(2) ? std::string(R"j(,"Retry":[{"ErrorEquals":[")j") +
                                          bytes.From(kErrors) +
                                          R"j("],"MaxAttempts":2,"IntervalSeconds":1}])j"
                                    : "";
  std::string catcher = bytes.Pick(2) ? std::string(R"j(,"Catch":[{"ErrorEquals":["States.ALL"],"Next":")j") +
                                            name(bytes.Pick(count)) + R"j(","ResultPath":"$.err"}])j"
                                      : "";
  // A one-state machine for a branch or an item processor.
  auto inner = [&]() {
    std::string inner_prefix = "M" + std::to_string(++*machines) + "_";
    std::string state = R"j({"Type":"Pass","End":true})j";
    if (depth < 2 && bytes.Pick(2)) {
      state = MakeState(bytes, inner_prefix, 0, 1, depth + 1, machines);
    }
    return R"j({"StartAt":")j" + inner_prefix + R"j(0","States":{")j" + inner_prefix +
           R"j(0":)j" + state + "}}";
  };
  size_t type = bytes.Pick(8);
  // Succeed and Fail end the machine: only the last state may be one, so that all are reachable.
  if ((type == 3 || type == 4) && index + 1 < count) type = 0;
  switch (type) {
    case 0:
      return R"j({"Type":"Pass")j" + io + parameters + assign + "," + transition + "}";
    case 1: {
      std::string rules;
      size_t n = 1 + bytes.Pick(3);
      for (size_t i = 0; i < n; ++i) {
        std::string rule = bytes.From(kRules);
        rule.replace(rule.find('%'), 1, name(bytes.Pick(count)));
        rules += (i ? "," : "") + rule;
      }
      // The Default goes on to the next state, which keeps it reachable; the last Choice may
      // have none (States.NoChoiceMatched).
      std::string default_state =
          index + 1 < count ? R"j(,"Default":")j" + name(index + 1) + "\""
          : bytes.Pick(2)   ? R"j(,"Default":")j" + name(bytes.Pick(count)) + "\""
                            : "";
      return R"j({"Type":"Choice","Choices":[)j" + rules + "]" + default_state + "}";
    }
    case 2:
      return bytes.Pick(2) ? R"j({"Type":"Wait","Seconds":)j" + std::to_string(bytes.Pick(100)) +
                                 "," + transition + "}"
                           : R"j({"Type":"Wait","SecondsPath":"$.n",)j" + transition + "}";
    case 3:
      return R"j({"Type":"Succeed"})j";
    case 4:
      return bytes.Pick(2) ? R"j({"Type":"Fail","Error":"E","Cause":"C"})j"
                           : R"j({"Type":"Fail","ErrorPath":"$.s","CausePath":"$.missing"})j";
    case 5:
      return R"j({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke")j" + io + parameters +
             retry + catcher + "," + transition + "}";
    case 6:
      return R"j({"Type":"Parallel","Branches":[)j" + inner() + "," + inner() + "]" + io + retry +
             catcher + "," + transition + "}";
    default:
      return R"j({"Type":"Map","MaxConcurrency":)j" + std::to_string(bytes.Pick(3)) +
             optional_field("ItemsPath", kPaths, std::size(kPaths)) +
             R"j(,"ToleratedFailureCount":)j" + std::to_string(bytes.Pick(2)) +
             R"j(,"ItemProcessor":)j" + inner() + retry + catcher + "," + transition + "}";
  }
}

// Whether a serialized checkpoint (and its group's, recursively) cites no event after `events`.
bool CitesOnlyUpTo(const stepwise::json::Value& checkpoint, int64_t events) {
  auto within = [&](const stepwise::json::Value& object, std::string_view key) {
    const stepwise::json::Value* value = object.Find(key);
    return value == nullptr || (value->is_int() && value->as_int() <= events);
  };
  if (!within(checkpoint, "lastEvent") || !within(checkpoint, "enteredEvent")) return false;
  const stepwise::json::Value* group = checkpoint.Find("group");
  if (group == nullptr) return true;
  if (!within(*group, "startedEvent") || !within(*group, "lastEvent")) return false;
  for (const stepwise::json::Value& running : group->Find("running")->items()) {
    if (!CitesOnlyUpTo(running.items()[1], events)) return false;
  }
  return true;
}

// A durable run, with a committer thread (see the top of the file).
int RunDurably(std::shared_ptr<const stepwise::asl::StateMachine> machine,
               stepwise::json::Value input, const stepwise::engine::TaskRouter& router,
               stepwise::engine::RunOptions options) {
  namespace engine = stepwise::engine;
  auto sink = std::make_shared<engine::CheckpointSink>();
  options.checkpoints = sink;
  auto scheduler = std::make_shared<engine::Scheduler>(1, /*simulated=*/true);
  std::promise<engine::RunResult> ended;
  // (A task waiting for its start to be durable counts as external work: the simulated clock
  // does not jump past it while the committer has not released it.)
  engine::ExecutionHandle handle = engine::StartExecutionOn(
      scheduler, machine, std::move(input), router, options,
      [&](const engine::RunResult& result) { ended.set_value(result); });
  std::atomic<bool> done{false};
  std::thread committer([&] {
    uint64_t seen = 0;
    int64_t committed = 0;
    while (!done.load()) {
      std::shared_ptr<const engine::History> history = handle.history();
      if (auto snapshot = sink->Take(seen, *history, *machine)) {
        // A snapshot accounts for a prefix of the history recorded so far, and none of its
        // checkpoints cites an event beyond that prefix. (Its prefix may be shorter than an
        // earlier one's, by events of a failed group's branches still stopping: a store commits
        // the longer, as the service's runner does.)
        if (snapshot->events > static_cast<int64_t>(history->size()) ||
            !CitesOnlyUpTo(snapshot->frame, std::max(snapshot->events, committed))) {
          std::abort();
        }
        committed = std::max(committed, snapshot->events);
        seen = snapshot->version;
        sink->Committed(seen);
      }
      std::this_thread::yield();
    }
  });
  engine::RunResult outcome = ended.get_future().get();
  done.store(true);
  committer.join();
  sink->ReleaseAll();
  scheduler->Shutdown();
  if (outcome.status == engine::ExecutionStatus::kRunning) std::abort();
  if (sink->dirty_frames() != 0) std::abort();  // a frame left dirty (see the top)
  return 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Bytes bytes(data, size);
  size_t count = 1 + bytes.Pick(6);
  std::string definition = R"j({"StartAt":"S0","States":{)j";
  int machines = 0;
  for (size_t i = 0; i < count; ++i) {
    definition += (i ? "," : "") + std::string("\"") + StateName("S", i) + "\":" +
                  MakeState(bytes, "S", i, count, 0, &machines);
  }
  definition += "}}";
  auto loaded = stepwise::asl::LoadDefinition(definition);
  if (!loaded.ok()) return 0;  // transitions to missing states and the like: the checker's job
  auto input = stepwise::json::Parse(bytes.From(kInputs));

  stepwise::engine::TaskRouter router;
  bool task_fails = bytes.Pick(2) != 0;
  class Task : public stepwise::engine::TaskInvoker {
   public:
    explicit Task(bool fail) : fail_(fail) {}
    void Invoke(const stepwise::engine::TaskRequest& request,
                stepwise::engine::TaskCompletion complete) override {
      complete(fail_ ? TaskOutcome::Failure("Custom", "fuzzed") : TaskOutcome::Success(request.input));
    }

   private:
    bool fail_;
  };
  router.SetFallback(std::make_shared<Task>(task_fails));
  stepwise::engine::RunOptions options;
  options.clock = stepwise::engine::ClockKind::kSimulated;
  options.workers = 1;
  options.seed = 7;
  options.max_transitions = 300;
  options.record_history = bytes.Pick(2) != 0;
  if (!options.record_history || bytes.Pick(2) == 0) {
    stepwise::engine::RunResult result =
        stepwise::engine::RunExecution(loaded.machine, input.value(), router, options);
    if (result.status == stepwise::engine::ExecutionStatus::kRunning) std::abort();
    return 0;
  }
  return RunDurably(loaded.machine, input.value(), router, options);
}
