import { LoggerService } from '@nestjs/common';
import { maskNationalIds } from '@hub/identity';
import pino from 'pino';

export const LOGGER = Symbol('LOGGER');

export type Logger = pino.Logger;

function maskDeep(value: unknown): unknown {
  if (typeof value === 'string') return maskNationalIds(value);
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1e11 && value < 1e12) return maskNationalIds(String(value));
  if (Array.isArray(value)) return value.map(maskDeep);
  if (value instanceof Error) return { type: value.name, message: maskNationalIds(value.message), stack: maskNationalIds(value.stack ?? '') };
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v)]));
  }
  return value;
}

/** JSON logs with every IIN/BIN masked, whatever field or message it hides in. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map(maskDeep) as Parameters<typeof method>);
        },
      },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/** Routes Nest's own logging through the masking logger. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) { this.logger.info({ context }, String(message)); }
  error(message: unknown, trace?: string, context?: string) { this.logger.error({ context, trace }, String(message)); }
  warn(message: unknown, context?: string) { this.logger.warn({ context }, String(message)); }
  debug(message: unknown, context?: string) { this.logger.debug({ context }, String(message)); }
  verbose(message: unknown, context?: string) { this.logger.trace({ context }, String(message)); }
}
