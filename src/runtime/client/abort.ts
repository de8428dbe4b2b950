/**
 * Listening to an abort signal that may be a standard `AbortSignal` or the older smithy `AbortSignal` shape
 * (`aborted` + `onabort`, no `addEventListener`), which `HttpHandlerOptions` still admits.
 */

/** The signal shapes a caller may pass in `abortSignal`. @internal */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener?: (type: "abort", listener: () => void, options?: { once?: boolean }) => void;
  removeEventListener?: (type: "abort", listener: () => void) => void;
  onabort?: ((this: any, ev: any) => any) | null;
}

/** Calls `listener` once when `signal` aborts; returns a function that stops listening. @internal */
export function onAbort(signal: AbortSignalLike | undefined, listener: () => void): () => void {
  if (signal === undefined) return noop;
  if (typeof signal.addEventListener === "function") {
    signal.addEventListener("abort", listener, { once: true });
    return () => signal.removeEventListener?.("abort", listener);
  }
  const previous = signal.onabort;
  signal.onabort = function (this: unknown, ev: unknown) {
    listener();
    return typeof previous === "function" ? previous.call(this, ev) : undefined;
  };
  return () => {
    signal.onabort = previous ?? null;
  };
}

function noop(): void {}
