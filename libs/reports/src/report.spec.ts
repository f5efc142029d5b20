import { renderCanonical } from '@hub/eds';
import { reportDocument, verificationCode, type ReportContent, type ReportHeader } from './report';
import { reportHtml } from './report-html';
import { loadReportFont, reportPdf } from './report-pdf';
import { pdfText } from '@hub/test-support';

const header: ReportHeader = { reportId: '0f8fad5b-d9cb-469f-a165-70867728950e', issuedAt: new Date('2026-12-01T10:00:00Z'), issuerBin: '210740000011', requestedBy: { iin: '850302300124', bin: null, role: null } };
const content: ReportContent = {
  subject: { id: '150340000044', idKind: 'BIN', name: 'ТОО «ДАЛА & ТРЕЙД»', status: 'ACTIVE', legalForm: 'LLP', registeredOn: '2015-03-01', address: null, head: 'СЕРІКОВА', primaryActivity: '46900' },
  indexes: [{ name: 'TAXPAYER_CONSCIENTIOUSNESS', value: 0.12, category: 'LOW', algorithmVersion: 'final.conscientiousness@1.0.0', computedAt: '2026-12-01T09:00:00Z', reasons: [{ code: 'TAX_DEBT', text: 'no tax debt <none>' }] }],
  lists: [{ list: 'INACTIVE', includedOn: '2026-01-01' }],
  taxes: { debtKzt: 0, debtAsOf: '2026-11-01', paid: [{ fiscalYear: 2025, taxesPaidKzt: 1000 }] },
  courtCases: { summary: { total: 1 }, cases: [{ caseNumber: '1/2', outcome: 'SATISFIED' }] },
  utilityArrears: null,
  factsAsOf: '2026-12-01T08:00:00Z',
};

describe('counterparty report document', () => {
  it('is canonical XML with every part of BPR §28, escaped', () => {
    const xml = renderCanonical(reportDocument(header, content));
    expect(xml.startsWith('<rep:CounterpartyReport formatVersion="1" xmlns:rep="urn:kz:bpr-hub:report:v1">') || xml.startsWith('<rep:CounterpartyReport xmlns:rep="urn:kz:bpr-hub:report:v1" formatVersion="1">')).toBe(true);
    expect(xml).toContain('<rep:Name>ТОО «ДАЛА &amp; ТРЕЙД»</rep:Name>');
    expect(xml).toContain('<rep:Reason code="TAX_DEBT">no tax debt &lt;none&gt;</rep:Reason>');
    expect(xml).toContain('<rep:List includedOn="2026-01-01" list="INACTIVE"></rep:List>');
    expect(xml).toContain('<rep:UtilityArrears nonPaymentCount="0"></rep:UtilityArrears>');
    expect(xml).not.toContain('<rep:Address>');
  });

  it('the verification code is five groups of four hex digits of the document hash', () => {
    expect(verificationCode('ab'.repeat(32))).toBe('ABAB-ABAB-ABAB-ABAB-ABAB');
  });

  it('the HTML rendering carries the report id and code and escapes the facts', () => {
    const html = reportHtml(header, content, 'ABAB-ABAB-ABAB-ABAB-ABAB');
    expect(html).toContain(`<code id="report-id">${header.reportId}</code>`);
    expect(html).toContain('<code id="verification-code">ABAB-ABAB-ABAB-ABAB-ABAB</code>');
    expect(html).toContain('ДАЛА &#38; ТРЕЙД');
    expect(html).not.toContain('<none>');
  });
});

describe('counterparty report PDF', () => {
  it('is a complete PDF carrying the report id and the verification code, with Cyrillic and Kazakh text readable back', async () => {
    const pdf = await reportPdf(header, { ...content, subject: { ...content.subject, head: 'СЕРІКОВА ӘЙГЕРІМ ҚАНАТҚЫЗЫ' } }, 'ABAB-ABAB-ABAB-ABAB-ABAB', loadReportFont());
    const { text, pages, info } = pdfText(pdf);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(text).toContain(`Report id: ${header.reportId}`);
    expect(text).toContain('Verification code: ABAB-ABAB-ABAB-ABAB-ABAB');
    expect(text).toContain('ТОО «ДАЛА & ТРЕЙД»');
    expect(text).toContain('СЕРІКОВА ӘЙГЕРІМ ҚАНАТҚЫЗЫ');
    expect(text).toContain('no tax debt <none> [TAX_DEBT]');
    expect(text).not.toContain('\uFFFD');
    // the footer repeats both on every page
    expect(text.split('\n').filter((l) => l.includes(`Report ${header.reportId} · verification code ABAB-ABAB-ABAB-ABAB-ABAB`))).toHaveLength(pages);
    expect(info).toContain('Title');
  });

  it('names the fonts it looked for when none exists', () => {
    expect(() => loadReportFont(['/nonexistent/a.ttf'])).toThrow('/nonexistent/a.ttf');
  });
});
