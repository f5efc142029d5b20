import type { PublicFact, PublicFactDocs, PublicFactKind } from '@hub/contracts';
import { PublicFactKindValues, publicFactDoc } from '@hub/contracts';
import { parseNationalId } from '@hub/identity';
import { Validation, latestByKey } from '@hub/platform';

export enum PublicFactRejection {
  SUBJECT_ID = 'SUBJECT_ID',
  KEY_MISMATCH = 'KEY_MISMATCH',
  UNKNOWN_KIND = 'UNKNOWN_KIND',
  FACTS_NOT_JSON = 'FACTS_NOT_JSON',
  DATE_IN_FUTURE = 'DATE_IN_FUTURE',
}

/** A validated fact, ready to store. */
export interface StoredFact<K extends PublicFactKind = PublicFactKind> {
  subjectId: string;
  kind: K;
  itemKey: string;
  eventTime: Date;
  storedAt: Date;
  facts: PublicFactDocs[K];
  /** The document as received: stored as it is (jsonb parses it), not stringified again. */
  factsJson: string;
}

const CLOCK_SKEW_MS = 5 * 60_000;
const reject = (code: PublicFactRejection, reason: string): Validation<never> => ({ ok: false, code, reason });

/** Pure: a fact from a perimeter is taken in only with a valid BIN/IIN, a known kind and a JSON object. */
export function validatePublicFact(record: PublicFact, key: string | null, now: Date): Validation<StoredFact> {
  const id = parseNationalId(record.subjectId);
  if (!id.ok) return reject(PublicFactRejection.SUBJECT_ID, `subjectId ${id.message}`);
  if (key !== null && key !== record.subjectId) return reject(PublicFactRejection.KEY_MISMATCH, 'record key must be the subjectId');
  if (!(PublicFactKindValues as readonly string[]).includes(record.kind)) return reject(PublicFactRejection.UNKNOWN_KIND, `unknown kind ${String(record.kind)}`);
  if (record.eventTime > now.getTime() + CLOCK_SKEW_MS) return reject(PublicFactRejection.DATE_IN_FUTURE, 'eventTime is in the future');
  const facts = publicFactDoc(record);
  if (facts === undefined) return reject(PublicFactRejection.FACTS_NOT_JSON, 'facts is not JSON');
  if (!facts || typeof facts !== 'object' || Array.isArray(facts)) return reject(PublicFactRejection.FACTS_NOT_JSON, 'facts must be a JSON object');
  return {
    ok: true,
    value: {
      subjectId: record.subjectId, kind: record.kind, itemKey: record.itemKey, eventTime: new Date(record.eventTime),
      storedAt: new Date(record.storedAt), facts: facts as PublicFactDocs[PublicFactKind], factsJson: record.facts,
    },
  };
}

/** One statement cannot touch a row twice: keep the latest fact per identity within a batch. */
export function latestPerFact<T extends { fact: StoredFact }>(items: readonly T[]): T[] {
  return latestByKey(items, (i) => `${i.fact.subjectId}|${i.fact.kind}|${i.fact.itemKey}`, (i) => i.fact.eventTime);
}
