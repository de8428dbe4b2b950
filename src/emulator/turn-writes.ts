/**
 * Holds the writes of answers made during one turn of the event loop and makes them together, back to back, once
 * the turn's I/O callbacks have run (node:timers' own `setImmediate` and node:process' `nextTick`, so a test that
 * fakes timers still gets its answers).
 *
 * Why: on loopback, the write that hands an answer to a client waiting in `epoll_wait` also wakes that client,
 * and on a virtual machine that wake-up (an inter-processor interrupt) costs the writing process 15–20 µs of CPU
 * time. Answers written one by one as each request finishes pay it nearly every time; written back to back, the
 * first wakes the client and the rest find it running. Answers released together by one event (a log write that
 * made a batch of commits durable) leave as soon as that event's continuations have run. See src/emulator/README.md
 * "Answers leave at the end of a turn".
 * @internal
 */
import { nextTick } from "node:process";
import { setImmediate } from "node:timers";

interface Pending {
  readonly write: () => void;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export class TurnWrites {
  #pending: Pending[] = [];
  #turnFlushScheduled = false;
  #callbackFlushScheduled = false;

  /**
   * Queues `write`; settles when it has run (rejects with what it threw). By default it runs at the end of this
   * turn; with `afterCallback`, as soon as the current callback's promise continuations have run
   * (`process.nextTick` queued from them runs after the microtask queue drains) — for answers released together
   * by one event, such as the log write that made a batch of records durable, which need not wait a turn more.
   */
  queue(write: () => void, afterCallback = false): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ write, resolve, reject });
      if (afterCallback) {
        if (!this.#callbackFlushScheduled) {
          this.#callbackFlushScheduled = true;
          nextTick(this.#flushAfterCallback);
        }
      } else if (!this.#turnFlushScheduled) {
        this.#turnFlushScheduled = true;
        setImmediate(this.#flushAtTurnEnd);
      }
    });
  }

  readonly #flushAtTurnEnd = (): void => {
    this.#turnFlushScheduled = false;
    this.#flush();
  };

  readonly #flushAfterCallback = (): void => {
    this.#callbackFlushScheduled = false;
    this.#flush();
  };

  #flush(): void {
    const pending = this.#pending;
    this.#pending = [];
    for (const { write, resolve, reject } of pending) {
      try {
        write();
        resolve();
      } catch (error) {
        reject(error);
      }
    }
  }
}
