/**
 * The one error the loader throws: every problem found in a model, each tied to the shape it concerns.
 *
 * The loader never stops at the first problem, so a model author sees the whole list at once.
 */

/**
 * One problem in a model.
 * @public
 */
export interface ModelProblem {
  /** Absolute shape id (`ns#Shape` or `ns#Shape$member`), or `(model)` for file-level problems. */
  readonly shapeId: string;
  readonly message: string;
}

/**
 * Thrown by `loadModel` and `buildServiceIR` when a model cannot be used; `problems` lists every one.
 * @public
 */
export class ModelError extends Error {
  override readonly name = "ModelError";
  readonly problems: readonly ModelProblem[];

  constructor(problems: readonly ModelProblem[], source?: string) {
    const head = `${source ? `${source}: ` : ""}${problems.length} model problem${problems.length === 1 ? "" : "s"}`;
    super([head, ...problems.map((p) => `  ${p.shapeId}: ${p.message}`)].join("\n"));
    this.problems = problems;
  }
}

/**
 * A model the generator refuses as a whole because it uses a protocol or feature iotmi does not generate
 * (another protocol, event streams): one line that names it first, instead of every consequence.
 * @public
 */
export class UnsupportedModelError extends ModelError {
  constructor(line: string, problems: readonly ModelProblem[], source?: string) {
    super(problems, source);
    this.message = `${source ? `${source}: ` : ""}${line}`;
  }
}

/** Collects problems during one load; `throwIfAny` ends the load when there were some. @internal */
export class ProblemList {
  private readonly items: ModelProblem[] = [];

  add(shapeId: string, message: string): void {
    this.items.push({ shapeId, message });
  }

  get size(): number {
    return this.items.length;
  }

  throwIfAny(source?: string): void {
    if (this.items.length > 0) throw new ModelError(this.items, source);
  }
}
