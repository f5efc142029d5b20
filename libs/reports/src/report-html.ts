import type { ReportContent, ReportHeader } from './report';

const esc = (v: string | number | boolean | null | undefined): string => String(v ?? '—').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const table = (rows: Array<Record<string, string | number | boolean | null | undefined>>): string => {
  if (!rows.length) return '<p>—</p>';
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return `<table><thead><tr>${keys.map((k) => `<th>${esc(k)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${keys.map((k) => `<td>${esc(r[k])}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
};

/**
 * Pure: the human-readable rendering of a report. It carries the report id and the verification
 * code, so a printed copy can be checked at POST /api/v1/reports/verify; the signed XML is the
 * legally meaningful document (BPR §28), this page only shows it.
 */
export function reportHtml(h: ReportHeader, c: ReportContent, code: string): string {
  const s = c.subject;
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Отчёт о контрагенте ${esc(s.id)}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #bbb;padding:.2rem .4rem;text-align:left}.verify{border:2px solid #333;padding:.5rem;margin:1rem 0}</style></head><body>
<h1>Отчёт о контрагенте / Counterparty report</h1>
<div class="verify">Report id: <code id="report-id">${esc(h.reportId)}</code><br>Verification code: <code id="verification-code">${esc(code)}</code><br>
Issued ${esc(h.issuedAt.toISOString())} by the hub (BIN ${esc(h.issuerBin)}), signed with its EDS. Check it: POST /api/v1/reports/verify.</div>
<h2>Субъект / Subject</h2>${table([{ id: s.id, kind: s.idKind, name: s.name, status: s.status, legalForm: s.legalForm, registeredOn: s.registeredOn, address: s.address, head: s.head, activity: s.primaryActivity }])}
<h2>Индексы / Indexes</h2>${c.indexes.map((i) => `<h3>${esc(i.name)}: ${esc(i.value)} (${esc(i.category)})</h3><ul>${i.reasons.map((r) => `<li>${esc(r.text)} <small>${esc(r.code)}</small></li>`).join('')}</ul>`).join('') || '<p>—</p>'}
<h2>Государственные списки / State lists</h2>${table(c.lists)}
<h2>Налоги / Taxes</h2>${c.taxes ? `<p>Debt: ${esc(c.taxes.debtKzt)} KZT as of ${esc(c.taxes.debtAsOf)}</p>${table(c.taxes.paid)}` : '<p>—</p>'}
<h2>Судебные дела / Court cases</h2>${c.courtCases ? table([c.courtCases.summary]) + table(c.courtCases.cases) : '<p>—</p>'}
<h2>Задолженность за коммунальные услуги / Utility arrears</h2>${c.utilityArrears ? table([c.utilityArrears.summary]) + table(c.utilityArrears.outstanding) : '<p>—</p>'}
<p><small>Facts as of ${esc(c.factsAsOf)}.</small></p></body></html>`;
}
