import { checkInputSize } from "../encoding/mod.ts";
import { decodeHexDump, type DumpLine } from "./_hex_dump.ts";
import { decodeHex, quote, splitLines, syntaxError, type Where } from "./_syntax_error.ts";

/**
 * One `SSL-Session:` block as `SSL_SESSION_print` writes it (in `s_client` transcripts, in
 * `s_server -www` pages and from `openssl sess_id -text -noout`).
 *
 * Byte fields are `Uint8Array`s decoded from the printed hex. Optional fields are `undefined`
 * when the line is absent: OpenSSL leaves out the ticket lines when there is no ticket, the
 * start time and timeout when they are zero, and `Max Early Data` outside TLS 1.3.
 */
export interface SessionBlock {
  /** 1-based line number of the `SSL-Session:` line in the parsed text. */
  line: number;
  /** `Protocol  :`, e.g. `"TLSv1.3"`. */
  protocol: string;
  /**
   * `Cipher    :`, e.g. `"TLS_AES_256_GCM_SHA384"`; OpenSSL prints the cipher's id in hex
   * (`"0000"`, `"1302"`) when the session has no cipher object (a failed handshake).
   */
  cipher: string;
  /** `Session-ID:`; empty when the line is empty. */
  sessionId: Uint8Array;
  /** `Session-ID-ctx:`; empty when the line is empty. */
  sessionIdContext: Uint8Array;
  /** `Master-Key:` (printed for sessions before TLS 1.3); `undefined` when that line is absent. */
  masterKey?: Uint8Array;
  /** `Resumption PSK:` (printed instead of `Master-Key:` for TLS 1.3 sessions). */
  resumptionPsk?: Uint8Array;
  /** `PSK identity:`; `undefined` for `None` or an absent line (OpenSSL built without PSK). */
  pskIdentity?: string;
  /** `PSK identity hint:`; `undefined` for `None` or an absent line. */
  pskIdentityHint?: string;
  /** `SRP username:`; `undefined` for `None` or an absent line (OpenSSL built without SRP). */
  srpUsername?: string;
  /** `TLS session ticket lifetime hint: 7200 (seconds)` in seconds; absent when zero. */
  ticketLifetimeHint?: number;
  /** The `TLS session ticket:` hex dump; `undefined` when the session holds no ticket. */
  ticket?: Uint8Array;
  /** `Compression:` text such as `"1 (zlib compression)"`; absent when no compression. */
  compression?: string;
  /**
   * `Start Time:` in seconds since the Unix epoch (every version so far prints the number; a
   * date in `"Mmm dd hh:mm:ss yyyy GMT"` or ISO 8601 form is accepted too). Absent when zero.
   */
  startTime?: number;
  /** `Timeout   : 7200 (sec)` in seconds; absent when zero. */
  timeout?: number;
  /** The number of `Verify return code: 0 (ok)`. */
  verifyReturnCode: number;
  /** The text of `Verify return code: 0 (ok)`, here `"ok"`. */
  verifyReturnText: string;
  /** `Extended master secret: yes|no`; `undefined` when absent (before OpenSSL 1.1.0). */
  extendedMasterSecret?: boolean;
  /** `Max Early Data:` (TLS 1.3 sessions only). */
  maxEarlyData?: number;
  /** `ALPN protocol:` inside the block, should a version print one. */
  alpn?: string;
  /** Lines of the block that no field above describes, trimmed, in order (for diagnostics). */
  unknownLines: string[];
}

/** Options for {@linkcode parseSessionBlock}. */
export interface ParseSessionBlockOptions {
  /** File name used in error messages. @default {"<session block>"} */
  file?: string;
  /** Line number of the text's first line, so that errors point into a larger file. @default {1} */
  firstLine?: number;
  /** Longest input accepted, in bytes: anything longer is refused at once. @default {1048576} */
  maxBytes?: number;
}

/** A block found in a list of lines, and the index of the first line after it. */
export interface BlockRead {
  /** The parsed block. */
  block: SessionBlock;
  /** Index (0-based, into the lines given) of the first line that is not part of the block. */
  end: number;
}

type Key =
  | "protocol"
  | "cipher"
  | "session-id"
  | "session-id-ctx"
  | "master-key"
  | "resumption psk"
  | "psk identity"
  | "psk identity hint"
  | "srp username"
  | "tls session ticket lifetime hint"
  | "tls session ticket"
  | "compression"
  | "start time"
  | "timeout"
  | "verify return code"
  | "extended master secret"
  | "max early data"
  | "alpn protocol";

const KEYS: ReadonlySet<string> = new Set<Key>([
  "protocol",
  "cipher",
  "session-id",
  "session-id-ctx",
  "master-key",
  "resumption psk",
  "psk identity",
  "psk identity hint",
  "srp username",
  "tls session ticket lifetime hint",
  "tls session ticket",
  "compression",
  "start time",
  "timeout",
  "verify return code",
  "extended master secret",
  "max early data",
  "alpn protocol",
]);

/** `Key  : value` with the key normalised (lowercase, single spaces); `undefined` if no colon. */
function keyValue(trimmed: string): { key: string; value: string } | undefined {
  const colon = trimmed.indexOf(":");
  if (colon <= 0) return undefined;
  const key = trimmed.slice(0, colon).trim().replace(/\s+/g, " ").toLowerCase();
  return { key, value: trimmed.slice(colon + 1).trim() };
}

function knownKey(trimmed: string): Key | undefined {
  const kv = keyValue(trimmed);
  return kv && KEYS.has(kv.key) ? kv.key as Key : undefined;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Seconds since the epoch from `Start Time:`'s value, or `undefined` if it is no known form. */
function parseStartTime(value: string): number | undefined {
  const n = /^(-?\d{1,16})(?:\s|$)/.exec(value);
  if (n) return Number(n[1]);
  // ASN1_TIME_print style: "Nov 21 22:06:07 2026 GMT".
  const d = /^([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d+)? (\d{4})(?: GMT)?$/.exec(
    value,
  );
  if (d) {
    const month = MONTHS.indexOf(d[1]);
    if (month < 0) return undefined;
    return Date.UTC(+d[6], month, +d[2], +d[3], +d[4], +d[5]) / 1000;
  }
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})$/.exec(value);
  if (iso) {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return Math.floor(ms / 1000);
  }
  return undefined;
}

/**
 * Read the `SSL-Session:` block that starts at `lines[start]`. The block is that line plus the
 * lines after it that are indented, blank, or a known block line (so that text whose
 * indentation was stripped still parses); the first other line ends it.
 *
 * @param lines all lines of the text
 * @param start index of the `SSL-Session:` line
 * @param file file name for errors
 * @param firstLine line number of `lines[0]`
 *
 * @example
 * ```ts
 * import { readSessionBlock } from "./session_block.ts";
 * const lines = ["---", "SSL-Session:", "    Protocol  : TLSv1.2", "    Cipher    : AES128-SHA",
 *   "    Session-ID: ", "    Verify return code: 0 (ok)", "---"];
 * const { block, end } = readSessionBlock(lines, 1, "x.txt");
 * console.log(block.line, end); // 2 6
 * ```
 */
export function readSessionBlock(
  lines: readonly string[],
  start: number,
  file: string,
  firstLine = 1,
): BlockRead {
  const at = (i: number): Where => ({ file, line: firstLine + i });
  const header = lines[start]?.trim();
  if (header !== "SSL-Session:") {
    throw syntaxError(at(start), `expected "SSL-Session:", found ${quote(header ?? "")}`);
  }
  const seen = new Map<Key, number>();
  const values = new Map<Key, string>();
  const unknownLines: string[] = [];
  let dump: DumpLine[] | undefined;
  let dumping = false;
  // A block whose first field is not indented had its indentation stripped (by an editor or a
  // normaliser); then known field lines, not indentation, say where it goes on.
  const stripped = !/^\s/.test(lines[start + 1] ?? "");
  let i = start + 1;
  for (; i < lines.length; i++) {
    const raw = lines[i];
    const trimmed = raw.trim();
    const key = trimmed === "" ? undefined : knownKey(trimmed);
    if (dumping) {
      // Inside the ticket dump everything up to a blank line or the next field is a dump row,
      // so that a damaged row is reported instead of silently shortening the ticket.
      if (trimmed !== "" && key === undefined) {
        dump!.push({ text: raw, line: firstLine + i });
        continue;
      }
      dumping = false;
    }
    if (trimmed === "") continue;
    const indented = /^\s/.test(raw);
    if (!indented && !(stripped && key !== undefined)) break;
    if (key === undefined) {
      unknownLines.push(trimmed);
      continue;
    }
    if (seen.has(key)) {
      throw syntaxError(
        at(i),
        `duplicate ${
          quote(trimmed.split(":")[0].trim())
        } line in the SSL-Session block (first at line ${firstLine + seen.get(key)!})`,
      );
    }
    seen.set(key, i);
    values.set(key, keyValue(trimmed)!.value);
    if (key === "tls session ticket") {
      dump = [];
      dumping = true;
    }
  }
  // Blank lines at the end belong to whatever follows.
  let end = i;
  while (end > start + 1 && lines[end - 1].trim() === "") end--;

  const need = (key: Key, label: string): string => {
    const v = values.get(key);
    if (v === undefined) {
      throw syntaxError(
        at(start),
        `expected a ${JSON.stringify(label)} line in the SSL-Session block`,
      );
    }
    return v;
  };
  const hex = (key: Key, label: string): Uint8Array | undefined => {
    const v = values.get(key);
    if (v === undefined) return undefined;
    const bytes = decodeHex(v);
    if (!bytes) {
      throw syntaxError(
        at(seen.get(key)!),
        `expected hex digits after ${JSON.stringify(label)}, found ${quote(v)}`,
      );
    }
    return bytes;
  };
  const int = (key: Key, label: string, pattern: RegExp, form: string): number | undefined => {
    const v = values.get(key);
    if (v === undefined) return undefined;
    const m = pattern.exec(v);
    if (!m) {
      throw syntaxError(
        at(seen.get(key)!),
        `expected ${JSON.stringify(`${label} ${form}`)}, found ${quote(v)}`,
      );
    }
    return Number(m[1]);
  };
  const name = (key: Key): string | undefined => {
    const v = values.get(key);
    return v === undefined || v === "None" ? undefined : v;
  };

  const protocol = need("protocol", "Protocol  :");
  const cipher = need("cipher", "Cipher    :");
  need("session-id", "Session-ID:");
  const verify = need("verify return code", "Verify return code:");
  const vm = /^(-?\d{1,10}) \((.*)\)$/.exec(verify);
  if (!vm) {
    throw syntaxError(
      at(seen.get("verify return code")!),
      `expected "Verify return code: <number> (<text>)", found ${quote(verify)}`,
    );
  }
  let startTime: number | undefined;
  const startText = values.get("start time");
  if (startText !== undefined) {
    startTime = parseStartTime(startText);
    if (startTime === undefined) {
      throw syntaxError(
        at(seen.get("start time")!),
        `expected "Start Time: <seconds since the epoch>", found ${quote(startText)}`,
      );
    }
  }
  let extendedMasterSecret: boolean | undefined;
  const ems = values.get("extended master secret");
  if (ems !== undefined) {
    if (ems !== "yes" && ems !== "no") {
      throw syntaxError(
        at(seen.get("extended master secret")!),
        `expected "Extended master secret: yes" or "no", found ${quote(ems)}`,
      );
    }
    extendedMasterSecret = ems === "yes";
  }
  if (values.get("tls session ticket") !== undefined && values.get("tls session ticket") !== "") {
    throw syntaxError(
      at(seen.get("tls session ticket")!),
      `expected nothing after "TLS session ticket:" (the dump follows on the next lines)`,
    );
  }

  const block: SessionBlock = {
    line: firstLine + start,
    protocol,
    cipher,
    sessionId: hex("session-id", "Session-ID:")!,
    sessionIdContext: hex("session-id-ctx", "Session-ID-ctx:") ?? new Uint8Array(0),
    masterKey: hex("master-key", "Master-Key:"),
    resumptionPsk: hex("resumption psk", "Resumption PSK:"),
    pskIdentity: name("psk identity"),
    pskIdentityHint: name("psk identity hint"),
    srpUsername: name("srp username"),
    ticketLifetimeHint: int(
      "tls session ticket lifetime hint",
      "TLS session ticket lifetime hint:",
      /^(\d{1,12}) \(seconds\)$/,
      "<number> (seconds)",
    ),
    ticket: dump ? decodeHexDump(dump, file) : undefined,
    compression: values.get("compression"),
    startTime,
    timeout: int(
      "timeout",
      "Timeout   :",
      /^(-?\d{1,16})(?: ?\((?:sec|seconds)\))?$/,
      "<number> (sec)",
    ),
    verifyReturnCode: Number(vm[1]),
    verifyReturnText: vm[2],
    extendedMasterSecret,
    maxEarlyData: int("max early data", "Max Early Data:", /^(\d{1,10})$/, "<number>"),
    alpn: values.get("alpn protocol"),
    unknownLines,
  };
  // Keep the object free of keys whose value is undefined, so that it prints and compares cleanly.
  for (const k of Object.keys(block) as (keyof SessionBlock)[]) {
    if (block[k] === undefined) delete block[k];
  }
  return { block, end };
}

/**
 * Parse one `SSL-Session:` block: the output of `openssl sess_id -text -noout`, or any text
 * holding such a block (the first one is read; text before it is skipped).
 *
 * @throws {SyntaxError} when the text is empty, holds no `SSL-Session:` line, or the block is
 * malformed (a required line missing, bad hex, a damaged ticket dump); the message names the
 * file and line.
 *
 * @example
 * ```ts
 * import { parseSessionBlock } from "./mod.ts";
 * const block = parseSessionBlock([
 *   "SSL-Session:",
 *   "    Protocol  : TLSv1.3",
 *   "    Cipher    : TLS_AES_256_GCM_SHA384",
 *   "    Session-ID: 0A0B",
 *   "    Session-ID-ctx: ",
 *   "    Resumption PSK: 0102",
 *   "    TLS session ticket lifetime hint: 7200 (seconds)",
 *   "    TLS session ticket:",
 *   "    0000 - 4d 9b                                             M.",
 *   "",
 *   "    Start Time: 1700000000",
 *   "    Timeout   : 7200 (sec)",
 *   "    Verify return code: 0 (ok)",
 *   "    Extended master secret: no",
 *   "    Max Early Data: 0",
 * ].join("\n"), { file: "sess.txt" });
 * console.log(block.protocol, block.ticket); // "TLSv1.3" Uint8Array(2) [ 77, 155 ]
 * ```
 */
export function parseSessionBlock(
  text: string,
  options: ParseSessionBlockOptions = {},
): SessionBlock {
  const file = options.file ?? "<session block>";
  const firstLine = options.firstLine ?? 1;
  checkInputSize(text.length, file, options.maxBytes);
  if (text.trim() === "") {
    throw syntaxError({ file, line: firstLine }, "empty input: expected an SSL-Session block");
  }
  const lines = splitLines(text);
  const start = lines.findIndex((l) => l.trim() === "SSL-Session:");
  if (start < 0) {
    throw syntaxError({ file, line: firstLine }, `expected an "SSL-Session:" line`);
  }
  return readSessionBlock(lines, start, file, firstLine).block;
}
