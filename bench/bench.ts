/**
 * `deno task bench`: where the harness's wall time goes, measured in one run. Prints a table,
 * then one JSON line. Targets are printed ("met" / "MISSED"), never asserted.
 *
 * - `one_scenario_ratio`: one scenario through the CLI (`run <file> --jobs 1`, Deno start-up,
 *   probes and the sanity scenario included) against a plain bash script that runs the same
 *   openssl commands (the `repro` commands of the JSON report) with the same synchronisation
 *   (wait for `ACCEPT`, for `New,`, a barrier line through the server) and the same line
 *   buffering. Neither side makes the test PKI: the CLI reuses the one it cached (an untimed
 *   first run warms that cache and Deno's), bash one made once (`test_pki_s`, shown apart).
 *   Target ≤ 1.2.
 * - `suite_overhead_ratio`: the default suite's wall time (`--jobs 2`) against the time its
 *   child processes needed, divided by the jobs. Children of one scenario overlap (a server
 *   lives while its clients run), so a scenario counts the union of its children's lifetimes,
 *   not their sum (the sum is shown too). Timings come from the spawn module's trace
 *   (`TLS_HARNESS_TRACE`). Target ≤ 1.15.
 * - `parallel_speedup`: the suite's wall time with `--jobs 1` over `--jobs 2`. Target ≥ 1.7 on
 *   two idle cores.
 * - `matrix_wall_s`: `run --openssl all --pairs all`. Target ≤ 60.
 * - `floor_s`: the matrix's floor (floor.ts): per build, the bare cost of an `s_client`
 *   handshake against a running server, an `s_server` start to readiness, a `sess_id`, an FFI
 *   driver start, measured here; times how many of each the matrix ran (from its trace); summed
 *   and divided by the cores. `matrix_floor_ratio` = matrix wall ÷ `floor_s`: target ≤ 1.3.
 * - `harness_cpu_s`: the CLI process's own CPU in the matrix, without its children.
 * - `deno_processes`: Deno processes the matrix started (target ≤ builds + 2);
 *   `execs_per_openssl`: programs exec'd per openssl command (target ≤ 2 on builds that need the
 *   loader, 1 otherwise; per build in the table); `results_per_cpu_s`: results per CPU second
 *   (the CLI and every child).
 * - growth (growth.ts): the matrix over the first 1, 2, 4 and all OpenSSL builds, over every
 *   implementation's builds (`--build all`; the row says why while the runner refuses some), and
 *   split over N shards run at once (`--shards 2,4`), to size a CI.
 *
 * The table also shows the session codec's decode time per file (no target; see
 * `session_decode.ts`). Figures vary between machines and with the load other users put on
 * them: compare ratios from one run.
 *
 * `--quick` (every key at a fraction of the full cost; 16 min on 2 shared cores at load 7–13):
 * the matrix is that of the first `--quick-builds N` (default 2) OpenSSL builds, growth by
 * builds is 1 and N, every implementation's matrix is estimated from its shard 1 of
 * `--quick-shard K` (default 4) times K, shards split the quick matrix, and `--reps`
 * defaults to 1. Every key is printed; `mode` and `matrix_builds` say which matrix it was.
 *
 * Options: `--reps N` (default 3) repetitions of the suite measurements, `2N+1` CLI/bash pairs
 * for the one-scenario one and bare-cost samples (medians are reported), `--scenario FILE`
 * (default `scenarios/get_session/last_ticket_wins.ts`), `--no-matrix` to skip the matrix, its
 * floor and growth, `--no-growth` to skip only growth, `--shards LIST` (default `2`).
 *
 * @example
 * ```sh
 * deno task bench
 * deno task bench --quick
 * deno run -A bench/bench.ts --reps 5 --no-growth
 * ```
 * @module
 */
import { parseArgs } from "node:util";
import { run } from "../harness/process/mod.ts";
import { type OpensslBuild, resolveBuilds } from "../harness/openssl/mod.ts";
import { lineBuffering } from "../harness/openssl/line_buffering.ts";
import { createTestPki } from "../harness/pki/mod.ts";
import { benchDecode } from "./session_decode.ts";
import { type CliRun, runCli } from "./cli_run.ts";
import {
  type BareCosts,
  countProcesses,
  FLOOR_ROLES,
  floorSeconds,
  measureBareCosts,
  type TraceLine,
} from "./floor.ts";
import {
  type AllImplementationsRow,
  growthAllImplementations,
  growthByBuilds,
  growthByShards,
} from "./growth.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const CLI = `${ROOT}cli.ts`;

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
 * becomes the one the last server announced. Environment additions of the commands (the line
 * buffering of harness/openssl/line_buffering.ts) are exported once, so that bash runs openssl
 * exactly as the harness does; a command in the older form (`sh -c … stdbuf -oL -eL openssl`)
 * is replayed through `stdbuf`. The script makes its own test PKI first, unless `pkiDir` names
 * one made already (the harness reuses its cached PKI, so the bench times neither).
 */
export function replayScript(
  openssl: string,
  steps: string[],
  options: { pkiDir?: string } = {},
): string {
  const pki = options.pkiDir ? `${options.pkiDir}/` : "pki/";
  const exports = new Set<string>();
  const body = steps.map((step) => {
    const [header, command] = step.split("\n");
    const role = header.replace(/^# /, "");
    if ((role !== "s_server" && role !== "s_client") || / -www\b/.test(command)) {
      throw new RangeError(`Cannot replay step "${header}": only plain s_server/s_client steps`);
    }
    let rest = command;
    for (
      let m;
      (m = /^([A-Za-z_]\w*=(?:'[^']*'|\S*))\s+/.exec(rest));
      rest = rest.slice(m[0].length)
    ) {
      exports.add(m[1]);
    }
    const legacy = /^.*?stdbuf -oL -eL \S+ /.exec(rest);
    // Reports print commands without the harness's line buffering (a person pastes them as
    // they are): the replay adds it back as the harness does, or its waits for lines would hang.
    const buffering = legacy || exports.size ? undefined : lineBuffering();
    const env = buffering && "env" in buffering ? buffering.env : {};
    for (const [k, v] of Object.entries(env)) exports.add(`${k}=${v}`);
    const argv = (legacy ? rest.slice(legacy[0].length) : rest.replace(/^\S+ /, "")) // the binary
      .replace(/\/\S*?\/tls-harness-pki-[^/\s]+\//g, pki)
      .replace(/\/\S*?\/tls-harness-run-[^/\s]+\/[^/\s]+\//g, "")
      .replace(/-connect 127\.0\.0\.1:\d+/, '-connect "127.0.0.1:$port"');
    const fn = role === "s_server" ? "server" : "client";
    const wrapper = legacy
      ? "stdbuf -oL -eL "
      : buffering && "wrapper" in buffering
      ? `${buffering.wrapper.join(" ")} `
      : "";
    return `${fn} ${wrapper}"$OPENSSL" ${argv}`;
  });
  return [
    "#!/bin/bash",
    "set -u",
    "umask 077",
    `OPENSSL=${JSON.stringify(openssl)}`,
    ...(exports.size ? [`export ${[...exports].join(" ")}`] : []),
    'cd "$1"',
    ...(options.pkiDir ? [] : [PKI_SCRIPT]),
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
const ms = (s: number) => `${round(s * 1000, 1)} ms`;
const mark = (ok: boolean) => (ok ? "met" : "MISSED");

/** A build needs the loader when its launch is not the openssl binary itself. */
const needsLoader = (b: OpensslBuild) => b.launch.command !== b.path;

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      reps: { type: "string" },
      quick: { type: "boolean", default: false },
      "quick-builds": { type: "string", default: "2" },
      "quick-shard": { type: "string", default: "4" },
      scenario: { type: "string", default: "scenarios/get_session/last_ticket_wins.ts" },
      "no-matrix": { type: "boolean", default: false },
      "no-growth": { type: "boolean", default: false },
      shards: { type: "string", default: "2" },
      "one-only": { type: "boolean", default: false },
    },
  });
  const quick = values.quick;
  const reps = Math.max(1, Number(values.reps ?? (quick ? 1 : 3)));
  const cores = navigator.hardwareConcurrency ?? 1;
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
    // Untimed: warms Deno's module cache and the harness's test-PKI cache (see
    // harness/pki/pki_cache.ts); bash gets a PKI made once too, timed on its own.
    await runCli(work, [scenarioFile, "--jobs", "1"]);
    const p0 = performance.now();
    const made = await run("bash", {
      args: ["-c", `set -e; umask 077; cd "$1"; ${PKI_SCRIPT}`, "bash", work],
      env: { OPENSSL: openssl },
      timeoutMs: 60_000,
    });
    const pkiS = (performance.now() - p0) / 1000;
    if (made.code !== 0) throw new Error(`making the bash side's PKI failed: ${made.stderr}`);
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
        script = replayScript(openssl, steps, { pkiDir: `${work}/pki` });
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
    const scenarioSumS = typical.report.results.reduce((a, r) => a + (r.duration_ms ?? 0), 0) /
      1000;

    // 4. The matrix, and its floor: the bare cost of each process it could not avoid, per build.
    let matrix: CliRun | undefined;
    const everyOpenssl = await resolveBuilds(["all"]);
    // --quick: the matrix of the first few OpenSSL builds, every implementation's matrix
    // estimated from one shard of it.
    const builds = quick
      ? everyOpenssl.slice(0, Math.max(1, Number(values["quick-builds"])))
      : everyOpenssl;
    const matrixArgs = quick
      ? [...builds.flatMap((b) => ["--openssl", b.id]), "--pairs", "all"]
      : ["--openssl", "all", "--pairs", "all"];
    const quickShard = Math.max(1, Number(values["quick-shard"]));
    const costs = new Map<string, BareCosts>();
    let growthRows: Awaited<ReturnType<typeof growthByBuilds>> = [];
    let shardRows: Awaited<ReturnType<typeof growthByShards>> = [];
    let everyImplementation: AllImplementationsRow | undefined;
    if (!values["no-matrix"]) {
      await log(`bare process costs of ${builds.length} build(s)…`);
      await using pki = await createTestPki({ parent: work });
      for (const b of builds) {
        costs.set(b.id, await measureBareCosts(b, pki, { reps: 2 * reps + 1, dir: work }));
      }
      await log(`matrix: run ${matrixArgs.join(" ")}…`);
      matrix = await runCli(work, matrixArgs);
      if (!values["no-growth"]) {
        const sizes = [...new Set((quick ? [1] : [1, 2, 4]).filter((k) => k < builds.length))];
        if (sizes.length) await log(`growth: matrices of ${sizes.join(", ")} build(s)…`);
        growthRows = await growthByBuilds(
          work,
          builds.map((b) => b.id),
          [...sizes, builds.length],
          new Map([[builds.length, matrix]]),
        );
        const every = ["--build", "all", "--pairs", "all"];
        const shardArgs = quick ? ["--shard", `1/${quickShard}`] : [];
        await log(
          `growth: every implementation's builds (run ${[...every, ...shardArgs].join(" ")})…`,
        );
        everyImplementation = await growthAllImplementations(work, [...every, ...shardArgs]);
        const counts = values.shards.split(",").map(Number).filter((n) => n > 1);
        await log(`growth: the matrix as ${counts.join(", ")} shard(s) at once…`);
        shardRows = await growthByShards(work, matrixArgs, counts, cores);
      }
    }
    const counts = matrix ? countProcesses(matrix.trace, builds) : undefined;
    const floor = counts ? floorSeconds(counts, costs, cores) : undefined;
    const execs = counts ? [...counts.execs.values()] : [];
    const execsPerOpenssl = execs.length
      ? execs.reduce((a, e) => a + e.execs, 0) / execs.reduce((a, e) => a + e.commands, 0)
      : null;

    const result = {
      one_scenario_ratio: round(oneRatio),
      suite_overhead_ratio: round(typical.wallS / (busy.busyS / 2)),
      parallel_speedup: round(median(j1.map((r, i) => r.wallS / j2[i].wallS))),
      matrix_wall_s: matrix ? round(matrix.wallS, 1) : null,
      matrix_floor_ratio: matrix && floor ? round(matrix.wallS / floor.floorS) : null,
      floor_s: floor ? round(floor.floorS, 1) : null,
      deno_processes: counts ? counts.denoProcesses : null,
      execs_per_openssl: execsPerOpenssl === null ? null : round(execsPerOpenssl),
      results_per_cpu_s: matrix ? round(matrix.report.results.length / matrix.cpuS) : null,
      matrix_cpu_s: matrix ? round(matrix.cpuS, 1) : null,
      cores,
      mode: quick ? "quick" : "full",
      matrix_builds: builds.length,
      harness_cpu_s: matrix ? round(matrix.selfCpuS, 1) : null,
      test_pki_s: round(pkiS, 3),
    };
    const rows: [string, string, string][] = [
      ["load average before the run", load, "other users of the machine skew every figure"],
      ["Deno start-up (cli.ts --help)", `${round(startupS, 3)} s`, ""],
      [
        "test PKI made by hand (bash, once)",
        `${round(pkiS, 3)} s`,
        "in neither side of the ratio: the harness reuses its cached PKI for a day",
      ],
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
        "one_scenario_ratio (target <= 1.2)",
        String(result.one_scenario_ratio),
        `${mark(oneRatio <= 1.2)}; median of the pairs' ratios; of the minima: ${
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
        `${mark(result.suite_overhead_ratio <= 1.15)}; wall / (busy / 2); wall / (sum / 2) ` +
        `would say ${round(typical.wallS / (busy.sumS / 2))}`,
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
      [
        "parallel_speedup (target >= 1.7 on 2 idle cores)",
        String(result.parallel_speedup),
        `${mark(result.parallel_speedup >= 1.7)}; median of the pairs' ratios; of the medians: ${
          round(j1S / j2S)
        }`,
      ],
    ];
    if (matrix && counts && floor) {
      for (const b of builds) {
        const c = costs.get(b.id);
        const n = counts.perBuild.get(b.id);
        const e = counts.execs.get(b.id);
        if (!c) continue;
        rows.push([
          `  bare costs, ${b.id}${needsLoader(b) ? " (loader)" : ""}`,
          ms(c.s_client),
          FLOOR_ROLES.map((r) => `${r} ${ms(c[r])} × ${n?.[r] ?? 0}`).join(", ") +
          (e
            ? `; execs per openssl ${round(e.execs / e.commands)} (target ${
              needsLoader(b) ? "<= 2" : "1"
            })`
            : ""),
        ]);
      }
      const total = (role: typeof FLOOR_ROLES[number]) =>
        [...counts.perBuild.values()].reduce((a, n) => a + n[role], 0);
      rows.push(
        [
          `matrix (${matrixArgs.join(" ")})`,
          `${round(matrix.wallS, 1)} s`,
          `${matrix.report.results.length} results, ${counts.total} children (` +
          FLOOR_ROLES.map((r) => `${total(r)} ${r}`).join(", ") +
          `), ${round(matrix.cpuS, 1)} s CPU, exit ${matrix.code}`,
        ],
        [
          "matrix_wall_s (target <= 60)",
          String(result.matrix_wall_s),
          quick
            ? `quick: ${builds.length} of ${everyOpenssl.length} OpenSSL builds (the target is for all)`
            : mark(matrix.wallS <= 60),
        ],
        [
          "  harness process CPU (itself, not its children)",
          `${round(matrix.selfCpuS, 1)} s`,
          `${round((matrix.selfCpuS * 1000) / (matrix.report.results.length || 1), 2)} ms per ` +
          `result; children ${round(matrix.cpuS - matrix.selfCpuS, 1)} s`,
        ],
        [
          "floor_s",
          String(result.floor_s),
          `Σ count × bare cost ÷ ${cores} cores` +
          (floor.unmeasured.length ? `; not measured: ${floor.unmeasured.join(", ")}` : ""),
        ],
        [
          "matrix_floor_ratio (target <= 1.3)",
          String(result.matrix_floor_ratio),
          mark((result.matrix_floor_ratio ?? Infinity) <= 1.3),
        ],
        [
          `deno_processes (target <= ${builds.length + 2})`,
          String(result.deno_processes),
          mark(counts.denoProcesses <= builds.length + 2),
        ],
        [
          "execs_per_openssl (target <= 2 with the loader, 1 otherwise)",
          String(result.execs_per_openssl),
          `${
            mark(
              builds.every((b) => {
                const e = counts.execs.get(b.id);
                return !e || e.execs / e.commands <= (needsLoader(b) ? 2 : 1);
              }),
            )
          }; the loader maps openssl into its own process (no second exec); a preloaded ` +
          "setsid() gives each child its session without an exec (setsid(1), one, where the " +
          "preload cannot be had; session_preload.ts)",
        ],
        ["results_per_cpu_s", String(result.results_per_cpu_s), ""],
      );
      for (const g of growthRows) {
        rows.push([
          `  growth: ${g.builds} build(s), --pairs all`,
          `${round(g.wallS, 1)} s`,
          `${g.results} results, ${round((g.wallS * 1000) / g.results, 1)} ms wall per result, ` +
          `${round(g.cpuS, 1)} s CPU`,
        ]);
      }
      if (everyImplementation) {
        const e = everyImplementation;
        const k = quick ? quickShard : 1;
        rows.push([
          `  growth: every implementation (--build all${quick ? `, shard 1/${k} × ${k}` : ""})`,
          e.wallS === undefined ? "-" : `${round(e.wallS * k, 1)} s`,
          e.wallS === undefined
            ? `not run: ${e.notRun}`
            : `${e.builds} builds, ${e.results} results${
              quick ? ` in the shard (${round(e.wallS, 1)} s)` : ""
            }, ${round((e.wallS * 1000) / (e.results || 1), 1)} ms wall per result, ${
              round(e.cpuS ?? NaN, 1)
            } s CPU; target < 600 s on 2 cores` +
              (quick ? "; an estimate, high: every shard also runs each pair's sanity check" : ""),
        ]);
      }
      for (const g of shardRows) {
        rows.push([
          `  growth: ${g.shards} shards at once`,
          `${round(g.wallS, 1)} s`,
          `speedup ${round(matrix.wallS / g.wallS)} over one process; slowest shard ${
            round(g.slowestS, 1)
          } s; CPU ${round(g.cpuS, 1)} s (${round(g.cpuS / matrix.cpuS)}× one process's); ` +
          `${g.results} results`,
        ]);
      }
    }
    const w0 = Math.max(...rows.map((r) => r[0].length));
    const w1 = Math.max(...rows.map((r) => r[1].length));
    const table = rows.map(([a, b, c]) => `${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`.trimEnd());
    const growth = {
      builds: growthRows.map((g) => ({
        builds: g.builds,
        results: g.results,
        wall_s: round(g.wallS, 1),
      })),
      all_implementations: everyImplementation?.wallS === undefined ? null : {
        builds: everyImplementation.builds,
        results: everyImplementation.results,
        wall_s: round(everyImplementation.wallS * (quick ? quickShard : 1), 1),
        ...(quick ? { estimated_from_shard: `1/${quickShard}` } : {}),
      },
      shards: shardRows.map((g) => ({
        shards: g.shards,
        wall_s: round(g.wallS, 1),
        cpu_s: round(g.cpuS, 1),
      })),
    };
    await Deno.stdout.write(
      new TextEncoder().encode(`${table.join("\n")}\n${JSON.stringify({ ...result, growth })}\n`),
    );
  } finally {
    await Deno.remove(work, { recursive: true });
  }
}

if (import.meta.main) await main();
