/**
 * `--cli-auto-prompt`: asks for the operation's parameters on the terminal, one question per member not
 * given, listing the choices of enum members (pick by number or by value). Structures, lists and maps accept
 * shorthand or JSON, as on the command line. `on-partial` asks only for missing required members.
 *
 * @packageDocumentation
 */
import { createInterface } from "node:readline/promises";
import type { MemberSchema, OperationSchemaEntry } from "../runtime/index.js";
import { optionName } from "./names.js";
import { readOptionValue, type InputValue } from "./param-values.js";

/** Streams the prompt talks through. @public */
export interface PromptIo {
  readonly stdin: NodeJS.ReadableStream;
  /** Questions go to stderr so that stdout carries only the response. */
  readonly stderr: NodeJS.WritableStream;
}

function describe(member: MemberSchema): string {
  const required = member.required ? " (required)" : " (optional, Enter to skip)";
  return `${optionName(member.name)}${required}`;
}

/**
 * Asks for members not yet in `given` and returns the completed input.
 * @public
 */
export async function promptForInput(
  entry: OperationSchemaEntry,
  given: Record<string, InputValue>,
  io: PromptIo,
  mode: "on" | "on-partial",
): Promise<Record<string, InputValue>> {
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  // End of input stops the questions; whatever is still missing is reported as usual afterwards.
  let ended = false;
  const ask = async (question: string): Promise<string | undefined> => {
    io.stderr.write(question);
    const next = await lines.next();
    if (next.done === true) {
      ended = true;
      io.stderr.write("\n");
      return undefined;
    }
    return next.value.trim();
  };
  const out = { ...given };
  try {
    for (const member of entry.input.members) {
      if (ended) break;
      if (Object.hasOwn(out, member.name)) continue;
      if (mode === "on-partial" && !member.required) continue;
      if (member.idempotencyToken === true) continue;
      const choices = member.schema.kind === "string" ? member.schema.enum : undefined;
      for (;;) {
        let question = `${describe(member)}`;
        if (member.documentation !== undefined) question += `\n  ${member.documentation.split("\n")[0]}`;
        if (choices !== undefined) question += `\n${choices.map((c, i) => `  ${i + 1}) ${c}`).join("\n")}`;
        const answer = await ask(`${question}\n> `);
        if (answer === undefined) break;
        if (answer === "") {
          if (member.required) continue;
          break;
        }
        if (choices !== undefined) {
          const index = Number(answer);
          const value = Number.isInteger(index) && index >= 1 && index <= choices.length ? choices[index - 1]! : answer;
          if (!choices.includes(value)) {
            io.stderr.write(`  not one of: ${choices.join(", ")}\n`);
            continue;
          }
          out[member.name] = value;
          break;
        }
        const raw = member.schema.kind === "list" && member.schema.member.kind !== "structure" ? answer.split(/\s+/) : answer;
        try {
          out[member.name] = member.schema.kind === "boolean" ? /^(true|yes|y)$/i.test(answer) : readOptionValue(member, raw, optionName(member.name));
          break;
        } catch (error) {
          io.stderr.write(`  ${(error as Error).message}\n`);
        }
      }
    }
  } finally {
    rl.close();
  }
  return out;
}
