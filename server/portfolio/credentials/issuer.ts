import { randomBytes } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { getOrCreateInstanceSecret } from '../../db/instance-secrets.ts';
import { didDocumentFor } from './document-loader.ts';

/** The Stint instance as an Open Badges issuer: one Ed25519 key, named by its did:key. */
export interface Issuer {
  did: string;
  /** The verification method proofs name: `<did>#<public key multibase>`. */
  keyId: string;
  keyPair: Ed25519Multikey.Ed25519KeyPair;
}

/** A 32-byte Ed25519 seed, kept in instance_secrets like the session key. */
const newIssuerSeed = () => randomBytes(32).toString('base64url');

/**
 * Loaded once per database handle (one per running instance; tests run several). Every process of
 * an instance derives the same key from the stored seed, so all of them issue as one issuer.
 */
const issuers = new WeakMap<Db, Promise<Issuer>>();

async function loadIssuer(db: Db): Promise<Issuer> {
  const seed = await getOrCreateInstanceSecret(db, 'issuer-key', newIssuerSeed);
  const keyPair = await Ed25519Multikey.generate({ seed: Buffer.from(seed, 'base64url') });
  const { did, keyId } = await didDocumentFor(keyPair);
  keyPair.id = keyId;
  keyPair.controller = did;
  return { did, keyId, keyPair };
}

export function getIssuer(db: Db): Promise<Issuer> {
  let issuer = issuers.get(db);
  if (!issuer) {
    issuer = loadIssuer(db);
    issuers.set(db, issuer);
    issuer.catch(() => issuers.delete(db));
  }
  return issuer;
}

/** How the issuer presents itself in every credential: its name, and its site and logo when set. */
export function issuerProfile(config: Config) {
  return { name: 'Stint', url: config.publicOrigin, image: config.issuerImage };
}
