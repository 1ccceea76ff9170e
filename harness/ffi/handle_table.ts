/**
 * The driver's table of objects it handed out. Handles are small integers, one number space for
 * all kinds, never reused, so a stale handle can never name a newer object. A dead handle stays
 * in the table (marked dead) so that using it gives a precise error instead of touching freed
 * memory.
 *
 * @example
 * ```ts
 * import { HandleTable } from "./handle_table.ts";
 * const t = new HandleTable();
 * const h = t.add("session", Deno.UnsafePointer.create(0x1000n)!);
 * t.kill(h);
 * console.log(t.isAlive(h));
 * ```
 * @module
 */

/** What a handle names. */
export type HandleKind = "ctx" | "ssl" | "session";

const KIND_NAME: Record<HandleKind, string> = {
  ctx: "SSL_CTX",
  ssl: "SSL",
  session: "SSL_SESSION",
};

/** One entry of the table. */
export interface HandleEntry<T = unknown> {
  /** The handle. */
  id: number;
  /** What it names. */
  kind: HandleKind;
  /** The C pointer (never null). */
  ptr: Deno.PointerObject;
  /** False once the object was freed (or the driver released it). */
  alive: boolean;
  /** Per-kind driver state (BIOs, sockets, callback records…). */
  data: T;
  /** The scope (one scenario of a shared driver) that made it; null outside any scope. */
  scope: number | null;
}

/**
 * Handles for SSL_CTX, SSL and SSL_SESSION objects. When one driver serves several scenarios,
 * each request names its scope (one per scenario): new handles belong to the scope of the request
 * that made them, and a request of one scope cannot use another scope's handles.
 */
export class HandleTable {
  #next = 1;
  #entries = new Map<number, HandleEntry>();

  /** The scope of the request being served (set by the dispatcher); null: none. */
  scope: number | null = null;

  /** Register a live object (in the current scope) and return its new handle. */
  add<T>(kind: HandleKind, ptr: Deno.PointerObject, data?: T): number {
    const id = this.#next++;
    this.#entries.set(id, {
      id,
      kind,
      ptr,
      alive: true,
      data: data as unknown,
      scope: this.scope,
    });
    return id;
  }

  /** The entry, alive or dead, or undefined. */
  peek(id: number): HandleEntry | undefined {
    return this.#entries.get(id);
  }

  /** True when the handle exists and is alive. */
  isAlive(id: number): boolean {
    return this.#entries.get(id)?.alive === true;
  }

  /**
   * The live entry of the given kind; otherwise a TypeError/RangeError naming the handle and
   * why it cannot be used (unknown, dead, other kind).
   */
  get<T = unknown>(id: unknown, kind: HandleKind, field = "handle"): HandleEntry<T> {
    if (typeof id !== "number" || !Number.isInteger(id)) {
      throw new TypeError(`Field "${field}" must be an integer handle, got ${JSON.stringify(id)}`);
    }
    const e = this.#entries.get(id);
    if (!e) throw new RangeError(`Handle ${id} (field "${field}") does not exist`);
    if (this.scope !== null && e.scope !== null && e.scope !== this.scope) {
      throw new RangeError(
        `Handle ${id} (field "${field}") belongs to another scope (scenario) of this driver`,
      );
    }
    if (e.kind !== kind) {
      throw new TypeError(
        `Handle ${id} (field "${field}") is an ${KIND_NAME[e.kind]}, not an ${KIND_NAME[kind]}`,
      );
    }
    if (!e.alive) {
      throw new RangeError(
        `Handle ${id} (field "${field}") is dead: its ${
          KIND_NAME[kind]
        } was freed; refusing to touch it`,
      );
    }
    return e as HandleEntry<T>;
  }

  /** Mark a handle dead. Returns false when it already was. */
  kill(id: number): boolean {
    const e = this.#entries.get(id);
    if (!e || !e.alive) return false;
    e.alive = false;
    return true;
  }

  /** Live entries of a kind (of the current scope, when there is one). */
  live(kind?: HandleKind): HandleEntry[] {
    return [...this.#entries.values()].filter((e) =>
      e.alive && (!kind || e.kind === kind) && this.#inScope(e)
    );
  }

  /** Ids of dead handles (of the current scope, when there is one). */
  dead(): number[] {
    return [...this.#entries.values()].filter((e) => !e.alive && this.#inScope(e)).map((e) => e.id);
  }

  /**
   * Forget the dead entries of a scope that ended (its live ones stay: sessions it never
   * released), so that a long-lived driver's table does not grow with every scenario.
   */
  forgetDead(scope: number): void {
    for (const [id, e] of this.#entries) {
      if (!e.alive && e.scope === scope) this.#entries.delete(id);
    }
  }

  #inScope(e: HandleEntry): boolean {
    return this.scope === null || e.scope === this.scope;
  }
}
