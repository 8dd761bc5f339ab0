import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '../config-env.js';

/** Who is calling: an API key's name, a token's subject, or an anonymous caller's address. */
export interface ClientIdentity {
  /** Stable, credential-free: `key:<name>`, `jwt:<sub>` or `anonymous:<address>`. */
  id: string;
  via: 'api-key' | 'jwt' | 'anonymous';
}

/** Checks one presented credential; `null` means "not let in". */
export interface Authenticator {
  /** Whether a credential is needed at all (false: anonymous access on loopback, or explicitly allowed). */
  readonly required: boolean;
  /**
   * `credential` is the value of an `Authorization` header (`Bearer …`), from HTTP or from
   * graphql-ws `connectionParams`; `remote` is the caller's address, naming anonymous callers.
   */
  authenticate(credential: string | undefined, remote?: string): Promise<ClientIdentity | null>;
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** The token of `Bearer <token>`; any other scheme, or none, is no credential. */
export function bearerToken(credential: string | undefined): string | undefined {
  return credential ? /^\s*Bearer\s+(\S+)\s*$/i.exec(credential)?.[1] : undefined;
}

/**
 * API keys are compared as SHA-256 digests with `timingSafeEqual`, against every key, so the
 * time taken says nothing of how close a guess was. JWTs are verified by `jose` (HS256 with a
 * shared secret, or any key a JWKS URL serves), and must carry a subject.
 */
export function createAuthenticator(config: AuthConfig): Authenticator {
  const keys = config.apiKeys.map((k) => ({ name: k.name, digest: digest(k.key) }));
  const jwt = config.jwt ? jwtVerifier(config.jwt) : undefined;
  const required = keys.length > 0 || jwt !== undefined;
  return {
    required,
    async authenticate(credential, remote) {
      if (!required) return { id: `anonymous:${remote ?? 'unknown'}`, via: 'anonymous' };
      const token = bearerToken(credential);
      if (!token) return null;
      const presented = digest(token);
      let match: string | undefined;
      for (const key of keys) if (timingSafeEqual(key.digest, presented)) match = key.name;
      if (match) return { id: `key:${match}`, via: 'api-key' };
      const subject = jwt && looksLikeJwt(token) ? await jwt(token) : undefined;
      return subject ? { id: `jwt:${subject}`, via: 'jwt' } : null;
    },
  };
}

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

function looksLikeJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(token);
}

/** A verifier answering the token's subject, or undefined for any invalid token. */
function jwtVerifier(config: NonNullable<AuthConfig['jwt']>): (token: string) => Promise<string | undefined> {
  const secret = config.secret ? new TextEncoder().encode(config.secret) : undefined;
  const jwks: JWTVerifyGetKey | undefined = config.jwksUrl
    ? createRemoteJWKSet(new URL(config.jwksUrl))
    : undefined;
  const options = { issuer: config.issuer, audience: config.audience };
  const verify = async (token: string): Promise<string | undefined> => {
    if (secret) {
      const result = await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] }).catch(() => null);
      if (result?.payload.sub) return result.payload.sub;
    }
    if (jwks) {
      // Asymmetric algorithms only: a JWKS never holds the shared secret an HS256 token needs.
      const result = await jwtVerify(token, jwks, { ...options, algorithms: ASYMMETRIC }).catch(() => null);
      if (result?.payload.sub) return result.payload.sub;
    }
    return undefined;
  };
  return verify;
}
