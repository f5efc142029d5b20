import { INestApplicationContext } from '@nestjs/common';

/**
 * Runs the start-up steps of an application Nest has already built (its producers, admin clients,
 * pools and listeners are connected by then), and closes it when a step fails, so a failed start
 * leaves no connection behind: the caller never receives the application to close it. (A hub whose
 * provisioning failed kept a test run's jest alive after its last test.)
 */
export async function startedOrClosed<T extends INestApplicationContext>(app: T, start: (app: T) => Promise<void>): Promise<T> {
  try {
    await start(app);
    return app;
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
}
