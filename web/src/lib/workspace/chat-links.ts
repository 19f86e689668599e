/**
 * Splits a chat message into text and link parts, so the page renders links as `<a href>` and
 * everything else as text: a message body is never inserted as HTML. Only http(s) addresses
 * become links; trailing punctuation stays text ("see https://x.org." links x.org).
 */
export type MessagePart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?'")\]}]+$/;

function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function splitMessage(body: string): MessagePart[] {
  const parts: MessagePart[] = [];
  let last = 0;
  const pushText = (text: string) => {
    if (!text) return;
    const previous = parts[parts.length - 1];
    if (previous?.kind === 'text') previous.text += text;
    else parts.push({ kind: 'text', text });
  };
  for (const match of body.matchAll(URL_PATTERN)) {
    const start = match.index;
    let candidate = match[0];
    // Keep a closing bracket that belongs to the address, e.g. a Wikipedia "(disambiguation)".
    const trailing = candidate.match(TRAILING_PUNCTUATION)?.[0] ?? '';
    if (trailing && !(trailing === ')' && candidate.includes('(')))
      candidate = candidate.slice(0, -trailing.length);
    pushText(body.slice(last, start));
    const href = safeHref(candidate);
    if (href) parts.push({ kind: 'link', text: candidate, href });
    else pushText(candidate);
    last = start + candidate.length;
  }
  pushText(body.slice(last));
  return parts;
}
