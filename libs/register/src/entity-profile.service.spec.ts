import { ProfileSection } from '@hub/platform';
import { EntityProfileService } from './entity-profile.service';

const section = (name: string, value: unknown): ProfileSection => ({ section: name, find: jest.fn(async () => value) });

describe('EntityProfileService', () => {
  it('merges the sections that know the entity and lists them', async () => {
    const service = new EntityProfileService([section('registration', { nameRu: 'x' }), section('tax', null), section('courtCases', { total: 2 })]);
    expect(await service.get('150640012345')).toEqual({
      id: '150640012345', bin: '150640012345', sections: ['registration', 'courtCases'], registration: { nameRu: 'x' }, courtCases: { total: 2 },
    });
  });

  it('returns null when no source knows the entity', async () => {
    expect(await new EntityProfileService([section('registration', null)]).get('150640012345')).toBeNull();
  });
});
