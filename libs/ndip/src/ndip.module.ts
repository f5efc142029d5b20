import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SOAP_PATH, SoapMiddleware, type SoapLimits } from './gateway/soap.middleware';
import { EdsRuntime } from '@hub/eds';
import { MessageLog, MessageLogModule, PgReplayStore } from '@hub/message-log';
import { HubConfig, HubMetrics, MigrationSet, moduleDatabase, requireEdsSettings, Stores } from '@hub/platform';
import { RegisterModule } from '@hub/register';
import { ScoringModule } from '@hub/scoring';
import { ScreeningModule, WatchlistScreening } from '@hub/screening';
import { EnvelopeVerifier } from './envelope/envelope-verifier';
import { SoapKycDoor } from './gateway/soap-door';
import { SoapFrontDoor } from './gateway/soap-front-door';
import { AssessKyc } from './kyc/assess-kyc.usecase';
import { KycAnswerRepository } from './kyc/kyc-answer.repository';
import { KycExchange } from './kyc/kyc-exchange.service';
import { KycRequestConsumer } from './kyc/kyc-request.consumer';
import { RegisterFactsReader } from './kyc/register-facts.reader';
import { EDS_RUNTIME, ENVELOPE_VERIFIER, KYC_EXCHANGE, SOAP_DOOR, SOAP_LIMITS } from './ndip.tokens';

export const NDIP_MIGRATIONS: readonly MigrationSet[] = [Stores.ndip];

/**
 * The NDIP side of the hub (NDIP §3.25, §24, §40.3): EDS with real keys, the signed-envelope
 * verifier shared by every inbound exchange, the KYC exchange and its two doors (Kafka, ShEP SOAP).
 */
@Module({})
export class NdipModule implements NestModule {
  constructor(private readonly soap: SoapMiddleware) {}

  /**
   * The ShEP SOAP door is a machine door, outside the portal's pipeline (soap.middleware.ts): its
   * exact path is served ahead of Express (SoapFrontDoor); this route takes any other spelling
   * Express matches. Both use the one SoapMiddleware, so its in-flight limit counts every message.
   */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply((req: IncomingMessage, res: ServerResponse) => this.soap.use(req, res)).forRoutes({ path: SOAP_PATH, method: RequestMethod.POST });
  }

  static forRoot(config: HubConfig, clock: () => Date = () => new Date()): DynamicModule {
    const eds = requireEdsSettings(config);
    const allowedSenders = new Set(config.NDIP_SENDER_BINS);
    const windowMs = config.NDIP_MESSAGE_WINDOW_SECONDS * 1000;
    return {
      module: NdipModule,
      imports: [RegisterModule, ScoringModule, ScreeningModule, MessageLogModule],
      controllers: [KycRequestConsumer],
      providers: [
        moduleDatabase(Stores.ndip),
        { provide: SOAP_LIMITS, useValue: { maxInFlight: config.NDIP_SOAP_MAX_IN_FLIGHT } satisfies SoapLimits },
        { provide: EDS_RUNTIME, useFactory: () => EdsRuntime.create(eds, clock) },
        SoapMiddleware,
        SoapFrontDoor,
        KycAnswerRepository,
        RegisterFactsReader,
        {
          provide: ENVELOPE_VERIFIER,
          inject: [EDS_RUNTIME, PgReplayStore],
          useFactory: (rt: EdsRuntime, replay: PgReplayStore) => new EnvelopeVerifier(rt.documentVerifier(), replay, { allowedSenders, windowMs }, clock),
        },
        {
          provide: KYC_EXCHANGE,
          inject: [EDS_RUNTIME, ENVELOPE_VERIFIER, RegisterFactsReader, WatchlistScreening, KycAnswerRepository, MessageLog, HubMetrics],
          useFactory: (rt: EdsRuntime, verifier: EnvelopeVerifier, facts: RegisterFactsReader, screening: WatchlistScreening, answers: KycAnswerRepository, log: MessageLog, metrics: HubMetrics) => {
            if (!rt.identity.bin) throw new Error('the hub\'s EDS key must be an organisation certificate with a BIN');
            return new KycExchange({
              verifier, assess: new AssessKyc(facts, screening), signer: rt.documentSigner, hubBin: rt.identity.bin, answers, log, clock, windowMs,
              onRefusal: (code) => metrics.edsVerificationFailures.inc({ code }),
            });
          },
        },
        {
          provide: SOAP_DOOR,
          inject: [EDS_RUNTIME, PgReplayStore, KYC_EXCHANGE],
          useFactory: (rt: EdsRuntime, replay: PgReplayStore, exchange: KycExchange) =>
            new SoapKycDoor(rt.soapVerifier({ replayStore: replay, maxAgeMs: windowMs, maxFutureMs: windowMs }), rt.soapSigner, exchange, { serviceId: config.NDIP_SOAP_SERVICE_ID, allowedSenders, clock }),
        },
      ],
      exports: [EDS_RUNTIME, ENVELOPE_VERIFIER],
    };
  }
}
