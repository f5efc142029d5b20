import { Injectable } from '@nestjs/common';
import { StoredFact, latestPerFact } from './public-fact.rules';
import { RegisterRepository } from './register.repository';

@Injectable()
export class IngestPublicFacts {
  constructor(private readonly repository: RegisterRepository) {}

  async execute(facts: readonly StoredFact[]): Promise<number> {
    return this.repository.upsert(latestPerFact(facts.map((fact) => ({ fact }))).map((i) => i.fact));
  }
}
