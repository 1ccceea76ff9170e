import { runOk } from "../process/mod.ts";
import { makePrivateTempDir } from "../temp_dir/mod.ts";
import { CACHED_PKI_FILES, findCachedPki, storeCachedPki } from "./pki_cache.ts";
import { TEST_PKI_RECIPE } from "./pki_recipe.ts";

export { TEST_PKI_RECIPE };

/** Paths of a test CA and a leaf certificate for `localhost` and `127.0.0.1`. */
export interface TestPki extends AsyncDisposable {
  /** The private directory (mode 0700) holding everything below. */
  dir: string;
  /** CA certificate (PEM): what clients trust. */
  caCert: string;
  /** CA private key (PEM). */
  caKey: string;
  /** Leaf certificate (PEM) for localhost / 127.0.0.1, signed by the CA. */
  cert: string;
  /** Leaf private key (PEM, PKCS#8). */
  key: string;
  /** Leaf followed by the CA certificate (PEM), for servers that send the chain. */
  chain: string;
}

/** Options for {@linkcode createTestPki}. */
export interface TestPkiOptions {
  /** How to start the `openssl` to generate with. @default {`openssl` on PATH} */
  launch?: { command: string; args: string[]; env: Record<string, string> };
  /** Parent of the private directory. @default {the system temp dir} */
  parent?: string;
  /** Aborting stops generation. */
  signal?: AbortSignal;
  /**
   * Reuse a PKI this `openssl` made within the last day, from `DIR/test-pki/` (see
   * pki_cache.ts), and store a new one there. The files are still copied into a private
   * directory of their own. @default {none: always generate}
   */
  cacheDir?: string;
}

/**
 * Make a CA and a leaf for `localhost` + `127.0.0.1` in a fresh 0700 directory. The leaf is a
 * proper end-entity certificate (rustls refuses a self-signed one: `CaUsedAsEndEntity`), with
 * P-256 keys so every OpenSSL from 1.1.1 on accepts it. Dispose to remove the directory.
 *
 * @example
 * ```ts
 * import { createTestPki } from "./mod.ts";
 * await using pki = await createTestPki();
 * console.log(pki.cert, pki.key, pki.caCert);
 * ```
 */
export async function createTestPki(options: TestPkiOptions = {}): Promise<TestPki> {
  const launch = options.launch ?? { command: "openssl", args: [], env: {} };
  const tmp = await makePrivateTempDir({ prefix: "tls-harness-pki-", parent: options.parent });
  const p = (name: string) => `${tmp.path}/${name}`;
  try {
    // Relative names: every command runs in the PKI directory.
    const cached = options.cacheDir && await findCachedPki(options.cacheDir, launch);
    if (cached) {
      for (const f of CACHED_PKI_FILES) await Deno.copyFile(`${cached}/${f}`, p(f));
    } else {
      for (const [name, text] of Object.entries(TEST_PKI_RECIPE.files)) {
        await Deno.writeTextFile(p(name), text);
      }
      for (const args of TEST_PKI_RECIPE.commands) {
        await runOk(launch.command, {
          args: [...launch.args, ...args],
          env: launch.env,
          timeoutMs: 20_000,
          signal: options.signal,
          cwd: tmp.path,
        });
      }
      if (options.cacheDir) await storeCachedPki(options.cacheDir, launch, tmp.path);
    }
    const chain = (await Deno.readTextFile(p("leaf.pem"))) + (await Deno.readTextFile(p("ca.pem")));
    await Deno.writeTextFile(p("chain.pem"), chain, { mode: 0o600 });
    for await (const entry of Deno.readDir(tmp.path)) await Deno.chmod(p(entry.name), 0o600);
  } catch (e) {
    await tmp[Symbol.asyncDispose]();
    throw e;
  }
  return {
    dir: tmp.path,
    caCert: p("ca.pem"),
    caKey: p("ca.key"),
    cert: p("leaf.pem"),
    key: p("leaf.key"),
    chain: p("chain.pem"),
    [Symbol.asyncDispose]: () => tmp[Symbol.asyncDispose](),
  };
}
