/**
 * The driver's table of objects it handed out. Handles are small integers, one number space for
 * all kinds per scope (one scenario of a shared driver), never reused, so a stale handle can never
 * name a newer object. Numbering per scope makes a scenario see the same handles whatever ran
 * before it or beside it on the same driver: handles are part of what checks observe (`{ session:
 * 5, … }`, the handles a free reported), and two runs of the matrix must observe the same values.
 * A dead handle stays in the table (marked dead) so that using it gives a precise error instead of
 * touching freed memory.
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
  /** The handle (unique within its scope). */
  id: number;
  /**
   * Unique in the whole driver, for what libssl hands back without a scope (the ex_data tag on
   * a session, which its free callback reads).
   */
  tag: number;
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
 * that made them, numbered from 1 in that scope, and a request of one scope can name only its own
 * scope's handles (a request without a scope, only handles made without one).
 */
export class HandleTable {
  /** The last handle of each scope (null: no scope). */
  #last = new Map<number | null, number>();
  #nextTag = 1;
  /** By scope, then handle. */
  #entries = new Map<number | null, Map<number, HandleEntry>>();
  #byTag = new Map<number, HandleEntry>();

  /** The scope of the request being served (set by the dispatcher); null: none. */
  scope: number | null = null;

  /** Register a live object (in the current scope) and return its new handle. */
  add<T>(kind: HandleKind, ptr: Deno.PointerObject, data?: T): number {
    const id = (this.#last.get(this.scope) ?? 0) + 1;
    this.#last.set(this.scope, id);
    const entry: HandleEntry = {
      id,
      tag: this.#nextTag++,
      kind,
      ptr,
      alive: true,
      data: data as unknown,
      scope: this.scope,
    };
    let inScope = this.#entries.get(this.scope);
    if (!inScope) this.#entries.set(this.scope, inScope = new Map());
    inScope.set(id, entry);
    this.#byTag.set(entry.tag, entry);
    return id;
  }

  /** The entry of the current scope, alive or dead, or undefined. */
  peek(id: number): HandleEntry | undefined {
    return this.#entries.get(this.scope)?.get(id);
  }

  /** The entry with this driver-wide tag, whatever its scope, or undefined. */
  byTag(tag: number): HandleEntry | undefined {
    return this.#byTag.get(tag);
  }

  /** True when the handle exists and is alive. */
  isAlive(id: number): boolean {
    return this.peek(id)?.alive === true;
  }

  /**
   * The live entry of the given kind; otherwise a TypeError/RangeError naming the handle and
   * why it cannot be used (unknown, dead, other kind).
   */
  get<T = unknown>(id: unknown, kind: HandleKind, field = "handle"): HandleEntry<T> {
    if (typeof id !== "number" || !Number.isInteger(id)) {
      throw new TypeError(`Field "${field}" must be an integer handle, got ${JSON.stringify(id)}`);
    }
    const e = this.peek(id);
    if (!e) {
      throw new RangeError(
        this.scope === null
          ? `Handle ${id} (field "${field}") does not exist`
          : `Handle ${id} (field "${field}") does not exist in this scope (scenario) of the driver`,
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

  /** Mark a handle of the current scope dead. Returns false when it already was. */
  kill(id: number): boolean {
    const e = this.peek(id);
    if (!e || !e.alive) return false;
    e.alive = false;
    return true;
  }

  /** Live entries of a kind (of the current scope, when there is one; else of every scope). */
  live(kind?: HandleKind): HandleEntry[] {
    return this.#visible().filter((e) => e.alive && (!kind || e.kind === kind));
  }

  /** Ids of dead handles (of the current scope, when there is one; else of every scope). */
  dead(): number[] {
    return this.#visible().filter((e) => !e.alive).map((e) => e.id);
  }

  /**
   * Forget the dead entries of a scope that ended (its live ones stay: sessions it never
   * released), so that a long-lived driver's table does not grow with every scenario.
   */
  forgetDead(scope: number): void {
    const inScope = this.#entries.get(scope);
    for (const [id, e] of inScope ?? []) {
      if (e.alive) continue;
      inScope!.delete(id);
      this.#byTag.delete(e.tag);
    }
  }

  #visible(): HandleEntry[] {
    if (this.scope !== null) return [...this.#entries.get(this.scope)?.values() ?? []];
    return [...this.#entries.values()].flatMap((m) => [...m.values()]);
  }
}
