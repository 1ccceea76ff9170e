/**
 * Feed one async stream to several consumers, each at its own pace (every consumer sees every
 * item, in order). Items are buffered per consumer.
 */
export function broadcast<T>(source: AsyncIterable<T>, count: number): AsyncIterable<T>[] {
  const buffers: T[][] = Array.from({ length: count }, () => []);
  const wakers: (() => void)[] = [];
  let done = false;
  let failure: { error: unknown } | undefined;
  const wakeAll = () => wakers.splice(0).forEach((w) => w());
  const pump = (async () => {
    try {
      for await (const item of source) {
        for (const b of buffers) b.push(item);
        wakeAll();
      }
    } catch (error) {
      failure = { error };
    } finally {
      done = true;
      wakeAll();
    }
  })();
  return buffers.map((buffer) => ({
    async *[Symbol.asyncIterator]() {
      while (true) {
        while (buffer.length) yield buffer.shift()!;
        if (done) {
          await pump;
          if (failure) throw failure.error;
          return;
        }
        await new Promise<void>((r) => wakers.push(r));
      }
    },
  }));
}
