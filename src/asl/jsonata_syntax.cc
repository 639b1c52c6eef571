#include "asl/jsonata_syntax.h"

#include "jsonata/parser.h"

namespace stepwise::asl {

std::optional<std::string> CheckJsonataSyntax(std::string_view expression) {
  Result<jsonata::Expression> parsed = jsonata::Parse(expression);
  if (parsed.ok()) return std::nullopt;
  return parsed.error().name() + ": " + parsed.error().message();
}

}  // namespace stepwise::asl
