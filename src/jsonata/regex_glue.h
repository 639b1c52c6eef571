#pragma once

// Regular expressions in the evaluator: a regex literal evaluates to a matcher function (as in
// the reference, where /re/ is a function returning {match, start, end, groups, next}), and the
// string functions ($match, $contains, $split, $replace) iterate the matches of either a regex or
// a user-written matcher function through MatchIterator.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "jsonata/evaluator.h"

namespace stepwise::jsonata {

// One match, with byte offsets into the subject.
struct RegexMatch {
  size_t start = 0;
  size_t end = 0;
  std::string text;
  std::vector<Value> groups;  // strings; undefined for a group that did not take part
};

// A compiled regex literal (defined in regex_glue.cc).
struct CompiledRegex;

Result<Value> MakeRegexFunction(Evaluator& ev, const RegexNode& node);
// Calls a regex function value: (subject [, from]) → the match object or undefined.
Result<Value> ApplyRegexFunction(Evaluator& ev, const Function& f, std::vector<Value>& args);

// Iterates the matches of a matcher over a subject: a regex literal directly, any other function
// through the reference's protocol (call it with the subject, then call each result's next()).
class MatchIterator {
 public:
  // function: the matcher. token: the calling function's name, for T1010.
  MatchIterator(NativeContext& cx, Value function, std::string_view subject,
                std::string_view token);
  // The next match (the first on the first call), or nullopt when there are no more.
  Result<std::optional<RegexMatch>> Next();

 private:
  Result<std::optional<RegexMatch>> FromObject(const Value& result);

  NativeContext& cx_;
  Value function_;
  std::string subject_;
  std::string token_;
  bool started_ = false;
  bool done_ = false;
  size_t last_index_ = 0;  // regex: where the next search starts (bytes)
  Value current_;          // a user matcher's last result
};

}  // namespace stepwise::jsonata
