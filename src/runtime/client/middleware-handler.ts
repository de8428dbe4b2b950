/**
 * The call pipeline as the AWS SDK's middleware, for clients or commands that carry user middleware: the
 * command-level steps (`endpointV2Middleware`, `serializerMiddleware`, `deserializerMiddleware`) join the
 * client's (`sdk-middleware.ts`) and the user's, in the SDK's steps and order, so `addRelativeTo` any of them
 * works and user middleware sees what it would see in the SDK. Loaded by `handler.ts` on the first call that
 * needs it, so clients without middleware never load it.
 */
import type { Handler, HandlerExecutionContext, HttpHandlerOptions, HttpRequest as IHttpRequest, HttpResponse as IHttpResponse, MetadataBearer, MiddlewareStack } from "@smithy/types";
import { collectBody } from "./body.js";
import type { ResolvedClientConfig } from "./config.js";
import type { OperationSpec } from "../protocol/contract.js";
import { deserializeBody, hasBodyTraits, sendRequest, serializeCall, startCall } from "./handler.js";
import { addNamed, callOf, clientMiddleware, hasClientMiddleware, withCall, type NamedMiddleware } from "./sdk-middleware.js";

/**
 * The client's and the command's stacks with the runtime's steps, resolved into one handler.
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
  // A client stack not made by a generated client (hand-built clients) lacks the client-level steps.
  if (!hasClientMiddleware(clientStack)) addNamed(stack, clientMiddleware(config));
  addNamed(stack, commandMiddleware(spec, config, options));
  const context: HandlerExecutionContext = {
    logger: config.logger,
    clientName: `${config.service.sdkId.replace(/ /g, "")}Client`,
    commandName: `${spec.name}Command`,
    inputFilterSensitiveLog: (input: I) => spec.redactInput(input),
    outputFilterSensitiveLog: (output: O) => spec.redactOutput(output),
  };
  const handler = stack.resolve(async (args) => ({ response: await sendRequest(callOf(args), args.request as IHttpRequest) }), context);
  return handler as Handler<I, O & MetadataBearer>;
}

/** The command-level steps of the SDK, as its commands add them when resolved. */
function commandMiddleware(spec: OperationSpec<any, any>, config: ResolvedClientConfig, options: HttpHandlerOptions | undefined): NamedMiddleware[] {
  return [
    {
      // Validates the input and resolves the settings and the endpoint the call goes to.
      middleware: (next, context) => async (args) => {
        const call = await startCall(spec, config, options, args.input as object);
        context.endpointV2 = { url: new URL(call.endpoint.url), headers: Object.fromEntries(Object.entries(call.endpoint.headers).map(([k, v]) => [k, [v]])) };
        return next(withCall(args, call));
      },
      options: {
        name: "endpointV2Middleware",
        relation: "before",
        toMiddleware: "serializerMiddleware",
        tags: ["ENDPOINT_PARAMETERS", "ENDPOINT_V2", "ENDPOINT"],
        override: true,
      },
    },
    {
      middleware: (next) => async (args) => {
        const call = callOf(args);
        const request = serializeCall(call, args.input as object);
        if (hasBodyTraits(spec)) await (await import("./request-body.js")).applyBodyTraits(spec, request, config);
        return next({ ...args, request });
      },
      options: { step: "serialize", name: "serializerMiddleware", tags: ["SERIALIZER"], override: true },
    },
    {
      middleware: (next) => async (args) => {
        const { response } = await next(args);
        const raw = response as IHttpResponse;
        return deserializeBody(callOf(args), raw, await collectBody(raw.body));
      },
      options: { step: "deserialize", name: "deserializerMiddleware", tags: ["DESERIALIZER"], override: true },
    },
  ];
}
