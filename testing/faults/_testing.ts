// Helpers shared by the fault tests: a captured CLI io, the repository's paths, and a check
// that no process carrying a test's marker is left in the process table.
import assert from "node:assert/strict";
import type { CliIo } from "../../harness/cli/mod.ts";
import { captureIo as captureCliIo } from "../cli/capture_io.ts";
import { systemBuild } from "../../harness/openssl/mod.ts";
import { processesMatching } from "./process_table.ts";

/** Scenario files of the fault tests. */
export const TESTDATA = new URL("./testdata/", import.meta.url).pathname;

/** The repository's CLI entry. */
export const CLI = new URL("../../cli.ts", import.meta.url).pathname;

/** A CLI io that keeps what is written, relative to the fault tests' scenario files. */
export function captureIo(): CliIo & { out: string; err: string } {
  return captureCliIo(TESTDATA);
}

/** The real openssl binary the fakes delegate to. */
export async function realOpenssl(): Promise<string> {
  return (await systemBuild()).path;
}

/**
 * Assert that no process whose command line holds `marker` is alive. A process can take a
 * moment to leave the table after its parent reaped it, so look again briefly before failing.
 */
export async function assertNoProcessLeft(marker: string): Promise<void> {
  let left = processesMatching(marker);
  for (let i = 0; i < 20 && left.length; i++) {
    await new Promise((r) => setTimeout(r, 50));
    left = processesMatching(marker);
  }
  assert.deepEqual(left, [], `processes left behind (marker ${marker})`);
}

/** A result of the JSON report, as the tests read it. */
export interface JsonResult {
  scenario: string;
  status: string;
  message?: string;
  client: { id: string };
  notes: string[];
  peers: { role: string; stderr: string; stdout: string }[];
}

/** The result of `scenario` on the build with id `build` (the path given to `--openssl`). */
export function resultOf(results: JsonResult[], scenario: string, build: string): JsonResult {
  const r = results.find((r) => r.scenario === scenario && r.client.id === build);
  assert.ok(r, `no result for ${scenario} on ${build}`);
  return r;
}
