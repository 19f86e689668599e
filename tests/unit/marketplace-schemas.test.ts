import { describe, expect, it } from 'vitest';
import {
  createOrgInput,
  createProjectInput,
  updateOrgInput,
  updateProjectInput,
} from '../../shared/schemas/marketplace.ts';

describe('create and update schemas', () => {
  it('creating fills in the documented defaults', () => {
    expect(createOrgInput.parse({ name: 'Food bank', sector: 'nonprofit' })).toMatchObject({
      size: '1-9',
      workMode: 'hybrid',
    });
    const project = createProjectInput.parse({
      orgId: '00000000-0000-4000-8000-000000000000',
      title: 'Launch',
      summary: 'Four weeks of posts.',
      durationWeeks: 4,
      hoursPerWeek: 6,
      remote: true,
    });
    expect(project).toMatchObject({ seats: 1, currency: 'GBP', flexibility: 'flexible', remote: 'remote' });
  });

  it('an update holds only the fields sent, so a PATCH cannot reset the others to their defaults', () => {
    expect(updateOrgInput.parse({ name: 'Pantry' })).toEqual({ name: 'Pantry' });
    expect(updateProjectInput.parse({ title: 'Relaunch' })).toEqual({ title: 'Relaunch' });
    expect(updateProjectInput.parse({ remote: false })).toEqual({ remote: 'onsite' });
  });
});
