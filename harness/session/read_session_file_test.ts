import assert from "node:assert/strict";
import { readSessionFile } from "./read_session_file.ts";
import { encodeSessionDer } from "./ssl_session.ts";
import { encodeSessionPem } from "./session_pem.ts";
import { fullSession, toHex } from "../../testing/session/samples.ts";
import { makePrivateTempDir } from "../temp_dir/mod.ts";
import { runOk } from "../process/mod.ts";

Deno.test("readSessionFile() reads PEM and DER files", async () => {
  await using dir = await makePrivateTempDir({ prefix: "session-read-" });
  const der = encodeSessionDer(fullSession());
  await Deno.writeFile(`${dir.path}/s.der`, der);
  await Deno.writeTextFile(`${dir.path}/s.pem`, encodeSessionPem(fullSession()));
  assert.equal(toHex(encodeSessionDer(await readSessionFile(`${dir.path}/s.der`))), toHex(der));
  assert.equal(toHex(encodeSessionDer(await readSessionFile(`${dir.path}/s.pem`))), toHex(der));
});

Deno.test("readSessionFile() says an empty file is empty", async () => {
  await using dir = await makePrivateTempDir({ prefix: "session-read-" });
  const path = `${dir.path}/empty.pem`;
  await Deno.writeFile(path, new Uint8Array(0));
  await assert.rejects(
    () => readSessionFile(path),
    (e: unknown) =>
      e instanceof SyntaxError && e.message.includes(`"${path}"`) &&
      /the file is empty/.test(e.message),
  );
});

Deno.test("readSessionFile() rethrows a missing file as NotFound with the path", async () => {
  await using dir = await makePrivateTempDir({ prefix: "session-read-" });
  const path = `${dir.path}/missing.pem`;
  await assert.rejects(
    () => readSessionFile(path),
    (e: unknown) => e instanceof Deno.errors.NotFound && e.message.includes(`"${path}"`),
  );
});

Deno.test("readSessionFile() names the file for garbage, binary or text", async () => {
  await using dir = await makePrivateTempDir({ prefix: "session-read-" });
  const bin = `${dir.path}/garbage.bin`;
  await Deno.writeFile(bin, Uint8Array.of(0xff, 0xfe, 0x00, 0x80));
  await assert.rejects(
    () => readSessionFile(bin),
    (e: unknown) => e instanceof SyntaxError && e.message.includes(`"${bin}"`),
  );
  const der = `${dir.path}/truncated.der`;
  await Deno.writeFile(der, encodeSessionDer(fullSession()).subarray(0, 40));
  await assert.rejects(
    () => readSessionFile(der),
    (e: unknown) =>
      e instanceof SyntaxError &&
      new RegExp(`^Cannot decode SSL session in "${der}" at byte \\d+`).test(e.message),
  );
  const txt = `${dir.path}/notes.txt`;
  await Deno.writeTextFile(txt, "no session here\n");
  await assert.rejects(
    () => readSessionFile(txt),
    (e: unknown) => e instanceof SyntaxError && e.message.includes(`"${txt}" at line 1`),
  );
});

/** Fail instead of hanging: a FIFO read would block forever, /dev/zero would fill the memory. */
function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) =>
      timer = setTimeout(() => reject(new Error(`still reading after ${ms} ms`)), ms)
    ),
  ]);
}

Deno.test("readSessionFile() refuses a FIFO, a device, a directory and a symlink to a device without opening them", async () => {
  await using dir = await makePrivateTempDir({ prefix: "session-read-" });
  const fifo = `${dir.path}/fifo.pem`;
  await runOk("mkfifo", { args: [fifo], timeoutMs: 5000 });
  await Deno.symlink("/dev/zero", `${dir.path}/zero.pem`);
  for (
    const [path, kind] of [
      [fifo, "a FIFO \\(named pipe\\)"],
      ["/dev/zero", "a character device"],
      [`${dir.path}/zero.pem`, "a character device"],
      [dir.path, "a directory"],
    ]
  ) {
    await assert.rejects(
      () => within(5000, readSessionFile(path)),
      (e: unknown) =>
        e instanceof TypeError &&
        new RegExp(`"${path}": it is ${kind}, not a regular file`).test(e.message),
      path,
    );
  }
});

Deno.test("readSessionFile() refuses a file over the limit before reading it: 1 MiB by default, maxBytes to change it", async () => {
  await using dir = await makePrivateTempDir({ prefix: "session-read-" });
  const huge = `${dir.path}/huge.pem`;
  // 2 GiB, sparse: nothing is written, and nothing may be read.
  await Deno.writeFile(huge, new Uint8Array(0));
  await Deno.truncate(huge, 2 ** 31);
  await assert.rejects(
    () => within(5000, readSessionFile(huge)),
    (e: unknown) =>
      e instanceof RangeError &&
      e.message.includes(`"${huge}": 2147483648 bytes is over the limit of 1048576 bytes`),
  );
  const pem = `${dir.path}/s.pem`;
  await Deno.writeTextFile(pem, encodeSessionPem(fullSession()));
  await assert.rejects(
    () => readSessionFile(pem, { maxBytes: 100 }),
    (e: unknown) => e instanceof RangeError && /over the limit of 100 bytes/.test(e.message),
  );
  assert.ok(await readSessionFile(pem, { maxBytes: 4096 }));
});
