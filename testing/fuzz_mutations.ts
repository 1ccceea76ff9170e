/**
 * Deterministic input mutation for fuzzing parsers: a small seeded PRNG and a mutator that
 * knows enough DER to rewrite length fields, beside the usual bit flips, byte inserts,
 * truncations and splices. Shared by the codec's fuzz test and `deno task fuzz`.
 *
 * @module
 */

/** A source of pseudo-random numbers. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n); 0 when n <= 0. */
  int(n: number): number;
}

/**
 * A seeded PRNG (mulberry32): the same seed gives the same sequence on every machine, so a
 * failing fuzz case is reproducible from its seed and index.
 *
 * @example
 * ```ts
 * import { createRng } from "./fuzz_mutations.ts";
 * const rng = createRng(42);
 * console.log(rng.int(10), rng.next());
 * ```
 */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => (n <= 0 ? 0 : Math.floor(next() * n)) };
}

/** The mutation strategies {@linkcode mutateBytes} picks from. */
export const MUTATIONS = [
  "bitFlip",
  "byteSet",
  "insert",
  "delete",
  "truncate",
  "lengthRewrite",
  "splice",
  "duplicate",
  "extend",
] as const;

/** One of {@linkcode MUTATIONS}. */
export type Mutation = typeof MUTATIONS[number];

/** Options for {@linkcode mutateBytes}. */
export interface MutateOptions {
  /** Other inputs to splice from (e.g. other fixtures). @default {[seed]} */
  corpus?: readonly Uint8Array[];
  /** How many mutations to stack. @default {1 + rng.int(3)} */
  rounds?: number;
  /** Restrict to these strategies. @default {MUTATIONS} */
  only?: readonly Mutation[];
}

/** Interesting values for rewritten DER length fields: edges, absurd sizes, indefinite form. */
const LENGTH_FORMS: readonly number[][] = [
  [0x00],
  [0x7f],
  [0x80], // indefinite
  [0x81, 0x00], // non-minimal
  [0x81, 0x7f], // non-minimal
  [0x81, 0xff],
  [0x82, 0xff, 0xff],
  [0x84, 0x80, 0x00, 0x00, 0x00], // 2^31
  [0x84, 0xff, 0xff, 0xff, 0xff],
  [0x85, 0x01, 0x00, 0x00, 0x00, 0x00],
  [0x89, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01],
  [0xff],
];

/**
 * Return a mutated copy of `seed` (the input is never modified). The result may be empty.
 *
 * @example
 * ```ts
 * import { createRng, mutateBytes } from "./fuzz_mutations.ts";
 * const rng = createRng(1);
 * const input = new TextEncoder().encode("hello");
 * console.log(mutateBytes(input, rng));
 * ```
 */
export function mutateBytes(seed: Uint8Array, rng: Rng, options: MutateOptions = {}): Uint8Array {
  let data: Uint8Array = seed.slice();
  const corpus = options.corpus?.length ? options.corpus : [seed];
  const only = options.only?.length ? options.only : MUTATIONS;
  const rounds = options.rounds ?? 1 + rng.int(3);
  for (let r = 0; r < rounds; r++) {
    data = applyMutation(data, only[rng.int(only.length)], rng, corpus);
  }
  return data;
}

function applyMutation(
  data: Uint8Array,
  kind: Mutation,
  rng: Rng,
  corpus: readonly Uint8Array[],
): Uint8Array {
  const at = rng.int(data.length + 1);
  switch (kind) {
    case "bitFlip": {
      if (data.length === 0) return data;
      const i = rng.int(data.length);
      data[i] ^= 1 << rng.int(8);
      return data;
    }
    case "byteSet": {
      if (data.length === 0) return data;
      const specials = [0x00, 0x01, 0x30, 0x7f, 0x80, 0x81, 0x84, 0xa0, 0xbf, 0xff];
      data[rng.int(data.length)] = rng.int(2) ? specials[rng.int(specials.length)] : rng.int(256);
      return data;
    }
    case "insert": {
      const n = 1 + rng.int(8);
      const ins = Uint8Array.from({ length: n }, () => rng.int(256));
      return join(data.subarray(0, at), ins, data.subarray(at));
    }
    case "delete": {
      const n = 1 + rng.int(16);
      return join(data.subarray(0, at), data.subarray(Math.min(data.length, at + n)));
    }
    case "truncate":
      return data.slice(0, rng.int(data.length));
    case "lengthRewrite": {
      const headers = findHeaders(data);
      if (headers.length === 0) return data;
      const h = headers[rng.int(headers.length)];
      const form = LENGTH_FORMS[rng.int(LENGTH_FORMS.length)];
      return join(data.subarray(0, h.lengthAt), Uint8Array.from(form), data.subarray(h.contentAt));
    }
    case "splice": {
      const other = corpus[rng.int(corpus.length)];
      const from = rng.int(other.length + 1);
      const to = from + rng.int(other.length - from + 1);
      const cut = rng.int(data.length + 1);
      const resume = Math.min(data.length, cut + rng.int(data.length - cut + 1));
      return join(data.subarray(0, cut), other.subarray(from, to), data.subarray(resume));
    }
    case "duplicate": {
      const headers = findHeaders(data);
      if (headers.length === 0) return data;
      const h = headers[rng.int(headers.length)];
      const el = data.subarray(h.start, h.end);
      return join(data.subarray(0, h.end), el, data.subarray(h.end));
    }
    case "extend": {
      const n = 1 + rng.int(4);
      return join(data, Uint8Array.from({ length: n }, () => rng.int(256)));
    }
  }
}

function join(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Element headers found by a lenient walk (definite short/long lengths, low tags only). */
function findHeaders(
  data: Uint8Array,
): { start: number; lengthAt: number; contentAt: number; end: number }[] {
  const found: { start: number; lengthAt: number; contentAt: number; end: number }[] = [];
  const walk = (pos: number, limit: number, depth: number) => {
    while (pos + 2 <= limit && found.length < 512) {
      const id = data[pos];
      if ((id & 0x1f) === 0x1f) return;
      const lengthAt = pos + 1;
      let length = data[lengthAt];
      let contentAt = lengthAt + 1;
      if (length & 0x80) {
        const n = length & 0x7f;
        if (n === 0 || n > 4 || contentAt + n > limit) return;
        length = 0;
        for (let i = 0; i < n; i++) length = length * 256 + data[contentAt + i];
        contentAt += n;
      }
      const end = contentAt + length;
      if (end > limit) return;
      found.push({ start: pos, lengthAt, contentAt, end });
      if ((id & 0x20) && depth < 8) walk(contentAt, end, depth + 1);
      pos = end;
    }
  };
  walk(0, data.length, 0);
  return found;
}
