import { checkInputSize } from "../encoding/mod.ts";
import { readSessionBlock, type SessionBlock } from "./session_block.ts";
import { splitLines, syntaxError } from "./_syntax_error.ts";
import type { SecureRenegotiation } from "./client_transcript.ts";

/**
 * The session cache statistics an `s_server -www` page prints (`SSL_CTX_sess_*` counters), one
 * per line such as `   1 session cache hits`. A counter is `undefined` when its line is absent.
 */
export interface SessionCacheStats {
  /** `N items in the session cache`. */
  items?: number;
  /** `N client connects (SSL_connect())`. */
  clientConnects?: number;
  /** `N client renegotiates (SSL_connect())`. */
  clientRenegotiates?: number;
  /** `N client connects that finished`. */
  clientConnectsFinished?: number;
  /** `N server accepts (SSL_accept())`. */
  serverAccepts?: number;
  /** `N server renegotiates (SSL_accept())`. */
  serverRenegotiates?: number;
  /** `N server accepts that finished`. */
  serverAcceptsFinished?: number;
  /** `N session cache hits`. */
  hits?: number;
  /** `N session cache misses`. */
  misses?: number;
  /** `N session cache timeouts`. */
  timeouts?: number;
  /** `N callback cache hits`. */
  callbackHits?: number;
  /** `N cache full overflows (M allowed)`: N. */
  cacheFullOverflows?: number;
  /** `N cache full overflows (M allowed)`: M, the cache size. */
  cacheSize?: number;
}

/** A parsed `s_server -www` page. */
export interface ServerPage {
  /** The HTTP status line, e.g. `"HTTP/1.0 200 ok"`; absent when the text starts later. */
  status?: string;
  /** The echoed command line (`s_server -accept … -www`), if printed. */
  commandLine?: string;
  /** `true` for `Reused, …`, `false` for `New, …`, `undefined` without that line. */
  reused?: boolean;
  /** The version printed on the `New,`/`Reused,` line (the cipher's, see `HandshakeLine`). */
  version?: string;
  /** The session's protocol (`Protocol  :` of the block), e.g. `"TLSv1.3"`. */
  protocol: string;
  /** The cipher of the `New,`/`Reused,` line, else of the block. */
  cipher: string;
  /** The server's `SSL-Session:` block. */
  session: SessionBlock;
  /** From `Secure Renegotiation IS [NOT] supported` at the top of the page. */
  secureRenegotiation?: SecureRenegotiation;
  /** The session cache counters. */
  cache: SessionCacheStats;
  /** Every `N label` counter line after the session block, by its label as printed. */
  counters: Record<string, number>;
  /** `false` for `no client certificate available`, `true` when a client certificate is shown. */
  clientCertificate?: boolean;
  /** The ECH status line of 4.0 and later pages, e.g. `"ECH not configured"`. */
  ech?: string;
}

/** Options for {@linkcode parseServerPage}. */
export interface ParseServerPageOptions {
  /** File name used in error messages. @default {"<s_server -www page>"} */
  file?: string;
  /** Longest input accepted, in bytes: anything longer is refused at once. @default {1048576} */
  maxBytes?: number;
}

const COUNTERS: ReadonlyArray<[RegExp, keyof SessionCacheStats]> = [
  [/^items in the session cache$/, "items"],
  [/^client connects \(SSL_connect\(\)\)$/, "clientConnects"],
  [/^client renegotiates \(SSL_connect\(\)\)$/, "clientRenegotiates"],
  [/^client connects that finished$/, "clientConnectsFinished"],
  [/^server accepts \(SSL_accept\(\)\)$/, "serverAccepts"],
  [/^server renegotiates \(SSL_accept\(\)\)$/, "serverRenegotiates"],
  [/^server accepts that finished$/, "serverAcceptsFinished"],
  [/^session cache hits$/, "hits"],
  [/^session cache misses$/, "misses"],
  [/^session cache timeouts$/, "timeouts"],
  [/^callback cache hits$/, "callbackHits"],
];

/**
 * Parse an `s_server -www` page: the HTTP header, `Secure Renegotiation …`, the cipher lists,
 * the `New,`/`Reused,` line, the server's own `SSL-Session:` block, the session cache counters
 * and the client certificate note. The text may be the whole `s_client` output that fetched the
 * page: parsing then starts at the `HTTP/1.x` status line, so the client's own session blocks
 * before it are not mistaken for the server's.
 *
 * @throws {SyntaxError} for empty text, a page without an `SSL-Session:` block, or a malformed
 * block; the message names the file and line.
 *
 * @example
 * ```ts
 * import { parseServerPage } from "./mod.ts";
 * const page = parseServerPage([
 *   "HTTP/1.0 200 ok",
 *   "Content-type: text/html",
 *   "",
 *   "<HTML><BODY BGCOLOR=\"#ffffff\">",
 *   "<pre>",
 *   "Reused, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384",
 *   "SSL-Session:",
 *   "    Protocol  : TLSv1.3",
 *   "    Cipher    : TLS_AES_256_GCM_SHA384",
 *   "    Session-ID: 0A0B",
 *   "    Session-ID-ctx: 01000000",
 *   "    Resumption PSK: 0102",
 *   "    Verify return code: 0 (ok)",
 *   "---",
 *   "   1 session cache hits",
 *   "---",
 *   "no client certificate available",
 *   "</pre></BODY></HTML>",
 * ].join("\n"));
 * console.log(page.reused, page.cache.hits); // true 1
 * ```
 */
export function parseServerPage(text: string, options: ParseServerPageOptions = {}): ServerPage {
  const file = options.file ?? "<s_server -www page>";
  checkInputSize(text.length, file, options.maxBytes);
  if (text.trim() === "") throw syntaxError({ file, line: 1 }, "empty page");
  const lines = splitLines(text);
  let start = lines.findIndex((l) => /^HTTP\/\d\.\d \d{3}\b/.test(l.trim()));
  const status = start >= 0 ? lines[start].trim() : undefined;
  if (start < 0) start = 0;

  let commandLine: string | undefined;
  let secureRenegotiation: SecureRenegotiation | undefined;
  let handshake: { reused: boolean; version: string; cipher: string } | undefined;
  let session: SessionBlock | undefined;
  let clientCertificate: boolean | undefined;
  let ech: string | undefined;
  const cache: SessionCacheStats = {};
  const counters: Record<string, number> = {};

  for (let i = start; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t === "") continue;
    if (t.startsWith("</pre>")) break;
    if (t === "SSL-Session:") {
      const read = readSessionBlock(lines, i, file);
      // The page holds one block; should a version print more, the first is the session's.
      session ??= read.block;
      i = read.end - 1;
      continue;
    }
    let m: RegExpExecArray | null;
    if (!handshake && (m = /^(New|Reused), (.+?), Cipher is (\S+)$/.exec(t))) {
      handshake = { reused: m[1] === "Reused", version: m[2], cipher: m[3] };
      continue;
    }
    if (commandLine === undefined && /^s_server(?:\s|$)/.test(t)) {
      commandLine = t;
      continue;
    }
    if (!session && ech === undefined && /^ECH\b/.test(t)) {
      ech = t;
      continue;
    }
    if (t === "Secure Renegotiation IS supported") secureRenegotiation ??= "supported";
    else if (t === "Secure Renegotiation IS NOT supported") secureRenegotiation ??= "not supported";
    else if (/^This TLS version forbids renegotiation\.?$/.test(t)) {
      secureRenegotiation ??= "forbidden";
    } else if (t === "no client certificate available") clientCertificate = false;
    else if (/^Client certificate$/i.test(t)) clientCertificate = true;
    else if (session && (m = /^(\d{1,15}) (\S.*)$/.exec(t))) {
      // Counters follow the session block; before it a leading number means something else.
      const label = m[2];
      const n = Number(m[1]);
      counters[label] = n;
      const full = /^cache full overflows \((\d{1,15}) allowed\)$/.exec(label);
      if (full) {
        cache.cacheFullOverflows = n;
        cache.cacheSize = Number(full[1]);
      } else {
        for (const [re, key] of COUNTERS) if (re.test(label)) cache[key] = n;
      }
    }
  }
  if (!session) {
    throw syntaxError(
      { file, line: start + 1 },
      `expected an "SSL-Session:" block in the s_server -www page`,
    );
  }
  const page: ServerPage = {
    status,
    commandLine,
    reused: handshake?.reused,
    version: handshake?.version,
    protocol: session.protocol,
    cipher: handshake?.cipher ?? session.cipher,
    session,
    secureRenegotiation,
    cache,
    counters,
    clientCertificate,
    ech,
  };
  for (const k of Object.keys(page) as (keyof ServerPage)[]) {
    if (page[k] === undefined) delete page[k];
  }
  return page;
}
