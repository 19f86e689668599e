import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UNSTORABLE_TEXT_MESSAGE, findUnstorableText, isStorableText } from '../../shared/schemas/text.ts';
import * as auth from '../../shared/schemas/auth.ts';
import * as chat from '../../shared/schemas/chat.ts';
import * as marketplace from '../../shared/schemas/marketplace.ts';
import * as portfolio from '../../shared/schemas/portfolio.ts';
import * as workspaces from '../../shared/schemas/workspaces.ts';
import { serializeError } from '../../server/logger.ts';

describe('storable text', () => {
  it('refuses NUL and lone surrogates, keeps everything else', () => {
    expect(isStorableText('Zoë’s café 😀 \t\n')).toBe(true);
    expect(isStorableText('a\u0000b')).toBe(false);
    expect(isStorableText('\ud83d')).toBe(false);
    expect(isStorableText('\ude00x')).toBe(false);
  });

  it('finds the first unstorable string or key anywhere in a payload', () => {
    expect(findUnstorableText({ a: ['ok', { b: 'x\u0000' }] })).toBe('a.1.b');
    expect(findUnstorableText({ ['k\u0000']: 1 })).toBe('(key)');
    expect(findUnstorableText('\u0000')).toBe('');
    expect(findUnstorableText({ a: 1, b: [true, null, 'fine'] })).toBeNull();
  });
});

/** Every string schema inside a schema, with where it sits (zod 4 definitions). */
function stringLeaves(schema: z.ZodType, trail: string, out: [string, z.ZodType][], seen = new Set()) {
  if (seen.has(schema)) return out;
  seen.add(schema);
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const walk = (child: unknown, at: string) => stringLeaves(child as z.ZodType, at, out, seen);
  switch (def.type) {
    case 'string':
      out.push([trail, schema]);
      break;
    case 'object':
      for (const [key, child] of Object.entries(def.shape as object)) walk(child, `${trail}.${key}`);
      break;
    case 'array':
      walk(def.element, `${trail}[]`);
      break;
    case 'record':
      walk(def.keyType, `${trail}{key}`);
      walk(def.valueType, `${trail}{}`);
      break;
    case 'union':
      for (const option of def.options as unknown[]) walk(option, trail);
      break;
    case 'pipe':
      walk(def.in, trail);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      walk(def.innerType, trail);
      break;
  }
  return out;
}

describe('every string field of the shared schemas is built on text()', () => {
  const modules = { auth, chat, marketplace, portfolio, workspaces };
  const leaves: [string, z.ZodType][] = [];
  for (const [moduleName, exports] of Object.entries(modules)) {
    for (const [name, value] of Object.entries(exports)) {
      if (value instanceof z.ZodType) stringLeaves(value, `${moduleName}.${name}`, leaves);
    }
  }

  it('finds the fields', () => expect(leaves.length).toBeGreaterThan(50));

  it.each(leaves)('%s refuses a NUL with the storable-text message', (_where, leaf) => {
    const result = leaf.safeParse('ok\u0000');
    expect(result.success).toBe(false);
    const format = (leaf as unknown as { _zod: { def: { format?: string } } })._zod.def.format;
    // Ids, emails and dates refuse it by their own format; every free-text field says why.
    if (!format || format === 'url') {
      expect(result.error?.issues.map((issue) => issue.message)).toContain(UNSTORABLE_TEXT_MESSAGE);
    }
  });
});

describe('serializeError', () => {
  it('keeps a failed query’s SQL but never its parameters, a row’s detail or a hash', () => {
    const hash = 'scrypt$32768$8$1$c2FsdHNhbHQ=$a2V5a2V5a2V5';
    const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code: '22021',
      detail: `Failing row contains (x, ${hash})`,
    });
    const error = Object.assign(new Error(`Failed query: insert into users values ($1)\nparams: ${hash}`), {
      query: 'insert into users values ($1)',
      params: [hash],
      cause,
    });
    const serialized = JSON.stringify(serializeError(error));
    expect(serialized).toContain('insert into users values ($1)');
    expect(serialized).toContain('22021');
    expect(serialized).not.toContain('scrypt$');
    expect(serialized).not.toContain('a2V5a2V5a2V5');
    expect(serialized).not.toContain('Failing row');
  });

  it('masks anything shaped like a session token in a message', () => {
    const token = 'Qm9vbSBnb2VzIHRoZSB0b2tlbiB0aGF0IHNob3VsZCBuZXZlciBiZSBsb2dnZWQ';
    expect(JSON.stringify(serializeError(new Error(`bad session ${token}`)))).not.toContain(token);
  });
});
