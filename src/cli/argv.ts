/**
 * Splits a command line into the global options, the command words, and the operation's options, with the
 * AWS CLI's rules: options may come before or after the command, `--name value` or `--name=value`, list
 * members take every value up to the next option, boolean members are `--flag` / `--no-flag`.
 *
 * @packageDocumentation
 */
import { PAGING_OPTIONS } from "./paginate.js";
import type { MemberSchema, OperationSchemaEntry } from "../runtime/index.js";
import { UsageError } from "./errors.js";
import { optionName } from "./names.js";
import { closeMatches, pythonInt, pythonRepr } from "./python-repr.js";

/** Output formats of the AWS CLI v2. @public */
export const OUTPUT_FORMATS = ["json", "text", "table", "yaml", "yaml-stream"] as const;
/** @public */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The global options, as given (undefined = not given). @public */
export interface GlobalOptions {
  debug: boolean;
  endpointUrl?: string;
  verifySsl: boolean;
  paginate: boolean;
  output?: OutputFormat;
  query?: string;
  profile?: string;
  region?: string;
  version: boolean;
  color: "on" | "off" | "auto";
  signRequest: boolean;
  caBundle?: string;
  readTimeout?: number;
  connectTimeout?: number;
  binaryFormat?: "base64" | "raw-in-base64-out";
  noPager: boolean;
  autoPrompt?: boolean;
  help: boolean;
}

interface GlobalSpec {
  readonly takesValue: boolean;
  readonly choices?: readonly string[];
  readonly apply: (g: GlobalOptions, value: string) => void;
}

/** Timeouts are read with Python's `int()`, as the AWS CLI reads them. */
function seconds(value: string): number {
  return Math.max(0, pythonInt(value));
}

/** The global option table: name → how it is read. @internal */
export const GLOBAL_OPTIONS: ReadonlyMap<string, GlobalSpec> = new Map<string, GlobalSpec>([
  ["--debug", { takesValue: false, apply: (g) => (g.debug = true) }],
  ["--endpoint-url", { takesValue: true, apply: (g, v) => (g.endpointUrl = v) }],
  ["--no-verify-ssl", { takesValue: false, apply: (g) => (g.verifySsl = false) }],
  ["--no-paginate", { takesValue: false, apply: (g) => (g.paginate = false) }],
  ["--output", { takesValue: true, choices: OUTPUT_FORMATS, apply: (g, v) => (g.output = v as OutputFormat) }],
  ["--query", { takesValue: true, apply: (g, v) => (g.query = v) }],
  ["--profile", { takesValue: true, apply: (g, v) => (g.profile = v) }],
  ["--region", { takesValue: true, apply: (g, v) => (g.region = v) }],
  ["--version", { takesValue: false, apply: (g) => (g.version = true) }],
  ["--color", { takesValue: true, choices: ["on", "off", "auto"], apply: (g, v) => (g.color = v as GlobalOptions["color"]) }],
  ["--no-sign-request", { takesValue: false, apply: (g) => (g.signRequest = false) }],
  ["--ca-bundle", { takesValue: true, apply: (g, v) => (g.caBundle = v) }],
  ["--cli-read-timeout", { takesValue: true, apply: (g, v) => (g.readTimeout = seconds(v)) }],
  ["--cli-connect-timeout", { takesValue: true, apply: (g, v) => (g.connectTimeout = seconds(v)) }],
  [
    "--cli-binary-format",
    { takesValue: true, choices: ["base64", "raw-in-base64-out"], apply: (g, v) => (g.binaryFormat = v as GlobalOptions["binaryFormat"] & string) },
  ],
  ["--no-cli-pager", { takesValue: false, apply: (g) => (g.noPager = true) }],
  ["--cli-auto-prompt", { takesValue: false, apply: (g) => (g.autoPrompt = true) }],
  ["--no-cli-auto-prompt", { takesValue: false, apply: (g) => (g.autoPrompt = false) }],
  ["--help", { takesValue: false, apply: (g) => (g.help = true) }],
]);

/** Options every operation command has besides its members. @internal */
export const OPERATION_EXTRAS = ["--cli-input-json", "--cli-input-yaml", "--generate-cli-skeleton"] as const;

/** One operation option of the option table. @public */
export interface OperationOption {
  readonly option: string;
  readonly member: MemberSchema;
  /** `--no-x` of a boolean member. */
  readonly negated?: boolean;
}

/**
 * Builds the operation's option table from its input schema: one option per member, two for booleans.
 * @public
 */
export function operationOptions(entry: OperationSchemaEntry): Map<string, OperationOption> {
  const table = new Map<string, OperationOption>();
  for (const member of entry.input.members) {
    const option = optionName(member.name);
    table.set(option, { option, member });
    if (member.schema.kind === "boolean") {
      const negated = `--no-${option.slice(2)}`;
      table.set(negated, { option: negated, member, negated: true });
    }
  }
  return table;
}

/** The command line, split. @public */
export interface ParsedCommandLine {
  readonly globals: GlobalOptions;
  /** Positional words in order (command, sub-command, `help`). */
  readonly words: string[];
  /** Everything after the first word when the first word is `serve` or `generate` (passed through untouched). */
  readonly passthrough: string[];
  /** Operation option values by option name: a string, a list of strings, or a boolean for flags. */
  readonly values: Map<string, string | string[] | boolean>;
  /** `--generate-cli-skeleton` and its argument. */
  skeleton?: string;
  cliInputJson?: string;
  cliInputYaml?: string;
  /** Options nobody knows, and stray words, for `Unknown options: ...`. */
  readonly unknown: string[];
  /** `--starting-token`, `--page-size`, `--max-items` of a paginated operation, as given. */
  readonly paging: Map<string, string>;
}

/** @internal */
export function defaultGlobals(): GlobalOptions {
  return { debug: false, verifySsl: true, paginate: true, version: false, color: "auto", signRequest: true, noPager: false, help: false };
}

function looksLikeOption(token: string): boolean {
  return token.startsWith("-") && token.length > 1 && !/^-\d/.test(token);
}

/**
 * Splits argv. `resolveOperation` maps the command words seen so far to the operation they name, so the
 * operation's options can be recognised wherever they appear.
 * @public
 */
export function parseCommandLine(
  argv: readonly string[],
  resolveOperation: (words: readonly string[]) => OperationSchemaEntry | undefined,
  isPaginated: (entry: OperationSchemaEntry) => boolean = () => false,
): ParsedCommandLine {
  const parsed: ParsedCommandLine = {
    globals: defaultGlobals(),
    words: [],
    passthrough: [],
    values: new Map(),
    unknown: [],
    paging: new Map(),
  };
  let table: Map<string, OperationOption> | undefined;
  let paginated = false;
  let i = 0;
  const takeValue = (option: string, inline: string | undefined): string => {
    if (inline !== undefined) return inline;
    const next = argv[i + 1];
    if (next === undefined || looksLikeOption(next)) throw new UsageError(`argument ${option}: expected one argument`);
    i++;
    return next;
  };
  for (; i < argv.length; i++) {
    const token = argv[i]!;
    if (!token.startsWith("--") || token === "--") {
      if (parsed.words.length === 0 && (token === "serve" || token === "generate")) {
        parsed.words.push(token);
        parsed.passthrough.push(...argv.slice(i + 1));
        return parsed;
      }
      if (table === undefined || token === "help") {
        parsed.words.push(token);
        const entry = resolveOperation(parsed.words);
        if (entry !== undefined) {
          table = operationOptions(entry);
          paginated = isPaginated(entry);
        }
      } else {
        parsed.unknown.push(token);
      }
      continue;
    }
    const eq = token.indexOf("=");
    const name = eq > 0 ? token.slice(0, eq) : token;
    const inline = eq > 0 ? token.slice(eq + 1) : undefined;
    const global = GLOBAL_OPTIONS.get(name);
    if (global !== undefined) {
      if (!global.takesValue) {
        // `--debug` is read by the AWS CLI's first pass, which has its own usage line.
        if (inline !== undefined) throw new UsageError(`argument ${name}: ignored explicit argument '${inline}'`, name === "--debug" ? "first-pass" : true);
        global.apply(parsed.globals, "");
        continue;
      }
      const value = takeValue(name, inline);
      if (global.choices !== undefined && !global.choices.includes(value)) throw new UsageError(invalidChoice(name, value, global.choices));
      global.apply(parsed.globals, value);
      continue;
    }
    if (table !== undefined && name === "--generate-cli-skeleton") {
      const next = argv[i + 1];
      if (inline !== undefined) parsed.skeleton = inline;
      else if (next !== undefined && !looksLikeOption(next)) {
        parsed.skeleton = next;
        i++;
      } else parsed.skeleton = "input";
      if (!["input", "output", "yaml-input"].includes(parsed.skeleton)) {
        throw new UsageError(invalidChoice("--generate-cli-skeleton", parsed.skeleton, ["input", "output", "yaml-input"]));
      }
      continue;
    }
    if (table !== undefined && name === "--cli-input-json") {
      parsed.cliInputJson = takeValue(name, inline);
      continue;
    }
    if (table !== undefined && name === "--cli-input-yaml") {
      parsed.cliInputYaml = takeValue(name, inline);
      continue;
    }
    if (paginated && (PAGING_OPTIONS as readonly string[]).includes(name)) {
      parsed.paging.set(name, takeValue(name, inline));
      continue;
    }
    const option = table?.get(name);
    if (option === undefined) {
      parsed.unknown.push(token);
      continue;
    }
    if (option.member.schema.kind === "boolean") {
      if (inline !== undefined) throw new UsageError(`argument ${name}: ignored explicit argument '${inline}'`);
      parsed.values.set(optionName(option.member.name), !option.negated);
      continue;
    }
    if (option.member.schema.kind === "list") {
      const items: string[] = [];
      if (inline !== undefined) items.push(inline);
      else {
        // Zero values is an empty list (argparse's nargs='*').
        while (i + 1 < argv.length && !looksLikeOption(argv[i + 1]!)) items.push(argv[++i]!);
      }
      parsed.values.set(name, items);
      continue;
    }
    parsed.values.set(name, takeValue(name, inline));
  }
  return parsed;
}

/**
 * The AWS CLI's message for a value outside `choices`: the choices in two padded columns, then the close
 * matches (Python's `difflib.get_close_matches` with a 0.8 cutoff) when there are any.
 * @internal
 */
export function invalidChoice(argument: string, value: string, choices: readonly string[]): string {
  const lines: string[] = [];
  for (let k = 0; k < choices.length; k += 2) {
    lines.push(choices.slice(k, k + 2).map((c) => c.padEnd(40)).join(" | "));
  }
  let message = `argument ${argument}: Invalid choice, valid choices are:\n\n${lines.join("\n")}`;
  const close = closeMatches(value, choices);
  if (close.length > 0) message += `\n\n\nInvalid choice: ${pythonRepr(value)}, maybe you meant:\n\n${close.map((c) => `  * ${c}`).join("\n")}`;
  return message;
}
