#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "asl/diagnostic.h"
#include "asl/value_expression.h"
#include "common/result.h"
#include "json/value.h"
#include "jsonpath/roots.h"

namespace stepwise::asl {

namespace detail {
struct TemplateNode;
}

// A JSONPath-mode payload template (Parameters, ResultSelector, ItemSelector, Assign, ...),
// compiled once into a tree that evaluation only fills in.
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html
//
// A key ending in ".$" takes its value from a path or an intrinsic call and loses the suffix;
// every other value is copied as written. Parts of the template with no ".$" key anywhere below
// them are compiled into one literal value, so evaluating them costs a reference-count increment.
//
// Thread safety: immutable after Compile. Intentionally copyable.
class PayloadTemplate {
 public:
  // Compiles a template written at location (for example "/States/Pass/Parameters"). Problems
  // (".$" values that are not strings or do not compile, keys that collide once ".$" is removed)
  // are appended to diagnostics; the result is nullopt when there was any.
  static std::optional<PayloadTemplate> Compile(const json::Value& written,
                                                std::string_view location,
                                                std::vector<Diagnostic>* diagnostics);

  // The template as written in the definition.
  const json::Value& written() const { return written_; }

  // Every dynamic value in the template, with its field name as written ("title.$").
  struct Field {
    std::string name;
    const ValueExpression* expression;
  };
  std::vector<Field> Fields() const;

  // Whether any dynamic value reads the context object `$$`.
  bool ReadsContext() const;

  // Fills the template in. A path that matches nothing is States.Runtime with AWS's message
  // "The JSONPath '$.x' specified for the field 'x.$' could not be found in the input '<input>'";
  // intrinsic failures pass through (States.IntrinsicFailure).
  Result<json::Value> Evaluate(const jsonpath::Roots& roots, const IntrinsicContext& context) const;

 private:
  PayloadTemplate(json::Value written, std::shared_ptr<const detail::TemplateNode> root)
      : written_(std::move(written)), root_(std::move(root)) {}
  json::Value written_;
  std::shared_ptr<const detail::TemplateNode> root_;
};

}  // namespace stepwise::asl
