import { Inject, Injectable } from '@nestjs/common';
import { ProfileSection } from '@hub/platform';

export const PROFILE_SECTIONS = Symbol('PROFILE_SECTIONS');

export type EntityProfile = { id: string; sections: string[] } & Record<string, unknown>;

/**
 * The merged public profile: each section comes from one source's public projection, asked in
 * parallel. Sources hold no confidential field in what they return (tax keeps financials inside
 * its own perimeter), so this service cannot leak one.
 */
@Injectable()
export class EntityProfileService {
  constructor(@Inject(PROFILE_SECTIONS) private readonly sections: readonly ProfileSection[]) {}

  async get(id: string): Promise<EntityProfile | null> {
    const found = await Promise.all(this.sections.map(async (s) => [s.section, await s.find(id)] as const));
    const present = found.filter(([, value]) => value !== null && value !== undefined);
    if (present.length === 0) return null;
    return { id, bin: id, sections: present.map(([name]) => name), ...Object.fromEntries(present) };
  }
}
