import ts from "typescript";

/** What a free identifier of a lambda refers to, found by walking the scopes around the lambda. */
export type Resolution =
  | { readonly kind: "const"; readonly declaration: ts.VariableDeclaration; readonly moduleLevel: boolean }
  | { readonly kind: "mutable"; readonly keyword: "let" | "var" }
  | { readonly kind: "enclosingParameter" }
  | { readonly kind: "local"; readonly what: string }
  | { readonly kind: "import"; readonly module: string; readonly name: string }
  | { readonly kind: "global" };

/** `name` as seen from `from`: the nearest declaration in an enclosing scope, or a global. */
export function resolveName(name: string, from: ts.Node): Resolution {
  for (let scope: ts.Node | undefined = from.parent; scope !== undefined; scope = scope.parent) {
    const found = declaredIn(scope, name);
    if (found) return found;
  }
  return { kind: "global" };
}

function declaredIn(scope: ts.Node, name: string): Resolution | undefined {
  if (ts.isFunctionLike(scope)) {
    if (scope.parameters.some((p) => binds(p.name, name))) return { kind: "enclosingParameter" };
    return undefined;
  }
  if (ts.isCatchClause(scope) && scope.variableDeclaration && binds(scope.variableDeclaration.name, name)) {
    return { kind: "local", what: "a catch variable" };
  }
  if ((ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) && scope.initializer) {
    if (ts.isVariableDeclarationList(scope.initializer)) return inList(scope.initializer, name, false);
  }
  if (ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope) || ts.isCaseClause(scope)) {
    const moduleLevel = ts.isSourceFile(scope);
    for (const statement of scope.statements) {
      const found = inStatement(statement, name, moduleLevel);
      if (found) return found;
    }
  }
  return undefined;
}

function inStatement(statement: ts.Statement, name: string, moduleLevel: boolean): Resolution | undefined {
  if (ts.isVariableStatement(statement)) return inList(statement.declarationList, name, moduleLevel);
  if (ts.isImportDeclaration(statement) && moduleLevel) return inImport(statement, name);
  if (
    (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) &&
    statement.name?.text === name
  ) {
    return {
      kind: "local",
      what: `a ${ts.isFunctionDeclaration(statement) ? "function" : ts.isClassDeclaration(statement) ? "class" : "enum"}`,
    };
  }
  return undefined;
}

function inList(list: ts.VariableDeclarationList, name: string, moduleLevel: boolean): Resolution | undefined {
  for (const declaration of list.declarations) {
    if (!binds(declaration.name, name)) continue;
    if (list.flags & ts.NodeFlags.Const) {
      if (ts.isIdentifier(declaration.name)) return { kind: "const", declaration, moduleLevel };
      return { kind: "local", what: "a destructured constant" };
    }
    if (list.flags & (ts.NodeFlags.Let | ts.NodeFlags.Using | ts.NodeFlags.AwaitUsing)) {
      return { kind: "mutable", keyword: "let" };
    }
    return { kind: "mutable", keyword: "var" };
  }
  return undefined;
}

function inImport(statement: ts.ImportDeclaration, name: string): Resolution | undefined {
  const clause = statement.importClause;
  if (!clause || !ts.isStringLiteral(statement.moduleSpecifier)) return undefined;
  const module = statement.moduleSpecifier.text;
  if (clause.name?.text === name) return { kind: "import", module, name: "default" };
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings) && bindings.name.text === name) {
    return { kind: "import", module, name: "*" };
  }
  if (bindings && ts.isNamedImports(bindings)) {
    for (const element of bindings.elements) {
      if (element.name.text === name)
        return { kind: "import", module, name: (element.propertyName ?? element.name).text };
    }
  }
  return undefined;
}

export function binds(binding: ts.BindingName, name: string): boolean {
  if (ts.isIdentifier(binding)) return binding.text === name;
  return binding.elements.some((element) => !ts.isOmittedExpression(element) && binds(element.name, name));
}

/**
 * Modules whose exports are the typed helpers: the published package and, inside this repository,
 * the dsl folder imported by relative path.
 */
export function isHelperModule(specifier: string): boolean {
  return (
    specifier === "cannectors" ||
    specifier.startsWith("cannectors/") ||
    /(^|\/)dsl(\/index(\.[cm]?[jt]s)?)?$/.test(specifier)
  );
}
