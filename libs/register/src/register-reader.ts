import { Injectable } from '@nestjs/common';
import { parseNationalId } from '@hub/identity';
import { RegisterProfile, buildProfile } from './profile';
import { RegisterRepository } from './register.repository';

/**
 * The register's in-process read API for other domains (NDIP KYC, reports): typed, from the
 * register's own store only. Unlike the HTTP profile, it includes founders' IINs (personal data),
 * so a caller can screen a subject's head and founders; a caller must not pass them on to a user.
 */
@Injectable()
export class RegisterReader {
  constructor(private readonly repository: RegisterRepository) {}

  /** The subject's profile, or null when the id is malformed or no perimeter has published a fact about it. */
  async profile(id: string, now: Date = new Date()): Promise<RegisterProfile | null> {
    const parsed = parseNationalId(id);
    if (!parsed.ok) return null;
    return buildProfile(parsed.value, parsed.kind, await this.repository.factsFor(parsed.value), now);
  }
}
