// `report readme`: --write rewrites a file's generated sections once, --check fails while they
// are stale, and bad input is a usage error naming the file.
import assert from "node:assert/strict";
import { captureIo } from "../../testing/cli/capture_io.ts";
import { main } from "./main.ts";

const FIXTURE = new URL("../report/testdata/readme_report.json", import.meta.url).pathname;

Deno.test("main() report readme: --check fails on a stale file, --write fixes it once", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const readme = `${dir}/README.md`;
    const original = "# R\n\n<!-- generated: findings -->\nold\n<!-- /generated -->\n\n" +
      "<!-- generated: interop -->\n<!-- /generated -->\n";
    await Deno.writeTextFile(readme, original);
    let io = captureIo(dir);
    assert.equal(await main(["report", "readme", FIXTURE, "--check", readme], io), 1);
    assert.match(io.err, /README\.md: stale generated section\(s\) "findings", "interop": run /);
    assert.equal(await Deno.readTextFile(readme), original, "--check writes nothing");

    io = captureIo(dir);
    assert.equal(await main(["report", "readme", FIXTURE, "--write", readme], io), 0);
    assert.match(io.out, /README\.md: rewrote "findings", "interop"/);
    const written = await Deno.readTextFile(readme);
    assert.match(written, /^\| wolfSSL \| 5\.7\.2 \| `get_session\/tcp_peer_tickets_api` \|/m);
    assert.match(written, /^\| GnuTLS 3\.8\.13 \| OpenSSL 3\.0\.19 \(system\) \|/m);

    io = captureIo(dir);
    assert.equal(await main(["report", "readme", FIXTURE, "--write", readme], io), 0);
    assert.match(io.out, /already up to date/);
    assert.equal(await Deno.readTextFile(readme), written, "a second --write changes nothing");
    io = captureIo(dir);
    assert.equal(await main(["report", "readme", FIXTURE, "--check", readme], io), 0);

    // No flag: the sections with their markers, ready to paste.
    io = captureIo(dir);
    assert.equal(await main(["report", "readme", FIXTURE], io), 0);
    assert.ok(written.includes(io.out.split("\n\n<!-- generated: interop")[0]));

    await Deno.writeTextFile(`${dir}/open.md`, "<!-- generated: findings -->\n");
    const cases: [string[], RegExp][] = [
      [["report", "readme"], /takes one JSON report \(got 0\)/],
      [["report", "readme", `${dir}/missing.json`], /Cannot read report "[^"]*missing\.json"/],
      [["report", "readme", readme], /Not a JSON report: .*README\.md: not valid JSON/],
      [
        ["report", "readme", FIXTURE, "--check", `${dir}/open.md`],
        /open\.md:1: section "findings" is not closed/,
      ],
      [
        ["report", "readme", FIXTURE, "--write", readme, "--check", readme],
        /--write FILE or --check FILE, not both/,
      ],
    ];
    for (const [args, message] of cases) {
      io = captureIo(dir);
      assert.equal(await main(args, io), 2, args.join(" "));
      assert.match(io.err, message);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
