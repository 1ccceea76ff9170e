import assert from "node:assert/strict";
import { run } from "../../harness/process/mod.ts";
import { cacheDir } from "../../harness/openssl/mod.ts";
import { assertNoProcessLeft } from "../faults/_testing.ts";

const CLI = new URL("../../cli.ts", import.meta.url).pathname;
const SCENARIO = new URL("./testdata/resumed_is_new.ts", import.meta.url).pathname;
const NAME = "repro_test/resumed_is_new";
/** A fetched build beside the system one (another launch: trixie's loader), when it is cached. */
const FETCHED = "4.0";

interface Result {
  scenario: string;
  status: string;
  client: { id: string };
  server: { id: string };
  notes: string[];
  repro_script?: string;
  peers: { role: string; stdout: string }[];
}

function hasFetched(): boolean {
  try {
    return Deno.statSync(`${cacheDir()}/builds/${FETCHED}`).isDirectory;
  } catch {
    return false;
  }
}

/** The handshake line of each s_client step, in order: what the failed check judged. */
function handshakeLines(texts: string[]): string[] {
  return texts.map((t) => /^(New|Reused), .*$/m.exec(t)?.[0] ?? "(no handshake line)");
}

/** Run a repro.sh in a fresh bash with a clean environment, as a person would. */
async function runRepro(script: string, tmp: string) {
  return await run("env", {
    args: ["-i", "PATH=/usr/bin:/bin", `TMPDIR=${tmp}`, "bash", "--noprofile", "--norc", script],
    timeoutMs: 60_000,
  });
}

/** The per-step blocks the script prints at its end: `step N (role): exit …` then its lines. */
function stepBlocks(stdout: string): { role: string; text: string }[] {
  return stdout.split(/^(?=step \d+ \()/m).slice(1).map((b) => ({
    role: /^step \d+ \(([^)]+)\)/.exec(b)![1],
    text: b.split("\n").map((l) => l.replace(/^ {2}/, "")).join("\n"),
  }));
}

Deno.test("repro.sh of a failing result reproduces the failure in a fresh bash, from the kept artifacts and from the report's text", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "tls-repro-test-" });
  try {
    const keep = `${dir}/keep`;
    const builds = hasFetched()
      ? ["--openssl", "system", "--openssl", FETCHED, "--pairs", "all"]
      : ["--openssl", "system"];
    const r = await run(Deno.execPath(), {
      args: ["run", "-A", CLI, "run", SCENARIO, ...builds, "--reporter", "json"].concat([
        "--keep-artifacts",
        keep,
      ]),
      timeoutMs: 120_000,
    });
    assert.equal(r.code, 1, r.stderr);
    const results: Result[] = JSON.parse(r.stdout).results;
    const failing = results.filter((x) => x.scenario === NAME);
    assert.equal(failing.length, hasFetched() ? 4 : 1);

    await t.step(
      "only what did not pass carries a script; it is written beside the artifacts",
      async () => {
        for (const x of results.filter((x) => x.status === "pass")) {
          assert.equal(x.repro_script, undefined, x.scenario);
        }
        for (const x of failing) {
          assert.equal(x.status, "fail");
          const kept = x.notes.find((n) => n.startsWith("artifacts kept in "))!.slice(18);
          assert.equal(await Deno.readTextFile(`${kept}/repro.sh`), x.repro_script);
          assert.doesNotMatch(x.repro_script!, /LD_PRELOAD|_STDBUF_|harness-barrier/);
        }
      },
    );

    for (const x of failing) {
      const pair = `${x.client.id}→${x.server.id}`;
      const expected = handshakeLines(
        x.peers.filter((p) => p.role === "s_client").map((p) => p.stdout),
      );
      // The harness saw the second connection resume: that is what the wrong check judged.
      assert.match(expected[1], /^Reused, TLSv1\.3, /, pair);
      const kept = x.notes.find((n) => n.startsWith("artifacts kept in "))!.slice(18);
      const copy = `${dir}/copy-${failing.indexOf(x)}/repro.sh`;
      await Deno.mkdir(`${dir}/copy-${failing.indexOf(x)}`);
      await Deno.writeTextFile(copy, x.repro_script!);
      for (const [how, script] of [["kept", `${kept}/repro.sh`], ["copied", copy]]) {
        await t.step(`${pair}, ${how}: same handshake lines, the failed check named`, async () => {
          const out = await runRepro(script, dir);
          assert.equal(out.code, 0, out.stderr + out.stdout);
          assert.match(
            out.stdout,
            /The failed check: SS-1 "the connection that offered it is new": expected false, got true/,
          );
          const blocks = stepBlocks(out.stdout);
          assert.deepEqual(blocks.map((b) => b.role), ["s_server", "s_client", "s_client"]);
          const seen = handshakeLines(
            blocks.filter((b) => b.role === "s_client").map((b) => b.text),
          );
          assert.deepEqual(seen, expected);
          assert.match(blocks[1].text, /^step 2 \(s_client\): exit 0$/m);
          // The copy has no kept PKI beside it: it made its own, and the client verified it.
          assert.equal(out.stderr, "", out.stderr);
        });
      }
    }
    await t.step("the scripts leave no process and no temp dir behind", async () => {
      await assertNoProcessLeft(dir);
      const left = [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) =>
        n.startsWith("repro.")
      );
      assert.deepEqual(left, []);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
