// Signed counterparty reports (BPR §28): the XML, its HTML and PDF renderings, issuing, storing, verifying.
import { Stores, type MigrationSet } from '@hub/platform';

export const REPORTS_MIGRATIONS: readonly MigrationSet[] = [Stores.reports];
export { REPORT_NS, REPORT_FORMAT_VERSION, reportDocument, verificationCode, type FactRecord, type ReportContent, type ReportHeader, type ReportIndex, type ReportReason } from './report';
export { reportHtml } from './report-html';
export { REPORT_PDF_FONTS, loadReportFont, reportPdf } from './report-pdf';
export { ReportService, ReportVerdictCode, type Alongside, type IssuedReport, type ReportVerdict } from './report.service';
