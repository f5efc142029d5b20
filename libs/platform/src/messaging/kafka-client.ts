import { Kafka, logLevel, LogEntry, SASLOptions } from 'kafkajs';
import { HubConfig } from '../config/hub-config';
import { Logger } from '../observability/logger';
import { registerCompressionCodecs } from './compression-codecs';
import { fixIdleRequestQueueLoop } from './kafkajs-idle-loop';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error', [logLevel.WARN]: 'warn', [logLevel.INFO]: 'info', [logLevel.DEBUG]: 'debug',
};

const KAFKA_LEVELS = { nothing: logLevel.NOTHING, error: logLevel.ERROR, warn: logLevel.WARN, info: logLevel.INFO, debug: logLevel.DEBUG } as const;

function sasl(config: HubConfig): SASLOptions | undefined {
  const mechanism = config.KAFKA_SASL_MECHANISM;
  if (!mechanism) return undefined;
  return { mechanism, username: config.KAFKA_SASL_USERNAME ?? '', password: config.KAFKA_SASL_PASSWORD ?? '' };
}

/** Brokers come as a list: the code never assumes a single broker. */
export function createKafka(config: HubConfig, logger: Logger, clientSuffix = ''): Kafka {
  registerCompressionCodecs();
  fixIdleRequestQueueLoop();
  return new Kafka({
    clientId: `${config.KAFKA_CLIENT_ID}${clientSuffix}`,
    brokers: config.KAFKA_BROKERS,
    ssl: config.KAFKA_SSL,
    sasl: sasl(config),
    connectionTimeout: 5000,
    logLevel: KAFKA_LEVELS[config.KAFKA_LOG_LEVEL],
    logCreator: () => (entry: LogEntry) => {
      const { message, ...extra } = entry.log;
      logger[LEVELS[entry.level] ?? 'info']({ kafka: extra, namespace: entry.namespace }, message);
    },
  });
}
