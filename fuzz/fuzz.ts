/**
 * `deno task fuzz [--cases N] [--seed S]`: drives the session codec and the transcript parsers
 * with mutated real inputs (every session file and transcript under testdata/, all versions, and
 * the `-msg` traces under harness/transcript/testdata/msg/, as seeds) and reports any outcome other than a value or a SyntaxError. Then the hostile inputs:
 * `readSessionFile` on a FIFO with no writer, `/dev/zero`, a symlink to it, a directory and a
 * sparse 2 GiB file, and every parser on text over its limit, each of which must be refused
 * with a message naming the path (or limit) within a deadline. Exit code 1 if anything else.
 * @module
 */
import { parseArgs } from "node:util";
import {
  decodeSessionDer,
  decodeSessionPem,
  encodeSessionDer,
  pemToDer,
} from "../harness/session/mod.ts";
import { readSessionFile } from "../harness/session/mod.ts";
import { runOk } from "../harness/process/mod.ts";
import { createRng, mutateBytes } from "../testing/mod.ts";
import {
  parseClientTranscript,
  parseMessageTrace,
  parseServerPage,
  parseSessionBlock,
} from "../harness/transcript/mod.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { cases: { type: "string", default: "100000" }, seed: { type: "string", default: "1" } },
});
const cases = Number(values.cases);
const rng = createRng(Number(values.seed));
const testdata = new URL("../testdata/", import.meta.url).pathname;

const ders: Uint8Array[] = [];
const pems: Uint8Array[] = [];
const texts: Uint8Array[] = [];
const encoder = new TextEncoder();
const decoder = new TextDecoder();
for await (const dir of Deno.readDir(testdata)) {
  if (!dir.isDirectory) continue;
  for await (const f of Deno.readDir(`${testdata}${dir.name}`)) {
    const path = `${testdata}${dir.name}/${f.name}`;
    if (f.name.endsWith(".pem")) {
      const text = await Deno.readTextFile(path);
      pems.push(encoder.encode(text));
      ders.push(pemToDer(text, { file: path }).der);
    } else if (f.name.endsWith(".txt")) {
      texts.push(await Deno.readFile(path));
    }
  }
}

// The -msg traces (harness/transcript/testdata/msg/<build>/): seeds of the trace parser.
const traces: Uint8Array[] = [];
const msgDir = new URL("../harness/transcript/testdata/msg/", import.meta.url).pathname;
for await (const dir of Deno.readDir(msgDir)) {
  if (!dir.isDirectory) continue;
  for await (const f of Deno.readDir(`${msgDir}${dir.name}`)) {
    traces.push(await Deno.readFile(`${msgDir}${dir.name}/${f.name}`));
  }
}

type Target = { name: string; seeds: Uint8Array[]; run: (b: Uint8Array) => unknown };
const targets: Target[] = [
  {
    name: "decodeSessionDer",
    seeds: ders,
    run: (b) => encodeSessionDer(decodeSessionDer(b, { file: "fuzz" })),
  },
  {
    name: "decodeSessionPem",
    seeds: pems,
    run: (b) => decodeSessionPem(decoder.decode(b), { file: "fuzz" }),
  },
  {
    name: "parseClientTranscript",
    seeds: texts,
    run: (b) => parseClientTranscript(decoder.decode(b)),
  },
  { name: "parseServerPage", seeds: texts, run: (b) => parseServerPage(decoder.decode(b)) },
  { name: "parseSessionBlock", seeds: texts, run: (b) => parseSessionBlock(decoder.decode(b)) },
  {
    name: "parseMessageTrace",
    seeds: traces,
    run: (b) => parseMessageTrace(decoder.decode(b), { side: "client" }),
  },
];

const print = (line: string) => Deno.stdout.writeSync(encoder.encode(line + "\n"));
const started = performance.now();
const stats = new Map(targets.map((t) => [t.name, { values: 0, syntaxErrors: 0, other: 0 }]));
const problems: string[] = [];
for (let i = 0; i < cases; i++) {
  const target = targets[i % targets.length];
  const seed = target.seeds[rng.int(target.seeds.length)];
  const input = mutateBytes(seed, rng, { corpus: target.seeds });
  const s = stats.get(target.name)!;
  try {
    target.run(input);
    s.values++;
  } catch (e) {
    if (e instanceof SyntaxError) s.syntaxErrors++;
    else {
      s.other++;
      if (problems.length < 20) {
        problems.push(`case ${i} (${target.name}): ${(e as Error)?.stack ?? e}`);
      }
    }
  }
}
const seconds = (performance.now() - started) / 1000;
const rows = [...stats].map(([name, s]) =>
  `${name.padEnd(22)} ${String(s.values).padStart(8)} ${String(s.syntaxErrors).padStart(13)} ${
    String(s.other).padStart(6)
  }`
);
print(
  `seeds: ${ders.length} DER, ${pems.length} PEM, ${texts.length} transcripts; ${cases} cases in ${
    seconds.toFixed(1)
  } s`,
);
print(
  `${"target".padEnd(22)} ${"values".padStart(8)} ${"SyntaxErrors".padStart(13)} ${
    "other".padStart(6)
  }`,
);
print(rows.join("\n"));

// Hostile inputs: each must be refused, quickly and by name, never read into memory or waited on.
const hostileDir = await Deno.makeTempDir({ prefix: "tls-fuzz-hostile-" });
try {
  await runOk("mkfifo", { args: [`${hostileDir}/fifo.pem`], timeoutMs: 5000 });
  await Deno.symlink("/dev/zero", `${hostileDir}/zero.pem`);
  await Deno.writeFile(`${hostileDir}/huge.pem`, new Uint8Array(0));
  await Deno.truncate(`${hostileDir}/huge.pem`, 2 ** 31);
  const files: [string, RegExp][] = [
    [`${hostileDir}/fifo.pem`, /is a FIFO/],
    ["/dev/zero", /is a character device/],
    [`${hostileDir}/zero.pem`, /is a character device/],
    [hostileDir, /is a directory/],
    [`${hostileDir}/huge.pem`, /2147483648 bytes is over the limit/],
  ];
  const big = "SSL-Session:\n".repeat(200_000);
  const parsers: [string, () => unknown][] = [
    ["parseClientTranscript", () => parseClientTranscript(big)],
    ["parseServerPage", () => parseServerPage(big)],
    ["parseSessionBlock", () => parseSessionBlock(big)],
    ["parseMessageTrace", () => parseMessageTrace(big, { side: "client" })],
    ["decodeSessionPem", () => decodeSessionPem(big)],
    ["decodeSessionDer", () => decodeSessionDer(encoder.encode(big))],
  ];
  let refused = 0;
  for (const [path, expected] of files) {
    const t0 = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const outcome = await Promise.race([
      readSessionFile(path).then(() => "read a session", (e: Error) => e),
      new Promise<string>((r) => timer = setTimeout(() => r("still reading after 5 s"), 5000)),
    ]);
    clearTimeout(timer);
    const ms = (performance.now() - t0).toFixed(1);
    if (
      outcome instanceof Error && expected.test(outcome.message) && outcome.message.includes(path)
    ) {
      refused++;
      print(`hostile ${path}: refused in ${ms} ms: ${outcome.name}: ${outcome.message}`);
    } else {problems.push(
        `hostile ${path}: ${outcome instanceof Error ? outcome.message : outcome}`,
      );}
  }
  for (const [name, parse] of parsers) {
    try {
      parse();
      problems.push(`${name} accepted ${big.length} bytes`);
    } catch (e) {
      if (e instanceof SyntaxError && /over the limit/.test(e.message)) refused++;
      else problems.push(`${name} on ${big.length} bytes: ${(e as Error).message}`);
    }
  }
  print(`hostile inputs: ${refused} of ${files.length + parsers.length} refused as they should be`);
} finally {
  await Deno.remove(hostileDir, { recursive: true });
}
for (const p of problems) print(p);
if (problems.length) Deno.exitCode = 1;
