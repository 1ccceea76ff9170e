/**
 * The parts of a ClientHello or ServerHello (RFC 8446 §4.1.2–4.1.3, RFC 5246 §7.4.1) that say
 * whether a handshake resumes: the session ID, the extensions present, the version selected.
 */
export interface HelloMessage {
  /** `"client"` for a ClientHello (type 1), `"server"` for a ServerHello (type 2). */
  kind: "client" | "server";
  /** `legacy_version` (0x0303 for TLS 1.2 and 1.3). */
  legacyVersion: number;
  /** A ServerHello whose random is the HelloRetryRequest constant (RFC 8446 §4.1.3). */
  helloRetryRequest: boolean;
  /** `legacy_session_id` (empty when none was sent). */
  sessionId: Uint8Array;
  /** Extension types in the order sent (e.g. 41 = pre_shared_key, 42 = early_data). */
  extensions: number[];
  /** Extension bodies by type. */
  extensionData: Map<number, Uint8Array>;
  /**
   * The protocol: a ServerHello's `supported_versions` (0x0304 for TLS 1.3) or else its
   * `legacy_version`; the highest `supported_versions` entry of a ClientHello.
   */
  version: number;
}

/** Extension type numbers the harness reads (IANA "TLS ExtensionType Values"). */
export const EXTENSION = {
  sessionTicket: 35,
  preSharedKey: 41,
  earlyData: 42,
  supportedVersions: 43,
  pskKeyExchangeModes: 45,
} as const;

/** SHA-256("HelloRetryRequest"): the random of a HelloRetryRequest. */
const HRR_RANDOM = "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c";

/**
 * Read a ClientHello or ServerHello handshake message, header included (type byte and 3-byte
 * length), as `s_client -msg` dumps it.
 *
 * @throws {SyntaxError} when the bytes are not a whole hello (a length runs past the end, a
 * wrong type): `what` names the input in the message.
 *
 * @example
 * ```ts
 * import { parseHelloMessage } from "./hello_message.ts";
 * // A ServerHello: TLS 1.2, zero random, 1-byte session ID, cipher 0x1302, no compression,
 * // one extension (supported_versions = TLS 1.3).
 * const body = [3, 3, ...new Array(32).fill(0), 1, 7, 0x13, 0x02, 0, 0, 6, 0, 43, 0, 2, 3, 4];
 * const hello = parseHelloMessage(new Uint8Array([2, 0, 0, body.length, ...body]), "example");
 * console.log(hello.version.toString(16), hello.extensions); // "304" [ 43 ]
 * ```
 */
export function parseHelloMessage(bytes: Uint8Array, what: string): HelloMessage {
  let at = 0;
  const fail = (message: string): never => {
    throw new SyntaxError(`${what}: ${message} (at byte ${at} of ${bytes.length})`);
  };
  const take = (n: number): Uint8Array => {
    if (at + n > bytes.length) fail(`expected ${n} more byte(s)`);
    const out = bytes.subarray(at, at + n);
    at += n;
    return out;
  };
  const uint = (n: number): number => take(n).reduce((v, b) => v * 256 + b, 0);
  const type = uint(1);
  if (type !== 1 && type !== 2) fail(`not a ClientHello or ServerHello (handshake type ${type})`);
  const length = uint(3);
  if (length !== bytes.length - 4) {
    fail(`the header says ${length} byte(s), the dump holds ${bytes.length - 4}`);
  }
  const kind = type === 1 ? "client" : "server";
  const legacyVersion = uint(2);
  const random = take(32);
  const sessionId = take(uint(1)).slice();
  if (kind === "client") {
    take(uint(2)); // cipher_suites
    take(uint(1)); // compression methods
  } else {
    take(2); // cipher_suite
    take(1); // compression method
  }
  const extensions: number[] = [];
  const extensionData = new Map<number, Uint8Array>();
  if (at < bytes.length) {
    const end = uint(2) + at;
    if (end !== bytes.length) fail(`extensions end at byte ${end}, the message at ${bytes.length}`);
    while (at < end) {
      const ext = uint(2);
      extensions.push(ext);
      extensionData.set(ext, take(uint(2)).slice());
    }
  }
  const helloRetryRequest = kind === "server" &&
    Array.from(random, (b) => b.toString(16).padStart(2, "0")).join("") === HRR_RANDOM;
  const versions = extensionData.get(EXTENSION.supportedVersions);
  let version = legacyVersion;
  if (versions && kind === "server" && versions.length === 2) {
    version = versions[0] * 256 + versions[1];
  }
  if (versions && kind === "client") {
    for (let i = 1; i + 1 < versions.length; i += 2) {
      version = Math.max(version, versions[i] * 256 + versions[i + 1]);
    }
  }
  return { kind, legacyVersion, helloRetryRequest, sessionId, extensions, extensionData, version };
}
