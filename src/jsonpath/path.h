#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "json/value.h"
#include "jsonpath/roots.h"

namespace stepwise::jsonpath {

namespace detail {
struct CompiledPath;
}

// What a path starts from.
enum class RootKind {
  kInput,     // $ ...
  kContext,   // $$ ...
  kVariable,  // $name ... (ASL variables, set by Assign)
};

// A JSONPath as the Amazon States Language uses it, compiled once and evaluated many times.
//
// Syntax (AWS follows Jayway JsonPath): `$`, `$.a.b`, `$['a']["b"]`, `$.a[0]`, `$.a[-1]`,
// wildcards `$.a.*` / `$.a[*]`, descendants `$..name` / `$..[0]` / `$..*`, slices `[1:3]`,
// `[:2]`, `[-2:]`, `[::2]`, unions `[0,2]` / `['a','b']`, filters `[?(@.price > 10)]` with
// == != < <= > >= =~ (/regex/), &&, ||, !, parentheses and bare existence `[?(@.isbn)]`, whose
// operands are literals (numbers, 'strings', "strings", true, false, null) or paths from `@`,
// `$`, `$$`, `$name`; and the `length()` function at the end of a path. `$$` is the context
// object and `$name` a variable.
//
// Details, as Jayway has them unless noted:
// - Surrounding whitespace is ignored. A dot-notation name runs to the next '.', '[' or '(' and
//   may hold any character but spaces, control characters, ']' ')' '*' and quotes (so `$.foo-bar`
//   and `$.größe` work); other keys need brackets. Quoted names take JSON's escapes.
// - A variable name follows AWS's rule for ASL variables: a Unicode identifier (ID_Start, then
//   ID_Continue characters) of at most 80 characters.
// - Slices have Python's semantics, including a step (an extension: Jayway has no step).
// - A union of names as the very last step merges the members present into one object:
//   `$['a','b']` on {"a":1,"b":2,"c":3} is {"a":1,"b":2}. Elsewhere a union iterates.
// - A filter tests each element of an array, and an object as a whole: `$.o[?(@.a)]` is [o] when
//   o has "a". After `..` it tests every object and array at and below the node.
// - Comparisons: == is deep equality (1 == 1.0); != its negation, so a missing member is != any
//   value; < <= > >= compare two numbers or two strings (by code point). Values of different
//   types never compare (false, not an error; Jayway would compare "1" == 1 as strings).
// - =~ takes /pattern/ with flags i and m (regex.h); the whole string must match, as with Java's
//   Matcher.matches().
// - length() applies at each node the path reaches: the count of an array's elements or an
//   object's members, null for other values. (Jayway rewrites `$..x.length()` to count all
//   children of the matches; we do not.)
//
// A path is *definite* when it has only names and single indices: it identifies at most one node.
// ASL calls these Reference Paths (ResultPath, ItemsPath, Choice's Variable).
//
// Thread safety: immutable after Compile; copies share the compiled form.
// Intentionally copyable.
class Path {
 public:
  // Compiles text. Errors are named "InvalidPath" with a message that says what is wrong, the
  // 1-based character position and the text, e.g. "Unexpected character ']' at position 4 in
  // '$.a]'". Any text is safe to compile: filters nested more than 64 levels deep and paths of
  // more than 1000 steps are refused rather than recursed into.
  static Result<Path> Compile(std::string_view text);

  // The text as given to Compile.
  const std::string& text() const;
  RootKind root() const;
  // For RootKind::kVariable: the variable's name (without the '$'); otherwise empty.
  const std::string& variable() const;
  // Names and single indices only: at most one match.
  bool is_definite() const;

  // Jayway's normalized form of this path, used in AWS's messages: `$.a.b[0]` -> `$['a']['b'][0]`.
  std::string Normalized() const;

  // Evaluates the path against roots.
  // - A definite path yields the one node it names, or nullopt when a step is missing (a key
  //   absent, an index out of range, a name applied to a non-object, ...). It only follows
  //   pointers and copies the result (one reference count); it allocates nothing.
  // - So do the other single-result forms Jayway has: a definite path followed by length() (the
  //   count, or null), or by a union of names as its last step (the merged object).
  // - Any other path yields an array of every match in document order, possibly empty.
  // - A path whose root is absent from roots yields nullopt.
  // Values are shared with the roots, never copied. Never fails otherwise; ASL-level errors
  // (ParameterPathFailure, ...) are the caller's to raise.
  std::optional<json::Value> Evaluate(const Roots& roots) const;

  // Returns root with the node this path names replaced by value (ResultPath). Only for definite
  // paths rooted at `$` (RootKind::kInput); `$` itself replaces the whole value. Missing object
  // members are created, with the objects the rest of the path needs; arrays are never created or
  // extended. Applying a name to a non-object, or an index to a non-array or out of range, fails
  // with an Error named "States.ResultPathMatchFailure" in AWS's words, naming the step and
  // printing the whole input: `Unable to apply step "b" to input {"a":"text"}` (an index step is
  // written "[0]"); when the input itself is not an object or array, `Unable to apply
  // ReferencePath $.b to input "text"`. Any other path fails with the same name. Everything not on
  // the path is shared with root.
  Result<json::Value> Assign(const json::Value& root, json::Value value) const;

 private:
  explicit Path(std::shared_ptr<const detail::CompiledPath> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const detail::CompiledPath> impl_;
};

}  // namespace stepwise::jsonpath
