import assert from "node:assert/strict";
import { listeningSockets, parseProcNetTcp, TCP_LISTEN } from "./listening_sockets.ts";

const HEADER6 =
  "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

Deno.test("parseProcNetTcp() decodes IPv4 and IPv6 rows", () => {
  const v4 = parseProcNetTcp(
    "  sl  local_address rem_address   st\n" +
      "   0: 0100007F:A3C4 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 777 1 0 100 0 0 10 0\n",
  );
  assert.deepEqual(v4, [{ address: "127.0.0.1", port: 0xa3c4, state: TCP_LISTEN, inode: 777 }]);
  const v6 = parseProcNetTcp(
    HEADER6 +
      "   0: 00000000000000000000000000000000:A3C5 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 778 1 0 100 0 0 10 0\n" +
      "   1: 00000000000000000000000001000000:0016 00000000000000000000000001000000:D2A4 01 00000000:00000000 00:00000000 00000000     0        0 779 1 0 100 0 0 10 0\n",
    "tcp6",
  );
  assert.deepEqual(v6.map((r) => [r.address, r.port, r.state, r.inode]), [
    ["::", 0xa3c5, 0x0a, 778],
    ["::1", 22, 1, 779],
  ]);
});

Deno.test("parseProcNetTcp() names the file and line of a malformed row", () => {
  assert.throws(() => parseProcNetTcp(HEADER6 + "   0: nonsense\n", "tcp6"), {
    name: "SyntaxError",
    message: /^tcp6:2: expected "sl: addr:port/,
  });
});

Deno.test("listeningSockets() finds this process's own listener and only it", async () => {
  assert.deepEqual(await listeningSockets(Deno.pid), []);
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const port = (l.addr as Deno.NetAddr).port;
    assert.deepEqual(await listeningSockets(Deno.pid), [{ address: "127.0.0.1", port }]);
  } finally {
    l.close();
  }
  assert.deepEqual(await listeningSockets(Deno.pid), []);
  assert.deepEqual(await listeningSockets(2 ** 22 + 12345), []);
});
