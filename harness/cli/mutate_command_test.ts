import assert from "node:assert/strict";
import { main } from "./main.ts";
import { captureIo as captureCliIo } from "../../testing/cli/capture_io.ts";
import { liveChildCount } from "../process/mod.ts";

const here = new URL("./testdata/", import.meta.url).pathname;
const captureIo = () => captureCliIo(here);

interface Row {
  scenario: string;
  mutant: string;
  killed: boolean;
  status: string;
  deviation?: string;
}

/** `mutate FILE --reporter json` with these expected deviations; the exit code and the rows. */
async function mutate(file: string, deviations: object[]) {
  const dir = await Deno.makeTempDir({ prefix: "tls-mutate-test-" });
  try {
    await Deno.writeTextFile(`${dir}/d.json`, JSON.stringify({ deviations }));
    const io = captureIo();
    const code = await main(
      ["mutate", file, "--deviations", `${dir}/d.json`, "--reporter", "json"],
      io,
    );
    return { code, rows: JSON.parse(io.out).scenarios as Row[], err: io.err };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("main() mutate: a mutant's result is judged as a run judges it, expected deviations included", async (t) => {
  await t.step(
    "a failure the build's deviation records is an xfail: the mutant survives",
    async () => {
      // No `message`: the entry covers any failure, the mutant's error included.
      const { code, rows } = await mutate("passing.ts", [
        { scenario: "cli_test/passing", reason: "recorded" },
      ]);
      assert.deepEqual(
        rows.map((r) => [r.mutant, r.status, r.killed, r.deviation]),
        [["untrusted_ca", "xfail", false, "recorded"]],
      );
      assert.equal(code, 1);
    },
  );
  await t.step(
    "a deviation whose message the mutant's failure lacks does not apply: killed",
    async () => {
      const { code, rows } = await mutate("passing.ts", [
        { scenario: "cli_test/passing", reason: "recorded", message: "some other check" },
      ]);
      assert.deepEqual(rows.map((r) => [r.status, r.killed]), [["error", true]]);
      assert.equal(code, 0);
    },
  );
  await t.step("a recorded failure the mutant turns into a pass is an xpass: killed", async () => {
    const { code, rows } = await mutate("fails_until_mutated.ts", [
      { scenario: "cli_test/fails_until_mutated", reason: "the build completes handshakes" },
    ]);
    assert.deepEqual(
      rows.map((r) => [r.status, r.killed, r.deviation]),
      [["xpass", true, "the build completes handshakes"]],
    );
    assert.equal(code, 0);
  });
  await t.step("the same pass with no deviation is a survivor", async () => {
    const { code, rows } = await mutate("fails_until_mutated.ts", []);
    assert.deepEqual(rows.map((r) => [r.status, r.killed]), [["pass", false]]);
    assert.equal(code, 1);
  });
  assert.equal(liveChildCount(), 0);
});

Deno.test("main() mutate: more than one build is a usage error naming them", async () => {
  const io = captureIo();
  const code = await main(["mutate", "passing.ts", "--openssl", "system", "--build", "rustls"], io);
  assert.equal(code, 2);
  assert.match(io.err, /^error: mutate takes one build; "openssl:system" "rustls" name 2: /);
});

Deno.test("main() mutate: a build no selected mutant can be made for is an error naming it (exit 2)", async () => {
  const io = captureIo();
  const code = await main(["mutate", "passing.ts", "--build", "rustls", "--reporter", "json"], io);
  assert.equal(code, 2, io.err);
  const rows: Row[] = JSON.parse(io.out).scenarios;
  assert.deepEqual(rows.map((r) => [r.mutant, r.status, r.killed]), [
    ["untrusted_ca", "unsupported", false],
  ]);
  assert.match(
    io.err,
    /^error: no selected scenario can be mutated on build "[^"]+" \(rustls\): Mutant "untrusted_ca" wraps OpenSSL's openssl command/,
  );
});
