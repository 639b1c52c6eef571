// Argument validation against a function signature, as the reference does it: the arguments'
// type symbols are matched against one regular-expression group per parameter ("[accepts]" plus
// the quantifier), here with an equivalent backtracking matcher; optional parameters with '-'
// take the context value; `a` parameters wrap a non-array argument into an array and check
// their item type (T0412). A mismatch is T0410 at the first argument that cannot match.

#include <string>
#include <vector>

#include "jsonata/evaluator.h"

namespace stepwise::jsonata {
namespace {

struct Quantifier {
  size_t min = 1;
  size_t max = 1;
  bool lazy = false;
};

Quantifier QuantifierOf(const SignatureParam& param) {
  Quantifier q;
  const std::string& s = param.quantifier;
  if (s.empty()) return q;
  if (s[0] == '?') {
    q.min = 0;
    q.max = 1;
  } else if (s[0] == '+') {
    q.min = 1;
    q.max = static_cast<size_t>(-1);
  } else if (s[0] == '*') {
    q.min = 0;
    q.max = static_cast<size_t>(-1);
  }
  q.lazy = s.size() > 1 && s[1] == '?';
  return q;
}

// Matches params[i..end) against symbols from pos. anchored: the whole rest must match. On
// success fills lengths[i..end) and *stop (the end of the match).
bool MatchFrom(const std::vector<SignatureParam>& params, size_t i, size_t end,
               const std::string& symbols, size_t pos, bool anchored, size_t* lengths,
               size_t* stop) {
  if (i == end) {
    if (anchored && pos != symbols.size()) return false;
    *stop = pos;
    return true;
  }
  Quantifier q = QuantifierOf(params[i]);
  size_t run = 0;
  while (pos + run < symbols.size() && run < q.max &&
         params[i].accepts.find(symbols[pos + run]) != std::string::npos) {
    ++run;
  }
  if (run < q.min) return false;
  if (q.lazy) {
    for (size_t n = q.min; n <= run; ++n) {
      lengths[i] = n;
      if (MatchFrom(params, i + 1, end, symbols, pos + n, anchored, lengths, stop)) return true;
    }
  } else {
    for (size_t n = run + 1; n-- > q.min;) {
      lengths[i] = n;
      if (MatchFrom(params, i + 1, end, symbols, pos + n, anchored, lengths, stop)) return true;
    }
  }
  return false;
}

std::string ArrayTypeName(const std::string& subtype) {
  switch (subtype.empty() ? ' ' : subtype[0]) {
    case 'a':
      return "arrays";
    case 'b':
      return "booleans";
    case 'f':
      return "functions";
    case 'n':
      return "numbers";
    case 'o':
      return "objects";
    case 's':
      return "strings";
    default:
      return "undefined";
  }
}

}  // namespace

// The arguments are moved into the result: callers do not use `args` afterwards.
Result<std::vector<Value>> Evaluator::ValidateArgs(const Signature& signature,
                                                   std::vector<Value>& args, const Value& context) {
  const auto& params = signature.params;
  // Fast path, the usual call: one argument per parameter, each taken as it is (no array
  // parameter, quantifier at most '?', the argument's symbol accepted). The matcher below would
  // give every parameter exactly that one argument.
  if (args.size() == params.size()) {
    bool simple = true;
    for (size_t p = 0; p < params.size() && simple; ++p) {
      const SignatureParam& param = params[p];
      simple = param.type != "a" && (param.quantifier.empty() || param.quantifier == "?") &&
               param.accepts.find(TypeSymbol(args[p])) != std::string::npos;
    }
    if (simple) return std::move(args);
  }
  std::string symbols;
  symbols.reserve(args.size());
  for (const Value& arg : args) symbols += TypeSymbol(arg);
  // Signatures have a handful of parameters: their match lengths live on the stack.
  constexpr size_t kFew = 8;
  size_t few[kFew] = {};
  std::vector<size_t> many;
  if (params.size() > kFew) many.assign(params.size(), 0);
  size_t* lengths = params.size() > kFew ? many.data() : few;
  size_t stop = 0;
  if (!MatchFrom(params, 0, params.size(), symbols, 0, true, lengths, &stop)) {
    // Find the first argument that cannot match, as the reference does: match ever longer
    // prefixes of the pattern.
    size_t good_to = 0;
    for (size_t k = 1; k <= params.size(); ++k) {
      std::vector<size_t> scratch(params.size(), 0);
      size_t end = 0;
      if (!MatchFrom(params, 0, k, symbols, 0, false, scratch.data(), &end)) break;
      good_to = end;
    }
    Value bad = good_to < args.size() ? args[good_to] : Value();
    Error e = Fail("T0410", kNoPosition, std::nullopt, &bad);
    SetErrorInsert("index", std::to_string(good_to + 1));
    return e;
  }
  std::vector<Value> validated;
  validated.reserve(params.size());
  size_t arg_index = 0;
  for (size_t p = 0; p < params.size(); ++p) {
    const SignatureParam& param = params[p];
    size_t length = lengths[p];
    if (length == 0) {
      if (param.use_context) {
        char symbol = TypeSymbol(context);
        if (param.context_accepts.empty() ||
            param.context_accepts.find(symbol) != std::string::npos) {
          validated.push_back(context);
        } else {
          Error e = Fail("T0411", kNoPosition, std::nullopt, &context);
          SetErrorInsert("index", std::to_string(arg_index + 1));
          return e;
        }
      } else {
        validated.push_back(arg_index < args.size() ? std::move(args[arg_index]) : Value());
        ++arg_index;
      }
      continue;
    }
    for (size_t s = 0; s < length; ++s) {
      char single = symbols[arg_index];
      Value arg = arg_index < args.size() ? std::move(args[arg_index]) : Value();
      if (param.type == "a") {
        if (single == 'm') {
          arg = Value();
        } else {
          bool ok = true;
          if (!param.subtype.empty()) {
            if (single != 'a' && std::string(1, single) != param.subtype) {
              ok = false;
            } else if (single == 'a' && arg.size() > 0) {
              char item_type = TypeSymbol(arg.at(0));
              if (item_type != param.subtype[0]) {
                ok = false;
              } else {
                size_t n = arg.size();
                for (size_t i = 1; i < n && ok; ++i) ok = TypeSymbol(arg.at(i)) == item_type;
              }
            }
          }
          if (!ok) {
            Error e = Fail("T0412", kNoPosition, std::nullopt, &arg);
            SetErrorInsert("index", std::to_string(arg_index + 1));
            SetErrorInsert("type", ArrayTypeName(param.subtype));
            return e;
          }
          if (single != 'a') arg = Value::Array({arg});
        }
      }
      validated.push_back(std::move(arg));
      ++arg_index;
    }
  }
  return validated;
}

}  // namespace stepwise::jsonata
