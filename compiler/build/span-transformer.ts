/**
 * Tags every function literal of a connector file with where it stands in the ORIGINAL text,
 * so the lowering reads the lambda the user wrote, not what JavaScript printed back.
 */
import ts from "typescript";

const SPAN_SYMBOL_KEY = "cannectors.sourceSpan";

function spanned(
  factory: ts.NodeFactory,
  fn: ts.Expression,
  span: { file: string; start: number; end: number },
): ts.Expression {
  const symbol = factory.createCallExpression(
    factory.createPropertyAccessExpression(factory.createIdentifier("Symbol"), "for"),
    undefined,
    [factory.createStringLiteral(SPAN_SYMBOL_KEY)],
  );
  const value = factory.createObjectLiteralExpression([
    factory.createPropertyAssignment("file", factory.createStringLiteral(span.file)),
    factory.createPropertyAssignment("start", factory.createNumericLiteral(span.start)),
    factory.createPropertyAssignment("end", factory.createNumericLiteral(span.end)),
  ]);
  const descriptor = factory.createObjectLiteralExpression([factory.createPropertyAssignment("value", value)]);
  return factory.createCallExpression(
    factory.createPropertyAccessExpression(factory.createIdentifier("Object"), "defineProperty"),
    undefined,
    [fn, symbol, descriptor],
  );
}

/** A `before` transformer: it runs on the parsed original file, so `getStart()`/`end` are original offsets. */
export function sourceSpanTransformer(file: string): ts.TransformerFactory<ts.SourceFile> {
  return (context) => (sourceFile) => {
    const visit = (node: ts.Node): ts.Node => {
      if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
        const span = { file, start: node.getStart(sourceFile), end: node.end };
        const inner = ts.visitEachChild(node, visit, context);
        return spanned(context.factory, inner, span);
      }
      return ts.visitEachChild(node, visit, context);
    };
    return ts.visitNode(sourceFile, visit) as ts.SourceFile;
  };
}

/** ESM JavaScript for a `.ts` connector file, with its function literals tagged. `import type` is erased. */
export function transpileConnectorSource(text: string, file: string): string {
  const result = ts.transpileModule(text, {
    fileName: file,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      sourceMap: false,
      inlineSourceMap: true,
      inlineSources: false,
      isolatedModules: true,
    },
    transformers: { before: [sourceSpanTransformer(file)] },
  });
  return result.outputText;
}
