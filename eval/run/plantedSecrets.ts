// Fake secrets and personal data of every kind the privacy detectors know, planted in lines as
// they appear on screens and in transcripts. Seeded: the same corpus on every run.
import type { SensitiveKind } from '../../workers/privacy/finding.ts';
import { mulberry32 } from '../../workers/samples/random.ts';

/** The seeded generator the sample sessions use. */
export const prng = mulberry32;

type Rand = () => number;
const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const chars = (r: Rand, alphabet: string, n: number) => Array.from({ length: n }, () => pick(r, [...alphabet])).join('');
const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = `${UPPER}abcdefghijklmnopqrstuvwxyz${DIGITS}`;
const HEX = '0123456789abcdef';

/** One planted value and the line it sits in; `value` appears in `line` exactly once. */
export interface Plant {
  kind: SensitiveKind;
  /** What it is, finer than the kind: "visa", "nanp", "iban-gb". */
  form: string;
  value: string;
  line: string;
}

function luhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

function card(r: Rand): [string, string] {
  const [form, prefix, length, groups] = pick(r, [
    ['visa', '4', 16, [4, 4, 4, 4]],
    ['mastercard', pick(r, ['51', '53', '55', '2221', '2720']), 16, [4, 4, 4, 4]],
    ['amex', pick(r, ['34', '37']), 15, [4, 6, 5]],
    ['discover', '6011', 16, [4, 4, 4, 4]],
    ['jcb', '3530', 16, [4, 4, 4, 4]],
    ['visa-13', '4', 13, [4, 4, 5]],
  ] as const);
  const body = prefix + chars(r, DIGITS, length - prefix.length - 1);
  const digits = body + luhnDigit(body);
  const sep = pick(r, [' ', ' ', '-', '']);
  let at = 0;
  const parts = groups.map((n) => digits.slice(at, (at += n)));
  let value = parts.join(sep);
  // OCR noise: a gap read inside a group, or a double space.
  if (r() < 0.25) value = sep === ' ' ? value.replace(' ', '  ') : `${digits.slice(0, 6)} ${digits.slice(6)}`;
  return [form, value];
}

function iban(r: Rand): [string, string] {
  const [cc, bban] = pick(r, [
    ['DE', () => chars(r, DIGITS, 18)],
    ['GB', () => chars(r, UPPER, 4) + chars(r, DIGITS, 14)],
    ['FR', () => chars(r, DIGITS, 23)],
    ['NL', () => chars(r, UPPER, 4) + chars(r, DIGITS, 10)],
    ['ES', () => chars(r, DIGITS, 20)],
    ['CH', () => chars(r, DIGITS, 17)],
    ['BE', () => chars(r, DIGITS, 12)],
    ['PL', () => chars(r, DIGITS, 24)],
  ] as const);
  const b = bban();
  const numeric = [...`${b}${cc}00`].map((ch) => (/[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch)).join('');
  let rest = 0;
  for (const d of numeric) rest = (rest * 10 + Number(d)) % 97;
  const compact = `${cc}${String(98 - rest).padStart(2, '0')}${b}`;
  const grouped = compact.match(/.{1,4}/g)!.join(r() < 0.2 ? '  ' : ' ');
  return [`iban-${cc.toLowerCase()}`, r() < 0.3 ? compact : grouped];
}

function phone(r: Rand): [string, string] {
  const n = (k: number) => chars(r, DIGITS, k);
  const nxx = () => `${int(r, 2, 9)}${n(2)}`;
  return pick(r, [
    () => ['nanp', `(${nxx()}) ${nxx()}-${n(4)}`],
    () => ['nanp', `${nxx()}-${nxx()}-${n(4)}`],
    () => ['nanp', `${nxx()}.${nxx()}.${n(4)}`],
    () => ['nanp-intl', `+1 ${nxx()}-${nxx()}-${n(4)}`],
    () => ['nanp-intl', `+1 (${nxx()}) ${nxx()}-${n(4)}`],
    () => ['uk', `+44 20 ${n(4)} ${n(4)}`],
    () => ['uk', `+44 7700 ${n(6)}`],
    () => ['uk', `07700 ${n(6)}`],
    () => ['uk', `020 ${n(4)} ${n(4)}`],
    () => ['de', `+49 30 ${n(8)}`],
    () => ['de', `+49 (0)151 ${n(4)} ${n(4)}`],
    () => ['de', `0049 89 ${n(7)}`],
    () => ['de', `030 ${n(8)}`],
    () => ['fr', `+33 6 ${n(2)} ${n(2)} ${n(2)} ${n(2)}`],
    () => ['fr', `06 ${n(2)} ${n(2)} ${n(2)} ${n(2)}`],
    () => ['in', `+91 ${int(r, 7, 9)}${n(4)} ${n(5)}`],
    () => ['jp', `+81 3-${n(4)}-${n(4)}`],
    () => ['au', `+61 2 ${n(4)} ${n(4)}`],
    () => ['br', `+55 11 9${n(4)}-${n(4)}`],
    () => ['e164', `+${int(r, 30, 49)}${n(9)}`],
  ] as Array<() => [string, string]>)();
}

function ssn(r: Rand): [string, string] {
  const area = pick(r, [int(r, 1, 665), int(r, 667, 899)]);
  const value = `${String(area).padStart(3, '0')}-${String(int(r, 1, 99)).padStart(2, '0')}-${String(int(r, 1, 9999)).padStart(4, '0')}`;
  return ['dashed', value];
}

const base64url = (text: string) => Buffer.from(text).toString('base64url');

function jwt(r: Rand): string {
  const header = base64url(JSON.stringify({ alg: pick(r, ['HS256', 'RS256', 'ES256']), typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ sub: String(int(r, 1000, 999999)), name: pick(r, NAMES), iat: int(r, 1.6e9, 1.8e9) }));
  return `${header}.${payload}.${chars(r, `${ALNUM}-_`, 43)}`;
}

function privateKey(r: Rand): [string, string] {
  const label = pick(r, ['RSA ', 'EC ', 'OPENSSH ', '', 'ENCRYPTED ']);
  const lines = Array.from({ length: int(r, 3, 6) }, () => chars(r, `${ALNUM}+/`, 64));
  const begin = `-----BEGIN ${label}PRIVATE KEY-----`;
  // A screen may show only the top of the key.
  if (r() < 0.25) return ['cut-off', [begin, ...lines.slice(0, 2)].join('\n')];
  return ['pem', [begin, ...lines, `-----END ${label}PRIVATE KEY-----`].join('\n')];
}

function secret(r: Rand): [string, string] {
  return pick(r, [
    () => ['base62', chars(r, ALNUM, int(r, 16, 40))],
    () => ['hex', chars(r, HEX, pick(r, [32, 40, 64]))],
    () => ['password', chars(r, `${ALNUM}!#$%&*+?`, int(r, 16, 24))],
    () => ['base64', `${chars(r, `${ALNUM}+/`, int(r, 22, 40))}==`],
  ] as Array<() => [string, string]>)();
}

const NAMES = ['Ana Silva', 'Ben Okafor', 'Chen Wei', 'Dana Kowalski', 'Emil Larsen', 'Farah Haddad', 'Gita Rao', 'Hugo Martin'];
const DOMAINS = ['example.com', 'acme-corp.io', 'mail.example.co.uk', 'contoso.org', 'billing.example.net'];

function email(r: Rand): [string, string] {
  const [first = 'x', last = 'y'] = pick(r, NAMES).toLowerCase().split(' ');
  const box = pick(r, [`${first}.${last}`, `${first[0]}${last}`, `${first}_${last}${int(r, 1, 99)}`, `${first}+invoices`, last]);
  return ['address', `${box}@${pick(r, DOMAINS)}`];
}

function ipv6(r: Rand): [string, string] {
  const g = () => chars(r, HEX, int(r, 1, 4)).replace(/^0+(?=.)/, '');
  return pick(r, [
    () => ['full', Array.from({ length: 8 }, g).join(':')],
    () => ['compressed', `2001:db8:${g()}::${g()}:${g()}`],
    () => ['link-local', `fe80::${g()}:${g()}:${g()}:${chars(r, HEX, 4)}`],
  ] as Array<() => [string, string]>)();
}

/** How each kind's value is made. */
const MAKERS: Record<SensitiveKind, (r: Rand) => [string, string]> = {
  'private-key': privateKey,
  jwt: (r) => ['hs/rs/es', jwt(r)],
  'aws-key': (r) => ['access-key-id', `${pick(r, ['AKIA', 'ASIA'])}${chars(r, UPPER + DIGITS, 16)}`],
  'github-token': (r) => pick(r, [() => ['classic', `${pick(r, ['ghp', 'gho', 'ghu', 'ghs', 'ghr'])}_${chars(r, ALNUM, 36)}`], () => ['fine-grained', `github_pat_${chars(r, ALNUM, 22)}_${chars(r, ALNUM, 59)}`]] as Array<() => [string, string]>)(),
  'slack-token': (r) => ['bot/user', `xox${pick(r, ['a', 'b', 'p', 'r'])}-${chars(r, DIGITS, 12)}-${chars(r, DIGITS, 13)}-${chars(r, ALNUM, 24)}`],
  'stripe-key': (r) => ['live', `${pick(r, ['sk', 'rk', 'pk'])}_live_${chars(r, ALNUM, int(r, 24, 99))}`],
  'api-key': (r) => pick(r, [() => ['sk', `sk-${chars(r, ALNUM, 48)}`], () => ['sk-proj', `sk-proj-${chars(r, `${ALNUM}_-`, 64)}`], () => ['sk-ant', `sk-ant-api03-${chars(r, `${ALNUM}_-`, 80)}`]] as Array<() => [string, string]>)(),
  card,
  iban,
  ssn,
  email,
  ipv6,
  ipv4: (r) => ['dotted', Array.from({ length: 4 }, () => int(r, 1, 254)).join('.')],
  phone,
  secret,
};

/** Lines as people see them: sentences, terminal and editor lines, form labels, dashboard rows. */
const CONTEXTS: Record<SensitiveKind, string[]> = {
  'private-key': ['$ cat ~/.ssh/id_rsa\n{v}\n$ ', 'deploy-key.pem\n{v}', 'Paste your key below:\n{v}\nSave'],
  jwt: ['Authorization: Bearer {v}', 'const session = "{v}";', 'localStorage token {v} (expires in 1h)', '| access_token | {v} | active |'],
  'aws-key': ['export AWS_ACCESS_KEY_ID={v}', 'aws_access_key_id = {v}', 'Access key ID   {v}   Active   2024-01-12', 'The key {v} was rotated last week.'],
  'github-token': ['git remote set-url origin https://{v}@github.com/acme/app.git', 'GITHUB_TOKEN={v}', 'Personal access token: {v}', 'env:\n  GH_TOKEN: {v}'],
  'slack-token': ['SLACK_BOT_TOKEN={v}', 'curl -H "Authorization: Bearer {v}" https://slack.com/api/chat.postMessage', 'Bot User OAuth Token   {v}   Copy'],
  'stripe-key': ['STRIPE_SECRET_KEY={v}', 'stripe.setApiKey("{v}");', 'Secret key   {v}   Reveal   Roll key', 'const stripe = new Stripe(\'{v}\');'],
  'api-key': ['const apiKey = "{v}";', 'export OPENAI_API_KEY={v}', 'API keys   {v}   Created 3 Mar 2025', 'client = OpenAI(api_key="{v}")'],
  card: ['Card number {v}   Exp 09/27   CVC 123', 'Charged {v} for $49.00 on 12 Mar', '| 2025-03-12 | {v} | Visa | Paid |', 'Please use card {v} for the renewal.', 'card: {v}'],
  iban: ['IBAN: {v}', 'Please wire the amount to {v} by Friday.', '| Supplier GmbH | {v} | EUR 1,250.00 |', 'Account (IBAN)   {v}'],
  ssn: ['SSN: {v}', 'Social Security Number   {v}', '| Jane Roe | {v} | 1984-06-02 |', 'Her social security number is {v}, please verify.'],
  email: ['From: {v}', 'Reply to {v} when the invoice is ready.', 'Email address   {v}   Verified', '| {v} | Admin | Last login 2 h ago |', 'git config user.email "{v}"'],
  ipv6: ['inet6 {v}/64 scope global', 'ssh deploy@[{v}]', '| {v} | eu-west-1 | healthy |', 'Ping {v} to check the tunnel.'],
  ipv4: ['ssh admin@{v}', 'inet {v} netmask 255.255.255.0', '| web-01 | {v} | 2 vCPU | running |', 'The database moved to {v} yesterday.', 'DB_HOST={v}'],
  phone: ['Phone: {v}', 'Call me on {v} after 3 pm.', '| Ana Silva | {v} | Sales |', 'Mobile   {v}   Edit', 'You can reach support at {v}.'],
  secret: ['password: {v}', 'export DB_PASSWORD="{v}"', 'client_secret = "{v}"', 'Your API key is {v}', 'SECRET_KEY={v}', 'Password   {v}   Show', 'The new token is {v} for staging.', 'credentials: {v}'],
};

/** `perKind` planted values of every kind, each in a line of its own. */
export function plantedCorpus(perKind: number, seed: number): Plant[] {
  const r = prng(seed);
  return (Object.keys(MAKERS) as SensitiveKind[]).flatMap((kind) =>
    Array.from({ length: perKind }, () => {
      const [form, value] = MAKERS[kind](r);
      return { kind, form, value, line: pick(r, CONTEXTS[kind]).replace('{v}', value) };
    }),
  );
}
