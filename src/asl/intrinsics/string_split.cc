#include <algorithm>
#include <vector>

#include "asl/intrinsics/functions.h"
#include "asl/intrinsics/utf8.h"

namespace stepwise::asl::detail {

// States.StringSplit(text, delimiters): the pieces of text between delimiter characters. Every
// character of the second argument is a delimiter on its own (the guide splits
// "This.is+a,test=string" on ".+,=") and empty pieces are dropped, as Java's StringTokenizer does
// (recorded against AWS: ",,,," splits into []; "split on T and \nnew line" on "T\n" into
// ["split on ", " and ", "new line"]).
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-string-operation
Result<json::Value> EvaluateStringSplit(const Invocation& invocation) {
  const std::string_view text = invocation.args[0].as_string();
  const std::string_view delimiters = invocation.args[1].as_string();
  std::vector<uint32_t> delimiter_set;
  for (size_t offset = 0; offset < delimiters.size();) {
    delimiter_set.push_back(NextCodePoint(delimiters, &offset));
  }
  std::sort(delimiter_set.begin(), delimiter_set.end());

  std::vector<json::Value> pieces;
  size_t piece_start = 0;
  for (size_t offset = 0; offset < text.size();) {
    const size_t character_start = offset;
    const uint32_t character = NextCodePoint(text, &offset);
    if (!std::binary_search(delimiter_set.begin(), delimiter_set.end(), character)) continue;
    if (character_start > piece_start) {
      pieces.push_back(
          json::Value::String(text.substr(piece_start, character_start - piece_start)));
    }
    piece_start = offset;
  }
  if (text.size() > piece_start) pieces.push_back(json::Value::String(text.substr(piece_start)));
  return json::Value::Array(std::move(pieces));
}

}  // namespace stepwise::asl::detail
