/**
 * Fuzz the codec with mutated real session files: every case must end in a session or a
 * SyntaxError (never a RangeError/TypeError, never a hang), and every accepted input must
 * re-encode, byte for byte.
 */
import assert from "node:assert/strict";
import { decodeSessionDer, encodeSessionDer } from "./ssl_session.ts";
import { decodeSessionPem, derToPem } from "./session_pem.ts";
import { createRng, findFixtureSessions, mutateBytes } from "../../testing/mod.ts";
import { fullSession, toHex } from "../../testing/session/samples.ts";
import { threadCpuSeconds } from "../../testing/cpu_time.ts";

const SEED = 0x5e551011;
const DER_CASES = 10_000;
const PEM_CASES = 2_000;

async function corpus(): Promise<Uint8Array[]> {
  const seen = new Set<string>();
  const out: Uint8Array[] = [];
  for (
    const der of [
      ...(await findFixtureSessions()).map((f) => f.der),
      encodeSessionDer(fullSession()),
    ]
  ) {
    const key = toHex(der);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(der);
    }
  }
  return out;
}

Deno.test("decodeSessionDer() ends every mutated fixture in a session or a SyntaxError", async () => {
  const seeds = await corpus();
  assert.ok(seeds.length > 1, "no fixture sessions to mutate (testdata/ is empty?)");
  const rng = createRng(SEED);
  const started = threadCpuSeconds();
  let accepted = 0;
  for (let i = 0; i < DER_CASES; i++) {
    const input = mutateBytes(seeds[i % seeds.length], rng, { corpus: seeds });
    let session;
    try {
      session = decodeSessionDer(input, { file: `case-${i}` });
    } catch (e) {
      if (e instanceof SyntaxError && e.message.includes(`"case-${i}" at byte `)) continue;
      throw new Error(
        `Case ${i} (seed ${SEED}) threw something else: ${e}\ninput ${toHex(input)}`,
        { cause: e },
      );
    }
    accepted++;
    const again = encodeSessionDer(session);
    assert.equal(toHex(again), toHex(input), `case ${i}: an accepted input must round-trip`);
    encodeSessionDer({ ...session }); // the canonical path must not throw either
  }
  const ms = (threadCpuSeconds() - started) * 1000; // CPU: the load of other processes is not ours
  assert.ok(accepted > 0 && accepted < DER_CASES, `accepted ${accepted} of ${DER_CASES}`);
  assert.ok(ms < 20_000, `fuzzing took ${ms.toFixed(0)} ms of CPU`);
});

Deno.test("decodeSessionPem() ends every mutated PEM text in a session or a SyntaxError", async () => {
  const seeds = (await corpus()).map((der) => new TextEncoder().encode(derToPem(der)));
  const rng = createRng(SEED + 1);
  const decoder = new TextDecoder();
  for (let i = 0; i < PEM_CASES; i++) {
    const input = decoder.decode(mutateBytes(seeds[i % seeds.length], rng, { corpus: seeds }));
    try {
      encodeSessionDer(decodeSessionPem(input, { file: `pem-${i}` }));
    } catch (e) {
      if (e instanceof SyntaxError && e.message.includes(`"pem-${i}" at `)) continue;
      throw new Error(`PEM case ${i} threw something else: ${e}\ninput ${JSON.stringify(input)}`, {
        cause: e,
      });
    }
  }
});

Deno.test("decodeSessionDer() and decodeSessionPem() refuse input over the limit at once, naming it", () => {
  const der = encodeSessionDer(fullSession());
  const big = new Uint8Array(2 * 1024 * 1024).fill(0x30);
  assert.throws(
    () => decodeSessionDer(big, { file: "big.der" }),
    (e: Error) =>
      e instanceof SyntaxError &&
      e.message.startsWith("big.der: 2097152 bytes is over the limit of 1048576 bytes"),
  );
  assert.throws(
    () => decodeSessionPem("A".repeat(1024 * 1024 + 1), { file: "big.pem" }),
    (e: Error) => e instanceof SyntaxError && /^big\.pem: 1048577 bytes is over/.test(e.message),
  );
  assert.throws(() => decodeSessionDer(der, { maxBytes: 10 }), /over the limit of 10 bytes/);
  assert.throws(() => decodeSessionPem(derToPem(der), { maxBytes: 10 }), /limit of 10 bytes/);
});
