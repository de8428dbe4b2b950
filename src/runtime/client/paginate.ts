/**
 * Paginators: the async iterators generated `paginate<Operation>` functions return, as in the AWS SDK v3
 * (`for await (const page of paginateListThings({ client, pageSize }, input))`). Each iteration sends one
 * request with the previous page's output token and yields the whole page.
 *
 * Deliberate differences from the SDK v3: the caller's input object is copied, never written to; and a page
 * that repeats the token it was asked with ends the walk unless `stopOnSameToken: false` is given (the SDK
 * stops there only when asked), because a service that answers the same token again would otherwise be
 * polled for ever.
 */
import type { Client } from "@smithy/smithy-client";
import type { HttpHandlerOptions, MetadataBearer } from "@smithy/types";

/**
 * How to walk the pages (the SDK v3's `PaginationConfiguration`).
 * @public
 */
export interface PaginationConfiguration<C> {
  /** The client that sends each page's request. */
  readonly client: C;
  /** Items per page: sent as the operation's page-size member unless the input sets it. */
  readonly pageSize?: number;
  /** The token to start from (a `NextToken` from an earlier walk); the input's own token otherwise. */
  readonly startingToken?: unknown;
  /** End the walk when a page repeats the token it was asked with (default true; see the module notes). */
  readonly stopOnSameToken?: boolean;
  /** Lets the caller adjust each page's command (middleware, for instance) before it is sent. */
  readonly withCommand?: (command: any) => any;
}

/**
 * What a paginator yields pages from.
 * @public
 */
export type Paginator<Output> = AsyncGenerator<Output, undefined, unknown>;

/** The members an operation paginates with. @internal */
export interface PaginationMembers {
  readonly inputToken: string;
  readonly outputToken: string;
  readonly pageSize?: string;
}

/**
 * A value at a dotted path of an output (`outputToken` and `items` may name a nested member).
 * @internal
 */
export function valueAt(value: unknown, path: string): unknown {
  let at = value;
  for (const part of path.split(".")) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/**
 * Builds the `paginate<Operation>` function of one operation. Generated code calls this once per paginated
 * operation with its client class, command class and members.
 * @internal
 */
export function createPaginator<C extends Client<HttpHandlerOptions, any, any, any>, Input extends object, Output extends MetadataBearer>(
  ClientClass: abstract new (...args: any[]) => C,
  CommandClass: new (input: Input) => object,
  members: PaginationMembers,
): (config: PaginationConfiguration<C>, input?: Input, options?: HttpHandlerOptions) => Paginator<Output> {
  return async function* paginate(config, input, options) {
    if (!(config.client instanceof ClientClass)) {
      throw new TypeError(`Invalid client, expected instance of ${ClientClass.name}`);
    }
    const base = { ...(input ?? {}) } as Record<string, unknown>;
    let token: unknown = config.startingToken ?? base[members.inputToken];
    for (;;) {
      const pageInput: Record<string, unknown> = { ...base };
      if (token === undefined) delete pageInput[members.inputToken];
      else pageInput[members.inputToken] = token;
      if (members.pageSize !== undefined && pageInput[members.pageSize] === undefined && config.pageSize !== undefined) {
        pageInput[members.pageSize] = config.pageSize;
      }
      let command = new CommandClass(pageInput as Input);
      if (config.withCommand !== undefined) command = config.withCommand(command) ?? command;
      const page = (await config.client.send(command as any, options ?? {})) as Output;
      yield page;
      const previous = token;
      token = valueAt(page, members.outputToken);
      if (token === undefined || token === null || token === "") return undefined;
      if (config.stopOnSameToken !== false && token === previous) return undefined;
    }
  };
}
