import { createHash } from 'node:crypto';
import { createCredential, createList } from '@digitalbazaar/vc-bitstring-status-list';

/**
 * W3C Bitstring Status List (revocation). Every credential names one bit of one list; the list is
 * itself a credential signed by the same issuer key and served by Stint, so any verifier that
 * follows the standard sees a revocation without asking Stint's own API.
 */

/** 131,072 bits (16 KiB before compression): the size the spec recommends for herd privacy. */
export const STATUS_LIST_LENGTH = 131_072;

/** A list takes new credentials until half its bits are used, so a random free bit is quick to find. */
export const STATUS_LIST_FILL = STATUS_LIST_LENGTH / 2;

export const STATUS_LIST_PATH = '/api/credentials/status';

export const statusListUrl = (origin: string, list: number) => `${origin}${STATUS_LIST_PATH}/${list}`;

export interface StatusPosition {
  list: number;
  index: number;
}

/** The `credentialStatus` a credential carries, as the spec and Open Badges 3.0 expect it. */
export function statusEntry(origin: string, position: StatusPosition) {
  const url = statusListUrl(origin, position.list);
  return {
    id: `${url}#${position.index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(position.index),
    statusListCredential: url,
  };
}

/** The unsigned status-list credential with the given bits set (GZIP'd, multibase base64url). */
export async function buildStatusListCredential(options: {
  url: string;
  issuerDid: string;
  revokedIndexes: number[];
  validFrom: string;
}): Promise<Record<string, unknown>> {
  const list = await createList({ length: STATUS_LIST_LENGTH });
  for (const index of options.revokedIndexes) list.setStatus(index, true);
  const credential = await createCredential({ id: options.url, list, statusPurpose: 'revocation' });
  return { ...credential, issuer: options.issuerDid, validFrom: options.validFrom };
}

/** Names one version of a list: equal keys mean the same bits, so a signed copy can be reused. */
export function statusListVersion(url: string, revokedIndexes: number[], validFrom: string): string {
  const bits = [...revokedIndexes].sort((a, b) => a - b).join(',');
  return createHash('sha256').update(`${url}\n${validFrom}\n${bits}`).digest('base64url');
}
