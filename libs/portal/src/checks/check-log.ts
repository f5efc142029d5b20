import { createHash, randomUUID } from 'node:crypto';
import { GroupCommit, columnLiterals, named, statement, unnestParams, type Column, type Database, type Queryable } from '@hub/platform';
import { checkerRole, type PortalSession } from '../auth/session';

export type CheckKind = 'CARD' | 'REPORT';

export interface RecordedCheck {
  checkId: string;
  kind: CheckKind;
  subjectId: string;
  checkedAt: string;
  checker: { iin: string; bin: string | null; role: string | null; name: string | null };
  indexValues: Record<string, unknown>;
  shownSha256: string;
  reportId: string | null;
}

/** What the checked subject sees of who checked it (BPR §36): who and when, the checker's IIN masked. */
export interface CheckOfMe {
  checkedAt: string;
  kind: CheckKind;
  checker: { name: string | null; bin: string | null; role: string | null; iinMasked: string };
}

interface Row {
  id: string; kind: CheckKind; subject_id: string; checked_at: Date; checker_iin: string; checker_bin: string | null; checker_role: string | null;
  checker_name: string | null; index_values: Record<string, unknown>; shown_sha256: string; report_id: string | null; shown?: unknown;
}

const CHECK_COLUMNS: readonly Column[] = [
  ['id', 'uuid'], ['checker_iin', 'text'], ['checker_bin', 'text'], ['checker_role', 'text'], ['checker_name', 'text'], ['subject_id', 'text'],
  ['kind', 'text'], ['checked_at', 'timestamptz'], ['shown', 'text'], ['shown_sha256', 'text'], ['index_values', 'jsonb'], ['report_id', 'uuid'],
];
const INSERT_CHECKS = named('portal.checks.insert', `INSERT INTO portal.checks (${CHECK_COLUMNS.map(([n]) => n).join(', ')}) SELECT * FROM unnest(${unnestParams(CHECK_COLUMNS)})`);

/** A check ready to be stored: what the caller is told, and its row in CHECK_COLUMNS order. */
export interface PreparedCheck { check: RecordedCheck; row: unknown[] }

const toCheck = (r: Row): RecordedCheck => ({
  checkId: r.id, kind: r.kind, subjectId: r.subject_id, checkedAt: r.checked_at.toISOString(),
  checker: { iin: r.checker_iin, bin: r.checker_bin, role: r.checker_role, name: r.checker_name },
  indexValues: r.index_values, shownSha256: r.shown_sha256, reportId: r.report_id,
});

/**
 * The register of checks (BPR §36), in the portal's own schema: every card view and every report
 * records who checked (from the session: IIN, BIN, role), whom, when, what was shown (as shown,
 * with its SHA-256) and the index values. Append-only from here; scoring's tables are not touched.
 */
export class CheckLog {
  // A check is answered only once stored (fail closed); concurrent ones share a commit.
  private readonly writer: GroupCommit<unknown[]>;

  constructor(private readonly database: Database, private readonly clock: () => Date) {
    this.writer = new GroupCommit(database, (q, rows) => this.storeRows(q, rows));
  }

  /** Pure but for the id and the clock: the check of `subjectId` by the session's person, not yet stored. */
  prepare(session: PortalSession, subjectId: string, kind: CheckKind, shown: unknown, indexValues: Record<string, unknown>, reportId: string | null = null): PreparedCheck {
    const id = randomUUID();
    const shownJson = JSON.stringify(shown ?? null);
    const shownSha256 = createHash('sha256').update(shownJson, 'utf8').digest('hex');
    const at = this.clock();
    const name = [session.commonName, session.organisation].filter(Boolean).join(', ') || null;
    const role = checkerRole(session);
    return {
      check: { checkId: id, kind, subjectId, checkedAt: at.toISOString(), checker: { iin: session.iin, bin: session.bin, role, name }, indexValues, shownSha256, reportId },
      row: [id, session.iin, session.bin, role, name, subjectId, kind, at, shownJson, shownSha256, JSON.stringify(indexValues), reportId],
    };
  }

  /** Stores prepared checks (one statement for any number), e.g. inside the transaction storing their reports. */
  readonly storeRows = async (q: Queryable, rows: readonly unknown[][]): Promise<void> => {
    if (rows.length) await q.query(statement(INSERT_CHECKS, columnLiterals(rows, CHECK_COLUMNS.length)));
  };

  /** Records a check and answers once it is stored. */
  async record(session: PortalSession, subjectId: string, kind: CheckKind, shown: unknown, indexValues: Record<string, unknown>, reportId: string | null = null): Promise<RecordedCheck> {
    const { check, row } = this.prepare(session, subjectId, kind, shown, indexValues, reportId);
    await this.writer.submit(row);
    return check;
  }

  /** The checks this person made in this capacity (the same IIN, and the same BIN or none). */
  async madeBy(session: PortalSession, limit = 100): Promise<RecordedCheck[]> {
    const rows = await this.database.query<Row>(
      `SELECT id, kind, subject_id, checked_at, checker_iin, checker_bin, checker_role, checker_name, index_values, shown_sha256, report_id
         FROM portal.checks WHERE checker_iin = $1 AND checker_bin IS NOT DISTINCT FROM $2 ORDER BY checked_at DESC LIMIT $3`,
      [session.iin, session.bin, limit],
    );
    return rows.map(toCheck);
  }

  /** One check, for the person who made it (else null: 404). */
  async oneMadeBy(session: PortalSession, checkId: string): Promise<(RecordedCheck & { shownJson: string }) | null> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(checkId)) return null;
    const rows = await this.database.query<Row>(
      `SELECT id, kind, subject_id, checked_at, checker_iin, checker_bin, checker_role, checker_name, index_values, shown_sha256, report_id, shown
         FROM portal.checks WHERE id = $1 AND checker_iin = $2 AND checker_bin IS NOT DISTINCT FROM $3`,
      [checkId, session.iin, session.bin],
    );
    return rows[0] ? { ...toCheck(rows[0]), shownJson: String(rows[0].shown) } : null;
  }

  /** Who checked a subject and when. The caller has already established that the session speaks for it. */
  async of(subjectId: string, limit = 100): Promise<CheckOfMe[]> {
    const rows = await this.database.query<Row>(
      `SELECT kind, checked_at, checker_iin, checker_bin, checker_role, checker_name FROM portal.checks WHERE subject_id = $1 ORDER BY checked_at DESC LIMIT $2`,
      [subjectId, limit],
    );
    return rows.map((r) => ({
      checkedAt: r.checked_at.toISOString(),
      kind: r.kind,
      checker: { name: r.checker_name, bin: r.checker_bin, role: r.checker_role, iinMasked: `********${r.checker_iin.slice(8)}` },
    }));
  }
}
