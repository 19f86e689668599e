import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { documentLoader } from './document-loader.ts';
import type { Issuer } from './issuer.ts';

type Credential = Record<string, unknown>;

/**
 * Signs with a Data Integrity proof, cryptosuite `eddsa-rdfc-2022`, by the instance's key. Ed25519
 * is deterministic, so the same document signed with the same `date` gives the same bytes.
 */
export async function signCredential(
  credential: Credential,
  issuer: Issuer,
  date?: string,
): Promise<Credential> {
  const suite = new DataIntegrityProof({
    signer: issuer.keyPair.signer(),
    cryptosuite,
    ...(date ? { date } : {}),
  });
  return vc.issue({ credential, suite, documentLoader });
}

const proofOnly = async () => ({ verified: true });

export type OfflineVerification = { verified: true } | { verified: false; reason: string };

/**
 * Checks a credential's proof with nothing but the bundled contexts and the key inside its did:key:
 * any issuer's did:key is accepted here. Whether it is *ours*, and not revoked, is decided by the
 * credentials service.
 */
export async function verifyCredentialOffline(credential: Credential): Promise<OfflineVerification> {
  try {
    const suite = new DataIntegrityProof({ cryptosuite });
    // The status bit is read by the credentials service from the database the list is made from.
    const result = await vc.verifyCredential({ credential, suite, documentLoader, checkStatus: proofOnly });
    if (result.verified) return { verified: true };
    const reason = result.error?.errors?.[0]?.message ?? result.error?.message ?? 'the proof does not verify';
    return { verified: false, reason };
  } catch (error) {
    return { verified: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
