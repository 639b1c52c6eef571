#pragma once

#include <string>

#include "jsonata/ast.h"

namespace stepwise::jsonata {

// A compact, deterministic S-expression rendering of a tree, for tests and debugging:
//
//   Account.Order[0].Product  ->  (path Account Order{stages=[0]} Product)
//
// Names print bare (or `quoted` when not plain), literals as JSON (numbers as JavaScript prints
// them), variables as $name, operators prefix ((+ 1 2)); a node's annotations follow it in braces
// (keep, keepsingleton, tuple, consarray, tail, predicates=[..], stages=[..], group=(..),
// focus=$v, index=$i, ancestor=N).
std::string DumpAst(const Node& node);

}  // namespace stepwise::jsonata
