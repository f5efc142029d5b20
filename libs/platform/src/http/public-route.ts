import { SetMetadata } from '@nestjs/common';

/** Metadata key read by the portal's global session guard. */
export const PUBLIC_ROUTE = 'hub:public-route';

/**
 * Marks a controller or handler as answering without a portal session (issue 14 item 3: security
 * by default). Every other HTTP route needs one, so a new route is protected unless someone writes
 * this, with the reason: a probe (`/health`), the login itself, the public report verification, or
 * a machine door that authenticates each message by its signature (NDIP SOAP).
 */
export const Public = (reason: string): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, reason);
