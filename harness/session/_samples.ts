/**
 * Test helpers: synthetic sessions with every field set, hex helpers, and the fixture walk
 * shared by the tests, the fuzz test and the benchmark. Not exported from mod.ts.
 *
 * @module
 */
import { concatBytes, encodeElement, TagClass, UniversalTag } from "./der.ts";
import { createSession, type SslSession } from "./ssl_session.ts";
import { pemToDer } from "./session_pem.ts";

/** Bytes from a hex string (spaces, colons and dashes ignored). */
export function hex(text: string): Uint8Array {
  const clean = text.replace(/[\s:-]/g, "");
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) {
    throw new TypeError(`Not a hex string: ${JSON.stringify(text.slice(0, 40))}`);
  }
  return Uint8Array.from(
    { length: clean.length / 2 },
    (_, i) => parseInt(clean.slice(2 * i, 2 * i + 2), 16),
  );
}

export { toHex } from "../encoding/mod.ts";

const seq = (...children: Uint8Array[]) =>
  encodeElement({
    tagClass: TagClass.universal,
    constructed: true,
    tagNumber: UniversalTag.sequence,
  }, concatBytes(children));
const prim = (tagNumber: number, content: Uint8Array) =>
  encodeElement({ tagClass: TagClass.universal, constructed: false, tagNumber }, content);

/** Something certificate-shaped: SEQUENCE { SEQUENCE {INTEGER}, SEQUENCE {OID}, BIT STRING }. */
export const FAKE_CERTIFICATE: Uint8Array = seq(
  seq(prim(UniversalTag.integer, Uint8Array.of(2))),
  seq(prim(0x06, hex("2a8648ce3d040302"))),
  prim(UniversalTag.bitString, hex("00 01 02 03")),
);

/** A SubjectPublicKeyInfo shape: SEQUENCE { SEQUENCE { OID }, BIT STRING }. */
export const FAKE_SPKI: Uint8Array = seq(
  seq(prim(0x06, hex("2b656e"))),
  prim(UniversalTag.bitString, hex("00 11 22 33")),
);

/** A session with every known field set plus two unknown ones ([21] and the high tag [40]). */
export function fullSession(): SslSession {
  return createSession({
    protocolVersion: 0x0304,
    cipherId: 0x1302,
    sessionId: hex("01".repeat(32)),
    masterKey: hex("02".repeat(48)),
    keyArg: hex("0304"),
    time: 1_700_000_000,
    timeout: 7200,
    peerCertificate: FAKE_CERTIFICATE,
    sessionIdContext: hex("0a0b0c"),
    verifyResult: 18,
    hostname: "localhost",
    pskIdentityHint: "hint",
    pskIdentity: "identity",
    ticketLifetimeHint: 7200,
    ticket: hex("aa".repeat(100)),
    compressionId: 1,
    srpUsername: "user",
    flags: 1,
    ticketAgeAdd: 0xfedcba98,
    maxEarlyData: 16384,
    alpnSelected: new TextEncoder().encode("h2"),
    maxFragmentLength: 2,
    ticketAppdata: hex("beef"),
    kexGroup: 0x1d,
    peerRpk: FAKE_SPKI,
    unknownFields: [
      {
        tag: 21,
        bytes: encodeElement(
          { tagClass: TagClass.context, constructed: true, tagNumber: 21 },
          prim(UniversalTag.integer, Uint8Array.of(5)),
        ),
      },
      {
        tag: 40,
        bytes: encodeElement(
          { tagClass: TagClass.context, constructed: false, tagNumber: 40 },
          hex("0102"),
        ),
      },
    ],
  });
}

/** The repository's testdata directory. */
export const TESTDATA = new URL("../../testdata/", import.meta.url);

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
