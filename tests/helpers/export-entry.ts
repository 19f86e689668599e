import type { ExportEntry } from '../../server/portfolio/entry-views.ts';

/** Factory: a portfolio entry as the exporters receive it, with overrides (no database involved). */
export function makeExportEntry(overrides: Partial<ExportEntry> = {}): ExportEntry {
  return {
    id: '6f1c2b1e-5d8a-4c3e-9a0b-1d2e3f4a5b6c',
    title: 'Instagram launch for Corner Thread Fabrics',
    organisation: 'Corner Thread Fabrics',
    studentName: 'Zoë Ñúñez',
    startDate: '2026-09-01',
    endDate: '2026-10-12',
    summary: 'I planned a four-week calendar and designed twelve posts.',
    deliverables: [
      {
        id: '0b6a3c52-7d1e-4f7a-8b1c-2d3e4f5a6b7c',
        kind: 'link',
        title: 'Content calendar',
        url: 'https://docs.example.org/calendar',
        fileName: null,
        mimeType: null,
        sizeBytes: null,
        sha256: null,
        milestone: 'Agree audience and calendar',
        downloadUrl: null,
      },
    ],
    completedTasks: [{ title: 'Wrote the hashtag guide' }],
    milestones: [{ title: 'Agree audience and calendar', status: 'accepted' }],
    endorsement: { text: 'Careful, punctual work that we could use straight away.', by: 'Ada Supervisor' },
    skills: [{ skillId: 'instagram', label: 'Instagram', level: 2 }],
    credentialIds: ['3d1f0a9e-2b4c-4d6e-8f0a-1b2c3d4e5f60'],
    confirmedHours: null,
    achievementId: 'urn:uuid:1a2b3c4d-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
    creatorId: 'urn:uuid:2b3c4d5e-2b3c-4d5e-9f0a-1b2c3d4e5f60',
    credentialId: '3d1f0a9e-2b4c-4d6e-8f0a-1b2c3d4e5f60',
    verificationUrl: 'https://stint.example/verify/3d1f0a9e-2b4c-4d6e-8f0a-1b2c3d4e5f60',
    ...overrides,
  };
}
