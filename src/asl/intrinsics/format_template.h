#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace stepwise::asl::detail {

// A States.Format template split at its `{}` placeholders.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-generic
//
// Intentionally copyable.
struct FormatTemplate {
  // The text around the placeholders, escapes resolved: pieces.size() == placeholders() + 1.
  std::vector<std::string> pieces;
  // Set when a brace is neither escaped nor part of a `{}` pair, in AWS's wording (for example
  // "matching '}' not found for '{'."). AWS accepts such a definition and fails the call when it
  // runs, so the template is kept and the error raised by States.Format at evaluation.
  std::optional<std::string> error;

  size_t placeholders() const { return pieces.size() - 1; }
};

// The template of a string literal: text is its decoded value and unescaped_braces the ascending
// byte offsets in text of the braces that were written without a backslash.
FormatTemplate FormatTemplateFromLiteral(std::string_view text,
                                         std::span<const size_t> unescaped_braces);

// The template of a string read at run time (States.Format($.template, ...)): `{}` is a
// placeholder, \{ \} and \\ are escapes as in a literal, and any other backslash is kept as is.
FormatTemplate FormatTemplateFromValue(std::string_view text);

}  // namespace stepwise::asl::detail
