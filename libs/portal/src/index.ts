// The entrepreneurs' portal (issue 14): EDS login, sessions, the global guard, the register of checks.
export { PortalModule, PORTAL_MIGRATIONS } from './portal.module';
export { PORTAL_EDS, SESSION_STORE } from './portal.tokens';
export { PortalGuard, CurrentSession, sessionToken } from './auth/portal.guard';
export { SESSION_COOKIE, type PortalSession } from './auth/session';
export { ChallengeFailure, LOGIN_AUDIENCE, PORTAL_NS, PERSON_ROLES, SPEAKS_FOR_ORGANISATION, challengeDocument, type LoginRefusalCode } from './auth/login.rules';
export { TokenBuckets } from './auth/token-bucket';
export { CHECK_LOG, REPORT_SERVICE } from './portal.tokens';
export { CheckLog, type CheckKind, type CheckOfMe, type RecordedCheck } from './checks/check-log';
export { CHECK_NS, checkCertificateDocument } from './checks/check-certificate';
export { CARD_ROUTE } from './checks/card-view.interceptor';
export { reportContent, indexValues } from './reports/report-content.rules';
export { SubjectFacts } from './reports/subject-facts';
