import type { SpeechSegment } from '../../src/shared/results.ts';
import { formatTimestamp } from '../text/cues.ts';
import { pick, sample } from './random.ts';
import type { Random } from './random.ts';

const SPEAKERS = ['Alex', 'Sam', 'Priya', 'Jordan'];
const VERBS = ['review', 'update', 'send', 'check', 'schedule', 'share', 'fix', 'draft', 'approve', 'close'];
const NOUNS = ['invoice', 'roadmap', 'budget', 'release notes', 'contract', 'report', 'dashboard', 'forecast', 'estimate', 'backlog'];
const ADJECTIVES = ['quarterly', 'final', 'shared', 'revised', 'pending', 'weekly'];
const DAYS = ['Friday', 'Monday', 'the next standup', 'the end of the sprint'];

/** Sentences that commit someone to act: what the summary's action items should find. */
const COMMITMENTS: Array<(w: Words) => string> = [
  (w) => `We need to ${w.verb} the ${w.adjective} ${w.noun} before ${w.day}.`,
  (w) => `I'll ${w.verb} the ${w.noun} for the ${w.topic} team.`,
  (w) => `Let's ${w.verb} the ${w.noun} and ${w.otherVerb} the ${w.otherNoun}.`,
];
/** Sentences that only report. */
const STATEMENTS: Array<(w: Words) => string> = [
  (w) => `The ${w.adjective} ${w.noun} looks good so far.`,
  (w) => `The ${w.topic} numbers moved a little since the last ${w.otherNoun}.`,
  (w) => `Most of the ${w.noun} is done already.`,
  (w) => `The ${w.noun} for ${w.topic} is still with ${w.speaker}.`,
];

interface Words {
  verb: string;
  otherVerb: string;
  noun: string;
  otherNoun: string;
  adjective: string;
  day: string;
  topic: string;
  speaker: string;
}

function words(random: Random, topic: string): Words {
  const [verb = 'review', otherVerb = 'send'] = sample(random, VERBS, 2);
  const [noun = 'report', otherNoun = 'budget'] = sample(random, NOUNS, 2);
  return { verb, otherVerb, noun, otherNoun, adjective: pick(random, ADJECTIVES), day: pick(random, DAYS), topic, speaker: pick(random, SPEAKERS) };
}

/**
 * A WebVTT transcript of a sample recording: one cue per burst of speech, at the burst's times,
 * each said by someone (a `<v>` voice tag). Every other sentence or so commits someone to act
 * ("We need to …", "I'll …", "Let's …"); the second cue always does.
 */
export function sampleTranscript(random: Random, bursts: readonly SpeechSegment[], title: string): string {
  const topic = title.split(' — ').at(-1) ?? 'project';
  const cues = bursts.map((burst, i) => {
    const kind = i === 1 || random() < 0.4 ? COMMITMENTS : STATEMENTS;
    const sentence = pick(random, kind)(words(random, topic));
    const timing = `${formatTimestamp(burst.start)} --> ${formatTimestamp(burst.end)}`;
    return `${i + 1}\n${timing}\n<v ${pick(random, SPEAKERS)}>${sentence}`;
  });
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}
