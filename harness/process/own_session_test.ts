import assert from "node:assert/strict";
import { ownSessionLaunch, resolveCommand } from "./own_session.ts";
import { isDynamicElf, SESSION_MARKER, sessionPreload } from "./session_preload.ts";
import { run, spawn } from "./mod.ts";

const hasSetsid = ["/usr/bin/setsid", "/bin/setsid"].some((p) => {
  try {
    return Deno.statSync(p).isFile;
  } catch {
    return false;
  }
});

Deno.test("resolveCommand() finds a name on PATH, keeps a path, and says undefined for neither", () => {
  const sh = resolveCommand("sh", Deno.env.get("PATH"));
  assert.ok(sh?.startsWith("/") && sh.endsWith("/sh"));
  assert.equal(resolveCommand("/bin/sh", undefined), "/bin/sh");
  assert.equal(resolveCommand("no-such-command-here", "/bin:/usr/bin"), undefined);
  assert.equal(resolveCommand("/nonexistent/openssl", undefined), undefined);
  assert.equal(resolveCommand("sh", ""), undefined, "an empty PATH finds nothing");
  assert.equal(resolveCommand("./sh", "/bin"), undefined, "a relative path is left to Deno");
});

Deno.test("ownSessionLaunch() preloads setsid() into a dynamic program, and goes through setsid(1) for others", async () => {
  const lib = sessionPreload();
  const l = ownSessionLaunch("sh", ["-c", "true"], { LD_PRELOAD: "/x/libstdbuf.so" });
  if (lib && isDynamicElf(l.command)) {
    assert.match(l.command, /^\/.*\/sh$/, "the program itself: no second exec");
    assert.deepEqual(l.args, ["-c", "true"]);
    assert.equal(l.detached, false);
    assert.deepEqual(l.env, { LD_PRELOAD: `${lib}:/x/libstdbuf.so`, [SESSION_MARKER]: "1" });
  }
  // A script is started by the kernel, not the loader: setsid(1) (or detached without it).
  const dir = await Deno.makeTempDir();
  try {
    const script = `${dir}/peer.sh`;
    await Deno.writeTextFile(script, "#!/bin/sh\ntrue\n", { mode: 0o700 });
    assert.equal(isDynamicElf(script), false);
    const s = ownSessionLaunch(script, ["a"], {});
    if (!hasSetsid) assert.deepEqual(s, { command: script, args: ["a"], detached: true });
    else {
      assert.match(s.command, /\/setsid$/);
      assert.equal(s.detached, false);
      assert.deepEqual(s.args, [script, "a"]);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  // A command that is not found is left to Deno, which throws NotFound at spawn time.
  assert.deepEqual(ownSessionLaunch("/nonexistent/x", [], {}), {
    command: "/nonexistent/x",
    args: [],
    detached: true,
  });
});

Deno.test("the session preload is taken by the child alone: what it execs stays in its session", async () => {
  await using child = spawn("sh", {
    args: [
      "-c",
      `echo "$$ \${${SESSION_MARKER}:-unset}"; sh -c 'echo "$$ \${${SESSION_MARKER}:-unset}"'`,
    ],
  });
  const r = await child.finished;
  const [own, grand] = r.stdout.trim().split("\n").map((l) => l.split(" "));
  assert.equal(Number(own[0]), child.pid);
  assert.equal(own[1], "unset", "the constructor removed the marker before main");
  assert.equal(grand[1], "unset");
  assert.deepEqual(r.argv, child.argv);
});

Deno.test("a spawned child leads a session of its own, with the same pid, unless ownSession is off", async () => {
  const ids = async (ownSession: boolean) => {
    await using child = spawn("sh", { args: ["-c", "echo $$; sleep 30"], ownSession });
    const pid = Number(await child.waitForLine(/^\d+$/, { timeoutMs: 5000 }));
    const stat = await Deno.readTextFile(`/proc/${child.pid}/stat`);
    const [, , pgrp, session] = stat.slice(stat.lastIndexOf(")") + 2).split(" ").map(Number);
    return { pid, childPid: child.pid, pgrp, session };
  };
  const own = await ids(true);
  assert.equal(
    own.pid,
    own.childPid,
    "the preload or setsid(1) (in place): the pid is the child's",
  );
  assert.equal(own.pgrp, own.childPid);
  assert.equal(own.session, own.childPid);
  const shared = await ids(false);
  assert.notEqual(shared.pgrp, shared.childPid, "without: the harness's group");
  // run() reports the command as asked, without the setsid(1) or preload.
  const r = await run("sh", { args: ["-c", "echo ok"] });
  assert.deepEqual(r.argv, ["sh", "-c", "echo ok"]);
});
