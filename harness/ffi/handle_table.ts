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
}

/** Handles for SSL_CTX, SSL and SSL_SESSION objects. */
export class HandleTable {
  #next = 1;
  #entries = new Map<number, HandleEntry>();

  /** Register a live object and return its new handle. */
  add<T>(kind: HandleKind, ptr: Deno.PointerObject, data?: T): number {
    const id = this.#next++;
    this.#entries.set(id, { id, kind, ptr, alive: true, data: data as unknown });
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

  /** Live entries of a kind. */
  live(kind?: HandleKind): HandleEntry[] {
    return [...this.#entries.values()].filter((e) => e.alive && (!kind || e.kind === kind));
  }

  /** Ids of dead handles. */
  dead(): number[] {
    return [...this.#entries.values()].filter((e) => !e.alive).map((e) => e.id);
  }
}
