/**
 * Compiles a JMESPath expression of the subset Smithy allows in `operationContextParams` paths into a
 * TypeScript expression over the runtime's `path*` steps (src/runtime/protocol/context-path.ts). Parsing is
 * done here, once, with the reference implementation; anything outside the subset is reported.
 */
import * as jmespath from "jmespath";

interface Node {
  readonly type: string;
  readonly name?: string;
  readonly children?: readonly Node[];
}

/**
 * The expression evaluating `path` against `root`; `rt` imports a runtime helper and returns its name. Throws an
 * Error naming the unsupported construct.
 * @internal
 */
export function compileContextPath(path: string, root: string, rt: (name: string) => string): string {
  let ast: Node;
  try {
    // `compile` (the parser) is exported by the package but missing from its type definitions.
    ast = (jmespath as unknown as { compile(expression: string): Node }).compile(path);
  } catch (error) {
    throw new Error(`not a valid JMESPath expression (${(error as Error).message})`);
  }
  let counter = 0;
  const compile = (node: Node, current: string): string => {
    const kids = node.children ?? [];
    switch (node.type) {
      case "Field":
        return `${rt("pathField")}(${current}, ${JSON.stringify(node.name)})`;
      case "Subexpression":
        return compile(kids[1]!, compile(kids[0]!, current));
      case "Identity":
      case "Current":
        return current;
      case "Projection": {
        const item = `item${counter++}`;
        return `${rt("pathProject")}(${compile(kids[0]!, current)}, (${item}) => ${compile(kids[1]!, item)})`;
      }
      case "Flatten":
        return `${rt("pathFlatten")}(${compile(kids[0]!, current)})`;
      case "MultiSelectList": {
        const item = `item${counter++}`;
        return `${rt("pathMultiSelect")}(${current}, [${kids.map((kid) => `(${item}) => ${compile(kid, item)}`).join(", ")}])`;
      }
      case "Function":
        if (node.name === "keys" && kids.length === 1) return `${rt("pathKeys")}(${compile(kids[0]!, current)})`;
        throw new Error(`the function ${node.name}() is not one a context path may use (only keys())`);
      default:
        throw new Error(`${node.type} is not part of the JMESPath subset Smithy allows in context paths`);
    }
  };
  return compile(ast, root);
}
