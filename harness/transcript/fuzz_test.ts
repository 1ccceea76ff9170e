import assert from "node:assert/strict";
import { parseClientTranscript, parseServerPage, parseSessionBlock } from "./mod.ts";
import { loadManifest, OWN_SAMPLES, readFixture } from "../../testing/transcript/test_fixtures.ts";

/** Mutants per run; each goes through all three parsers. */
const CASES = 12_000;
/** Fixed seed: a failure reproduces (the message names the case number). */
const SEED = 0x5e55_1017;

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FLIP_CHARS = "0123456789abcdefABCDEF -:.()\n\t\rSz\u00e9\u0000";

/** One to four random edits of the kinds a damaged capture shows. */
function mutate(text: string, rand: () => number): string {
  const pick = (n: number) => Math.floor(rand() * n);
  let lines = text.split("\n");
  const edits = 1 + pick(4);
  for (let e = 0; e < edits; e++) {
    const i = pick(lines.length);
    switch (pick(6)) {
      case 0: // drop a line
        lines.splice(i, 1);
        break;
      case 1: // duplicate a line
        lines.splice(i, 0, lines[i] ?? "");
        break;
      case 2: { // flip characters in a line
        const l = lines[i] ?? "";
        if (l.length === 0) break;
        const chars = [...l];
        for (let k = 1 + pick(3); k > 0; k--) {
          chars[pick(chars.length)] = FLIP_CHARS[pick(FLIP_CHARS.length)];
        }
        lines[i] = chars.join("");
        break;
      }
      case 3: // truncate the text (a peer killed mid-write)
        lines = lines.slice(0, i);
        if (lines.length > 0) {
          const last = lines.length - 1;
          lines[last] = lines[last].slice(0, pick(lines[last].length + 1));
        }
        break;
      case 4: { // swap two lines
        const j = pick(lines.length);
        [lines[i], lines[j]] = [lines[j], lines[i]];
        break;
      }
      default: // strip indentation or trailing blanks
        lines[i] = rand() < 0.5 ? (lines[i] ?? "").trimStart() : (lines[i] ?? "").trimEnd();
    }
  }
  return lines.join("\n");
}

async function corpus(): Promise<string[]> {
  const texts: string[] = [];
  for (const f of await loadManifest()) {
    if (["s_client-stdout", "www-page", "sess_id-text"].includes(f.kind)) {
      texts.push(await readFixture(f.file));
    }
  }
  for await (const e of Deno.readDir(new URL("3.0.19/", OWN_SAMPLES))) {
    if (e.name.endsWith(".txt")) {
      texts.push(await Deno.readTextFile(new URL(`3.0.19/${e.name}`, OWN_SAMPLES)));
    }
  }
  return texts;
}

Deno.test("parsers return a value or throw SyntaxError on mutated real transcripts", async () => {
  const texts = await corpus();
  assert.ok(texts.length >= 100, `fuzz corpus too small: ${texts.length} texts`);
  const rand = prng(SEED);
  const parsers = [
    (t: string) => parseClientTranscript(t, { file: "fuzz", stderr: t }),
    (t: string) => parseServerPage(t, { file: "fuzz" }),
    (t: string) => parseSessionBlock(t, { file: "fuzz" }),
  ];
  const outcomes = { value: 0, syntaxError: 0 };
  let slowest = 0;
  for (let n = 0; n < CASES; n++) {
    const mutant = mutate(texts[Math.floor(rand() * texts.length)], rand);
    for (const parse of parsers) {
      const started = performance.now();
      try {
        const v = parse(mutant);
        assert.equal(typeof v, "object");
        outcomes.value++;
      } catch (e) {
        if (!(e instanceof SyntaxError)) {
          throw new Error(`case ${n}: ${parse.toString()} threw a non-SyntaxError`, { cause: e });
        }
        assert.match(e.message, /^fuzz:\d+: /, `case ${n}: message names no line`);
        outcomes.syntaxError++;
      }
      slowest = Math.max(slowest, performance.now() - started);
    }
  }
  // Both outcomes must occur, or the mutations are too weak (or too strong) to test anything.
  assert.ok(outcomes.value > CASES / 4, `only ${outcomes.value} mutants parsed`);
  assert.ok(outcomes.syntaxError > CASES / 20, `only ${outcomes.syntaxError} mutants rejected`);
  // A hang guard, not a speed target (those live in the bench): catastrophic backtracking
  // takes seconds on one input however idle the machine is; a loaded one stays far below.
  assert.ok(slowest < 5_000, `one input took ${Math.round(slowest)} ms to parse`);
});

Deno.test("parseClientTranscript(), parseServerPage() and parseSessionBlock() refuse input over the limit at once, naming it", () => {
  // 2 MiB of "SSL-Session:" lines: parsing them would take a while and end in a misleading error.
  const huge = "SSL-Session:\n".repeat(2 * 1024 * 1024 / 13 + 1);
  const parsers = [
    (t: string, maxBytes?: number) => parseClientTranscript(t, { file: "c.txt", maxBytes }),
    (t: string, maxBytes?: number) => parseServerPage(t, { file: "c.txt", maxBytes }),
    (t: string, maxBytes?: number) => parseSessionBlock(t, { file: "c.txt", maxBytes }),
  ];
  for (const parse of parsers) {
    assert.throws(
      () => parse(huge),
      (e: Error) =>
        e instanceof SyntaxError &&
        e.message.startsWith(`c.txt: ${huge.length} bytes is over the limit of 1048576 bytes`),
    );
    assert.throws(() => parse("CONNECTED(00000003)\n", 10), /over the limit of 10 bytes/);
  }
});
