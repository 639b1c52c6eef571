#pragma once

// Helpers shared by the jsonpath tests.

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "json/parse.h"
#include "json/write.h"
#include "jsonpath/path.h"
#include "jsonpath/map_variables.h"
#include "jsonpath/roots.h"

namespace stepwise::jsonpath::testing {

// Variables held in a map, for `$name` paths.
using jsonpath::MapVariables;

inline json::Value Json(std::string_view text) {
  Result<json::Value> value = json::Parse(text);
  if (!value.ok()) {
    ADD_FAILURE() << "bad JSON in test: " << text;
    return json::Value();
  }
  return value.release_value();
}

// What Evaluate printed for reading in assertions: compact JSON, or "nothing".
inline std::string Show(const std::optional<json::Value>& value) {
  return value ? json::Write(*value) : "nothing";
}

// Compiles path and evaluates it against roots; a compile error fails the test.
inline std::string Eval(std::string_view path, const Roots& roots) {
  Result<Path> compiled = Path::Compile(path);
  if (!compiled.ok()) {
    ADD_FAILURE() << "did not compile: " << compiled.error().message();
    return "compile error";
  }
  return Show(compiled.value().Evaluate(roots));
}

// Compiles path and evaluates it with `$` standing for input.
inline std::string Eval(std::string_view path, const json::Value& input) {
  return Eval(path, Roots{.input = &input});
}

// The compile error's message (checking that its name is "InvalidPath"), or "compiled".
inline std::string CompileError(std::string_view path) {
  Result<Path> compiled = Path::Compile(path);
  if (compiled.ok()) return "compiled";
  EXPECT_EQ(compiled.error().name(), "InvalidPath");
  return compiled.error().message();
}

// Jayway's README document ("the store"), used by its examples.
// https://github.com/json-path/JsonPath/blob/master/README.md
inline json::Value Store() {
  return Json(R"({
    "store": {
      "book": [
        {"category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century",
         "price": 8.95},
        {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour",
         "price": 12.99},
        {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick",
         "isbn": "0-553-21311-3", "price": 8.99},
        {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings",
         "isbn": "0-395-19395-8", "price": 22.99}
      ],
      "bicycle": {"color": "red", "price": 19.95}
    },
    "expensive": 10
  })");
}

}  // namespace stepwise::jsonpath::testing
