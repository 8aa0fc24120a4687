import { shannonEntropy } from './checksums.ts';
import type { Finding, SensitiveKind } from './finding.ts';
import { maskTail } from './mask.ts';
import { scan } from './scan.ts';

interface Shape {
  kind: SensitiveKind;
  pattern: RegExp;
  /** The part of the value that names its kind and stays readable in the preview. */
  prefix: RegExp;
  /** Extra test where the shape alone is too loose. */
  check?: (value: string) => boolean;
}

/** A random body, not a slug of words such as "sk-learn-pipeline-example-notes". */
const randomBody = (value: string) => /\d/.test(value) && /[A-Za-z]/.test(value) && shannonEntropy(value) >= 3.5;

/** Tokens whose issuers give them a recognisable prefix and length. */
const SHAPES: Shape[] = [
  { kind: 'aws-key', pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}(?![A-Za-z0-9])/g, prefix: /^[A-Z]{4}/ },
  { kind: 'github-token', pattern: /(?<![\w])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,244})(?!\w)/g, prefix: /^(?:gh._|github_pat_)/ },
  { kind: 'slack-token', pattern: /(?<![\w-])xox[abpr]-(?:\d+-)+[A-Za-z0-9-]{8,}(?![\w-])/g, prefix: /^xox.-/ },
  { kind: 'stripe-key', pattern: /(?<!\w)(?:sk|rk|pk)_live_[A-Za-z0-9]{10,99}(?!\w)/g, prefix: /^.k_live_/ },
  { kind: 'api-key', pattern: /(?<![\w-])sk-(?:proj-|ant-(?:api\d\d-)?|svcacct-)?[A-Za-z0-9_-]{20,}(?![\w-])/g, prefix: /^sk-/, check: (v) => randomBody(v.slice(3)) },
];

/** AWS, GitHub, Slack, Stripe and OpenAI-style (`sk-`) keys. */
export function findTokens(text: string): Finding[] {
  return SHAPES.flatMap((shape) =>
    scan(text, shape.pattern, (m) => {
      const value = m[0];
      if (shape.check && !shape.check(value)) return null;
      const prefix = shape.prefix.exec(value)?.[0] ?? '';
      // The documentation's own example key, AKIAIOSFODNN7EXAMPLE, is the right shape but no secret.
      const confidence = /EXAMPLE$/.test(value) ? 0.5 : 0.95;
      return { kind: shape.kind, start: m.index, end: m.index + value.length, confidence, preview: maskTail(prefix, value) };
    }),
  );
}
