import { integer, pick, sample } from './random.ts';
import type { Random } from './random.ts';

/** Work vocabulary the sample text is made of: one word or phrase per comma. */
const list = (words: string): readonly string[] => words.split(', ');
const NOUNS = list(
  'invoice, customer, roadmap, meeting, budget, release, review, deadline, contract, report, ' +
    'dashboard, ticket, sprint, backlog, forecast, migration, onboarding, pipeline, proposal, ' +
    'estimate, milestone, retention, vendor, audit',
);
const VERBS = list(
  'deploy, review, approve, update, draft, send, check, schedule, merge, close, plan, share, ' +
    'fix, ship, price, renew',
);
const ADJECTIVES = list(
  'quarterly, open, final, shared, urgent, monthly, new, pending, annual, internal, revised, ' +
    'weekly',
);
const MEETINGS = list(
  'Sprint review, Planning, Customer call, Budget sync, Release prep, Design review, Standup, ' +
    'Retro, Roadmap workshop, Vendor check-in',
);
const TOPICS = list(
  'billing, onboarding, search, mobile app, payments, reporting, checkout, analytics, ' +
    'invoicing, support desk',
);
const TAGS = list(
  'billing, planning, customers, release, finance, design, backend, sales, support, hiring, ' +
    'roadmap, ops',
);

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A short line of work text, e.g. "Review the pending invoice". No word repeats within it. */
export function workLine(random: Random): string {
  const [n1, n2, n3] = sample(random, NOUNS, 3);
  const [v1, v2] = sample(random, VERBS, 2);
  const adjective = pick(random, ADJECTIVES);
  const shapes = [
    `${v1} the ${adjective} ${n1}`,
    `${v1} the ${n1} before the ${n2}`,
    `${adjective} ${n1} for the ${n2} ${n3}`,
    `${n1} ${n2}: ${v1} and ${v2}`,
  ];
  return capitalise(pick(random, shapes));
}

/** A title such as "Sprint review — billing". */
export function sessionTitle(random: Random): string {
  return `${pick(random, MEETINGS)} — ${pick(random, TOPICS)}`;
}

/** One to three distinct tags. */
export function sessionTags(random: Random): string[] {
  return sample(random, TAGS, integer(random, 1, 3));
}

/** A markdown paragraph and 2–4 action items in the styles people write them. */
export function sessionNotes(random: Random, title: string): string {
  const [n1, n2, n3, n4] = sample(random, NOUNS, 4);
  const paragraph =
    `Notes from the ${title.toLowerCase()}. We went through the ${n1} and the ` +
    `${pick(random, ADJECTIVES)} ${n2}; the **${n3}** still needs a decision before the ${n4}.`;
  const styles = [
    (t: string) => `- [ ] ${t}`,
    (t: string) => `TODO: ${t}`,
    (t: string) => `Action: ${t}`,
  ];
  const count = integer(random, 2, 4);
  const items = Array.from({ length: count }, () => pick(random, styles)(workLine(random)));
  return `${paragraph}\n\n${items.join('\n')}\n`;
}
