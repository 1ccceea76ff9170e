const handedOut = new Set<number>();

/**
 * A TCP port on 127.0.0.1 that was free a moment ago and that this process has not handed out
 * before, for peers that cannot report the port they bound (`s_server -quiet`). Prefer letting
 * the peer bind port 0 and report it; this is the fallback.
 */
export function freePort(): number {
  for (let i = 0; i < 50; i++) {
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (listener.addr as Deno.NetAddr).port;
    listener.close();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error("Cannot find a free port on 127.0.0.1: every port tried was handed out already");
}
