import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SampleMember } from '@hub/perimeter';
import { Database } from '@hub/platform';
import { TAX_DATABASE } from './tax-database';

export interface SampleDraw {
  name: string;
  size: number;
  /** Same seed and population, same subjects; the sample ids stay random whatever the seed. */
  seed?: string;
  /** The NCE's requirements narrowed to candidate ids (BPR §21); default: every taxpayer the tax authority holds. */
  among?: readonly string[];
}

export interface DrawnSample { name: string; drawnAt: Date; members: SampleMember[] }

/**
 * The tax authority's side of a depersonalized sample (BPR §21): it draws the random list of
 * entrepreneurs and keeps the subject -> sample id mapping in src_tax.sample_subjects, which only
 * its own login (hub_tax) can read. Nothing here ever goes to the NCE except sample ids.
 */
@Injectable()
export class SampleListRepository {
  constructor(@Inject(TAX_DATABASE) private readonly database: Database) {}

  /** Draws `size` taxpayers at random and stores their new sample ids; a name is drawn once. */
  async draw(request: SampleDraw): Promise<DrawnSample> {
    if (!Number.isInteger(request.size) || request.size < 1) throw new Error('sample size must be a positive integer');
    return this.database.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`sample:${request.name}`]);
      const taken = await client.query('SELECT 1 FROM src_tax.sample_subjects WHERE sample_name = $1 LIMIT 1', [request.name]);
      if (taken.rowCount) throw new Error(`sample "${request.name}" was already drawn; choose another name`);
      const params: unknown[] = [request.among ? [...request.among] : null, request.size];
      // A seeded order is a hash of id and seed: reproducible, yet unrelated to the id's own order.
      const order = request.seed === undefined ? 'random()' : `md5(id || $${params.push(request.seed)}::text), id`;
      const drawn = await client.query<{ id: string }>(
        `SELECT id FROM src_tax.facts WHERE ($1::bpchar[] IS NULL OR id = ANY($1::bpchar[])) ORDER BY ${order} LIMIT $2`, params);
      // Sample ids are random UUIDs, never derived from the subject: a hash of a BIN could be reversed by trying every BIN.
      const members = drawn.rows.map((r) => ({ subjectId: r.id.trim(), sampleId: randomUUID() }));
      const drawnAt = new Date();
      await client.query(
        `INSERT INTO src_tax.sample_subjects (sample_name, sample_id, subject_id, drawn_at)
         SELECT $1, u.sample_id, u.subject_id, $4 FROM unnest($2::uuid[], $3::bpchar[]) AS u(sample_id, subject_id)`,
        [request.name, members.map((m) => m.sampleId), members.map((m) => m.subjectId), drawnAt]);
      return { name: request.name, drawnAt, members };
    });
  }

  /** A drawn sample's list, as the tax authority hands it to the other state bodies. */
  async sample(name: string): Promise<DrawnSample> {
    const rows = await this.database.query<{ sample_id: string; subject_id: string; drawn_at: Date }>(
      'SELECT sample_id, subject_id, drawn_at FROM src_tax.sample_subjects WHERE sample_name = $1 ORDER BY sample_id', [name]);
    if (rows.length === 0) throw new Error(`no sample named "${name}"`);
    return { name, drawnAt: rows[0].drawn_at, members: rows.map((r) => ({ subjectId: r.subject_id.trim(), sampleId: r.sample_id })) };
  }

  /**
   * Re-keys outcomes the tax authority knows by subject (pseudo-enterprise findings, bankruptcies)
   * to the sample's ids, in sample-id order; subjects outside the sample are dropped.
   */
  async rekey<T>(name: string, bySubject: ReadonlyMap<string, T>): Promise<Array<{ sampleId: string; value: T }>> {
    const { members } = await this.sample(name);
    return members.flatMap((m) => (bySubject.has(m.subjectId) ? [{ sampleId: m.sampleId, value: bySubject.get(m.subjectId) as T }] : []));
  }
}
