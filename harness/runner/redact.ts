/**
 * Secrets out of results, once, before any reporter sees them. A failing result keeps its
 * peers' output (for the reader to see what happened), and that output holds the run's
 * secrets: `Master-Key:` and `Resumption PSK:` lines, the `Session-ID:` of live sessions, PEM
 * session files and private keys, NSS key-log lines. Every reporter (JSON, JUnit, Markdown,
 * HTML, terminal) is fed from the same redacted events, so none of them can forget.
 *
 * A secret is replaced by a numbered placeholder, the same one wherever (and in whatever case)
 * the value appears again in the run, so "the same session id twice" stays visible:
 * `Master-Key: <secret Master-Key #1>`. Pure: no I/O.
 * @module
 */
import type { ScenarioResult } from "./events.ts";

/** Labelled hex values in OpenSSL's session printout (s_client, s_server, `sess_id -text`). */
const LABELLED_HEX = /(^|[^\w-])(Master-Key|Resumption PSK|Session-ID)(\s*:\s*)([0-9A-Fa-f]{16,})/g;

/** NSS key-log lines (`-keylogfile`): label, client random, secret. */
const KEYLOG =
  /^((?:CLIENT_RANDOM|[A-Z_]*(?:SECRET|TRAFFIC_SECRET)[A-Z_0-9]*) [0-9A-Fa-f]+ )([0-9A-Fa-f]{16,})$/gm;

/** PEM blocks that hold secrets (a session carries its master key); certificates stay. */
const SECRET_PEM =
  /-----BEGIN ((?:[A-Z0-9]+ )*(?:PRIVATE KEY|SSL SESSION PARAMETERS))-----[\s\S]*?-----END \1-----/g;

/** An expectation whose words say it compares secrets: its long hex values are secrets too. */
const SECRET_WORDS = /master.?key|master.?secret|resumption.?psk|\bpsk\b|session.?id(?!.?ctx)/i;
const LONG_HEX = /\b[0-9A-Fa-f]{16,}\b/g;

/**
 * The run's redactor: it learns each secret value where it is labelled and replaces it
 * everywhere, in this result and in every later one.
 *
 * @example
 * ```ts
 * import { SecretRedactor } from "./redact.ts";
 * const r = new SecretRedactor();
 * console.log(r.redactText("    Master-Key: 0A0B0C0D0E0F1011\nid 0a0b0c0d0e0f1011"));
 * // "    Master-Key: <secret Master-Key #1>\nid <secret Master-Key #1>"
 * ```
 */
export class SecretRedactor {
  /** Secret value (upper-case hex) → its placeholder. */
  #known = new Map<string, string>();
  #counts = new Map<string, number>();

  /** How many distinct secret values it has replaced so far. */
  get secretCount(): number {
    return this.#known.size;
  }

  /** Redact a result: every string in it, after learning the secrets any of them labels. */
  redactResult(result: ScenarioResult): ScenarioResult {
    for (const text of strings(result)) this.#learn(text);
    for (const e of result.expectations) {
      if (SECRET_WORDS.test(e.description)) {
        for (const v of [e.actual, e.expected]) {
          for (const m of v.matchAll(LONG_HEX)) this.#placeholder("value", m[0]);
        }
      }
    }
    return mapStrings(result, (s) => this.#replace(s));
  }

  /** Redact one text (learning what it labels first). */
  redactText(text: string): string {
    this.#learn(text);
    return this.#replace(text);
  }

  #learn(text: string): void {
    for (const m of text.matchAll(LABELLED_HEX)) this.#placeholder(m[2], m[4]);
    for (const m of text.matchAll(KEYLOG)) this.#placeholder("key-log secret", m[2]);
  }

  #placeholder(label: string, hex: string): string {
    const key = hex.toUpperCase();
    let p = this.#known.get(key);
    if (!p) {
      const n = (this.#counts.get(label) ?? 0) + 1;
      this.#counts.set(label, n);
      p = `<secret ${label} #${n}>`;
      this.#known.set(key, p);
    }
    return p;
  }

  #replace(text: string): string {
    let out = text.replace(
      SECRET_PEM,
      (_all, label: string) =>
        `-----BEGIN ${label}-----\n<secret: redacted>\n-----END ${label}-----`,
    );
    if (this.#known.size === 0) return out;
    out = out.replace(/[0-9A-Fa-f]{16,}/g, (run) => this.#replaceIn(run));
    return out;
  }

  /** Replace every known secret inside a run of hex digits (a secret may be part of a longer one). */
  #replaceIn(run: string): string {
    const upper = run.toUpperCase();
    const direct = this.#known.get(upper);
    if (direct) return direct;
    let out = run;
    for (const [secret, p] of this.#known) {
      if (secret.length <= upper.length && upper.includes(secret)) {
        out = out.replace(new RegExp(secret, "gi"), p);
      }
    }
    return out;
  }
}

function* strings(value: unknown): Generator<string> {
  if (typeof value === "string") yield value;
  else if (Array.isArray(value)) { for (const v of value) yield* strings(v); }
  else if (value && typeof value === "object") {
    for (const v of Object.values(value)) yield* strings(v);
  }
}

function mapStrings<T>(value: T, fn: (s: string) => string): T {
  if (typeof value === "string") return fn(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)]),
    ) as T;
  }
  return value;
}
