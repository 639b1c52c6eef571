#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "jsonata/parse_error.h"

namespace stepwise::jsonata {

// One parameter of a function signature. Argument types are the reference's one-letter symbols:
// a(rray), b(oolean), f(unction), l (null), n(umber), o(bject), s(tring), and m for a missing
// (undefined) argument.
//
// The reference validates arguments by building a regular expression from the parameters, one
// group "(" + "[" + accepts + "]" + quantifier + ")" each, and matching it against the argument
// symbols; the fields below are those parts, so an evaluator can match the same way.
//
// Intentionally copyable.
struct SignatureParam {
  // As written: "s", "n", "b", "l", "o", "a", "f", "j" (any JSON value), "x" (anything), or a
  // choice such as "(ns)".
  std::string type;
  // The symbols an argument may have, e.g. "sm" for s (a string or missing), "f" for f,
  // "asnblfom" for a and x, "asnblom" for j, "nsm" for (ns).
  std::string accepts;
  // The modifiers in the order written: '?' (optional), '+' (one or more), and '?' for '-'.
  std::string quantifier;
  // '-': a missing argument takes the context value, which must have one of context_accepts
  // (empty: any symbol).
  bool use_context = false;
  std::string context_accepts;
  // The type parameter of a or f: "n" for a<n>, "n:n" for f<n:n>; empty when none.
  std::string subtype;
};

// A lambda's signature, e.g. <n-n:n>. The return type (after ':') is kept in definition only, as
// the reference ignores it. Intentionally copyable.
struct Signature {
  std::string definition;
  std::vector<SignatureParam> params;
};

// Parses a signature as the reference does, from its text between and including the angle
// brackets (the parser rebuilds that text from the tokens, so it has no whitespace). Unknown
// characters are ignored, as in the reference. Errors: S0401 (a type parameter on something
// other than a or f) and S0402 (a choice group containing a type parameter), at position plus
// the offending character's offset; *error receives the detail.
Result<Signature> ParseSignature(std::string_view definition, size_t position, ParseError* error);

}  // namespace stepwise::jsonata
