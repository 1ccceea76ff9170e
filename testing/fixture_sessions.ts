/**
 * Test and bench support: every SSL_SESSION committed under testdata/ (session files, DER
 * files and the PEM blocks of s_server transcripts), for the codec's fixture, fuzz and
 * cross-version tests and for `deno task bench`.
 *
 * @module
 */
import { pemToDer } from "../harness/session/mod.ts";

/** The repository's testdata directory. */
export const TESTDATA = new URL("../testdata/", import.meta.url);

/** One session found under testdata/. */
export interface FixtureFile {
  /** Path relative to testdata/, plus "#n" for the n-th block of a transcript. */
  name: string;
  /** Absolute path of the file. */
  path: string;
  /** The top-level folder (the OpenSSL build it came from, e.g. "3.5.7"). */
  version: string;
  /** The DER of the session. */
  der: Uint8Array;
  /** "session-file" for a `-sess_out` file, "transcript" for a PEM block printed by s_server. */
  kind: "session-file" | "transcript" | "der";
}

/** Every PEM session block in a text (a transcript may print several), with its line. */
export function pemSessionBlocks(text: string, file: string): { line: number; der: Uint8Array }[] {
  const lines = text.split("\n");
  const out: { line: number; der: Uint8Array }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trimEnd() !== "-----BEGIN SSL SESSION PARAMETERS-----") continue;
    let j = i + 1;
    while (j < lines.length && lines[j].trimEnd() !== "-----END SSL SESSION PARAMETERS-----") j++;
    const block = lines.slice(i, j + 1).join("\n");
    out.push({
      line: i + 1,
      der: pemToDer(block, { file: `${file} (block at line ${i + 1})` }).der,
    });
    i = j;
  }
  return out;
}

/**
 * Every session under testdata/: `*.sess.pem` / `*.pem` session files, `*.der` files, and the
 * PEM blocks s_server prints into its stdout transcripts, sorted by name. Returns [] when there
 * are none; callers decide whether that is a failure.
 */
export async function findFixtureSessions(root: URL = TESTDATA): Promise<FixtureFile[]> {
  const out: FixtureFile[] = [];
  const rootPath = decodeURIComponent(root.pathname).replace(/\/$/, "");
  const walk = async (dir: string) => {
    let entries: Deno.DirEntry[];
    try {
      entries = await Array.fromAsync(Deno.readDir(dir));
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return;
      throw e;
    }
    for (const e of entries) {
      const path = `${dir}/${e.name}`;
      if (e.isDirectory) {
        await walk(path);
        continue;
      }
      if (!e.isFile) continue;
      const name = path.slice(rootPath.length + 1);
      const version = name.split("/")[0];
      if (/\.der$/i.test(e.name)) {
        out.push({ name, path, version, der: await Deno.readFile(path), kind: "der" });
        continue;
      }
      if (!/\.(pem|txt)$/i.test(e.name) || (await Deno.stat(path)).size > 1_000_000) continue;
      const text = await Deno.readTextFile(path);
      const blocks = pemSessionBlocks(text, name);
      if (/\.pem$/i.test(e.name)) {
        for (const b of blocks) out.push({ name, path, version, der: b.der, kind: "session-file" });
      } else {
        blocks.forEach((b, n) =>
          out.push({ name: `${name}#${n + 1}`, path, version, der: b.der, kind: "transcript" })
        );
      }
    }
  };
  await walk(rootPath);
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
