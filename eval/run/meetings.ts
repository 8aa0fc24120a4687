// The text part of the corpus: three meetings written as people speak and take notes, with every
// commitment and decision planted and labelled, and sentences that look like commitments but are not.

/** What a planted line should become: an action (owner and due date when said) or a decision. */
export interface Planted {
  kind: 'action' | 'decision';
  /** Who owns it when named; `self` when the speaker commits ("I'll …"): then the owner is the speaker, if known. */
  owner?: string | 'self';
  /** ISO date, resolved against the meeting's start. */
  due?: string;
}

export interface SpokenLine {
  speaker: string;
  text: string;
  item?: Planted;
}

export interface NotesLine {
  text: string;
  item?: Planted;
}

export interface Meeting {
  id: string;
  title: string;
  /** Local time, so that due dates are the days people mean wherever the eval runs. */
  startedAt: Date;
  spoken: SpokenLine[];
  notes: NotesLine[];
}

const a = (owner?: string, due?: string): Planted => ({ kind: 'action', ...(owner ? { owner } : {}), ...(due ? { due } : {}) });
const DECISION: Planted = { kind: 'decision' };

export const MEETINGS: Meeting[] = [
  {
    id: 'billing-sync',
    title: 'Billing sync',
    startedAt: new Date(2026, 10, 20, 10, 0), // a Friday
    spoken: [
      { speaker: 'Priya', text: "Morning everyone, let's get started with the billing migration." },
      { speaker: 'Sam', text: 'The invoice export still drops rows when a customer has two accounts.' },
      { speaker: 'Sam', text: "I'll fix the export before Monday.", item: a('self', '2026-11-23') },
      { speaker: 'Priya', text: 'Sarah will update the runbook by Thursday.', item: a('Sarah', '2026-11-26') },
      { speaker: 'Tom', text: 'I sent the revised numbers to finance yesterday.' },
      { speaker: 'Priya', text: 'Tom, can you share the dashboard link by end of day?', item: a('Tom', '2026-11-20') },
      { speaker: 'Tom', text: 'Sure, no problem.' },
      { speaker: 'Sarah', text: 'We decided to keep the old dashboard until the migration is done.', item: DECISION },
      { speaker: 'Sarah', text: 'It will take about a week to move the remaining customers.' },
      { speaker: 'Priya', text: 'Can everyone see my screen?' },
      { speaker: 'Sam', text: 'Finance will send the revised forecast on the 3rd of December.', item: a('Finance', '2026-12-03') },
      { speaker: 'Tom', text: 'If the vendor says no, we will need another plan.' },
      { speaker: 'Priya', text: 'Marco is going to look into the flaky retry test.', item: a('Marco') },
      { speaker: 'Sarah', text: 'So the decision is we keep Postgres for the ledger.', item: DECISION },
      { speaker: 'Tom', text: 'Sarah will be out next Friday, so plan around that.' },
      { speaker: 'Priya', text: "Let's move on to the next item." },
      { speaker: 'Sam', text: 'Lena and Omar will pair on the data backfill next week.', item: a('Lena and Omar', '2026-11-27') },
      { speaker: 'Tom', text: 'Last time we said we would fix the pager rotation.' },
      { speaker: 'Priya', text: 'Sam to write up the incident report by Wednesday.', item: a('Sam', '2026-11-25') },
      { speaker: 'Sarah', text: "We haven't decided on the offsite venue yet." },
      { speaker: 'Priya', text: 'Thanks everyone, talk to you next week.' },
    ],
    notes: [
      { text: '# Billing sync' },
      { text: 'Attendees: Priya, Sam, Tom, Sarah.' },
      { text: 'The invoice export drops rows for customers with two accounts. Tom sent the revised numbers yesterday.' },
      { text: '## Actions' },
      { text: '- [ ] @sarah update the billing runbook by Thursday', item: a('Sarah', '2026-11-26') },
      { text: '- [ ] Tom to send the dashboard link to finance', item: a('Tom') },
      { text: '- [x] Book the retro room', item: a() },
      { text: 'TODO(priya): chase legal about the vendor contract by next Tuesday', item: a('Priya', '2026-11-24') },
      { text: 'Action: Sam to write up the incident report by Wednesday', item: a('Sam', '2026-11-25') },
      { text: '## Decisions' },
      { text: 'Decision: keep the old dashboard until the migration is done.', item: DECISION },
    ],
  },
  {
    id: 'design-review',
    title: 'Design review',
    startedAt: new Date(2026, 10, 23, 14, 0), // a Monday
    spoken: [
      { speaker: 'Lena', text: 'Welcome to the design review.' },
      { speaker: 'Omar', text: 'The new onboarding flow tested well with five customers.' },
      { speaker: 'Kim', text: 'I agree with Omar on the colour palette.' },
      { speaker: 'Lena', text: 'We agreed that the settings page moves to the sidebar.', item: DECISION },
      { speaker: 'Ravi', text: 'I can take the empty states and the error messages.', item: a('self') },
      { speaker: 'Lena', text: 'Kim agreed to own the release notes for this sprint.', item: a('Kim') },
      { speaker: 'Omar', text: 'Ravi volunteered to rewrite the onboarding guide by the 10th.', item: a('Ravi', '2026-12-10') },
      { speaker: 'Kim', text: 'This will break the nightly screenshot tests.' },
      { speaker: 'Lena', text: 'Omar, please book a usability session on December 1st.', item: a('Omar', '2026-12-01') },
      { speaker: 'Ravi', text: 'Will the new icons be ready before the freeze?' },
      { speaker: 'Kim', text: "We're going with option B for the pricing page.", item: DECISION },
      { speaker: 'Omar', text: "I'm going to clean up the Figma file tomorrow.", item: a('self', '2026-11-24') },
      { speaker: 'Lena', text: 'Maybe Ravi could look at the dark theme at some point.' },
      { speaker: 'Kim', text: 'Nobody will miss the old wizard.' },
      { speaker: 'Ravi', text: 'Legal needs to approve the new terms before launch.', item: a('Legal') },
      { speaker: 'Lena', text: "Let's wrap up there." },
      { speaker: 'Omar', text: 'Kim said she will send the research summary on Friday.', item: a('Kim', '2026-11-27') },
      { speaker: 'Kim', text: 'We need to test the flow on small screens by Wednesday.', item: a(undefined, '2026-11-25') },
    ],
    notes: [
      { text: '# Design review' },
      { text: 'Agreed: the settings page moves to the sidebar.', item: DECISION },
      { text: '- Ravi will rewrite the onboarding guide by December 10.', item: a('Ravi', '2026-12-10') },
      { text: '- Kim owns the release notes for this sprint.', item: a('Kim') },
      { text: '- [ ] @omar book a usability session on December 1st', item: a('Omar', '2026-12-01') },
      { text: '* Omar: the new onboarding flow tested well.' },
      { text: 'Next steps: Lena to share the final mockups with engineering tomorrow.', item: a('Lena', '2026-11-24') },
    ],
  },
  {
    id: 'ops-weekly',
    title: 'Ops weekly',
    startedAt: new Date(2026, 11, 2, 9, 30), // a Wednesday
    spoken: [
      { speaker: 'Chen', text: "Let's start with the incident from Tuesday." },
      { speaker: 'Aisha', text: 'The backup job failed twice because the disk filled up.' },
      { speaker: 'Dana', text: 'I will add an alert on disk usage by Friday.', item: a('self', '2026-12-04') },
      { speaker: 'Chen', text: 'Aisha, can you rotate the database credentials by Thursday?', item: a('Aisha', '2026-12-03') },
      { speaker: 'Jo', text: 'Tom sent the postmortem draft to the whole team.' },
      { speaker: 'Chen', text: 'It was decided to drop the legacy importer in January.', item: DECISION },
      { speaker: 'Dana', text: 'Jo to update the on-call handbook by the 15th.', item: a('Jo', '2026-12-15') },
      { speaker: 'Aisha', text: 'Do we need to tell customers about the outage?' },
      { speaker: 'Chen', text: 'Yes, Dana will draft the customer email today.', item: a('Dana', '2026-12-02') },
      { speaker: 'Jo', text: 'The cluster upgrade will start when the freeze ends.' },
      { speaker: 'Dana', text: 'Everyone agreed to move the maintenance window to Sundays.', item: DECISION },
      { speaker: 'Aisha', text: 'Chen will check the vendor contract in two weeks.', item: a('Chen', '2026-12-16') },
      { speaker: 'Jo', text: 'You may want to check the logs first.' },
      { speaker: 'Chen', text: 'Can you hear me now?' },
      { speaker: 'Aisha', text: "I'll look into the certificate renewal before the end of the month.", item: a('self', '2026-12-31') },
      { speaker: 'Dana', text: "We'll see how the new alerts behave." },
      { speaker: 'Chen', text: 'Good, thanks everyone.' },
    ],
    notes: [
      { text: '# Ops weekly' },
      { text: 'The backup job failed twice. Tom sent the postmortem draft.' },
      { text: '- [ ] Dana: draft the customer email today', item: a('Dana', '2026-12-02') },
      { text: '- Action item: Aisha to rotate the database credentials by Thursday', item: a('Aisha', '2026-12-03') },
      { text: '- [ ] Add an alert on disk usage, owner: Dana, due Friday', item: a('Dana', '2026-12-04') },
      { text: 'We decided to drop the legacy importer in January.', item: DECISION },
      { text: 'Jo will update the on-call handbook by the 15th.', item: a('Jo', '2026-12-15') },
    ],
  },
];
