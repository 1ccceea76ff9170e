import type { ChildProcess } from "../process/mod.ts";
import type { OpensslBuild } from "./build.ts";

/**
 * What a peer tells its host about a process it started, in the terms a person replays it in:
 * the build's own launch (without the harness's line-buffering additions) and the `openssl`
 * arguments, so that a result's `repro.sh` can spell the step out with plain commands.
 */
export interface PeerStep {
  /** How the build is started (its loader and library path, if any). */
  launch: OpensslBuild["launch"];
  /** The arguments after `openssl` (`s_server …`, `s_client …`). */
  args: string[];
  /**
   * How an `s_client` connection ended: "clean" (stdin closed once every ticket was read) or
   * "kill" / "term" (SIGKILL / SIGTERM, no close_notify). Absent for servers.
   */
  close?: "clean" | "kill" | "term";
}

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
  /** Called for every process started, so the host can report, reap and replay it. */
  track(child: ChildProcess, role: string, step?: PeerStep): void;
}
