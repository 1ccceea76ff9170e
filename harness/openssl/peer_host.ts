import { type ChildProcess, spawn, type SpawnOptions } from "../process/mod.ts";
import { opensslArgv, type OpensslBuild } from "./build.ts";

/** What a peer needs from its surroundings (a scenario context provides this). */
export interface PeerHost {
  /** Private working directory for session files. */
  dir: string;
  /** Test PKI paths. */
  pki: { caCert: string; cert: string; key: string; chain: string };
  /** Aborted when the scenario times out or the run is interrupted. */
  signal: AbortSignal;
  /** Per-step deadline in milliseconds. */
  stepTimeoutMs: number;
  /** Called for every process started, so the host can report and reap it. */
  track(child: ChildProcess, role: string): void;
}

/**
 * Start `openssl <args>` of a build with line-buffered output. With stdout on a pipe OpenSSL's
 * stdio is block-buffered, so lines would arrive late or out of order; `stdbuf -oL` fixes that
 * for every build (the loader-launched ones too, as stdbuf works through LD_PRELOAD).
 */
export function spawnOpenssl(
  build: OpensslBuild,
  args: string[],
  options: Omit<SpawnOptions, "args" | "env"> = {},
): ChildProcess {
  const argv = opensslArgv(build, args);
  return spawn(STDBUF, {
    ...options,
    args: ["-oL", "-eL", argv.command, ...argv.args],
    env: argv.env,
  });
}

const STDBUF = "stdbuf";
