/**
 * The client-level steps under the AWS SDK v3's middleware names, as every SDK client carries them on
 * `client.middlewareStack` from the start (so `identify()` lists them and `addRelativeTo` finds them):
 * `loggerMiddleware`, `contentLengthMiddleware`, `retryMiddleware`, `httpSigningMiddleware` (alias
 * `awsAuthMiddleware`). They run only when a stack is resolved, i.e. once the user has middleware of their own;
 * until then calls take the plain path of `handler.ts`, and the stack records whether the user changed it.
 */
import type { AbsoluteLocation, HandlerExecutionContext, HandlerOptions, HttpRequest as IHttpRequest, MiddlewareStack, RelativeMiddlewareOptions } from "@smithy/types";
import type { ResolvedClientConfig } from "./config.js";
import { byteLength, retryLoop, signAttempt, type AttemptResult, type CallState } from "./handler.js";

/** One named step: absolute (`add`) or relative to another (`addRelativeTo`). @internal */
export type NamedMiddleware =
  | { readonly middleware: AnyMiddleware; readonly options: HandlerOptions & AbsoluteLocation & { name: string; override: true } }
  | { readonly middleware: AnyMiddleware; readonly options: RelativeMiddlewareOptions & { name: string; override: true } };

/** A middleware of any step (each step's handler arguments differ; ours read what their step carries). @internal */
export type AnyMiddleware = (next: (args: any) => Promise<any>, context: HandlerExecutionContext) => (args: any) => Promise<any>;

/** Key of the per-call state on handler arguments (middleware pass the arguments on; the context may be shared). */
const CALL = Symbol("runtimeCall");

/** @internal */
export function withCall<A extends object>(args: A, call: CallState): A {
  return { ...args, [CALL]: call };
}

/** @internal */
export function callOf(args: object): CallState {
  const call = (args as { [CALL]?: CallState })[CALL];
  if (call === undefined) throw new Error("runtime middleware ran without its call state (a middleware dropped the handler arguments, or endpointV2Middleware was removed)");
  return call;
}

/** The client-level steps of the SDK, bound to one client's configuration. @internal */
export function clientMiddleware(_config: ResolvedClientConfig): NamedMiddleware[] {
  return [
    {
      // Where the SDK logs each call; the runtime logs per attempt in the retry loop (also without a stack).
      middleware: (next) => (args) => next(args),
      options: { step: "initialize", name: "loggerMiddleware", tags: ["LOGGER"], override: true },
    },
    {
      middleware: (next) => (args) => {
        const request = args.request as IHttpRequest;
        const body = request.body as unknown;
        if (body !== undefined && body !== null && request.headers["content-length"] === undefined && request.headers["Content-Length"] === undefined) {
          const length = byteLength(body);
          if (length !== undefined) request.headers["content-length"] = String(length);
        }
        return next(args);
      },
      options: { step: "build", name: "contentLengthMiddleware", tags: ["SET_CONTENT_LENGTH", "CONTENT_LENGTH"], override: true },
    },
    {
      middleware: (next) => (args) => {
        const call = callOf(args);
        call.signInLoop = false;
        return retryLoop(call, args.request as IHttpRequest, sendThroughStack, { next, args });
      },
      options: { step: "finalizeRequest", priority: "high", name: "retryMiddleware", tags: ["RETRY"], override: true },
    },
    {
      middleware: (next) => async (args) => {
        const request = await signAttempt(callOf(args), args.request as IHttpRequest);
        return next({ ...args, request });
      },
      options: {
        name: "httpSigningMiddleware",
        aliases: ["apiKeyMiddleware", "tokenMiddleware", "awsAuthMiddleware"],
        relation: "after",
        toMiddleware: "retryMiddleware",
        tags: ["HTTP_SIGNING"],
        override: true,
      } as RelativeMiddlewareOptions & { name: string; override: true },
    },
  ];
}

/** One attempt: the request goes through the rest of the user's stack (signing, then theirs, then the handler). */
function sendThroughStack(_call: CallState, request: IHttpRequest, { next, args }: { next: (args: any) => Promise<any>; args: object }): Promise<AttemptResult> {
  return next({ ...args, request }) as Promise<AttemptResult>;
}

/** Adds named steps to a stack. @internal */
export function addNamed(stack: MiddlewareStack<any, any>, entries: readonly NamedMiddleware[]): void {
  for (const { middleware, options } of entries) {
    if ("relation" in options) stack.addRelativeTo(middleware as never, options);
    else stack.add(middleware as never, options as never);
  }
}

/** Set on a client stack made by `installClientMiddleware`: whether the user has changed it since. */
const USER_CHANGED = Symbol("userChanged");

/** The methods by which a user changes a stack. */
const CHANGES = ["add", "addRelativeTo", "remove", "removeByTag", "use", "identifyOnResolve"] as const;

/**
 * Puts the SDK's client-level steps on a new client's stack and notes any later change by the user.
 * Generated clients call this in their constructor.
 * @public
 */
export function installClientMiddleware(stack: MiddlewareStack<any, any>, config: ResolvedClientConfig): void {
  addNamed(stack, clientMiddleware(config));
  const marked = stack as MiddlewareStack<any, any> & { [USER_CHANGED]?: boolean };
  marked[USER_CHANGED] = false;
  for (const name of CHANGES) {
    const original = stack[name] as (...args: unknown[]) => unknown;
    (stack as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      // identifyOnResolve() without an argument only reads the flag.
      if (name !== "identifyOnResolve" || args.length > 0) marked[USER_CHANGED] = true;
      return original.apply(stack, args);
    };
  }
}

/**
 * Whether a call must resolve the stacks: a client stack from `installClientMiddleware` the user has changed,
 * any other non-empty stack. @internal
 */
export function hasUserMiddleware(stack: MiddlewareStack<any, any>): boolean {
  const changed = (stack as { [USER_CHANGED]?: boolean })[USER_CHANGED];
  if (changed !== undefined) return changed;
  return stack.identify().length > 0 || stack.identifyOnResolve();
}

/** Whether the stack carries the client-level steps from `installClientMiddleware`. @internal */
export function hasClientMiddleware(stack: MiddlewareStack<any, any>): boolean {
  return (stack as { [USER_CHANGED]?: boolean })[USER_CHANGED] !== undefined;
}
