// Signed counterparty reports (BPR §28): the XML, its HTML rendering, issuing, storing, verifying.
import { Stores, type MigrationSet } from '@hub/platform';

export const REPORTS_MIGRATIONS: readonly MigrationSet[] = [Stores.reports];
export { REPORT_NS, REPORT_FORMAT_VERSION, reportDocument, verificationCode, type FactRecord, type ReportContent, type ReportHeader, type ReportIndex, type ReportReason } from './report';
export { reportHtml } from './report-html';
export { ReportService, ReportVerdictCode, type Alongside, type IssuedReport, type ReportVerdict } from './report.service';
