// Errors worth retrying: the dependency may come back. Anything else is about the record itself
// and retrying would stall the partition forever.
const TRANSIENT_PG_CLASSES = ['08', '40', '53', '57', '58'];
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

export function isTransient(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (TRANSIENT_NODE_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code)) return TRANSIENT_PG_CLASSES.includes(code.slice(0, 2));
  }
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && /timeout|terminat|connection|ECONNREFUSED/i.test(message);
}
