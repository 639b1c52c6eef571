#pragma once

#include "common/result.h"
#include "jsonata/ast.h"
#include "jsonata/parse_error.h"
#include "jsonata/syntax_tree.h"

namespace stepwise::jsonata::internal {

// The reference's post-parse stage (jsonata-js 2.x, processAST): turns the syntax tree into the
// AST, flattening paths, attaching predicates, groupings and bindings to steps, resolving % to
// the steps it refers to, and marking tail calls. Raises S0201, S0207, S0209, S0210, S0213,
// S0215, S0216, S0217 and U1001 (nesting), in the reference's order, filling *error.
//
// Allocates the nodes in *ast and returns the root.
Result<const Node*> BuildAst(SyntaxNode* root, Ast* ast, ParseError* error);

}  // namespace stepwise::jsonata::internal
