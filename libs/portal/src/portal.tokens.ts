export const PORTAL_EDS = Symbol('PORTAL_EDS');
export const PORTAL_CLOCK = Symbol('PORTAL_CLOCK');
export const SESSION_STORE = Symbol('SESSION_STORE');
export const RATE_LIMITER = Symbol('RATE_LIMITER');
export const LOGIN_SERVICE = Symbol('LOGIN_SERVICE');
export const REPORT_SERVICE = Symbol('REPORT_SERVICE');
export const CHECK_LOG = Symbol('CHECK_LOG');
export const SESSION_REVOCATIONS = Symbol('SESSION_REVOCATIONS');
