/**
 * Runs `task` for every key with at most `limit` in flight, and returns each key's result
 * or error in the keys' order: the DataLoader batch contract for providers without a batch
 * endpoint.
 */
export async function settleEach<K, V>(
  keys: readonly K[],
  limit: number,
  task: (key: K) => Promise<V>,
): Promise<Array<V | Error>> {
  const results: Array<V | Error> = new Array<V | Error>(keys.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < keys.length) {
      const index = next;
      next += 1;
      try {
        results[index] = await task(keys[index] as K);
      } catch (error) {
        results[index] = error instanceof Error ? error : new Error(String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, keys.length) }, worker));
  return results;
}
