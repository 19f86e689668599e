import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import { AppError } from '../errors.ts';

/**
 * New passwords are checked against common-password and word lists and a strength estimate
 * (zxcvbn-ts), so `aaaaaaaaaa` or `password123` cannot become anyone's password even though they
 * are long enough. The person's own name and address count as guessable too.
 */
const MIN_SCORE = 3;

const zxcvbn = new ZxcvbnFactory({
  graphs: common.adjacencyGraphs,
  dictionary: common.dictionary,
});

/** zxcvbn-ts names its warnings; these are the words people see (English, as the rest of Stint). */
const WARNINGS: Record<string, string> = {
  simpleRepeat: 'Repeated characters such as "aaa" are easy to guess.',
  extendedRepeat: 'Repeated patterns such as "abcabc" are easy to guess.',
  sequences: 'Sequences such as "abc" or "1234" are easy to guess.',
  keyPattern: 'Keyboard patterns such as "qwerty" are easy to guess.',
  straightRow: 'A row of keys is easy to guess.',
  topTen: 'This is one of the most used passwords.',
  topHundred: 'This is a very commonly used password.',
  common: 'This is a commonly used password.',
  similarToCommon: 'This is close to a commonly used password.',
  wordByItself: 'A single word is easy to guess.',
  namesByThemselves: 'Names on their own are easy to guess.',
  commonNames: 'Common names are easy to guess.',
  userInputs: 'It should not contain your name or email address.',
  recentYears: 'Recent years are easy to guess.',
  dates: 'Dates are easy to guess.',
  pwned: 'This password appeared in a data breach.',
};

export function assertStrongPassword(password: string, field: string, personal: string[] = []): void {
  // The address, its local part and each word of the name, so "maria.gonzalez" counts as known.
  const known = personal.flatMap((value) => [value, value.split('@')[0] ?? '', ...value.split(/[\s@.]+/)]);
  const result = zxcvbn.check(password, [...new Set(known.filter((value) => value.length >= 3))]);
  if (result.score >= MIN_SCORE) return;
  const warning = result.feedback.warning ? WARNINGS[result.feedback.warning] : undefined;
  const hint = warning ? `${warning} ` : 'It is easy to guess. ';
  const message = `${hint}Choose a password that is harder to guess: a few unrelated words work well.`.trim();
  throw new AppError(400, 'weak_password', `${field}: ${message}`, { issues: [{ path: field, message }] });
}
