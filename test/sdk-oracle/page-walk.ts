/**
 * Walking a paginator against scripted replies: the replies carry a chosen token at the operation's (possibly
 * nested, possibly header-bound) output-token path, so two paginators can be compared request by request.
 */
import type { MemberIR, OperationIR, ShapeIR } from "../../codegen/ir/types.js";
import { valueAt } from "../../src/runtime/client/paginate.js";
import { sampleInput } from "./sample-input.js";
import { comparable, type Recorder, type Reply } from "./wire.js";

/** A paginate function with its client already bound. @internal */
export type Paginate = (config: object, input: object) => AsyncIterable<unknown>;

/** The output's wire form with `token` at the operation's (possibly nested) output-token path. @internal */
export function replyWith(op: OperationIR, token: string | undefined): Reply {
  if (token === undefined) return { body: "{}" };
  const [first, ...rest] = op.pagination!.outputToken.split(".");
  const top = op.output.members.find((m) => m.name === first)!;
  if (top.binding?.location === "header") return { headers: { [top.binding.name]: token }, body: "{}" };
  const nested = nest(top.target, rest, token);
  return { body: JSON.stringify(top.binding?.location === "payload" ? nested : { [top.jsonName]: nested }) };
}

function nest(shape: ShapeIR, path: readonly string[], token: string): unknown {
  if (path.length === 0) return token;
  const member = (shape as { members: readonly MemberIR[] }).members.find((m) => m.name === path[0])!;
  return { [member.jsonName]: nest(member.target, path.slice(1), token) };
}

/** Every member set, but the token and page size left to the paginator. */
function pageInput(op: OperationIR): Record<string, unknown> {
  const input = sampleInput(op.input);
  delete input[op.pagination!.inputToken];
  if (op.pagination!.pageSize !== undefined) delete input[op.pagination!.pageSize];
  return input;
}

/** Walks one paginator with the replies queued; returns the requests it sent and the tokens of its pages. @internal */
export async function walkPages(recorder: Recorder, paginate: Paginate, op: OperationIR, config: object, tokens: readonly (string | undefined)[]) {
  recorder.replies.splice(0, recorder.replies.length, ...tokens.map((t) => replyWith(op, t)));
  const before = recorder.requests.length;
  const pages: unknown[] = [];
  let error: string | undefined;
  try {
    for await (const page of paginate(config, pageInput(op))) {
      pages.push(valueAt(page, op.pagination!.outputToken));
      if (pages.length > tokens.length) break;
    }
  } catch (e) {
    error = String(e);
  }
  recorder.replies.length = 0;
  return { error, pages, requests: recorder.requests.slice(before).map(comparable) };
}

