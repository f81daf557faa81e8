import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

/**
 * How many leading characters the estimator reads. Its matching grows faster than linearly with the length and a
 * password may be 128 characters: 64 bounds the CPU a request can spend here (tens of milliseconds), and 64
 * characters that are not guessable on their own make a password that is not guessable either.
 */
export const GUESSABILITY_INPUT_LIMIT = 64;

let estimator: ZxcvbnFactory | undefined;

/** Built on first use: loading the dictionaries takes a few hundred milliseconds. */
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    maxLength: GUESSABILITY_INPUT_LIMIT,
    // The default (100) lets a password full of look-alike characters (`4@3$1!0|`) cost seconds of CPU; look-alikes
    // of common passwords are caught before the estimate (password-blocklist.ts).
    l33tMaxSubstitutions: 4,
  });
  return estimator;
}

/**
 * zxcvbn's estimate of how many guesses an attacker who knows common passwords, words, names, keyboard patterns,
 * dates and the given context words needs to find `password` (only its first {@link GUESSABILITY_INPUT_LIMIT}
 * characters are read).
 */
export function passwordGuesses(password: string, context: readonly string[] = []): number {
  return zxcvbn().check(password.slice(0, GUESSABILITY_INPUT_LIMIT), [...context]).guesses;
}
