import type { FieldError } from './writes.js';

/**
 * Provider-written texts on their way to a client (a refused write's message and field
 * errors). Each provider's reader takes them only from the error fields its docs describe
 * (see `../../shared/providers/README.md`); here they are fitted, so no upstream can fill an
 * answer with control characters or megabytes of text. Credentials are taken out with
 * `secretRedactor` where the gateway's configured secrets are known (`src/writes/perform.ts`
 * for write refusals, `src/edge/error-codes.ts` for every answer's `errors`).
 */

/** Longest provider-written message relayed, in characters. */
export const MAX_TEXT_CHARS = 500;
/** Longest field name relayed, in characters (Laravel field keys are the provider's own). */
export const MAX_FIELD_CHARS = 100;
/** Most field errors relayed from one refusal. */
export const MAX_FIELD_ERRORS = 50;
/** What stands in an answer where a configured secret was. */
export const REDACTED = '[redacted]';
/**
 * Secrets shorter than this are not searched for: a one- or two-character "credential" would
 * blank out ordinary words, and is no secret worth keeping anyway.
 */
export const MIN_SECRET_CHARS = 4;

// C0 and C1 control characters other than tab and newline: they have no place in a message.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** A provider-written text as relayed: control characters out, at most `max` characters. */
export function fitText(text: string, max = MAX_TEXT_CHARS): string {
  // Cut before splitting into code points, so a huge text costs no more than a short one.
  const clean = text
    .slice(0, max * 2 + 2)
    .replace(CONTROL, ' ')
    .trim();
  const chars = Array.from(clean);
  return chars.length <= max ? clean : `${chars.slice(0, max - 1).join('')}…`;
}

/** Field errors as relayed: at most `MAX_FIELD_ERRORS`, each name and message fitted. */
export function fitFieldErrors(errors: readonly FieldError[]): FieldError[] {
  return errors.slice(0, MAX_FIELD_ERRORS).map((e) => ({
    field: fitText(e.field, MAX_FIELD_CHARS),
    message: fitText(e.message),
  }));
}

/** Replaces every configured secret in a text with `REDACTED`. */
export type Redact = (text: string) => string;

/**
 * The redactor for a set of secrets. An upstream may echo a credential as sent (a header), or
 * escaped inside a JSON string or a URL, so each of those spellings is searched for, longest
 * first (a secret that contains another is replaced whole).
 */
export function secretRedactor(secrets: readonly string[]): Redact {
  const needles = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_CHARS).flatMap(spellings))].sort(
    (a, b) => b.length - a.length,
  );
  if (needles.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const needle of needles) if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    return out;
  };
}

function spellings(secret: string): string[] {
  return [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)];
}
