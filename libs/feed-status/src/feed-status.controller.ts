import { Controller, Get } from '@nestjs/common';
import { FeedStatusReport, FeedStatusService } from './feed-status.service';

@Controller('feeds')
export class FeedStatusController {
  constructor(private readonly service: FeedStatusService) {}

  /** Per source: fresh / late / planned outage, why, last data time, and the notices behind it. */
  @Get('status')
  status(): Promise<FeedStatusReport> {
    return this.service.report(new Date());
  }
}
