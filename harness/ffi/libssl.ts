import {
  IMPL_SYMBOLS,
  type ImplSymbol,
  LIBCRYPTO_SYMBOLS,
  type LibcryptoSymbol,
  LIBSSL_SYMBOLS,
  type LibsslSymbol,
  REQUIRED_SYMBOLS,
} from "./symbols.ts";
import { OPENSSL_VERSION_TEXT } from "./constants.ts";
import { OpError } from "./op_error.ts";

type SslLib = Deno.DynamicLibrary<typeof LIBSSL_SYMBOLS & typeof IMPL_SYMBOLS>;
type CryptoLib = Deno.DynamicLibrary<typeof LIBCRYPTO_SYMBOLS>;
/** Any symbol the driver binds, from libssl or libcrypto. */
export type AnySymbol = LibsslSymbol | LibcryptoSymbol | ImplSymbol;
/** The JS signature of a bound symbol. */
export type SymbolFn<K extends AnySymbol> = K extends LibsslSymbol | ImplSymbol
  ? NonNullable<SslLib["symbols"][K]>
  : K extends LibcryptoSymbol ? NonNullable<CryptoLib["symbols"][K]>
  : never;

/**
 * libssl as the ops see it: {@linkcode OpenedLibssl} itself, or a view of it with some functions
 * replaced (a mutant, `libssl_patch.ts`). Every call the ops make goes through `fn`.
 */
export interface Libssl {
  /** What `OpenSSL_version(OPENSSL_VERSION)` returns. */
  readonly version: string;
  /** `OpenSSL_version_num()` (0 when not exported). */
  readonly versionNumber: number;
  /** Symbols this build lacks. */
  readonly missingSymbols: readonly string[];
  /** The paths it was opened from. */
  readonly paths: LibsslPaths;
  /** True when this build exports the symbol. */
  has(name: AnySymbol): boolean;
  /** The bound function, or an Error naming the symbol and the version that lacks it. */
  fn<K extends AnySymbol>(name: K): SymbolFn<K>;
  /** Drain libcrypto's error queue into readable strings (oldest first). */
  errors(): string[];
}

/**
 * How one implementation exports an OpenSSL symbol: the real export name and, where they differ
 * from `symbols.ts`, its parameters/result (the shape of the `symbols.ts` entries of `harness/impl/boringssl` and `harness/impl/wolfssl`).
 */
export interface SymbolMapEntry {
  /** The exported function, e.g. "wolfSSL_get1_session". */
  name: string;
  /** Only when they differ from the OpenSSL declaration. */
  parameters?: readonly Deno.NativeType[];
  /** Only when it differs from the OpenSSL declaration. */
  result?: Deno.NativeResultType;
}

/**
 * OpenSSL name → the implementation's export; `null` = this version exports no equivalent (ops
 * needing it fail naming it); a name not in the map = exported under its OpenSSL name.
 */
export type SymbolMapping = Readonly<Record<string, SymbolMapEntry | null | undefined>>;

/** Paths of the two shared objects of one build (the same file twice for wolfSSL). */
export interface LibsslPaths {
  /** Absolute path of libssl (libssl.so.1.1, libssl.so.3, libssl.so.4…). */
  libssl: string;
  /** Absolute path of the matching libcrypto. */
  libcrypto: string;
  /** The implementation's symbol map (absent: OpenSSL's own names and signatures). */
  symbols?: SymbolMapping;
}

// deno-lint-ignore no-explicit-any
type Native = (...args: any[]) => unknown;
const WIDE = new Set<Deno.NativeType>(["i64", "u64", "isize", "usize"]);
const NARROW = new Set<Deno.NativeType>(["i8", "u8", "i16", "u16", "i32", "u32"]);

/**
 * `f` with every integer argument converted to what its bound type takes: a bigint for 64-bit
 * types, a number for narrower ones. The ops pass OpenSSL's types (bigint for `long`); an
 * implementation's map may bind the same argument as `uint32_t` (BoringSSL's timeouts), which
 * Deno refuses as a bigint.
 */
function coerceIntegers(f: Native, parameters: readonly Deno.NativeType[]): Native {
  if (!parameters.some((t) => WIDE.has(t) || NARROW.has(t))) return f;
  return (...args: unknown[]) =>
    f(...args.map((a, i) => {
      const t = parameters[i];
      if (WIDE.has(t) && typeof a === "number") return BigInt(a);
      if (NARROW.has(t) && typeof a === "bigint") return Number(a);
      return a;
    }));
}

/** The dlopen definitions of `defs` rewritten through `map` (null entries dropped). */
function mapDefinitions<T extends Record<string, Deno.ForeignFunction>>(
  defs: T,
  map: SymbolMapping | undefined,
): T {
  if (!map) return defs;
  const out: Record<string, Deno.ForeignFunction> = {};
  for (const [k, def] of Object.entries(defs)) {
    const entry = map[k];
    if (entry === null) continue;
    if (entry === undefined) {
      out[k] = def;
      continue;
    }
    out[k] = {
      ...def,
      name: entry.name,
      parameters: entry.parameters ?? def.parameters,
      result: entry.result ?? def.result,
    };
  }
  return out as T;
}

/**
 * libssl and libcrypto opened with `Deno.dlopen`, every symbol optional. Only the driver process
 * opens one (a process can hold a single libssl). {@linkcode OpenedLibssl.fn} returns a symbol
 * or throws an Error that names it, so a version lacking a function fails that op, not the
 * driver. Every lookup goes through `#lookup`: the one place where a per-implementation name
 * map (wolfSSL's `wolfSSL_*` exports, BoringSSL's real functions for OpenSSL macros) would go.
 *
 * @example
 * ```ts ignore
 * import { openLibssl } from "./libssl.ts";
 * using lib = openLibssl({
 *   libssl: "/usr/lib/x86_64-linux-gnu/libssl.so.3",
 *   libcrypto: "/usr/lib/x86_64-linux-gnu/libcrypto.so.3",
 * });
 * console.log(lib.version, lib.missingSymbols);
 * ```
 */
export class OpenedLibssl implements Libssl, Disposable {
  /** What `OpenSSL_version(OPENSSL_VERSION)` returns, e.g. "OpenSSL 3.0.19 27 Jan 2026". */
  readonly version: string;
  /** `OpenSSL_version_num()`, e.g. 0x30000130 (0 when not exported). */
  readonly versionNumber: number;
  /** Symbols of {@linkcode LIBSSL_SYMBOLS} / {@linkcode LIBCRYPTO_SYMBOLS} this build lacks. */
  readonly missingSymbols: readonly string[];
  /** The paths it was opened from. */
  readonly paths: LibsslPaths;

  #ssl: SslLib;
  #crypto: CryptoLib;
  #errBuf = new Uint8Array(256);
  #coerced = new Map<string, Native>();

  constructor(paths: LibsslPaths) {
    this.paths = paths;
    // libcrypto first: libssl's DT_NEEDED entry then resolves to the already-loaded object.
    // With a symbol map, a "libcrypto" name may be a libssl export (BoringSSL's
    // SSL_SESSION_get_ex_new_index): bind it through libssl, whose lookup also searches the
    // libcrypto it needs (the same file for wolfSSL).
    const cryptoPath = paths.symbols ? paths.libssl : paths.libcrypto;
    this.#crypto = Deno.dlopen(cryptoPath, mapDefinitions(LIBCRYPTO_SYMBOLS, paths.symbols));
    // IMPL_SYMBOLS only where the map names them: OpenSSL has no such exports.
    const impl = Object.fromEntries(
      Object.entries(IMPL_SYMBOLS).filter(([k]) => paths.symbols?.[k]),
    ) as typeof IMPL_SYMBOLS;
    try {
      this.#ssl = Deno.dlopen(
        paths.libssl,
        mapDefinitions({ ...LIBSSL_SYMBOLS, ...impl }, paths.symbols),
      );
    } catch (e) {
      this.#crypto.close();
      throw e;
    }
    const missing: string[] = [];
    for (const k of Object.keys(LIBSSL_SYMBOLS)) {
      if ((this.#ssl.symbols as Record<string, unknown>)[k] == null) missing.push(k);
    }
    for (const k of Object.keys(LIBCRYPTO_SYMBOLS)) {
      if ((this.#crypto.symbols as Record<string, unknown>)[k] == null) missing.push(k);
    }
    this.missingSymbols = missing;
    // A symbol the map declares absent is the implementation's documented gap: its ops fail
    // naming it instead of the whole driver refusing the build.
    const required = REQUIRED_SYMBOLS.filter((s) =>
      missing.includes(s) && paths.symbols?.[s] !== null
    );
    if (required.length > 0) {
      this.close();
      throw new Error(
        `Cannot use "${paths.libssl}": it does not export ${
          required.map((s) => `"${s}"`).join(", ")
        }`,
      );
    }
    const v = this.fn("OpenSSL_version")(OPENSSL_VERSION_TEXT);
    this.version = v ? new Deno.UnsafePointerView(v).getCString() : "unknown";
    this.versionNumber = this.has("OpenSSL_version_num")
      ? Number(this.fn("OpenSSL_version_num")())
      : 0;
  }

  /** True when this build exports the symbol. */
  has(name: AnySymbol): boolean {
    return this.#lookup(name) != null;
  }

  /** The bound function, or an Error naming the symbol and the version that lacks it. */
  fn<K extends AnySymbol>(name: K): SymbolFn<K> {
    const f = this.#lookup(name);
    if (f == null) {
      throw new OpError(
        `Symbol "${name}" is not exported by ${this.version} ("${this.paths.libssl}")`,
        [],
        name,
      );
    }
    return f as SymbolFn<K>;
  }

  #lookup(name: AnySymbol): unknown {
    const lib = name in LIBSSL_SYMBOLS || name in IMPL_SYMBOLS ? this.#ssl : this.#crypto;
    const f = (lib.symbols as Record<string, unknown>)[name];
    if (f == null || !this.paths.symbols?.[name]) return f;
    let wrapped = this.#coerced.get(name);
    if (!wrapped) {
      wrapped = coerceIntegers(f as Native, this.#parameters(name));
      this.#coerced.set(name, wrapped);
    }
    return wrapped;
  }

  /** The parameter types `name` was bound with. */
  #parameters(name: AnySymbol): readonly Deno.NativeType[] {
    const own = this.paths.symbols?.[name]?.parameters;
    if (own) return own;
    const defs: Record<string, Deno.ForeignFunction> = {
      ...LIBSSL_SYMBOLS,
      ...IMPL_SYMBOLS,
      ...LIBCRYPTO_SYMBOLS,
    };
    return defs[name].parameters;
  }

  /** Drain libcrypto's error queue into readable strings (oldest first). */
  errors(): string[] {
    const out: string[] = [];
    const get = this.fn("ERR_get_error");
    const str = this.fn("ERR_error_string_n");
    for (let i = 0; i < 32; i++) {
      // u64 in OpenSSL (a bigint), uint32_t in BoringSSL (a number).
      const e = get();
      if (BigInt(e) === 0n) break;
      this.#errBuf.fill(0);
      str(e, this.#errBuf, BigInt(this.#errBuf.length));
      out.push(new Deno.UnsafePointerView(Deno.UnsafePointer.of(this.#errBuf)!).getCString());
    }
    return out;
  }

  /** Close both libraries. Only safe once nothing can call back into JS any more. */
  close(): void {
    try {
      this.#ssl?.close();
    } catch { /* already closed */ }
    try {
      this.#crypto.close();
    } catch { /* already closed */ }
  }

  [Symbol.dispose](): void {
    this.close();
  }
}

/** Open one build's libssl + libcrypto. See {@linkcode OpenedLibssl}. */
export function openLibssl(paths: LibsslPaths): OpenedLibssl {
  return new OpenedLibssl(paths);
}

/** A NUL-terminated C string in JS memory, for `buffer` parameters. */
export function cString(s: string): Uint8Array<ArrayBuffer> {
  const bytes = new TextEncoder().encode(s);
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  return out;
}

/** A pointer's address as a bigint (0n for NULL), for comparisons and map keys. */
export function pointerValue(p: Deno.PointerValue): bigint {
  return p === null ? 0n : BigInt(Deno.UnsafePointer.value(p));
}

/** A pointer as the opaque hex string the protocol uses ("0x7f…"), or null. */
export function pointerHex(p: Deno.PointerValue): string | null {
  if (p === null) return null;
  return "0x" + BigInt(Deno.UnsafePointer.value(p)).toString(16);
}
