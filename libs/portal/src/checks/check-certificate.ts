import { el, type XmlElement } from '@hub/eds';
import type { RecordedCheck } from './check-log';

export const CHECK_NS = 'urn:kz:bpr-hub:check:v1';

/**
 * Pure: the electronic certificate of a check (BPR §36: "an electronic report on the fact of the
 * check" — date, time, what was shown, the index values), signed by the hub like any document.
 */
export function checkCertificateDocument(check: RecordedCheck & { shownJson: string }, issuerBin: string, issuedAt: Date): XmlElement {
  const c = check.checker;
  const checkerAttrs: Record<string, string> = { iin: c.iin };
  if (c.bin) checkerAttrs.bin = c.bin;
  if (c.role) checkerAttrs.role = c.role;
  return el('chk:CheckCertificate', { 'xmlns:chk': CHECK_NS }, [
    el('chk:CheckId', {}, [check.checkId]),
    el('chk:Kind', {}, [check.kind]),
    el('chk:CheckedAt', {}, [check.checkedAt]),
    el('chk:Checker', checkerAttrs, [c.name ?? '']),
    el('chk:Subject', { id: check.subjectId }),
    el('chk:IndexValues', {}, Object.entries(check.indexValues).map(([name, v]) => {
      const o = (v ?? {}) as { value?: number | string; category?: string };
      return el('chk:Index', { name, value: String(o.value ?? ''), category: o.category ?? '' });
    })),
    ...(check.reportId ? [el('chk:ReportId', {}, [check.reportId])] : []),
    el('chk:Shown', { sha256: check.shownSha256, mediaType: 'application/json' }, [check.shownJson]),
    el('chk:Issued', { by: issuerBin, at: issuedAt.toISOString() }),
  ]);
}
