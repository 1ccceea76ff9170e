/**
 * Parser for what `bssl-tool client` and `bssl-tool server` print about their connections. Both
 * print everything on **stderr** (stdout carries only the application data), one block per
 * connection:
 *
 * ```text
 * Connecting to 127.0.0.1:40000      (client only)
 * Connected.
 *   Version: TLSv1.3
 *   Resumed session: no
 *   Cipher: TLS_AES_128_GCM_SHA256
 *   …                                (more "  Key: value" lines)
 * Error while reading: TLSV1_ALERT_DECODE_ERROR   (how a connection ended badly)
 * ```
 *
 * `-test-resumption` prints two blocks (the second offers the first's session). Pure: text in,
 * typed value out; the only error it throws is a `SyntaxError` starting `file:line:`.
 *
 * @module
 */

/** One `Connected.` block. */
export interface BsslConnection {
  /** 1-based line of the `Connected.` line. */
  line: number;
  /** `host:port` from the `Connecting to` line before it (client output only). */
  target?: string;
  /** `Version:` value, e.g. "TLSv1.3". */
  version: string;
  /** `Resumed session: yes|no`: the tool's own word on resumption. */
  resumed: boolean;
  /** `Cipher:` value. */
  cipher: string;
  /** Every `  Key: value` line of the block, in order (values trimmed; may be empty). */
  fields: Record<string, string>;
  /** The block's lines, for evidence in reports. */
  evidence: string[];
}

/** A line saying something failed, with the library's error-queue lines after it. */
export interface BsslError {
  /** 1-based line number. */
  line: number;
  /** The message line, e.g. "Error while reading: TLSV1_ALERT_DECODE_ERROR". */
  message: string;
  /** Following `<thread>:error:<code>:<lib>:…` lines. */
  details: string[];
}

/** What {@linkcode parseBsslOutput} returns. */
export interface BsslOutput {
  /** One entry per `Connected.` block, in order. */
  connections: BsslConnection[];
  /** Failure lines, in order. */
  errors: BsslError[];
  /** `Connecting to` targets whose connection never printed `Connected.`. */
  unconnected: string[];
}

/** Options for {@linkcode parseBsslOutput}. */
export interface ParseBsslOutputOptions {
  /** Named in errors. @default {"<bssl-tool output>"} */
  file?: string;
}

const ERROR_QUEUE = /^[0-9A-Za-z]+:error:[0-9a-f]+:/;
// Lines the tools print when something fails (tool/client.cc, transport_common.cc, server.cc).
const FAILURE =
  /^(Error |Failed |Unknown |connect: |socket: |accept: |bind: |listen: |getaddrinfo)/;

/**
 * Parse `bssl-tool client`/`server` stderr into connection blocks and failure lines.
 *
 * @throws {SyntaxError} `file:line: …` when a `Connected.` block lacks `Version:`,
 * `Resumed session:` or `Cipher:`, or `Resumed session:` is neither "yes" nor "no".
 * @example
 * ```ts
 * import { parseBsslOutput } from "./client_output.ts";
 * const out = parseBsslOutput([
 *   "Connecting to 127.0.0.1:4433",
 *   "Connected.",
 *   "  Version: TLSv1.3",
 *   "  Resumed session: yes",
 *   "  Cipher: TLS_AES_128_GCM_SHA256",
 * ].join("\n"));
 * console.log(out.connections[0].resumed); // true
 * ```
 */
export function parseBsslOutput(text: string, options: ParseBsslOutputOptions = {}): BsslOutput {
  const file = options.file ?? "<bssl-tool output>";
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const connections: BsslConnection[] = [];
  const errors: BsslError[] = [];
  const unconnected: string[] = [];
  let target: string | undefined;
  let block:
    | { line: number; target?: string; fields: Record<string, string>; evidence: string[] }
    | undefined;
  const close = () => {
    if (!block) return;
    const need = (key: string): string => {
      const v = block!.fields[key];
      if (v === undefined) {
        throw new SyntaxError(
          `${file}:${block!.line}: expected a "${key}:" line in the "Connected." block`,
        );
      }
      return v;
    };
    const resumed = need("Resumed session");
    if (resumed !== "yes" && resumed !== "no") {
      throw new SyntaxError(
        `${file}:${block.line}: expected "Resumed session: yes" or "no", found "${resumed}"`,
      );
    }
    connections.push({
      line: block.line,
      target: block.target,
      version: need("Version"),
      resumed: resumed === "yes",
      cipher: need("Cipher"),
      fields: block.fields,
      evidence: block.evidence,
    });
    block = undefined;
  };
  for (const [i, raw] of lines.entries()) {
    const n = i + 1;
    const line = raw.replace(/\s+$/, "");
    if (block && /^ {2}\S/.test(raw)) {
      const m = /^ {2}([^:]+):(.*)$/.exec(raw);
      if (m) {
        block.fields[m[1]] = m[2].trim();
        block.evidence.push(line);
        continue;
      }
    }
    close();
    const connecting = /^Connecting to (\S+)$/.exec(line);
    if (connecting) {
      if (target !== undefined) unconnected.push(target);
      target = connecting[1];
      continue;
    }
    if (line === "Connected.") {
      block = { line: n, target, fields: {}, evidence: [line] };
      target = undefined;
      continue;
    }
    if (ERROR_QUEUE.test(line) && errors.length > 0) {
      errors[errors.length - 1].details.push(line);
      continue;
    }
    if (FAILURE.test(line) || ERROR_QUEUE.test(line)) {
      errors.push({ line: n, message: line, details: [] });
    }
  }
  close();
  if (target !== undefined) unconnected.push(target);
  return { connections, errors, unconnected };
}

/**
 * The flag names listed by `bssl-tool client|server -<unknown>` (the tools have no `-help`:
 * an unknown flag prints `Unknown argument: …` and then one `-flag<TAB>description` line each).
 *
 * @example
 * ```ts
 * import { parseUsageFlags } from "./client_output.ts";
 * console.log(parseUsageFlags("Unknown argument: -x\n-accept\tThe port\n-loop\tKeep going\n"));
 * // ["-accept", "-loop"]
 * ```
 */
export function parseUsageFlags(text: string): string[] {
  const flags: string[] = [];
  for (const line of text.split("\n")) {
    const m = /^(-[a-z0-9-]+)\t/.exec(line);
    if (m) flags.push(m[1]);
  }
  return flags;
}
