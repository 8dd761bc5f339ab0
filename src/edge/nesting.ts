/**
 * How deeply `{`, `(` and `[` nest in a GraphQL document, skipping strings and comments.
 *
 * graphql-js parses recursively, a few stack frames per level: some 2,000 nested selection sets
 * (about 4,000 tokens, under any sensible token limit) overflow the stack, which yoga answers
 * with HTTP 500. This linear scan runs before the parser so such documents never reach it. It
 * stops counting once `limit` is passed, so a huge document costs no more than needed.
 */
export function bracketNesting(text: string, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let i = 0;
  while (i < text.length && deepest <= limit) {
    const c = text.charCodeAt(i);
    if (c === HASH) {
      i = endOfComment(text, i);
    } else if (c === QUOTE) {
      i = text.startsWith('"""', i) ? endOfBlockString(text, i + 3) : endOfString(text, i + 1);
    } else {
      if (c === BRACE || c === PAREN || c === BRACKET) deepest = Math.max(deepest, ++depth);
      else if (c === BRACE_END || c === PAREN_END || c === BRACKET_END) depth = Math.max(0, depth - 1);
      i += 1;
    }
  }
  return deepest;
}

const HASH = 0x23;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const BRACE = 0x7b;
const BRACE_END = 0x7d;
const PAREN = 0x28;
const PAREN_END = 0x29;
const BRACKET = 0x5b;
const BRACKET_END = 0x5d;

/** The index after a `#` comment (comments end at a line break). */
function endOfComment(text: string, start: number): number {
  let i = start;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i += 1;
  return i;
}

/** The index after a `"…"` string whose body starts at `start` (a line break ends a bad one). */
function endOfString(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i += 2;
    else if (c === QUOTE) return i + 1;
    else if (c === 0x0a || c === 0x0d) return i;
    else i += 1;
  }
  return i;
}

/** The index after a `"""…"""` block string whose body starts at `start` (`\"""` is escaped). */
function endOfBlockString(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    if (text.startsWith('\\"""', i)) i += 4;
    else if (text.startsWith('"""', i)) return i + 3;
    else i += 1;
  }
  return i;
}
