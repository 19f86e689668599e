import type { CredentialStatus } from '$shared/schemas/portfolio.ts';
import { apiFetch } from '$lib/api.ts';

/** `GET /api/credentials/:id`: the signed credential as issued, with its status checked afresh. */
export interface PublicCredential {
  id: string;
  status: CredentialStatus;
  issuedAt: string;
  revokedAt: string | null;
  credential: Record<string, unknown>;
}

export function getCredential(credentialId: string, fetchImpl?: typeof fetch) {
  return apiFetch<PublicCredential>(`/api/credentials/${encodeURIComponent(credentialId)}`, {
    fetch: fetchImpl,
  });
}

export function verifyCredential(credential: Record<string, unknown>) {
  return apiFetch<{ status: CredentialStatus }>('/api/credentials/verify', {
    method: 'POST',
    body: credential,
  });
}

/** What a reader of an Open Badges credential wants to know, read defensively (it may be tampered). */
export interface CredentialFacts {
  issuer: { name: string; url: string | null; id: string };
  subject: string;
  achievement: string;
  organisation: string;
  validFrom: string | null;
  skills: string[];
}

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const asText = (value: unknown): string => (typeof value === 'string' ? value : '');

export function credentialFacts(credential: Json): CredentialFacts {
  const issuer =
    typeof credential.issuer === 'string' ? { id: credential.issuer } : asObject(credential.issuer);
  const subject = asObject(credential.credentialSubject);
  const achievement = asObject(subject.achievement);
  const url = asText(issuer.url);
  const tags = Array.isArray(achievement.tag) ? achievement.tag : [];
  return {
    issuer: {
      name: asText(issuer.name) || 'Unknown issuer',
      url: /^https?:\/\//.test(url) ? url : null,
      id: asText(issuer.id),
    },
    subject: asText(subject.name),
    achievement: asText(achievement.name) || asText(credential.name),
    organisation: asText(asObject(achievement.creator).name),
    validFrom: asText(credential.validFrom) || null,
    skills: tags.filter((tag): tag is string => typeof tag === 'string'),
  };
}

/**
 * The id `/verify/<id>` takes, from a credential's `urn:uuid:<id>`; null for anything else (a
 * credential this instance did not issue has no page here).
 */
export function credentialPageId(credential: Json): string | null {
  const match = /^urn:uuid:([0-9a-f-]{36})$/i.exec(asText(credential.id));
  return match ? match[1]!.toLowerCase() : null;
}
