/**
 * The floor of a run: the processes it cannot avoid (an `s_client` per connection, an
 * `s_server` per server, a `sess_id` per file read by a build, an FFI driver per build), each at
 * its bare cost (measured here, per build, with nothing around it), divided by the cores. How
 * far a matrix is above its floor is what the harness itself costs.
 *
 * The trace functions are pure (argv in, classification out); {@linkcode measureBareCosts}
 * starts the bare processes through harness/process.
 *
 * @example
 * ```ts ignore
 * const costs = await measureBareCosts(build, pki, { reps: 5 });
 * const counts = countProcesses(trace, builds);
 * console.log(floorSeconds(counts, new Map([[build.id, costs]]), 2));
 * ```
 * @module
 */
import { run, spawn } from "../harness/process/mod.ts";
import {
  opensslArgv,
  type OpensslBuild,
  sClientArgs,
  sServerArgs,
} from "../harness/openssl/mod.ts";
import { FfiDriver, ffiLibraries } from "../harness/ffi/mod.ts";

/** The processes a run cannot avoid. */
export const FLOOR_ROLES = ["s_client", "s_server", "sess_id", "ffi_driver"] as const;
/** One of {@linkcode FLOOR_ROLES}. */
export type FloorRole = typeof FLOOR_ROLES[number];

/** One child process as the spawn module's trace records it (`TLS_HARNESS_TRACE`). */
export interface TraceLine {
  /** The exec'd argv. */
  argv: string[];
  /** Its working directory (a scenario's private dir). */
  cwd?: string;
  /** Start, ms since the epoch. */
  start_ms: number;
  /** Lifetime in ms. */
  duration_ms: number;
}

const base = (p: string) => p.slice(p.lastIndexOf("/") + 1);

/**
 * How many programs are exec'd, one after the other, to run this argv: a wrapper that execs the
 * rest counts one (`sh -c '… exec "$@"' sh …`, `stdbuf -oL …`, `env A=B …`, `setsid …`), then the program
 * itself. A dynamic loader run as a program (`ld-linux-x86-64.so.2 --library-path … openssl`)
 * maps the program into its own process: no second exec.
 *
 * @example
 * ```ts
 * import { execsOf } from "./floor.ts";
 * console.log(execsOf(["sh", "-c", 'umask 077 && exec "$@"', "sh", "stdbuf", "-oL", "openssl"])); // 3
 * ```
 */
export function execsOf(argv: readonly string[]): number {
  let i = 0;
  let n = 0;
  while (i < argv.length) {
    const program = base(argv[i]);
    n++;
    if ((program === "sh" || program === "bash") && argv[i + 1] === "-c") {
      i += 4; // sh -c SCRIPT $0, then the program the script execs
    } else if (program === "setsid") {
      i++; // setsid(1): a session of its own, then exec of the rest
      while (i < argv.length && argv[i].startsWith("-")) i++;
    } else if (program === "stdbuf" || program === "env") {
      i++;
      while (
        i < argv.length && (argv[i].startsWith("-") || (program === "env" && argv[i].includes("=")))
      ) i++;
    } else break;
  }
  return n;
}

/** What one traced child was, as far as the floor goes. */
export interface Classified {
  /** The build it ran (its id). */
  build: string;
  /** Its role. */
  role: FloorRole;
  /** Programs exec'd to run it ({@linkcode execsOf}). */
  execs: number;
}

/**
 * Which build and floor role a traced child was: an openssl command of a build (its binary in
 * the argv, then `s_client`, `s_server` or `sess_id`), or an FFI driver (`driver.ts` with
 * `--libssl` of a build). Undefined for anything else (PKI generation, probes, other children).
 */
export function classify(
  argv: readonly string[],
  builds: readonly OpensslBuild[],
): Classified | undefined {
  const driver = argv.findIndex((a) => a.endsWith("/driver.ts"));
  if (driver >= 0) {
    const libssl = argv[argv.indexOf("--libssl", driver) + 1];
    const build = builds.find((b) => ffiLibraries(b).libssl === libssl);
    return build && { build: build.id, role: "ffi_driver", execs: execsOf(argv) };
  }
  const at = argv.findIndex((a) => builds.some((b) => b.path === a));
  if (at < 0) return undefined;
  const build = builds.find((b) => b.path === argv[at])!;
  const role = argv[at + 1];
  if (role !== "s_client" && role !== "s_server" && role !== "sess_id") return undefined;
  return { build: build.id, role, execs: execsOf(argv) };
}

/** Per build: processes of each role, and the execs of its openssl commands. */
export interface ProcessCounts {
  /** Per build id: count per role. */
  perBuild: Map<string, Record<FloorRole, number>>;
  /** Per build id: openssl commands and the programs exec'd for them. */
  execs: Map<string, { commands: number; execs: number }>;
  /** Children that were Deno processes (the `deno` binary in their argv). */
  denoProcesses: number;
  /** Every child. */
  total: number;
}

/** Count a trace's children by build and role. */
export function countProcesses(
  trace: readonly TraceLine[],
  builds: readonly OpensslBuild[],
  denoPath: string = Deno.execPath(),
): ProcessCounts {
  const perBuild = new Map<string, Record<FloorRole, number>>();
  const execs = new Map<string, { commands: number; execs: number }>();
  let denoProcesses = 0;
  for (const t of trace) {
    if (t.argv.some((a) => a === denoPath || base(a) === "deno")) denoProcesses++;
    const c = classify(t.argv, builds);
    if (!c) continue;
    const counts = perBuild.get(c.build) ??
      { s_client: 0, s_server: 0, sess_id: 0, ffi_driver: 0 };
    counts[c.role]++;
    perBuild.set(c.build, counts);
    if (c.role !== "ffi_driver") {
      const e = execs.get(c.build) ?? { commands: 0, execs: 0 };
      e.commands++;
      e.execs += c.execs;
      execs.set(c.build, e);
    }
  }
  return { perBuild, execs, denoProcesses, total: trace.length };
}

/** Seconds per process of each role, for one build. */
export type BareCosts = Record<FloorRole, number>;

/**
 * `Σ count × bare cost ÷ cores` over builds and roles: the wall time of a run that did nothing
 * but start the processes it cannot avoid, on every core at once. Every `s_client`, `s_server`
 * and `sess_id` the run started counts; FFI drivers count once per build whatever the run
 * started (one per build is all a run needs, so more is the harness's cost, not the floor).
 * Builds without measured costs are left out (and listed).
 */
export function floorSeconds(
  counts: ProcessCounts,
  costs: ReadonlyMap<string, BareCosts>,
  cores: number,
): { floorS: number; unmeasured: string[] } {
  let sum = 0;
  const unmeasured: string[] = [];
  for (const [build, perRole] of counts.perBuild) {
    const cost = costs.get(build);
    if (!cost) {
      unmeasured.push(build);
      continue;
    }
    for (const role of FLOOR_ROLES) {
      sum += (role === "ffi_driver" ? Math.min(1, perRole[role]) : perRole[role]) * cost[role];
    }
  }
  return { floorS: sum / Math.max(1, cores), unmeasured };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Options for {@linkcode measureBareCosts}. */
export interface BareCostOptions {
  /** Repetitions per role (the median is kept). @default {5} */
  reps?: number;
  /** A private directory for the session file. */
  dir: string;
  /** Aborting stops the measurements. */
  signal?: AbortSignal;
}

/**
 * The bare cost of each floor role for one build, in seconds (medians of `reps`): an `s_server`
 * from spawn to its `ACCEPT` line; an `s_client` handshake against that running server (stdin at
 * EOF: it connects, handshakes and exits); a `sess_id -text -noout` of a session file; an FFI
 * driver from spawn to its hello. Each is the build's own launch (its loader, when it needs one)
 * and nothing else: no line buffering, no wrapper, no session of its own (`ownSession: false`:
 * spawned as a shell would). The FFI driver is started as a run starts it.
 */
export async function measureBareCosts(
  build: OpensslBuild,
  pki: { cert: string; key: string; caCert: string },
  options: BareCostOptions,
): Promise<BareCosts> {
  const reps = Math.max(1, options.reps ?? 5);
  const signal = options.signal;
  const server = opensslArgv(build, sServerArgs({}, pki));
  const starts: number[] = [];
  let port = 0;
  let live: ReturnType<typeof spawn> | undefined;
  try {
    for (let i = 0; i < reps; i++) {
      await live?.kill();
      const t0 = performance.now();
      live = spawn(server.command, {
        args: server.args,
        env: server.env,
        stdin: true,
        signal,
        ownSession: false,
      });
      const line = await live.waitForLine(/^ACCEPT\s+\S*:\d+\s*$/, { timeoutMs: 10_000, signal });
      starts.push((performance.now() - t0) / 1000);
      port = Number(/:(\d+)\s*$/.exec(line)![1]);
    }
    const client = (extra: string[] = []) =>
      opensslArgv(build, [...sClientArgs({}, { port, caFile: pki.caCert }), ...extra]);
    const sessionFile = `${options.dir}/bare-${build.id.replace(/[^\w.-]/g, "_")}.pem`;
    const keep = client(["-tls1_2", "-sess_out", sessionFile]);
    await run(keep.command, {
      args: keep.args,
      env: keep.env,
      input: "",
      timeoutMs: 10_000,
      signal,
      ownSession: false,
    });
    const handshakes: number[] = [];
    const plain = client();
    for (let i = 0; i < reps; i++) {
      const t0 = performance.now();
      const r = await run(plain.command, {
        args: plain.args,
        env: plain.env,
        input: "",
        timeoutMs: 10_000,
        signal,
        ownSession: false,
      });
      handshakes.push((performance.now() - t0) / 1000);
      if (!/^(New|Reused), /m.test(r.stdout)) {
        throw new Error(`Bare s_client of "${build.id}" did not handshake: ${r.stderr.trim()}`);
      }
    }
    const sessId = opensslArgv(build, ["sess_id", "-in", sessionFile, "-text", "-noout"]);
    const reads: number[] = [];
    for (let i = 0; i < reps; i++) {
      const t0 = performance.now();
      const r = await run(sessId.command, {
        args: sessId.args,
        env: sessId.env,
        timeoutMs: 10_000,
        signal,
        ownSession: false,
      });
      reads.push((performance.now() - t0) / 1000);
      if (r.code !== 0) throw new Error(`Bare sess_id of "${build.id}" failed: ${r.stderr.trim()}`);
    }
    const drivers: number[] = [];
    for (let i = 0; i < Math.max(1, Math.ceil(reps / 2)); i++) {
      await using driver = await FfiDriver.start(build, { signal });
      drivers.push(driver.startMs / 1000);
    }
    return {
      s_server: median(starts),
      s_client: median(handshakes),
      sess_id: median(reads),
      ffi_driver: median(drivers),
    };
  } finally {
    await live?.kill();
  }
}
