/**
 * Benchmark: decode 1,000 session files (the fixtures under testdata/, cycled) and print the
 * time. `deno run -A bench/session_decode.ts [count]`; `deno task bench` shows the same
 * measurement ({@linkcode benchDecode}) as a row of its table.
 *
 * @module
 */
import { decodeSessionDer, decodeSessionPem, derToPem } from "../harness/session/mod.ts";
import { findFixtureSessions } from "../testing/mod.ts";

/** What {@linkcode benchDecode} measured. */
export interface BenchDecodeResult {
  /** How many sessions were decoded. */
  count: number;
  /** How many distinct fixture sessions were cycled through. */
  distinct: number;
  /** Milliseconds for `count` DER decodes. */
  derMs: number;
  /** Milliseconds for `count` PEM decodes (armour + DER). */
  pemMs: number;
}

/**
 * Decode `count` fixture sessions (cycled), as DER and as PEM text, after a short warm-up.
 *
 * @example
 * ```ts
 * import { benchDecode } from "./session_decode.ts";
 * const r = await benchDecode(1000);
 * console.log(`${r.count} sessions: ${r.derMs.toFixed(1)} ms (DER), ${r.pemMs.toFixed(1)} ms (PEM)`);
 * ```
 * @throws {Error} when testdata/ holds no session files.
 */
export async function benchDecode(count = 1000): Promise<BenchDecodeResult> {
  const ders = (await findFixtureSessions()).map((f) => f.der);
  if (ders.length === 0) throw new Error("No session files under testdata/ to benchmark with");
  const pems = ders.map(derToPem);
  for (let i = 0; i < 200; i++) decodeSessionPem(pems[i % pems.length]);
  let t = performance.now();
  for (let i = 0; i < count; i++) decodeSessionDer(ders[i % ders.length]);
  const derMs = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < count; i++) decodeSessionPem(pems[i % pems.length]);
  const pemMs = performance.now() - t;
  return { count, distinct: ders.length, derMs, pemMs };
}

if (import.meta.main) {
  const r = await benchDecode(Number(Deno.args[0] ?? 1000));
  // deno-lint-ignore no-console
  console.log(
    `decoded ${r.count} sessions (${r.distinct} distinct fixtures): ` +
      `${r.derMs.toFixed(1)} ms as DER (${((r.derMs * 1000) / r.count).toFixed(1)} µs each), ` +
      `${r.pemMs.toFixed(1)} ms as PEM (${((r.pemMs * 1000) / r.count).toFixed(1)} µs each)`,
  );
}
