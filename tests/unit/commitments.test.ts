import { describe, expect, test } from 'vitest';
import { commitmentOf } from '../../workers/text/commitments.ts';

describe('commitmentOf() - named owners', () => {
  test.each([
    ['Sarah will update the runbook by Thursday', 'Sarah'],
    ["Sarah'll update the runbook", 'Sarah'],
    ['Tom to send the slides to finance tomorrow', 'Tom'],
    ['Marco is going to look into the flaky test', 'Marco'],
    ['Lena and Omar will pair on the migration', 'Lena and Omar'],
    ['Kim agreed to own the release notes', 'Kim'],
    ['Ravi volunteered to rewrite the onboarding guide', 'Ravi'],
    ['Chen said he will send the numbers on Monday', 'Chen'],
    ['Priya needs to sign off on the budget', 'Priya'],
    ['Ravi, can you share the dashboard link by EOD?', 'Ravi'],
    ['Jo, please book the room for the retro', 'Jo'],
    ['@dana please review the pull request before Monday', 'Dana'],
    ['Review the pull request @dana', 'Dana'],
    ['So then Sarah will chase legal about the contract', 'Sarah'],
    ['Great, Finance will send the revised numbers', 'Finance'],
    ['The migration plan is assigned to Aisha', 'Aisha'],
    ['We decided that Tom will own the vendor call', 'Tom'],
  ])('%s → action owned by %s', (sentence, owner) => {
    expect(commitmentOf(sentence)).toEqual({ kind: 'action', owner });
  });
});

describe('commitmentOf() - I, we and let us', () => {
  test('"I" is the speaker when known, and no one otherwise', () => {
    expect(commitmentOf("I'll draft the contract by end of week", 'Alex')).toEqual({ kind: 'action', owner: 'Alex' });
    expect(commitmentOf('I will draft the contract')).toEqual({ kind: 'action' });
    expect(commitmentOf("I'm going to clean up the backlog", 'Sam')).toEqual({ kind: 'action', owner: 'Sam' });
    expect(commitmentOf('i can take that one', 'Sam')).toEqual({ kind: 'action', owner: 'Sam' });
  });

  test('"we" and "let\'s" commit the team: an action without an owner', () => {
    expect(commitmentOf('We need to send the budget to finance')).toEqual({ kind: 'action' });
    expect(commitmentOf("let's ship on Monday")).toEqual({ kind: 'action' });
    expect(commitmentOf("We'll revisit pricing in two weeks")).toEqual({ kind: 'action' });
  });
});

describe('commitmentOf() - decisions', () => {
  test.each([
    'We decided to move the launch to March 3',
    'Decision: we keep Postgres for now',
    'Agreed: the code freeze starts on Monday',
    'We agreed that retros move to Thursdays',
    'The team agreed on two-week sprints',
    "We're going with option B for the pricing page",
    'It was decided to drop the legacy importer',
    'we have decided not to renew the contract',
  ])('%s → decision', (sentence) => {
    expect(commitmentOf(sentence)).toEqual({ kind: 'decision' });
  });
});

describe('commitmentOf() - distractors', () => {
  test.each([
    'Sarah will be out on Friday',
    'It will take about a week',
    'Tom sent the deck yesterday',
    'Can you see my screen?',
    'Will the build pass on Monday?',
    'If the vendor says no, we will need another plan',
    "We haven't decided on the venue yet",
    'I agree with Tom on the pricing',
    'The release will ship when the tests pass',
    'This will break the nightly export',
    'Maybe Sarah could look at it at some point',
    'Nobody will miss the old dashboard',
    'Last time we said we would fix the pager',
    "We'll see how it goes",
    'Welcome to the design review',
    'Thanks to Priya for the demo',
    'This License will terminate automatically if You fail to comply with any of its terms',
    'Sarah won\'t be able to join the call',
    'Do we need to wait for legal?',
    'Tom, can you hear me?',
  ])('%s → nothing', (sentence) => {
    expect(commitmentOf(sentence)).toBeNull();
  });
});

describe('commitmentOf() - captions without punctuation or capitals', () => {
  test.each([
    ['Yes Dana will draft the customer email today', 'Dana'],
    ['Aisha can you rotate the database credentials by Thursday', 'Aisha'],
    ['Omar please book a usability session on December 1st', 'Omar'],
    ['sarah will update the runbook by thursday', 'Sarah'],
    ['omar please book a usability session on december 1st', 'Omar'],
    ['lena and omar will pair on the data backfill next week', 'Lena and Omar'],
    ['kim agreed to own the release notes for this sprint', 'Kim'],
    ['sam to write up the incident report by wednesday', 'Sam'],
  ])('%s → action owned by %s', (sentence, owner) => {
    expect(commitmentOf(sentence)).toEqual({ kind: 'action', owner });
  });

  test.each([
    // A question said without its mark, an opening verb taken for a name, a call check.
    'do we need to tell customers about the outage',
    'Should we move the retro to Friday',
    'agreed to move the maintenance window to sundays',
    'everyone can you hear me',
    'Tom can you hear me now',
    'it will take about a week to move the remaining customers',
  ])('%s → no owner named', (sentence) => {
    expect(commitmentOf(sentence)?.owner).toBeUndefined();
  });
});
