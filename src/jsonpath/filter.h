#pragma once

#include "json/value.h"
#include "jsonpath/compiled_path.h"
#include "jsonpath/roots.h"

namespace stepwise::jsonpath::detail {

// Whether filter accepts current, the value `@` stands for. Comparisons of values of different
// types are false, never errors; see filter.cc for the semantics of each operator.
bool FilterAccepts(const FilterExpr& filter, const json::Value& current, const Roots& roots);

}  // namespace stepwise::jsonpath::detail
