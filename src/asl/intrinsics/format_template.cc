#include "asl/intrinsics/format_template.h"

#include <algorithm>

namespace stepwise::asl::detail {

namespace {

// AWS's wording for an unmatched opening brace; the closing-brace case mirrors it.
constexpr std::string_view kUnmatchedOpen = "matching '}' not found for '{'.";
constexpr std::string_view kUnmatchedClose = "matching '{' not found for '}'.";

// Splits text where is_unescaped_brace(i) marks the braces that are syntax rather than text.
template <typename IsUnescapedBrace>
FormatTemplate Split(std::string_view text, IsUnescapedBrace is_unescaped_brace) {
  FormatTemplate result;
  result.pieces.emplace_back();
  for (size_t i = 0; i < text.size(); ++i) {
    if (!is_unescaped_brace(i)) {
      result.pieces.back() += text[i];
      continue;
    }
    if (text[i] == '{' && i + 1 < text.size() && text[i + 1] == '}' && is_unescaped_brace(i + 1)) {
      result.pieces.emplace_back();
      ++i;
      continue;
    }
    result.error = std::string(text[i] == '{' ? kUnmatchedOpen : kUnmatchedClose);
    return result;
  }
  return result;
}

}  // namespace

FormatTemplate FormatTemplateFromLiteral(std::string_view text,
                                         std::span<const size_t> unescaped_braces) {
  // A binary search per character: templates are short and this keeps Split stateless.
  return Split(text, [&](size_t i) {
    auto it = std::lower_bound(unescaped_braces.begin(), unescaped_braces.end(), i);
    return it != unescaped_braces.end() && *it == i;
  });
}

FormatTemplate FormatTemplateFromValue(std::string_view text) {
  // Resolve the escapes first, remembering which braces remain syntax.
  std::string resolved;
  std::vector<size_t> braces;
  resolved.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\\' && i + 1 < text.size() &&
        (text[i + 1] == '{' || text[i + 1] == '}' || text[i + 1] == '\\')) {
      resolved += text[++i];
      continue;
    }
    if (c == '{' || c == '}') braces.push_back(resolved.size());
    resolved += c;
  }
  return FormatTemplateFromLiteral(resolved, braces);
}

}  // namespace stepwise::asl::detail
