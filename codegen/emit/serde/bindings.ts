/**
 * Groups the members of an operation's input, output or error by where they travel in the HTTP message.
 */
import type { MemberIR, StructureShape } from "../../ir/types.js";

/** Members of one structure, by HTTP location, each list in model order. @internal */
export interface BoundMembers {
  readonly labels: readonly MemberIR[];
  readonly query: readonly MemberIR[];
  readonly queryParams?: MemberIR;
  readonly headers: readonly MemberIR[];
  readonly prefixHeaders: readonly MemberIR[];
  readonly payload?: MemberIR;
  readonly responseCode?: MemberIR;
  readonly hostLabels: readonly MemberIR[];
  readonly body: readonly MemberIR[];
}

/** @internal */
export function bindMembers(shape: StructureShape): BoundMembers {
  const result = {
    labels: [] as MemberIR[],
    query: [] as MemberIR[],
    queryParams: undefined as MemberIR | undefined,
    headers: [] as MemberIR[],
    prefixHeaders: [] as MemberIR[],
    payload: undefined as MemberIR | undefined,
    responseCode: undefined as MemberIR | undefined,
    hostLabels: [] as MemberIR[],
    body: [] as MemberIR[],
  };
  for (const member of shape.members) {
    const location = member.binding?.location ?? "body";
    switch (location) {
      case "label":
        result.labels.push(member);
        break;
      case "query":
        result.query.push(member);
        break;
      case "queryParams":
        result.queryParams = member;
        break;
      case "header":
        result.headers.push(member);
        break;
      case "prefixHeaders":
        result.prefixHeaders.push(member);
        break;
      case "payload":
        result.payload = member;
        break;
      case "responseCode":
        result.responseCode = member;
        break;
      case "hostLabel":
        // restJson1 also sends an otherwise unbound host label in the body.
        result.hostLabels.push(member);
        result.body.push(member);
        break;
      case "body":
        result.body.push(member);
        break;
    }
  }
  const { queryParams, payload, responseCode, ...rest } = result;
  return {
    ...rest,
    ...(queryParams === undefined ? {} : { queryParams }),
    ...(payload === undefined ? {} : { payload }),
    ...(responseCode === undefined ? {} : { responseCode }),
  };
}

/** The header name of a header-bound member. @internal */
export function headerName(member: MemberIR): string {
  return member.binding?.location === "header" ? member.binding.name : member.name;
}

/** The query key of a query-bound member. @internal */
export function queryName(member: MemberIR): string {
  return member.binding?.location === "query" ? member.binding.name : member.name;
}

/** The header prefix of a prefix-headers member. @internal */
export function headerPrefix(member: MemberIR): string {
  return member.binding?.location === "prefixHeaders" ? member.binding.prefix : "";
}

/** True when the shape, or anything it contains, is marked sensitive. @internal */
export function containsSensitive(shape: import("../../ir/types.js").ShapeIR, seen = new Set<string>()): boolean {
  if (shape.sensitive) return true;
  if (seen.has(shape.id)) return false;
  seen.add(shape.id);
  switch (shape.kind) {
    case "structure":
    case "union":
      return shape.members.some((m) => m.sensitive || containsSensitive(m.target, seen));
    case "list":
      return shape.member.sensitive || containsSensitive(shape.member.target, seen);
    case "map":
      return shape.key.sensitive || shape.value.sensitive || containsSensitive(shape.value.target, seen);
    default:
      return false;
  }
}
