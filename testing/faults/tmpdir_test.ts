import assert from "node:assert/strict";
import { run } from "../../harness/process/mod.ts";
import { writeFakeOpenssl } from "./fake_openssl.ts";
import { assertNoProcessLeft, CLI, realOpenssl, TESTDATA } from "./_testing.ts";

// Root ignores directory modes (CAP_DAC_OVERRIDE): then the CLI runs without that capability
// (setpriv drops it from the bounding set), so that a 0500 directory really refuses it.
async function dropDacOverride(): Promise<string[] | undefined> {
  if (Deno.uid() !== 0) return [];
  const probe = await run("setpriv", { args: ["--version"], timeoutMs: 5000 }).catch(() => null);
  if (probe?.code !== 0) return undefined;
  return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"];
}

const prefix = await dropDacOverride();

Deno.test({
  name:
    "cli.ts: a TMPDIR that cannot be written is exit 2 naming the directory, with no hang and no process left",
  ignore: prefix === undefined, // root without setpriv: no way to make a directory refuse us
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "tls-faults-tmpdir-" });
    try {
      const readOnly = `${dir}/read-only`;
      await Deno.mkdir(readOnly);
      await Deno.chmod(readOnly, 0o500);
      const openssl = await writeFakeOpenssl(dir, { real: await realOpenssl() });
      const [command, ...args] = [
        ...prefix!,
        Deno.execPath(),
        "run",
        "-A",
        CLI,
        "run",
        `${TESTDATA}passing.ts`,
        "--openssl",
        openssl,
      ];
      const started = performance.now();
      const r = await run(command, { args, env: { TMPDIR: readOnly }, timeoutMs: 30_000 });
      assert.equal(r.code, 2, r.stderr);
      assert.match(
        r.stderr,
        new RegExp(`Cannot create a private temp directory in "${readOnly}" \\(\\$TMPDIR\\)`),
      );
      assert.match(r.stderr, /Permission denied/);
      assert.ok(performance.now() - started < 20_000);
      await assertNoProcessLeft(dir);
      assert.deepEqual([...Deno.readDirSync(readOnly)], []);
    } finally {
      await Deno.chmod(`${dir}/read-only`, 0o700).catch(() => {});
      await Deno.remove(dir, { recursive: true });
    }
  },
});
