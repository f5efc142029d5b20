import type { Admin } from 'kafkajs';

export interface ConsumerProgress { end: number; committed: number }

/** A group's committed offsets against the topics' end offsets, summed over all partitions. */
export async function consumerProgress(admin: Admin, groupId: string, topics: readonly string[]): Promise<ConsumerProgress> {
  let end = 0;
  for (const t of topics) for (const p of await admin.fetchTopicOffsets(t)) end += Number(p.high);
  const groups = await admin.fetchOffsets({ groupId, topics: [...topics] });
  const committed = groups.reduce((sum, g) => sum + g.partitions.reduce((s, p) => s + Math.max(0, Number(p.offset)), 0), 0);
  return { end, committed };
}

/**
 * Waits until a group has committed everything on the topics and nothing has moved for `quietMs`
 * (records derived in batches may still be on their way); returns when the last commit was seen.
 * `alive` is called on every poll so a caller can stop waiting on a process that died.
 */
export async function waitUntilSettled(
  admin: Admin, groupId: string, topics: readonly string[], options: { quietMs: number; alive?: () => void; pollMs?: number },
): Promise<{ settledAt: bigint; end: number }> {
  let committed = -1;
  let end = -1;
  let lastProgressAt = process.hrtime.bigint();
  for (;;) {
    options.alive?.();
    const now = await consumerProgress(admin, groupId, topics).catch(() => ({ end: Infinity, committed: 0 }));
    if (now.committed !== committed || now.end !== end) { committed = now.committed; end = now.end; lastProgressAt = process.hrtime.bigint(); }
    if (committed >= end && Number(process.hrtime.bigint() - lastProgressAt) / 1e6 >= options.quietMs) return { settledAt: lastProgressAt, end };
    await new Promise((r) => setTimeout(r, options.pollMs ?? 250));
  }
}
