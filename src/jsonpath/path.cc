#include "jsonpath/path.h"

#include <string>
#include <utility>

#include "jsonpath/compiled_path.h"
#include "jsonpath/compiler.h"
#include "jsonpath/evaluate.h"

namespace stepwise::jsonpath {

namespace {

using detail::PathRoot;
using detail::StepKind;

// A name in Jayway's normalized form: quoted with the delimiter it was written with (single
// quotes for dot notation), with that delimiter and backslashes escaped.
void AppendQuoted(std::string& out, const std::string& name, char quote) {
  out += quote;
  for (char c : name) {
    if (c == quote || c == '\\') out += '\\';
    out += c;
  }
  out += quote;
}

}  // namespace

Result<Path> Path::Compile(std::string_view text) {
  std::shared_ptr<const detail::CompiledPath> compiled = TRY(detail::CompilePath(text));
  return Path(std::move(compiled));
}

const std::string& Path::text() const { return impl_->text; }

RootKind Path::root() const {
  switch (impl_->root) {
    case PathRoot::kContext:
      return RootKind::kContext;
    case PathRoot::kVariable:
      return RootKind::kVariable;
    case PathRoot::kInput:
    case PathRoot::kCurrent:  // only inside filters, never the root of a Path
      break;
  }
  return RootKind::kInput;
}

const std::string& Path::variable() const { return impl_->variable; }

bool Path::is_definite() const { return impl_->definite; }

// Jayway's PathToken.toString, which AWS quotes in its messages ("No results for path:
// $['a']"): every name in brackets, `..` for descendants, `[*]` for wildcards and `[?]` for a
// filter (whose expression it does not print).
std::string Path::Normalized() const {
  std::string out;
  switch (impl_->root) {
    case PathRoot::kInput:
      out = "$";
      break;
    case PathRoot::kContext:
      out = "$$";
      break;
    case PathRoot::kVariable:
      out = "$" + impl_->variable;
      break;
    case PathRoot::kCurrent:
      out = "@";
      break;
  }
  for (const detail::Step& step : impl_->steps) {
    switch (step.kind) {
      case StepKind::kName:
        out += '[';
        AppendQuoted(out, step.name, step.quote);
        out += ']';
        break;
      case StepKind::kNames:
        out += '[';
        for (size_t i = 0; i < step.names.size(); ++i) {
          if (i > 0) out += ',';
          AppendQuoted(out, step.names[i], step.quote);
        }
        out += ']';
        break;
      case StepKind::kIndex:
        out += '[' + std::to_string(step.index) + ']';
        break;
      case StepKind::kIndices:
        out += '[';
        for (size_t i = 0; i < step.indices.size(); ++i) {
          if (i > 0) out += ',';
          out += std::to_string(step.indices[i]);
        }
        out += ']';
        break;
      case StepKind::kSlice:
        out += '[';
        if (step.slice.start) out += std::to_string(*step.slice.start);
        out += ':';
        if (step.slice.end) out += std::to_string(*step.slice.end);
        if (step.slice.step != 1) out += ':' + std::to_string(step.slice.step);
        out += ']';
        break;
      case StepKind::kWildcard:
        out += "[*]";
        break;
      case StepKind::kDescendant:
        out += "..";
        break;
      case StepKind::kFilter:
        out += "[?]";
        break;
      case StepKind::kLength:
        out += ".length()";
        break;
    }
  }
  return out;
}

std::optional<json::Value> Path::Evaluate(const Roots& roots) const {
  return detail::Evaluate(*impl_, roots, /*current=*/nullptr);
}

}  // namespace stepwise::jsonpath
