/**
 * Test helper: a small parser for `openssl sess_id -text -noout` output (SSL_SESSION_print),
 * and a comparison of that text with a decoded session. The harness's real transcript parser
 * lives in harness/transcript/; this one only serves the codec's cross-checks.
 *
 * @module
 */
import type { SslSession } from "../../harness/session/ssl_session.ts";
import { toHex } from "./samples.ts";

/** What SSL_SESSION_print printed, by label, plus the ticket dump. */
export interface SessIdText {
  /** "Label: value" lines, label trimmed (e.g. "Protocol", "Timeout"). */
  fields: Map<string, string>;
  /** The "TLS session ticket:" hex dump, when printed. */
  ticket?: { bytes: Uint8Array; truncatedTail: boolean };
}

/** Parse SSL_SESSION_print output. Throws a SyntaxError (with the line) on a shape it does not know. */
export function parseSessIdText(text: string, file = "<sess_id output>"): SessIdText {
  const lines = text.split("\n").map((l) => l.replace(/\r$/, ""));
  const start = lines.findIndex((l) => l.trim() === "SSL-Session:");
  if (start < 0) throw new SyntaxError(`No "SSL-Session:" line in ${file}`);
  const fields = new Map<string, string>();
  let ticket: SessIdText["ticket"];
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "") continue;
    if (line.trim() === "TLS session ticket:") {
      const bytes: number[] = [];
      let truncatedTail = false;
      for (i++; i < lines.length && /^\s*[0-9a-f]{4} - /.test(lines[i]); i++) {
        const body = lines[i].slice(lines[i].indexOf(" - ") + 3);
        // BIO_dump drops trailing spaces and NULs and says so with this marker.
        if (body.startsWith("<SPACES/NULS>")) {
          truncatedTail = true;
          continue;
        }
        for (const pair of body.slice(0, 48).replace(/-/g, " ").trim().split(/\s+/)) {
          if (!/^[0-9a-f]{2}$/.test(pair)) {
            throw new SyntaxError(
              `Bad dump byte ${JSON.stringify(pair)} at line ${i + 1} of ${file}`,
            );
          }
          bytes.push(parseInt(pair, 16));
        }
      }
      i--;
      ticket = { bytes: Uint8Array.from(bytes), truncatedTail };
      continue;
    }
    const m = /^\s+([^:]+?)\s*:\s?(.*)$/.exec(line);
    if (!m) break; // the end of the SSL-Session block
    fields.set(m[1], m[2].trim());
  }
  return { fields, ticket };
}

/** Cipher names SSL_SESSION_print uses, for the suites the fixtures contain. */
export const CIPHER_IDS: Record<string, number> = {
  TLS_AES_128_GCM_SHA256: 0x1301,
  TLS_AES_256_GCM_SHA384: 0x1302,
  TLS_CHACHA20_POLY1305_SHA256: 0x1303,
  TLS_AES_128_CCM_SHA256: 0x1304,
  TLS_AES_128_CCM_8_SHA256: 0x1305,
  "ECDHE-ECDSA-AES128-GCM-SHA256": 0xc02b,
  "ECDHE-ECDSA-AES256-GCM-SHA384": 0xc02c,
  "ECDHE-RSA-AES128-GCM-SHA256": 0xc02f,
  "ECDHE-RSA-AES256-GCM-SHA384": 0xc030,
  "ECDHE-ECDSA-CHACHA20-POLY1305": 0xcca9,
  "ECDHE-RSA-CHACHA20-POLY1305": 0xcca8,
  "DHE-RSA-AES256-GCM-SHA384": 0x009f,
  "DHE-PSK-AES256-GCM-SHA384": 0x00ab,
  "DHE-PSK-AES128-GCM-SHA256": 0x00aa,
  "PSK-AES256-GCM-SHA384": 0x00a9,
  "PSK-AES128-GCM-SHA256": 0x00a8,
  "ECDHE-PSK-CHACHA20-POLY1305": 0xccac,
  "DHE-PSK-CHACHA20-POLY1305": 0xccad,
  "PSK-CHACHA20-POLY1305": 0xccab,
  "ECDHE-PSK-AES256-CBC-SHA384": 0xc038,
  "RSA-PSK-AES256-GCM-SHA384": 0x00ad,
  "AES256-GCM-SHA384": 0x009d,
  "AES128-GCM-SHA256": 0x009c,
};

const PROTOCOLS: Record<string, number> = {
  SSLv3: 0x0300,
  TLSv1: 0x0301,
  "TLSv1.1": 0x0302,
  "TLSv1.2": 0x0303,
  "TLSv1.3": 0x0304,
  DTLSv1: 0xfeff,
  "DTLSv1.2": 0xfefd,
};

/**
 * Every difference between what sess_id printed and the decoded session, as readable lines
 * (empty when they agree). Labels sess_id printed that this does not know are reported too, so
 * a new version's output cannot pass unchecked.
 */
export function compareWithSessIdText(session: SslSession, printed: SessIdText): string[] {
  const diffs: string[] = [];
  const f = printed.fields;
  const seen = new Set<string>();
  const check = (label: string, expected: string | undefined, actual: string) => {
    seen.add(label);
    if (expected === undefined) return;
    if (expected !== actual) {
      diffs.push(
        `${label}: sess_id printed ${JSON.stringify(expected)}, decoded ${JSON.stringify(actual)}`,
      );
    }
  };
  const upper = (b: Uint8Array) => toHex(b).toUpperCase();
  const protocol = f.get("Protocol");
  check(
    "Protocol",
    protocol === undefined ? undefined : String(PROTOCOLS[protocol] ?? protocol),
    String(session.protocolVersion),
  );
  const cipher = f.get("Cipher");
  if (cipher !== undefined) {
    const id = CIPHER_IDS[cipher] ??
      (/^[0-9A-F]{4}$/.test(cipher) ? parseInt(cipher, 16) : undefined);
    if (id === undefined) {
      diffs.push(`Cipher: add ${JSON.stringify(cipher)} to CIPHER_IDS in _sess_id_text.ts`);
    } else check("Cipher", id.toString(16), session.cipherId.toString(16));
  }
  check("Session-ID", f.get("Session-ID"), upper(session.sessionId));
  check("Session-ID-ctx", f.get("Session-ID-ctx"), upper(session.sessionIdContext));
  check("Master-Key", f.get("Master-Key"), upper(session.masterKey));
  check("Resumption PSK", f.get("Resumption PSK"), upper(session.masterKey));
  check("PSK identity", f.get("PSK identity"), session.pskIdentity ?? "None");
  check("PSK identity hint", f.get("PSK identity hint"), session.pskIdentityHint ?? "None");
  check("SRP username", f.get("SRP username"), session.srpUsername ?? "None");
  const hint = f.get("TLS session ticket lifetime hint");
  check(
    "TLS session ticket lifetime hint",
    hint?.replace(/ \(seconds\)$/, ""),
    String(session.ticketLifetimeHint),
  );
  if (hint === undefined && session.ticketLifetimeHint !== 0) {
    diffs.push(
      `TLS session ticket lifetime hint: not printed, decoded ${session.ticketLifetimeHint}`,
    );
  }
  check(
    "Compression",
    f.get("Compression")?.replace(/ \(.*\)$/, ""),
    String(session.compressionId ?? 0),
  );
  check("Start Time", f.get("Start Time"), String(session.time));
  check("Timeout", f.get("Timeout")?.replace(/ \(sec\)$/, ""), String(session.timeout));
  check(
    "Verify return code",
    f.get("Verify return code")?.replace(/ \(.*\)$/, ""),
    String(session.verifyResult),
  );
  check(
    "Extended master secret",
    f.get("Extended master secret"),
    (session.flags & 1) ? "yes" : "no",
  );
  check("Max Early Data", f.get("Max Early Data"), String(session.maxEarlyData));
  seen.add("Key-Arg"); // printed by old versions only, always empty
  if (f.has("Key-Arg") && f.get("Key-Arg") !== "None" && f.get("Key-Arg") !== "") {
    diffs.push(`Key-Arg: printed ${f.get("Key-Arg")}`);
  }
  for (const label of f.keys()) {
    if (!seen.has(label)) {
      diffs.push(
        `${label}: printed by sess_id but not checked (value ${JSON.stringify(f.get(label))})`,
      );
    }
  }
  const t = printed.ticket;
  if (t) {
    const s = session.ticket ?? new Uint8Array(0);
    const prefixOk = t.bytes.length <= s.length && t.bytes.every((b, i) => b === s[i]);
    const tailOk = t.truncatedTail
      ? s.subarray(t.bytes.length).every((b) => b === 0x00 || b === 0x20)
      : t.bytes.length === s.length;
    if (!prefixOk || !tailOk) {
      diffs.push(
        `TLS session ticket: sess_id dumped ${toHex(t.bytes)}${
          t.truncatedTail ? " + spaces/NULs" : ""
        }, decoded ${toHex(s)}`,
      );
    }
  } else if (session.ticket !== undefined && session.ticket.length > 0) {
    diffs.push(`TLS session ticket: not dumped, decoded ${session.ticket.length} bytes`);
  }
  return diffs;
}
