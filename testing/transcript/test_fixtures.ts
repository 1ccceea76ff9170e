/**
 * Test helper: the captured OpenSSL fixtures of `testdata/` (the project's, listed in
 * `testdata/manifest.json`) and this folder's own extra samples. Missing fixtures are an error,
 * so that the fixture tests cannot pass by finding nothing.
 *
 * @module
 */
import { toHex } from "../../harness/encoding/mod.ts";
import { FETCHABLE_LABELS } from "../../harness/openssl/mod.ts";

/** One fixture file as `testdata/manifest.json` lists it (the fields the tests use). */
export interface Fixture {
  /** Build id = folder name ("1.1.1w", "3.0.19", …). */
  build: string;
  /** Scenario name, e.g. "tls13-tickets-2". */
  scenario: string;
  /** What the file holds. */
  kind: string;
  /** 1-based client connection number; absent for the server's files. */
  connection?: number;
  /** Path relative to testdata/. */
  file: string;
  /** What the scenario asked for. */
  params: {
    protocol: "TLSv1.3" | "TLSv1.2";
    numTickets?: number;
    noTicket?: boolean;
    resumeFrom?: number;
    expectHandshake: "ok" | "fail";
    failure?: string;
    www?: boolean;
  };
}

/** The repository's `testdata/` folder. */
export const TESTDATA = new URL("../../testdata/", import.meta.url);
/** This folder's own samples (system OpenSSL 3.0.19: `-reconnect`, a whole `-www` fetch). */
export const OWN_SAMPLES = new URL("../../harness/transcript/testdata/", import.meta.url);

/** The OpenSSL release lines every fixture test must see: every line the harness can fetch. */
export const REQUIRED_LINES = FETCHABLE_LABELS;

/** Read `testdata/manifest.json`; throws when it or a required version is missing. */
export async function loadManifest(): Promise<Fixture[]> {
  let raw: string;
  try {
    raw = await Deno.readTextFile(new URL("manifest.json", TESTDATA));
  } catch (e) {
    throw new Error(
      `Fixtures missing: cannot read testdata/manifest.json (run deno run -A testdata/regenerate.ts)`,
      { cause: e },
    );
  }
  const manifest = JSON.parse(raw);
  type Params = Fixture["params"];
  const scenarios = (manifest.scenarios ?? {}) as Record<
    string,
    { server: Params; connections: Params[] }
  >;
  // What a scenario asked for sits in the manifest's `scenarios` (older manifests repeated it
  // on every file as `params`).
  const fixtures = ((manifest.fixtures ?? []) as (Omit<Fixture, "params"> & { params?: Params })[])
    .map((f): Fixture => {
      const sc = scenarios[f.scenario];
      const params = f.params ??
        (f.connection === undefined ? sc?.server : sc?.connections[f.connection - 1]);
      if (!params) {
        throw new Error(`testdata/manifest.json: no parameters for "${f.file}" (${f.scenario})`);
      }
      return { ...f, params };
    });
  const builds = new Set(fixtures.map((f) => f.build));
  for (const line of REQUIRED_LINES) {
    // "1.1.1" matches "1.1.1w", "3.0" matches "3.0.19", but "3.5" does not match "3.50".
    const re = new RegExp(`^${line.replaceAll(".", "\\.")}(?:$|\\.|[a-z])`);
    if (![...builds].some((b) => re.test(b))) {
      throw new Error(`Fixtures missing: no build of OpenSSL ${line} in testdata/manifest.json`);
    }
  }
  return fixtures;
}

/** The text of a fixture file (relative to testdata/). */
export function readFixture(file: string): Promise<string> {
  return Deno.readTextFile(new URL(file, TESTDATA));
}

/** The text of a fixture file, or `undefined` if it does not exist. */
export async function readFixtureIfAny(file: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(new URL(file, TESTDATA));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
}

/** This folder's own sample (relative to ./testdata/). */
export function readOwnSample(file: string): Promise<string> {
  return Deno.readTextFile(new URL(file, OWN_SAMPLES));
}

/** Lowercase hex of bytes, for readable assertion messages. */
export function hex(bytes: Uint8Array | undefined): string | undefined {
  return bytes && toHex(bytes);
}
