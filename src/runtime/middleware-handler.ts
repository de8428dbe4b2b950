/**
 * The call pipeline as middleware in the AWS SDK's steps, for clients or commands that carry user middleware
 * (serializer at `serialize`/low, retry+signing at `finalizeRequest`/high, deserializer at `deserialize`/low).
 * Loaded by `handler.ts` on the first call that needs it, so clients without middleware never load it.
 */
import type { Handler, HandlerExecutionContext, HttpHandlerOptions, HttpRequest as IHttpRequest, HttpResponse as IHttpResponse, MetadataBearer, MiddlewareStack } from "@smithy/types";
import { collectBody } from "./body.js";
import type { ResolvedClientConfig } from "./config.js";
import type { OperationSpec } from "./contract.js";
import { deserializeBody, hasBodyTraits, retryLoop, sendRequest, serializeCall, startCall, type AttemptResult, type CallState } from "./handler.js";

/**
 * Our steps as middleware around the user's.
 * @internal
 */
export function withUserMiddleware<I extends object, O extends object>(
  spec: OperationSpec<I, O>,
  commandStack: MiddlewareStack<I, O & MetadataBearer>,
  clientStack: MiddlewareStack<any, any>,
  config: ResolvedClientConfig,
  options: HttpHandlerOptions | undefined,
): Handler<I, O & MetadataBearer> {
  const stack = clientStack.concat(commandStack) as MiddlewareStack<any, any>;
  stack.add(
    (next) => async (args) => {
      const input = args.input as I;
      const call = await startCall(spec, config, options, input);
      const request = serializeCall(call, input);
      if (hasBodyTraits(spec)) await (await import("./request-body.js")).applyBodyTraits(spec, request, config);
      const withCall = { ...args, request, [CALL]: call };
      return next(withCall);
    },
    { step: "serialize", name: "runtimeSerializer", priority: "low", override: true },
  );
  stack.add(
    (next) => async (args) => retryLoop(callOf(args), args.request as IHttpRequest, sendThroughStack, { next, args }),
    { step: "finalizeRequest", name: "runtimeRetryAndSign", priority: "high", override: true },
  );
  stack.add(
    (next) => async (args) => {
      const { response } = await next(args);
      const raw = response as IHttpResponse;
      return deserializeBody(callOf(args), raw, await collectBody(raw.body));
    },
    { step: "deserialize", name: "runtimeDeserializer", priority: "low", override: true },
  );
  const context: HandlerExecutionContext = {
    logger: config.logger,
    clientName: config.service.sdkId,
    commandName: `${spec.name}Command`,
    inputFilterSensitiveLog: (input: I) => spec.redactInput(input),
    outputFilterSensitiveLog: (output: O) => spec.redactOutput(output),
  };
  const handler = stack.resolve(async (args) => ({ response: await sendRequest(callOf(args), args.request as IHttpRequest) }), context);
  return handler as Handler<I, O & MetadataBearer>;
}

/** One attempt: the signed request goes through the rest of the user's stack. */
function sendThroughStack(_call: CallState, signed: IHttpRequest, { next, args }: { next: (args: any) => Promise<unknown>; args: object }): Promise<AttemptResult> {
  return next({ ...args, request: signed }) as Promise<AttemptResult>;
}

/**
 * Per-call state rides on the handler arguments (middleware pass them on), not on the context, which
 * `cacheMiddleware` shares between concurrent calls.
 */
function callOf(args: object): CallState {
  const call = (args as { [CALL]?: CallState })[CALL];
  if (call === undefined) throw new Error("runtime middleware ran without its call state (a middleware dropped the handler arguments)");
  return call;
}

/** Key of the per-call state on handler arguments. */
const CALL = Symbol("runtimeCall");
