import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { FactRecord, ReportContent, ReportHeader } from './report';

/**
 * TrueType fonts with Cyrillic and the Kazakh letters (Ә Ғ Қ Ң Ө Ұ Ү Һ І), where Debian (package
 * fonts-dejavu-core, which chromium's fontconfig pulls in) and Fedora/Alpine put DejaVu Sans. The
 * PDF standard fonts have no Cyrillic at all, so a report never falls back to them.
 */
export const REPORT_PDF_FONTS: readonly string[] = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
];

/** The first of `candidates` that exists, read; an error naming them all when none does. */
export function loadReportFont(candidates: readonly string[] = REPORT_PDF_FONTS): Buffer {
  const found = candidates.find((f) => existsSync(f));
  if (!found) throw new Error(`no TrueType font with Cyrillic for the PDF report: none of ${candidates.join(', ')} exists (apt-get install fonts-dejavu-core)`);
  return readFileSync(found);
}

const show = (v: string | number | boolean | null | undefined): string => (v === null || v === undefined || v === '' ? '—' : String(v));
const line = (r: FactRecord): string => Object.entries(r).map(([k, v]) => `${k}: ${show(v)}`).join('; ') || '—';

/**
 * The report's printable rendering (issue 14 item 4), with the same content as the HTML one and,
 * at the top of the first page and in every page's footer, the report id and the verification
 * code, so a printed copy can be checked at POST /api/v1/reports/verify. The signed XML stays the
 * legally meaningful document (BPR §28); this only shows it. One embedded font (subset) for all
 * text: Cyrillic and Kazakh print, and a text extractor reads the words back.
 */
export function reportPdf(h: ReportHeader, c: ReportContent, code: string, font: Buffer): Promise<Buffer> {
  const s = c.subject;
  const doc = new PDFDocument({
    size: 'A4', margin: 50, bufferPages: true,
    info: { Title: `Отчёт о контрагенте ${s.id} / Counterparty report ${h.reportId}`, Author: `BIN ${h.issuerBin}`, Subject: `Report ${h.reportId}, verification code ${code}`, CreationDate: h.issuedAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (d: Buffer) => chunks.push(d));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', font);
  doc.font('body');
  const heading = (t: string) => doc.moveDown(0.6).fontSize(13).text(t).moveDown(0.2).fontSize(10);
  const para = (t: string) => doc.fontSize(10).text(t);

  doc.fontSize(17).text('Отчёт о контрагенте / Counterparty report').moveDown(0.4);
  const boxTop = doc.y;
  doc.fontSize(11).text(`Report id: ${h.reportId}`, 60, boxTop + 8).text(`Verification code: ${code}`)
    .fontSize(9).text(`Issued ${h.issuedAt.toISOString()} by the hub (BIN ${h.issuerBin}), signed with its EDS. Check it: POST /api/v1/reports/verify.`);
  doc.rect(50, boxTop, doc.page.width - 100, doc.y - boxTop + 8).lineWidth(1.5).stroke();
  doc.x = 50;
  doc.y += 14;

  heading('Субъект / Subject');
  for (const [k, v] of [['BIN/IIN', `${s.id} (${s.idKind})`], ['Name', s.name], ['Status', s.status], ['Legal form', s.legalForm], ['Registered on', s.registeredOn],
    ['Address', s.address], ['Head', s.head], ['Activity', s.primaryActivity]] as const) para(`${k}: ${show(v)}`);

  heading('Индексы / Indexes');
  if (!c.indexes.length) para('—');
  for (const i of c.indexes) {
    doc.fontSize(11).text(`${i.name}: ${i.value} (${i.category})`);
    for (const r of i.reasons) para(`  • ${r.text} [${r.code}]`);
  }
  heading('Государственные списки / State lists');
  if (c.lists.length) c.lists.forEach((l) => para(line(l)));
  else para('—');
  heading('Налоги / Taxes');
  if (c.taxes) {
    para(`Debt: ${show(c.taxes.debtKzt)} KZT as of ${show(c.taxes.debtAsOf)}`);
    c.taxes.paid.forEach((p) => para(line(p)));
  } else para('—');
  heading('Судебные дела / Court cases');
  if (c.courtCases) {
    para(line(c.courtCases.summary));
    c.courtCases.cases.forEach((k) => para(line(k)));
  } else para('—');
  heading('Задолженность за коммунальные услуги / Utility arrears');
  if (c.utilityArrears) {
    para(line(c.utilityArrears.summary));
    c.utilityArrears.outstanding.forEach((a) => para(line(a)));
  } else para('—');
  doc.moveDown().fontSize(8).text(`Facts as of ${show(c.factsAsOf)}.`);

  // Every page carries the id and the code: a single printed page can be checked on its own.
  const range = doc.bufferedPageRange();
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fontSize(7).text(`Report ${h.reportId} · verification code ${code} · page ${p + 1}/${range.count}`, 50, doc.page.height - 35, { lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
