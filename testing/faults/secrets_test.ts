import assert from "node:assert/strict";
import { run } from "../../harness/process/mod.ts";
import { writeFakeOpenssl } from "./fake_openssl.ts";
import { assertNoProcessLeft, CLI, type JsonResult, realOpenssl, TESTDATA } from "./_testing.ts";

const SCENARIO = "faults_test/session_modes";

/** Modes of everything under `root`, relative path → octal string ("700", "600"). */
function modesUnder(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string, rel: string) => {
    for (const e of Deno.readDirSync(dir)) {
      const path = `${dir}/${e.name}`;
      const name = rel ? `${rel}/${e.name}` : e.name;
      out[name] = (Deno.statSync(path).mode! & 0o777).toString(8);
      if (e.isDirectory) walk(path, name);
    }
  };
  walk(root, "");
  return out;
}

/**
 * `cli.ts run session_modes.ts` under a permissive umask (022: what makes openssl write 0644
 * files), with its own TMPDIR, so the test can fail if the harness relied on the caller's umask.
 */
async function runCli(dir: string, name: string, extra: string[]) {
  const tmp = `${dir}/${name}-tmp`;
  await Deno.mkdir(tmp);
  const openssl = await writeFakeOpenssl(dir, { real: await realOpenssl(), name });
  const r = await run("sh", {
    args: [
      "-c",
      'umask 022 && exec "$@"',
      "sh",
      Deno.execPath(),
      "run",
      "-A",
      CLI,
      "run",
      `${TESTDATA}session_modes.ts`,
      "--openssl",
      openssl,
      "--reporter",
      "json",
      ...extra,
    ],
    env: { TMPDIR: tmp },
    timeoutMs: 60_000,
  });
  const results: JsonResult[] = r.code === 0 || r.code === 1 ? JSON.parse(r.stdout).results : [];
  return { r, tmp, result: results.find((x) => x.scenario === SCENARIO) };
}

Deno.test("cli.ts run: session files and keys are 0600 in 0700 dirs, removed at exit, kept only with --keep-artifacts, which says where", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "tls-faults-secrets-" });
  try {
    const keep = `${dir}/artifacts`;
    const [plain, kept] = await Promise.all([
      runCli(dir, "plain", []),
      runCli(dir, "kept", ["--keep-artifacts", keep]),
    ]);

    await t.step("while the run is live: private dirs, private session file and keys", () => {
      for (const { r, result } of [plain, kept]) {
        assert.equal(r.code, 0, r.stderr);
        assert.ok(result, "the scenario ran");
        const modes = result.notes.find((n) => n.startsWith("modes: "));
        assert.equal(
          modes,
          "modes: scenario_dir=700 session_file=600 pki_dir=700 pki_key=600 ca_key=600 run_dir=700",
        );
      }
    });
    await t.step("without --keep-artifacts nothing is left in TMPDIR", () => {
      assert.deepEqual(modesUnder(plain.tmp), {});
      assert.doesNotMatch(plain.r.stderr, /Keeping artifacts/);
    });
    await t.step("--keep-artifacts keeps the scenario dirs, private, and says where", () => {
      assert.match(
        kept.r.stderr,
        new RegExp(`Keeping artifacts \\(session files hold master secrets\\) in ${keep}\n`),
      );
      const note = kept.result!.notes.find((n) => n.startsWith("artifacts kept in "));
      assert.ok(note?.startsWith(`artifacts kept in ${keep}/faults_test_session_modes-`), note);
      const modes = modesUnder(keep);
      const sessionFiles = Object.keys(modes).filter((p) => p.endsWith("/session.pem"));
      assert.equal(sessionFiles.length, 1, JSON.stringify(modes));
      for (const [path, mode] of Object.entries(modes)) {
        assert.equal(mode, path.includes("/") ? "600" : "700", path);
      }
      // The run dir (with the PKI keys) still goes: only the scenario dirs are kept.
      assert.deepEqual(modesUnder(kept.tmp), {});
    });
    await t.step("no process is left", async () => {
      await assertNoProcessLeft(dir);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
