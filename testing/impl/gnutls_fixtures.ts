/**
 * Test helpers: the captured GnuTLS transcripts under `testdata/gnutls/<version>/` and the
 * fetched builds, for the tests beside each file.
 *
 * @module
 */
import { fetchedGnutls, GNUTLS_LABELS, type GnutlsBuild } from "../../harness/impl/gnutls/fetch.ts";

const TESTDATA = new URL("../../testdata/gnutls/", import.meta.url);

/** The versions with captured fixtures (every fetchable label). */
export const FIXTURE_VERSIONS = GNUTLS_LABELS;

/** The text of `testdata/gnutls/<version>/<name>`. */
export function fixture(version: string, name: string): string {
  return Deno.readTextFileSync(new URL(`${version}/${name}`, TESTDATA));
}

/** The path of a fixture, for error messages. */
export function fixturePath(version: string, name: string): string {
  return `testdata/gnutls/${version}/${name}`;
}

/** The harness cache folder the tests read builds from (same rule as the CLI's default). */
export function testCacheDir(): string {
  const explicit = Deno.env.get("TLS_HARNESS_CACHE");
  if (explicit) return explicit;
  const xdg = Deno.env.get("XDG_CACHE_HOME");
  if (xdg) return `${xdg}/tls-session-harness`;
  return `${Deno.env.get("HOME")}/.cache/tls-session-harness`;
}

/** The fetched GnuTLS builds; empty (and a hint printed once) when none was fetched. */
export async function fetchedBuilds(): Promise<GnutlsBuild[]> {
  const builds = await fetchedGnutls(testCacheDir());
  if (builds.length === 0 && !warned) {
    warned = true;
    // deno-lint-ignore no-console
    console.warn(
      `No GnuTLS build in "${testCacheDir()}/builds": live GnuTLS tests are skipped. Fetch with ` +
        `fetchGnutls(GNUTLS_LABELS, { cacheDir }) from harness/impl/gnutls/mod.ts.`,
    );
  }
  return builds;
}
let warned = false;
