import assert from "node:assert/strict";
import { ownSessionLaunch, resolveCommand } from "./own_session.ts";
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

Deno.test("ownSessionLaunch() goes through setsid(1) without Deno's detached, when there is one", () => {
  const l = ownSessionLaunch("sh", ["-c", "true"], {});
  if (!hasSetsid) {
    return assert.deepEqual(l, { command: "sh", args: ["-c", "true"], detached: true });
  }
  assert.match(l.command, /\/setsid$/);
  assert.equal(l.detached, false);
  assert.match(l.args[0], /^\/.*\/sh$/);
  assert.deepEqual(l.args.slice(1), ["-c", "true"]);
  // A command that is not found is left to Deno, which throws NotFound at spawn time.
  assert.deepEqual(ownSessionLaunch("/nonexistent/x", [], {}), {
    command: "/nonexistent/x",
    args: [],
    detached: true,
  });
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
  assert.equal(own.pid, own.childPid, "setsid(1) execs in place: the pid is the child's");
  assert.equal(own.pgrp, own.childPid);
  assert.equal(own.session, own.childPid);
  const shared = await ids(false);
  assert.notEqual(shared.pgrp, shared.childPid, "without: the harness's group");
  // run() reports the command as asked, without the setsid(1) in front.
  const r = await run("sh", { args: ["-c", "echo ok"] });
  assert.deepEqual(r.argv, ["sh", "-c", "echo ok"]);
});
