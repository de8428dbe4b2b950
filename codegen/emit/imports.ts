/**
 * The one way emitters declare imports: by symbol and module. Repeated requests merge into one declaration;
 * the driver sorts declarations and names afterwards, so emitters need not care about order.
 */
import type { SourceFile } from "ts-morph";

/**
 * The module specifier that stands for "the runtime, as this file imports it" where an emitter does not know
 * the file's runtime specifier (shared type helpers); the driver resolves it when it writes the imports.
 * @internal
 */
export const RUNTIME_MODULE = "#iotmi-runtime";

/** Imports requested per file: module → value names and type-only names. */
const registry = new WeakMap<SourceFile, Map<string, { values: Set<string>; types: Set<string> }>>();

/**
 * Makes `name` importable in `file` from `moduleSpecifier`. A type-only request goes into `import type`;
 * a value request into a plain import (which also serves types). Requests are recorded, not written: the
 * driver writes all imports of a file once, sorted (ts-morph edits re-parse the file, so batching matters).
 * @internal
 */
export function addImport(file: SourceFile, moduleSpecifier: string, name: string, options: { readonly type?: boolean } = {}): void {
  let modules = registry.get(file);
  if (!modules) {
    modules = new Map();
    registry.set(file, modules);
  }
  let names = modules.get(moduleSpecifier);
  if (!names) {
    names = { values: new Set(), types: new Set() };
    modules.set(moduleSpecifier, names);
  }
  (options.type === true ? names.types : names.values).add(name);
}

/**
 * The imports recorded for `file` by {@link addImport}, merged with import declarations already in the file
 * (emitters may also add those directly), which are removed so the driver can write one sorted set.
 * @internal
 */
export function takeImports(file: SourceFile, runtime: string): { moduleSpecifier: string; isTypeOnly: boolean; namedImports: string[] }[] {
  const modules = registry.get(file) ?? new Map<string, { values: Set<string>; types: Set<string> }>();
  registry.delete(file);
  const placeholder = modules.get(RUNTIME_MODULE);
  if (placeholder !== undefined) {
    modules.delete(RUNTIME_MODULE);
    const names = modules.get(runtime) ?? { values: new Set<string>(), types: new Set<string>() };
    for (const v of placeholder.values) names.values.add(v);
    for (const t of placeholder.types) names.types.add(t);
    modules.set(runtime, names);
  }
  const others: string[] = [];
  for (const declaration of file.getImportDeclarations()) {
    const named = declaration.getNamedImports();
    if (declaration.getDefaultImport() || declaration.getNamespaceImport() || named.some((n) => n.getAliasNode())) {
      // Keep unusual forms as written, after ours.
      others.push(declaration.getText());
      declaration.remove();
      continue;
    }
    const specifier = declaration.getModuleSpecifierValue();
    let names = modules.get(specifier);
    if (!names) {
      names = { values: new Set(), types: new Set() };
      modules.set(specifier, names);
    }
    for (const n of named) (declaration.isTypeOnly() || n.isTypeOnly() ? names.types : names.values).add(n.getName());
    declaration.remove();
  }
  const out: { moduleSpecifier: string; isTypeOnly: boolean; namedImports: string[] }[] = [];
  const rank = (s: string): number => (s.startsWith(".") ? 1 : 0);
  const specifiers = [...modules.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const moduleSpecifier of specifiers) {
    const names = modules.get(moduleSpecifier);
    if (!names) continue;
    const values = [...names.values].sort();
    const types = [...names.types].filter((t) => !names.values.has(t)).sort();
    if (values.length > 0) out.push({ moduleSpecifier, isTypeOnly: false, namedImports: values });
    if (types.length > 0) out.push({ moduleSpecifier, isTypeOnly: true, namedImports: types });
  }
  if (others.length > 0) file.insertStatements(0, others);
  return out;
}

/**
 * The specifier for importing output file `to` from output file `from` (both relative to the output folder).
 * @internal
 */
export function relativeModule(from: string, to: string): string {
  const fromParts = from.split("/").slice(0, -1);
  const toParts = to.replace(/\.ts$/, ".js").split("/");
  let common = 0;
  while (common < fromParts.length && common < toParts.length - 1 && fromParts[common] === toParts[common]) common++;
  const up = fromParts.length - common;
  const rest = toParts.slice(common).join("/");
  return up === 0 ? `./${rest}` : `${"../".repeat(up)}${rest}`;
}
