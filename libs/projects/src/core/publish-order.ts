/** The fields the publishing order needs from a stored status event. */
export interface Versioned { projectId: string; version: number }

/**
 * Pure: which of the unpublished events may leave now, in the order they must leave. A project's
 * events go out in version order with no gap (ndip.projects.status.v1 promises NDIP a project's
 * history in order, keyed by project): an event leaves only once every lower version has left.
 * The outbox's seq cannot promise that alone: a sequence value is taken when a row is written,
 * not when its transaction commits, so a reader can see a later seq before an earlier one.
 * `publishedUpTo` is each project's highest published version (absent: none yet, so 1 comes next).
 */
export function publishable<E extends Versioned>(unpublished: readonly E[], publishedUpTo: ReadonlyMap<string, number>): E[] {
  const byProject = new Map<string, E[]>();
  for (const e of unpublished) {
    const list = byProject.get(e.projectId);
    if (list) list.push(e);
    else byProject.set(e.projectId, [e]);
  }
  const out: E[] = [];
  for (const [projectId, events] of byProject) {
    let next = (publishedUpTo.get(projectId) ?? 0) + 1;
    for (const e of [...events].sort((a, b) => a.version - b.version)) {
      if (e.version !== next) break;
      out.push(e);
      next++;
    }
  }
  return out;
}
