/**
 * Holds the writes of answers made during one turn of the event loop and makes them together, back to back, once
 * the turn's I/O callbacks have run (node:timers' own `setImmediate`, so a test that fakes timers still gets its
 * answers).
 *
 * Why: on loopback, the write that hands an answer to a client waiting in `epoll_wait` also wakes that client,
 * and on a virtual machine that wake-up (an inter-processor interrupt) costs the writing process 15–20 µs of CPU
 * time. Answers written one by one as each request finishes pay it nearly every time; written back to back, the
 * first wakes the client and the rest find it running. See src/emulator/README.md "Answers leave at the end of a
 * turn".
 * @internal
 */
import { setImmediate } from "node:timers";

interface Pending {
  readonly write: () => void;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export class TurnWrites {
  #pending: Pending[] = [];

  /** Queues `write` for the end of this turn; settles when it has run (rejects with what it threw). */
  queue(write: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.#pending.push({ write, resolve, reject }) === 1) setImmediate(this.#flush);
    });
  }

  readonly #flush = (): void => {
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
  };
}
