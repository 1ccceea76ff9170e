import type { ChildProcess } from "../process/mod.ts";

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
