import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';

/**
 * HTTP settings every deployable shares. Express 5's default "simple" query parser keeps `asOf[]`
 * as a key of its own, so `?asOf[]=1&asOf[]=2` reached a controller as no asOf at all and silently
 * answered for now; with the extended parser it arrives as an array and SingleValuePipe refuses it.
 */
export function configureHttp(app: INestApplication): void {
  (app as NestExpressApplication).set('query parser', 'extended');
}
