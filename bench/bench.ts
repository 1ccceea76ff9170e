/**
 * `deno task bench`: where the harness's wall time goes, measured in one run. Prints a table,
 * then one JSON line:
 *
 * - `one_scenario_ratio`: one scenario through the CLI (`run <file> --jobs 1`, Deno start-up,
 *   PKI and the sanity scenario included) against a plain bash script that runs the same
 *   openssl commands (the PKI's, then the `repro` commands of the JSON report) with the same
 *   synchronisation (wait for `ACCEPT`, for `New,`, a barrier line through the server). Target
 *   ≤ 1.5.
 * - `suite_overhead_ratio`: the default suite's wall time (`--jobs 2`) against the time its
 *   child processes needed, divided by the jobs. Children of one scenario overlap (a server
 *   lives while its clients run), so a scenario counts the union of its children's lifetimes,
 *   not their sum (the sum is shown too). Timings come from the spawn module's trace
 *   (`TLS_HARNESS_TRACE`). Target ≤ 1.15.
 * - `parallel_speedup`: the suite's wall time with `--jobs 1` over `--jobs 2`. Target ≥ 1.7.
 * - `matrix_wall_s`: `run --openssl all --pairs all`. Target ≤ 60.
 *
 * The table also shows the session codec's decode time per file (no target; see
 * `session_decode.ts`).
 *
 * Options: `--reps N` (default 3) repetitions of the suite measurements, `2N+1` CLI/bash pairs
 * for the one-scenario one (medians of the pairs' ratios are reported), `--scenario FILE` (default `scenarios/get_session/last_ticket_wins.ts`),
 * `--no-matrix` to skip the matrix.
 *
 * @example
 * ```sh
 * deno task bench
 * deno run -A bench/bench.ts --reps 5 --no-matrix
 * ```
 * @module
 */
import { parseArgs } from "node:util";
import { run, TRACE_ENV } from "../harness/process/mod.ts";
import { benchDecode } from "./session_decode.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const CLI = `${ROOT}cli.ts`;

/** One child process as the spawn module's trace records it. */
interface TraceLine {
  argv: string[];
  cwd?: string;
  start_ms: number;
  duration_ms: number;
}

/** A CLI run: its wall time, its JSON report and the trace of its children. */
interface CliRun {
  wallS: number;
  /** User + system CPU seconds of the CLI and all its children (NaN without GNU time). */
  cpuS: number;
  code: number | null;
  report: {
    results: { scenario: string; status: string; repro: string[] }[];
    summary: Record<string, number | boolean>;
  };
  trace: TraceLine[];
}

const GNU_TIME = (() => {
  try {
    return Deno.statSync("/usr/bin/time").isFile ? "/usr/bin/time" : undefined;
  } catch {
    return undefined;
  }
})();

async function runCli(work: string, args: string[]): Promise<CliRun> {
  const out = `${work}/report-${crypto.randomUUID()}.json`;
  const traceFile = `${work}/trace-${crypto.randomUUID()}.jsonl`;
  const timeFile = `${work}/time-${crypto.randomUUID()}.txt`;
  const cli = [
    Deno.execPath(),
    "run",
    "-A",
    CLI,
    "run",
    ...args,
    "--reporter",
    "json",
    "--out",
    out,
  ];
  // GNU time, when there is one, adds the CPU time of the CLI and every process it waited for.
  const argv = GNU_TIME ? [GNU_TIME, "-f", "%U %S", "-o", timeFile, ...cli] : cli;
  const started = performance.now();
  const r = await run(argv[0], {
    args: argv.slice(1),
    env: { [TRACE_ENV]: traceFile, NO_COLOR: "1" },
    timeoutMs: 600_000,
  });
  const wallS = (performance.now() - started) / 1000;
  const cpu = GNU_TIME
    ? (await Deno.readTextFile(timeFile)).trim().split("\n").at(-1)!.split(" ").map(Number)
    : [NaN, NaN];
  const cpuS = cpu[0] + cpu[1];
  if (r.code !== 0) {
    await Deno.stderr.write(
      new TextEncoder().encode(`warning: "run ${args.join(" ")}" exited ${r.code}\n${r.stderr}`),
    );
  }
  const report = JSON.parse(await Deno.readTextFile(out));
  const trace = (await Deno.readTextFile(traceFile).catch(() => "")).trim().split("\n")
    .filter(Boolean).map((l) => JSON.parse(l) as TraceLine);
  return { wallS, cpuS, code: r.code, report, trace };
}

/** The openssl commands of harness/pki/ca_and_leaf.ts, run from inside the PKI dir. */
const PKI_SCRIPT = String.raw`
mkdir pki && cd pki
printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid,issuer\n' > leaf.ext
printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n' > ca.ext
"$OPENSSL" genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key
"$OPENSSL" genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out leaf.key
"$OPENSSL" req -new -key ca.key -subj '/CN=tls-session-harness test CA' -out ca.csr
"$OPENSSL" x509 -req -in ca.csr -signkey ca.key -days 2 -extfile ca.ext -out ca.pem -set_serial 1 2>/dev/null
"$OPENSSL" req -new -key leaf.key -subj /CN=localhost -out leaf.csr
"$OPENSSL" x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -days 2 -extfile leaf.ext -out leaf.pem -set_serial 2 2>/dev/null
cat leaf.pem ca.pem > chain.pem
cd ..
`;

/** Bash functions: an s_server step and an s_client step, synchronised as the harness does. */
const STEP_FUNCTIONS = [
  'n=0; spid=""',
  "stop_server() {",
  '  if [ -n "$spid" ]; then exec 3>&- 4<&-; kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null || true; spid=""; fi',
  "}",
  "server() {",
  "  stop_server",
  '  n=$((n+1)); mkfifo "s$n.in" "s$n.out"',
  '  "$@" <"s$n.in" >"s$n.out" 2>"s$n.err" &',
  "  spid=$!",
  '  exec 3>"s$n.in" 4<"s$n.out"',
  "  local line",
  "  while IFS= read -r line <&4; do case $line in ACCEPT*) port=${line##*:}; break ;; esac; done",
  "}",
  "client() {",
  '  n=$((n+1)); mkfifo "c$n.in" "c$n.out"',
  '  "$@" <"c$n.in" >"c$n.out" 2>"c$n.err" &',
  "  local cpid=$! line",
  '  exec 5>"c$n.in" 6<"c$n.out"',
  "  while IFS= read -r line <&6; do case $line in New,*|Reused,*) break ;; esac; done",
  '  echo "bench-barrier-$n" >&3',
  '  while IFS= read -r line <&6; do [ "$line" = "bench-barrier-$n" ] && break; done',
  "  exec 5>&-",
  "  while IFS= read -r line <&6; do :; done",
  "  exec 6<&-",
  '  wait "$cpid" || true',
  "}",
].join("\n");

/**
 * A bash script that replays `repro` steps (`# s_server` / `# s_client` and a command each):
 * paths into the run's temp dirs become paths into the script's work dir, the client's port
 * becomes the one the last server announced.
 */
export function replayScript(openssl: string, steps: string[]): string {
  const body = steps.map((step) => {
    const [header, command] = step.split("\n");
    const role = header.replace(/^# /, "");
    if ((role !== "s_server" && role !== "s_client") || / -www\b/.test(command)) {
      throw new RangeError(`Cannot replay step "${header}": only plain s_server/s_client steps`);
    }
    const argv = command
      .replace(/^.*?stdbuf -oL -eL \S+ /, "") // the umask wrapper and the binary
      .replace(/\/\S*?\/tls-harness-pki-[^/\s]+\//g, "pki/")
      .replace(/\/\S*?\/tls-harness-run-[^/\s]+\/[^/\s]+\//g, "")
      .replace(/-connect 127\.0\.0\.1:\d+/, '-connect "127.0.0.1:$port"');
    return `${role === "s_server" ? "server" : "client"} stdbuf -oL -eL "$OPENSSL" ${argv}`;
  });
  return [
    "#!/bin/bash",
    "set -u",
    "umask 077",
    `OPENSSL=${JSON.stringify(openssl)}`,
    'cd "$1"',
    PKI_SCRIPT,
    STEP_FUNCTIONS,
    ...body,
    "stop_server",
    "",
  ].join("\n");
}

/**
 * How much worker time the children account for. Children are grouped by scenario (their
 * working directory, the scenario's private dir; a child without one is a group of its own) and
 * each group counts the union of its children's lifetimes. `busyS` integrates, over the run,
 * the number of groups alive at once capped at `jobs`: the time the workers spent with a child
 * process running. With no overhead at all the wall time would be `busyS / jobs`.
 */
export function busyTime(
  trace: readonly TraceLine[],
  jobs: number,
): { sumS: number; unionS: number; busyS: number } {
  const groups = new Map<string, [number, number][]>();
  trace.forEach((t, i) => {
    const key = t.cwd ?? `#${i}`;
    const list = groups.get(key) ?? [];
    list.push([t.start_ms, t.start_ms + t.duration_ms]);
    groups.set(key, list);
  });
  let union = 0;
  const edges: [number, number][] = [];
  for (const intervals of groups.values()) {
    intervals.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [a, b] of intervals) {
      const last = merged.at(-1);
      if (last && a <= last[1]) last[1] = Math.max(last[1], b);
      else merged.push([a, b]);
    }
    for (const [a, b] of merged) {
      union += b - a;
      edges.push([a, 1], [b, -1]);
    }
  }
  edges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let busy = 0;
  let alive = 0;
  let since = 0;
  for (const [at, delta] of edges) {
    busy += Math.min(alive, jobs) * (at - since);
    alive += delta;
    since = at;
  }
  const sum = trace.reduce((a, t) => a + t.duration_ms, 0);
  return { sumS: sum / 1000, unionS: union / 1000, busyS: busy / 1000 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      reps: { type: "string", default: "3" },
      scenario: { type: "string", default: "scenarios/get_session/last_ticket_wins.ts" },
      "no-matrix": { type: "boolean", default: false },
      "one-only": { type: "boolean", default: false },
    },
  });
  const reps = Math.max(1, Number(values.reps));
  const scenarioFile = values.scenario.startsWith("/")
    ? values.scenario
    : `${ROOT}${values.scenario}`;
  const work = await Deno.makeTempDir({ prefix: "tls-harness-bench-" });
  const log = (s: string) => Deno.stderr.write(new TextEncoder().encode(s + "\n"));
  try {
    const openssl = (await run("sh", { args: ["-c", "command -v openssl"] })).stdout.trim();
    const startup = await run(Deno.execPath(), { args: ["run", "-A", CLI, "--help"] });
    const t0 = performance.now();
    await run(Deno.execPath(), { args: ["run", "-A", CLI, "--help"] });
    const startupS = (performance.now() - t0) / 1000;
    if (startup.code !== 0) throw new Error(`cli.ts --help failed: ${startup.stderr}`);
    const decode = await benchDecode(1000);

    const load = (await Deno.readTextFile("/proc/loadavg").catch(() => "?")).split(" ")
      .slice(0, 3).join(" ");
    // 1. One scenario: CLI vs the same openssl commands from bash.
    await log(`one scenario (${values.scenario}), ${2 * reps + 1} CLI/bash pair(s)…`);
    const cliTimes: number[] = [];
    const shellTimes: number[] = [];
    let script = "";
    const pairs = 2 * reps + 1; // cheap: more pairs, a steadier median
    for (let i = 0; i < pairs; i++) {
      const c = await runCli(work, [scenarioFile, "--jobs", "1"]);
      cliTimes.push(c.wallS);
      if (!script) {
        const steps = ["sanity/handshake", "scenario"].flatMap((which) =>
          c.report.results.filter((r) =>
            which === "scenario" ? r.scenario !== "sanity/handshake" : r.scenario === which
          ).flatMap((r) => r.repro)
        );
        script = replayScript(openssl, steps);
        await Deno.writeTextFile(`${work}/replay.sh`, script);
      }
      const dir = await Deno.makeTempDir({ dir: work, prefix: "replay-" });
      const s0 = performance.now();
      const r = await run("bash", { args: [`${work}/replay.sh`, dir], timeoutMs: 60_000 });
      shellTimes.push((performance.now() - s0) / 1000);
      if (r.code !== 0) throw new Error(`replay.sh failed (${r.code}): ${r.stderr}`);
    }
    const cliS = median(cliTimes);
    const shellS = median(shellTimes);
    // Each pair ran back to back: the median of their ratios cancels slow changes in the load
    // that other users of the machine put on it.
    const oneRatio = median(cliTimes.map((c, i) => c / shellTimes[i]));

    if (values["one-only"]) {
      await Deno.stdout.write(
        new TextEncoder().encode(
          `cli ${cliTimes.map((t) => round(t, 3)).join(" ")}\nbash ${
            shellTimes.map((t) => round(t, 3)).join(" ")
          }\nratio of medians ${round(cliS / shellS)}, of minima ${
            round(Math.min(...cliTimes) / Math.min(...shellTimes))
          }\n`,
        ),
      );
      return;
    }
    // 2 and 3. The default suite with --jobs 2 (traced) and --jobs 1, alternating.
    await log(`suite --jobs 2 and --jobs 1, ${reps} rep(s) each…`);
    const j2: CliRun[] = [];
    const j1: CliRun[] = [];
    for (let i = 0; i < reps; i++) {
      j2.push(await runCli(work, ["--jobs", "2"]));
      j1.push(await runCli(work, ["--jobs", "1"]));
    }
    const j2S = median(j2.map((r) => r.wallS));
    const j1S = median(j1.map((r) => r.wallS));
    const typical = j2.find((r) => r.wallS === j2S) ?? j2[0];
    const busy = busyTime(typical.trace, 2);
    const typical1 = j1.find((r) => r.wallS === j1S) ?? j1[0];
    const busy1 = busyTime(typical1.trace, 1);
    const scenarioSumS = typical.report.results.reduce(
      (a, r) => a + ((r as { duration_ms?: number }).duration_ms ?? 0),
      0,
    ) / 1000;

    // 4. The matrix.
    let matrix: CliRun | undefined;
    if (!values["no-matrix"]) {
      await log("matrix: run --openssl all --pairs all…");
      matrix = await runCli(work, ["--openssl", "all", "--pairs", "all"]);
    }

    const result = {
      one_scenario_ratio: round(oneRatio),
      suite_overhead_ratio: round(typical.wallS / (busy.busyS / 2)),
      parallel_speedup: round(median(j1.map((r, i) => r.wallS / j2[i].wallS))),
      matrix_wall_s: matrix ? round(matrix.wallS, 1) : null,
    };
    const rows: [string, string, string][] = [
      ["Deno start-up (cli.ts --help)", `${round(startupS, 3)} s`, ""],
      [
        `session decode, DER (${decode.count} files, ${decode.distinct} distinct)`,
        `${round((decode.derMs * 1000) / decode.count, 1)} µs`,
        `PEM: ${round((decode.pemMs * 1000) / decode.count, 1)} µs per file`,
      ],
      [
        `one scenario via CLI (--jobs 1, median of ${pairs})`,
        `${round(cliS, 3)} s`,
        cliTimes.map((t) => round(t, 3)).join(", "),
      ],
      [
        "same openssl commands from bash (median)",
        `${round(shellS, 3)} s`,
        shellTimes.map((t) => round(t, 3)).join(", "),
      ],
      [
        "one_scenario_ratio (target <= 1.5)",
        String(result.one_scenario_ratio),
        `median of the pairs' ratios; of the minima: ${
          round(Math.min(...cliTimes) / Math.min(...shellTimes))
        }`,
      ],
      [
        `suite --jobs 2 wall (median of ${reps})`,
        `${round(j2S, 2)} s`,
        `${typical.report.results.length} results, ${typical.trace.length} children`,
      ],
      [
        "  children: sum of lifetimes",
        `${round(busy.sumS, 2)} s`,
        "a server and its clients overlap",
      ],
      ["  children: union per scenario", `${round(busy.unionS, 2)} s`, ""],
      [
        "  workers busy with a child",
        `${round(busy.busyS, 2)} s`,
        "integral of min(scenarios with a live child, 2)",
      ],
      ["  scenarios: sum of duration_ms", `${round(scenarioSumS, 2)} s`, ""],
      [
        "suite_overhead_ratio (target <= 1.15)",
        String(result.suite_overhead_ratio),
        `wall / (busy / 2); wall / (sum / 2) would say ${round(typical.wallS / (busy.sumS / 2))}`,
      ],
      [
        "  same with --jobs 1",
        String(round(typical1.wallS / busy1.busyS)),
        `wall ${round(typical1.wallS, 2)} s / busy ${round(busy1.busyS, 2)} s`,
      ],
      [
        `suite --jobs 1 wall (median of ${reps})`,
        `${round(j1S, 2)} s`,
        j1.map((r) => round(r.wallS, 2)).join(", "),
      ],
      [
        "  CPU (user+sys, all processes)",
        `${round(typical1.cpuS, 2)} s`,
        `--jobs 2: ${round(typical.cpuS, 2)} s; best --jobs 2 wall on 2 idle cores: ${
          round(Math.max(typical.cpuS / 2, j1S / 2), 2)
        } s`,
      ],
      ["  load average before the run", load, "other users of the machine skew every figure"],
      [
        "parallel_speedup (target >= 1.7)",
        String(result.parallel_speedup),
        `median of the pairs' ratios; of the medians: ${round(j1S / j2S)}`,
      ],
      [
        "matrix (--openssl all --pairs all)",
        matrix ? `${round(matrix.wallS, 1)} s` : "skipped",
        matrix
          ? `${matrix.report.results.length} results, ${matrix.trace.length} children, ` +
            `${round(matrix.cpuS, 1)} s CPU, exit ${matrix.code}`
          : "",
      ],
      ["matrix_wall_s (target <= 60)", String(result.matrix_wall_s), ""],
    ];
    const w0 = Math.max(...rows.map((r) => r[0].length));
    const w1 = Math.max(...rows.map((r) => r[1].length));
    const table = rows.map(([a, b, c]) => `${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`.trimEnd());
    await Deno.stdout.write(
      new TextEncoder().encode(`${table.join("\n")}\n${JSON.stringify(result)}\n`),
    );
  } finally {
    await Deno.remove(work, { recursive: true });
  }
}

if (import.meta.main) await main();
