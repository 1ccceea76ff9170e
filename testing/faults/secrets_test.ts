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

interface Secrets {
  masterKeys: string[];
  psks: string[];
  sessionIds: string[];
  sessionMasterKey: string;
  sessionPem: string;
  privateKey: string;
}

const REPORTS = ["json", "junit", "markdown", "html", "pretty"] as const;

/** Run leaks_secrets.ts with every reporter writing a file (and pretty on stdout too). */
async function runLeaky(dir: string, name: string, extra: string[]) {
  const secretsFile = `${dir}/${name}-secrets.json`;
  const openssl = await writeFakeOpenssl(dir, { real: await realOpenssl(), name });
  const r = await run(Deno.execPath(), {
    args: [
      "run",
      "-A",
      CLI,
      "run",
      `${TESTDATA}leaks_secrets.ts`,
      "--openssl",
      openssl,
      ...REPORTS.flatMap((n) => ["--reporter", n, "--out", `${dir}/${name}.${n}`]),
      "--reporter",
      "pretty",
      ...extra,
    ],
    env: { TLS_FAULTS_SECRETS_OUT: secretsFile, NO_COLOR: "1" },
    timeoutMs: 60_000,
  });
  const reports: Record<string, string> = { terminal: r.stdout + r.stderr };
  for (const n of REPORTS) reports[n] = await Deno.readTextFile(`${dir}/${name}.${n}`);
  const secrets: Secrets = JSON.parse(await Deno.readTextFile(secretsFile));
  return { r, reports, secrets, files: REPORTS.map((n) => `${dir}/${name}.${n}`) };
}

/** Every secret value, with a name, as it could appear in a report (hex in either case). */
function needles(s: Secrets): [string, string][] {
  const body = (pem: string) =>
    pem.split("\n").filter((l) => l.length >= 16 && !l.startsWith("-----")).slice(0, 3);
  return [
    ...s.masterKeys.map((v) => ["Master-Key", v] as [string, string]),
    ...s.psks.map((v) => ["Resumption PSK", v] as [string, string]),
    ...s.sessionIds.map((v) => ["Session-ID", v] as [string, string]),
    ["the session's master key", s.sessionMasterKey],
    ...body(s.sessionPem).map((l) => ["a line of the session file", l] as [string, string]),
    ...body(s.privateKey).map((l) => ["a line of the private key", l] as [string, string]),
  ];
}

function found(report: string, needle: string): boolean {
  return /^[0-9a-f]+$/i.test(needle)
    ? report.toLowerCase().includes(needle.toLowerCase())
    : report.includes(needle);
}

Deno.test("cli.ts run: no report format of a failing run holds a master key, PSK, session id, session file or private key unless --keep-secrets; report files are 0600", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "tls-faults-leaks-" });
  try {
    const [plain, kept] = await Promise.all([
      runLeaky(dir, "plain", []),
      runLeaky(dir, "kept", ["--keep-secrets"]),
    ]);
    await t.step("the run failed, with its peers' output in the report", () => {
      for (const { r, secrets } of [plain, kept]) {
        assert.equal(r.code, 1, r.stderr);
        assert.ok(secrets.masterKeys.length && secrets.sessionIds.length && secrets.psks.length);
      }
      assert.match(plain.reports.json, /Master-Key: <secret Master-Key #1>/);
      assert.match(plain.reports.json, /BEGIN SSL SESSION PARAMETERS-----\\n<secret: redacted>/);
    });
    await t.step("control: with --keep-secrets every value is there, so the search works", () => {
      for (const [what, value] of needles(kept.secrets)) {
        assert.ok(found(kept.reports.json, value), `${what} missing from the kept JSON report`);
      }
    });
    for (const format of [...REPORTS, "terminal"]) {
      await t.step(`${format}: none of the run's secrets`, () => {
        for (const [what, value] of needles(plain.secrets)) {
          assert.ok(!found(plain.reports[format], value), `${what} (${value}) in ${format}`);
        }
      });
    }
    await t.step("every report file is 0600", () => {
      for (const f of [...plain.files, ...kept.files]) {
        assert.equal((Deno.statSync(f).mode! & 0o777).toString(8), "600", f);
      }
    });
    await assertNoProcessLeft(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
