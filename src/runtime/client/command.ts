/**
 * The base class of generated commands: exactly what `Client.send` of `@smithy/smithy-client` uses (an `input`,
 * a `middlewareStack` of the SDK's kind, `resolveMiddleware`), with the same generic parameters as smithy's
 * `Command`, so a generated command only changes where it imports its base class from. Smithy's own `Command`
 * also carries the schema-based serde machinery (`NormalizedSchema`, `resolveMiddlewareWithContext`), which our
 * commands never use and which costs about 8 KB of every bundle.
 */
import { constructStack } from "@smithy/core/client";
import type { Command as CommandInterface, Handler, MetadataBearer, MiddlewareStack } from "@smithy/types";

/**
 * A command: build it with the operation's input and pass it to `client.send`. Middleware added to
 * `command.middlewareStack` applies to this command only.
 * @public
 */
export abstract class Command<
  Input extends ClientInput,
  Output extends ClientOutput,
  ResolvedClientConfiguration,
  ClientInput extends object = any,
  ClientOutput extends MetadataBearer = any,
> implements CommandInterface<ClientInput, Input, ClientOutput, Output, ResolvedClientConfiguration>
{
  abstract readonly input: Input;
  readonly middlewareStack: MiddlewareStack<Input, Output> = constructStack<Input, Output>();

  /** Called by `Client.send`: the handler that runs this command with the client's and the command's middleware. */
  abstract resolveMiddleware(
    clientStack: MiddlewareStack<ClientInput, ClientOutput>,
    configuration: ResolvedClientConfiguration,
    options: any,
  ): Handler<Input, Output>;
}
