#include "jsonata/js_number.h"

#include "jsonata/format/js_number_text.h"

namespace stepwise::jsonata {

// One implementation of the rule, in the format library (which the evaluator depends on, and
// which cannot depend back on this library).
std::string FormatJsNumber(double value) { return format::JsNumberToString(value); }

}  // namespace stepwise::jsonata
