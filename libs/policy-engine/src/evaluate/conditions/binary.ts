import type { BuiltTest } from './value-test.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_BinaryEquals
// "The BinaryEquals condition operator lets you construct Condition elements that test key values that are in
// binary format. It compares the value of the specified key byte for byte against a base-64 encoded
// representation of the binary value in the policy."

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes base64 to a byte string; null when not valid base64. */
export function decodeBase64(s: string): string | null {
  if (!BASE64.test(s)) return null;
  try {
    return atob(s);
  } catch {
    return null;
  }
}

/** Builds the test of `BinaryEquals`: request values are base64 too, compared byte for byte. */
export function buildBinaryTest(values: readonly string[]): BuiltTest {
  const wanted = new Set<string>();
  for (const v of values) {
    const bytes = decodeBase64(v);
    if (bytes === null) return { error: `\`${v}\` is not valid base64` };
    wanted.add(bytes);
  }
  return {
    test: (v) => {
      const bytes = decodeBase64(v);
      return bytes !== null && wanted.has(bytes);
    },
  };
}
