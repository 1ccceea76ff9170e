import assert from "node:assert/strict";
import { readSessionFile } from "./read_session_file.ts";
import { encodeSessionDer } from "./ssl_session.ts";
import { encodeSessionPem } from "./session_pem.ts";
import { fullSession, toHex } from "./_samples.ts";
import { makePrivateTempDir } from "../temp_dir/mod.ts";

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
