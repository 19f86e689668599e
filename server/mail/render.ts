/**
 * The one way emails are written: a template returns a subject, plain-text paragraphs and an HTML
 * body built with `html`, which escapes every interpolated value; `layout` adds the product's name,
 * the button to the page and the preferences link to both parts.
 */
export const PRODUCT_NAME = 'Stint';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Markup that is already safe (made by `html`); anything else interpolated is escaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

type HtmlValue = SafeHtml | string | number | null | undefined | readonly HtmlValue[];

function toHtml(value: HtmlValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(toHtml).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += toHtml(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Text that reaches a header (subject, names) is one line: CR, LF and other controls become spaces. */
export function oneLine(value: string, max = 200): string {
  const flat = value
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export interface EmailContent {
  subject: string;
  /** Paragraphs of the body, as plain text. */
  paragraphs: string[];
  /** The page the email is about (a path) and what its button says. */
  action?: { label: string; path: string };
  /** Security emails say why they cannot be turned off instead of linking to preferences. */
  security?: boolean;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export function layout(content: EmailContent, origin: string): RenderedEmail {
  const subject = oneLine(`${content.subject} · ${PRODUCT_NAME}`);
  const actionUrl = content.action ? new URL(content.action.path, origin).toString() : undefined;
  const preferencesUrl = new URL('/settings#notifications', origin).toString();
  const footer = content.security
    ? `You get this email because of a change to your ${PRODUCT_NAME} account; it cannot be turned off.`
    : `Choose which emails you get: ${preferencesUrl}`;

  const text = [
    ...content.paragraphs,
    ...(content.action && actionUrl ? [`${content.action.label}: ${actionUrl}`] : []),
    '—',
    `${PRODUCT_NAME}. ${footer}`,
  ].join('\n\n');

  const body = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${subject}</title>
      </head>
      <body
        style="font-family: system-ui, sans-serif; color: #1f2430; line-height: 1.5; max-width: 36rem; margin: 0 auto; padding: 1.5rem;"
      >
        <p style="font-weight: 700; font-size: 1.25rem; color: #2a4d9b; margin: 0 0 1rem;">${PRODUCT_NAME}</p>
        ${content.paragraphs.map((paragraph) => html`<p>${paragraph}</p>`)}
        ${
          content.action && actionUrl
            ? html`<p>
                  <a
                    href="${actionUrl}"
                    style="display: inline-block; background: #2a4d9b; color: #ffffff; padding: 0.6rem 1rem; border-radius: 6px; text-decoration: none;"
                    >${content.action.label}</a
                  >
                </p>
                <p style="font-size: 0.875rem; color: #4a5160;">Or open this address: ${actionUrl}</p>`
            : ''
        }
        <hr style="border: none; border-top: 1px solid #d6d9e0; margin: 1.5rem 0;" />
        <p style="font-size: 0.875rem; color: #4a5160;">
          ${
            content.security
              ? footer
              : html`<a href="${preferencesUrl}" style="color: #2a4d9b;">Choose which emails you get</a>`
          }
        </p>
      </body>
    </html>`;
  return { subject, text, html: body.value };
}
