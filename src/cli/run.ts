/**
 * The `iotmi` command: dispatches `help`, `--version`, `serve` and the operation commands, and runs one
 * operation from argv to printed output. Every failure ends here as one message on stderr and the AWS CLI's
 * exit code; stack traces only with `--debug`.
 *
 * @packageDocumentation
 */
import { release } from "node:os";
import type { OperationSchemaEntry, Violation } from "../runtime/index.js";
import { LIBRARY_VERSION } from "../runtime/client/version.js";
import { invalidChoice, parseCommandLine, type GlobalOptions, type ParsedCommandLine } from "./argv.js";
import type { ServiceBinding } from "./binding.js";
import { CliError, ExitCode, ParameterValidationError, UsageError } from "./errors.js";
import { firstPassUsage, operationHelp, topLevelHelp, usageBlock } from "./help.js";
import { missingRequiredOptions, readCliInput, readOperationOptions, toClientInput } from "./input.js";
import { invokeOperation, withOperationClient, type DebugSink } from "./invoke.js";
import { toCliName } from "./names.js";
import { compileQuery, render, toPrintable } from "./output.js";
import { fullResult, readPagingOptions, shouldPaginate, textPages, walkPages } from "./paginate.js";
import type { InputValue } from "./param-values.js";
import { redactValue } from "./redact.js";
import { checkInput } from "./schema-check.js";
import {
  profileReader,
  resolveAutoPrompt,
  resolveBinaryFormat,
  resolveCaBundle,
  resolveOutputFormat,
  resolvePager,
  resolveParameterValidation,
  checkRegion,
  type Env,
  type ProfileReader,
} from "./settings.js";
import { jsonInputSkeleton, sampleValue, yamlInputSkeleton } from "./skeleton.js";

/** The process streams and environment the CLI runs with (replaced in tests). @public */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly env: Env;
}

/** @public */
export interface RunOptions {
  /** Program name in messages; default `iotmi`. */
  readonly program?: string;
  /** Aborts an in-flight request (Ctrl-C). */
  readonly signal?: AbortSignal;
  /** Called before `serve` starts the emulator, which handles Ctrl-C itself. */
  readonly beforeServe?: () => void;
}

/** `iotmi/<version> Node.js/<version> <OS>/<release> <arch>`. @internal */
export function versionLine(program: string): string {
  const os = process.platform === "linux" ? "Linux" : process.platform === "darwin" ? "Darwin" : process.platform;
  return `${program}/${LIBRARY_VERSION} Node.js/${process.versions.node} ${os}/${release()} ${process.arch}`;
}

/**
 * Runs the CLI with `argv` (without the node and script paths) and returns the exit code.
 * @public
 */
export async function runCli(argv: readonly string[], io: CliIo, binding: ServiceBinding, options: RunOptions = {}): Promise<number> {
  const program = options.program ?? "iotmi";
  const byName = new Map(binding.operations.map((op) => [toCliName(op.name), op]));
  const operationWords = (words: readonly string[]): readonly string[] => (words[0] === binding.serviceCommand ? words.slice(1) : words);
  let parsed: ParsedCommandLine | undefined;
  try {
    parsed = parseCommandLine(
      argv,
      (words) => {
        const rest = operationWords(words);
        return rest.length === 1 ? byName.get(rest[0]!) : undefined;
      },
      (entry) => binding.paginated?.has(entry.name) === true,
    );
    const { globals } = parsed;
    if (globals.version) {
      io.stdout.write(`${versionLine(program)}\n`);
      return ExitCode.ok;
    }
    const words = parsed.words;
    if (words[0] === "serve") {
      options.beforeServe?.();
      return await runServe(parsed.passthrough, io);
    }
    if (words[0] === "generate") return await runGenerate(parsed.passthrough, io);
    if (words.length === 0 || words[0] === "help") {
      if (globals.help || words[0] === "help") {
        await writeOutput(io, globals, topLevelHelp(program, binding.serviceCommand, binding.operations));
        return ExitCode.ok;
      }
      throw new UsageError("the following arguments are required: operation");
    }
    const rest = operationWords(words);
    if (rest.length === 0 || rest[0] === "help") {
      if (globals.help || rest[0] === "help") {
        await writeOutput(io, globals, topLevelHelp(program, binding.serviceCommand, binding.operations));
        return ExitCode.ok;
      }
      throw new UsageError("the following arguments are required: operation");
    }
    const entry = byName.get(rest[0]!);
    if (entry === undefined) throw new UsageError(invalidChoice("operation", rest[0]!, [...[...byName.keys()].sort(), "help"]));
    if (rest[1] === "help" || globals.help) {
      await writeOutput(io, globals, operationHelp(entry, binding.paginated?.get(entry.name)));
      return ExitCode.ok;
    }
    const unknown = [...rest.slice(1), ...parsed.unknown];
    if (unknown.length > 0) throw new UsageError(`Unknown options: ${unknown.join(", ")}`);
    return await runOperation(entry, parsed, io, binding, program, options.signal);
  } catch (error) {
    return report(error, io, program, parsed?.globals.debug ?? argv.includes("--debug"));
  }
}

async function runServe(argv: readonly string[], io: CliIo): Promise<number> {
  // Imported here so that operation commands never load the emulator.
  const { runServe } = await import("./serve.js");
  return runServe(argv, { stdout: (text) => void io.stdout.write(text), stderr: (text) => void io.stderr.write(text) });
}

/**
 * `iotmi generate`: regenerates a client from a model into the user's project. The generator (and ts-morph, an
 * optional peer dependency) is loaded only here, through the package's own `iotmi/codegen` entry.
 */
async function runGenerate(argv: readonly string[], io: CliIo): Promise<number> {
  // The package's own entry (kept out of the CLI bundle: scripts/build-node.mjs marks it external).
  let codegen: typeof import("iotmi/codegen");
  try {
    codegen = await import("iotmi/codegen");
  } catch (error) {
    const missing = (error as { code?: string }).code === "ERR_MODULE_NOT_FOUND" && /ts-morph/.test(String((error as Error).message));
    io.stderr.write(
      missing
        ? "iotmi generate needs ts-morph, the generator's printer (an optional peer dependency): npm install --save-dev ts-morph@^28\n"
        : `iotmi generate: the generator could not be loaded: ${(error as Error).message}\n`,
    );
    return ExitCode.other;
  }
  return codegen.runDriver(
    argv,
    { cwd: process.cwd(), stdout: (line) => void io.stdout.write(`${line}\n`), stderr: (line) => void io.stderr.write(`${line}\n`) },
    { program: "iotmi generate", defaultRuntimeImport: "iotmi/runtime", requireModelAndOut: true },
  );
}

/** Rules only iotmi checks before sending (the AWS CLI checks none of them, or only a minimum). */
const STRICTER_RULES: ReadonlySet<Violation["rule"]> = new Set(["enum", "length", "pattern", "range", "uniqueItems"]);

/** iotmi's stricter checks, in the generated validator's words: maximums, patterns, enums, map sizes. */
async function stricterProblems(
  entry: OperationSchemaEntry,
  input: Record<string, InputValue>,
  globals: GlobalOptions,
  profile: ProfileReader,
  binding: ServiceBinding,
): Promise<string[]> {
  let clientInput: object;
  try {
    clientInput = toClientInput(input, entry.input, await resolveBinaryFormat(globals, profile)) as object;
  } catch {
    // Values too malformed to convert: the first check's lines already say what is wrong with them.
    return [];
  }
  const factory = await binding.loadClientFactory();
  return factory
    .validate(entry.name, clientInput)
    .filter((v) => STRICTER_RULES.has(v.rule))
    .map((v) => v.message);
}

async function runOperation(
  entry: OperationSchemaEntry,
  parsed: ParsedCommandLine,
  io: CliIo,
  binding: ServiceBinding,
  program: string,
  signal: AbortSignal | undefined,
): Promise<number> {
  const { globals } = parsed;
  const debug = globals.debug ? debugSink(io) : undefined;
  debug?.(`${versionLine(program)}; command ${toCliName(entry.name)}`);
  const profile = profileReader(globals.profile);

  if (parsed.skeleton === "input") {
    io.stdout.write(jsonInputSkeleton(entry.input));
    return ExitCode.ok;
  }
  if (parsed.skeleton === "yaml-input") {
    io.stdout.write(yamlInputSkeleton(entry.input));
    return ExitCode.ok;
  }
  if (globals.query !== undefined) compileQuery(globals.query);
  if (globals.endpointUrl !== undefined) checkEndpointUrl(globals.endpointUrl);

  const document = await readCliInput(parsed);
  // The options first, then the document's other members: the order the AWS CLI validates them in.
  const options = readOperationOptions(entry, parsed);
  let input: Record<string, InputValue> = { ...options };
  for (const [key, value] of Object.entries(document ?? {})) if (!Object.hasOwn(input, key)) input[key] = value;
  const prompt = await resolveAutoPrompt(globals, io.env, profile);
  if (prompt !== "off") {
    const { promptForInput } = await import("./prompt.js");
    input = await promptForInput(entry, input, io, prompt);
  }
  if (document === undefined) {
    const missing = missingRequiredOptions(entry, input);
    if (missing.length > 0) throw new UsageError(`the following arguments are required: ${missing.join(", ")}`);
  }
  // Read first: a profile that does not exist ends the command here, before anything else is checked.
  const validate = await resolveParameterValidation(profile);
  // botocore checks these while making the client, after the arguments are read and before the parameters are validated.
  await checkRegion(globals, io.env, profile);
  if (globals.endpointUrl !== undefined) checkEndpointScheme(globals.endpointUrl);
  // Without validation (as botocore), only what cannot be sent at all is refused: wrong types, unknown members.
  const problems = checkInput(input, entry.input).filter((p) => validate || p.rule === "type" || p.rule === "unknown");
  if (problems.length > 0) throw new ParameterValidationError(problems.map((p) => p.line));
  if (validate) {
    // iotmi's stricter checks speak only when the AWS CLI's pass, so what the AWS CLI refuses reads the same.
    const stricter = await stricterProblems(entry, input, globals, profile, binding);
    if (stricter.length > 0) throw new ParameterValidationError(stricter);
  }
  debug?.(`Input: ${JSON.stringify(redactValue(input, entry.input))}`);
  if (parsed.skeleton === "output") {
    await printResult(io, globals, entry, await resolveOutputFormat(globals, io.env, profile), sampleValue(entry.output, "output", ""));
    return ExitCode.ok;
  }
  const clientInput = toClientInput(input, entry.input, await resolveBinaryFormat(globals, profile)) as Record<string, unknown>;
  const factory = await binding.loadClientFactory();
  const invoke = { entry, input: clientInput, globals, caBundle: await resolveCaBundle(globals, io.env, profile), validateInput: validate, factory, debug, signal };
  const pagination = binding.paginated?.get(entry.name);
  const paging = readPagingOptions(parsed.paging);
  if (pagination !== undefined && shouldPaginate(globals.paginate, paging, clientInput, pagination)) {
    const result = await withOperationClient(invoke, (send) =>
      walkPages(async (pageInput) => toPrintable(await send(pageInput)) as Record<string, unknown>, clientInput, pagination, paging),
    );
    debug?.(`Pages: ${result.pages.length}`);
    const format = await resolveOutputFormat(globals, io.env, profile);
    if (format === "text") {
      const texts = await Promise.all(textPages(result).map((page) => render(page, { format, query: globals.query, title: entry.name, width: 80, color: false })));
      await writeOutput(io, globals, texts.join(""), profile);
    } else if (format === "yaml-stream") {
      const texts = await Promise.all(result.pages.map((page) => render(page, { format, query: globals.query, title: entry.name, width: 80, color: false })));
      await writeOutput(io, globals, texts.join(""), profile);
    } else {
      await printResult(io, globals, entry, format, fullResult(result), profile);
    }
    return ExitCode.ok;
  }
  const output = await invokeOperation(invoke);
  debug?.(`Output: ${JSON.stringify(redactValue(toPrintable(output), entry.output))}`);
  // Read only now, as the AWS CLI reads it: a bad format in the environment or profile fails after the call.
  const format = await resolveOutputFormat(globals, io.env, profile);
  await printResult(io, globals, entry, format, toPrintable(output), profile);
  return ExitCode.ok;
}

async function printResult(
  io: CliIo,
  globals: GlobalOptions,
  entry: OperationSchemaEntry,
  format: Awaited<ReturnType<typeof resolveOutputFormat>>,
  data: unknown,
  profile?: ProfileReader,
): Promise<void> {
  const tty = io.stdout.isTTY === true;
  const text = await render(data, {
    format,
    query: globals.query,
    title: entry.name,
    width: tty ? io.stdout.columns ?? 80 : 80,
    color: globals.color === "on" || (globals.color === "auto" && tty && format === "table"),
  });
  await writeOutput(io, globals, text, profile);
}

/** Writes to stdout, through the pager when stdout is a terminal and a pager is configured. */
async function writeOutput(io: CliIo, globals: GlobalOptions, text: string, profile?: ProfileReader): Promise<void> {
  if (text === "") return;
  if (io.stdout.isTTY === true) {
    const pager = await resolvePager(globals, io.env, profile ?? profileReader(globals.profile));
    if (pager !== undefined) {
      const { pipeToPager } = await import("./pager.js");
      if (await pipeToPager(pager, text, io.env)) return;
    }
  }
  io.stdout.write(text);
}

/** The scheme of a URL as Python's urlsplit reads it (lower case; "" when there is none). */
function urlScheme(url: string): string {
  const colon = url.indexOf(":");
  return colon > 0 && /^[a-zA-Z][a-zA-Z0-9+.-]*$/.test(url.slice(0, colon)) ? url.slice(0, colon).toLowerCase() : "";
}

/**
 * The host of a URL as Python's urlsplit reads it: the network location only after `//`, past any `user@`,
 * before any port; an IPv6 literal keeps its brackets. Undefined when there is none.
 */
function urlHost(url: string, scheme: string): string | undefined {
  const rest = url.slice(scheme.length + 1);
  if (!rest.startsWith("//")) return undefined;
  const netloc = rest.slice(2).split(/[/?#]/, 1)[0]!;
  const hostinfo = netloc.slice(netloc.lastIndexOf("@") + 1);
  const host = hostinfo.startsWith("[") ? hostinfo.slice(0, hostinfo.indexOf("]") + 1) : hostinfo.split(":", 1)[0]!;
  return host === "" ? undefined : host.toLowerCase();
}

const HOST_LABELS = /^((?!-)[a-z\d-]{1,63}(?<!-)\.)*((?!-)[a-z\d-]{1,63}(?<!-))$/i;

/**
 * botocore's check of an endpoint when it makes the client: a host of DNS labels or an IPv6 literal (current
 * botocore accepts those too), no tab or line break anywhere.
 */
function validEndpoint(url: string): boolean {
  if (/[\t\r\n]/.test(url)) return false;
  const host = urlHost(url, urlScheme(url));
  if (host === undefined || host.length > 255) return false;
  // An IPv6 literal (zone index aside) is valid when the WHATWG parser takes it as a host.
  if (host.startsWith("[")) return host.endsWith("]") && URL.canParse(`http://[${host.slice(1, -1).split("%", 1)[0]!}]/`);
  return HOST_LABELS.test(host.endsWith(".") ? host.slice(0, -1) : host);
}

/** The AWS CLI refuses an endpoint without a scheme before anything else. */
function checkEndpointUrl(url: string): void {
  if (urlScheme(url) === "") {
    throw new UsageError(
      `Bad value for --endpoint-url "${url}": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/`,
      false,
    );
  }
}

/**
 * When the client is made: botocore refuses an endpoint without a valid host (`localhost:9` reads as scheme
 * `localhost` and no host); a valid one with a scheme other than http(s) fails in the AWS CLI's HTTP client.
 */
function checkEndpointScheme(url: string): void {
  if (!validEndpoint(url)) throw new CliError(`Invalid endpoint: ${url}`, ExitCode.other);
  const scheme = urlScheme(url);
  if (scheme !== "http" && scheme !== "https") {
    throw new CliError(`An HTTP Client raised an unhandled exception: Not supported URL scheme ${scheme}`, ExitCode.other);
  }
}

function debugSink(io: CliIo): DebugSink {
  return (line) => {
    io.stderr.write(`${new Date().toISOString()} - iotmi - DEBUG - ${line}\n`);
  };
}

function report(error: unknown, io: CliIo, program: string, debug: boolean): number {
  if (error instanceof CliError) {
    if (error.exitCode === ExitCode.interrupted) {
      io.stderr.write("\n");
      return error.exitCode;
    }
    if (error.showUsage !== false) {
      // argparse's layout: usage, a blank line, the message, and a blank line after it.
      const prefix = error.message.startsWith("Unknown options") ? "" : `${program}: error: `;
      const usage = error.showUsage === "first-pass" ? firstPassUsage(program) : usageBlock(program);
      io.stderr.write(`\n${usage}\n${prefix}${error.message}\n\n`);
    } else {
      io.stderr.write(`\n${error.message}\n`);
    }
    if (debug && error.stack !== undefined) io.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`\n${message}\n`);
  if (debug && error instanceof Error && error.stack !== undefined) io.stderr.write(`${error.stack}\n`);
  return ExitCode.other;
}
