import { Controller, Get, HttpException, HttpStatus } from '@nestjs/common';
import { Admin } from 'kafkajs';
import { AvroRegistry } from '../messaging/avro-registry';
import { Public } from '../http/public-route';
import type { ConsumerHealth } from '../messaging/consumer-liveness';

export type DependencyName = 'kafka' | 'registry' | 'database';
export interface DependencyStatus { status: 'up' | 'down'; latencyMs: number; error?: string }
export interface HealthReport { status: 'ok' | 'degraded'; dependencies: Record<DependencyName, DependencyStatus>; consumer?: ConsumerHealth }

/** What /health asks of the feed consumer (KafkaBatchServer). */
export interface ConsumerHealthSource { health(): Promise<ConsumerHealth> }

const TIMEOUT_MS = 3000;

async function probe(check: () => Promise<unknown>): Promise<DependencyStatus> {
  const started = Date.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref()),
    ]);
    return { status: 'up', latencyMs: Date.now() - started };
  } catch (error) {
    return { status: 'down', latencyMs: Date.now() - started, error: (error as Error).message };
  }
}

/** Whether the database and registry answer: the feed transport asks when a failure's type is unclear. */
export async function dependenciesAnswer(registry: AvroRegistry, database: { ping(): Promise<void> }): Promise<boolean> {
  const results = await Promise.all([probe(() => registry.ping()), probe(() => database.ping())]);
  return results.every((r) => r.status === 'up');
}

export class HealthService {
  constructor(
    private readonly admin: Admin, private readonly registry: AvroRegistry, private readonly database: { ping(): Promise<void> },
    private readonly consumer?: ConsumerHealthSource,
  ) {}

  async report(): Promise<HealthReport> {
    const [kafka, registry, database, consumer] = await Promise.all([
      probe(() => this.admin.describeCluster()),
      probe(() => this.registry.ping()),
      probe(() => this.database.ping()),
      this.consumer?.health(),
    ]);
    const dependencies = { kafka, registry, database };
    // A consumer that is dead, out of its group or stalled behind its lag threshold is as bad as a dependency down.
    const ok = Object.values(dependencies).every((d) => d.status === 'up') && consumer?.status !== 'down';
    return { status: ok ? 'ok' : 'degraded', dependencies, ...(consumer ? { consumer } : {}) };
  }

}

@Public('liveness/readiness probe for load balancers and orchestrators')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 503 when any dependency is down or the feed consumer is dead, so a load balancer or orchestrator can act on it. */
  @Get()
  async get(): Promise<HealthReport> {
    const report = await this.health.report();
    if (report.status !== 'ok') throw new HttpException(report, HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
