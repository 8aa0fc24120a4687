import { STOPWORDS as CONTENT_STOPWORDS } from './keywords.ts';

/**
 * English stopwords for phrases and sentences: the chapters' list (keywords.ts) plus the rest of
 * the function words, contractions and the fillers of speech, which would otherwise glue
 * transcript phrases together. Lowercase, with straight apostrophes.
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  ...CONTENT_STOPWORDS,
  ...(
    "almost although among aren't cannot can't couldn't didn't doesn't don't either else " +
    "even ever every getting hadn't hasn't haven't he'd he'll he's herself here's himself " +
    "how's however i'd i'll i'm i've isn't it'd it'll it's least less let's like made make " +
    "makes many may maybe might mine much must mustn't myself need needs neither often one " +
    "others otherwise ourselves perhaps quite rather really say says shall shan't she'd " +
    "she'll she's shouldn't since something still that's themselves there's they'd they'll " +
    "they're they've thing things though thus upon wasn't we'd we'll we're we've well " +
    "weren't what's when's where's whether who's whose why's won't wouldn't you'd you'll " +
    "you're you've yourself yourselves " +
    // Speech fillers and empty verbs.
    'actually ah alright anyway basically going gonna gotta guess hmm kind kinda know mean mhm oh ' +
    'ok okay right sort sure think uh um umm want wanna yeah yep ' +
    // Markers of action items, not subjects.
    'todo action fixme'
  ).split(' '),
]);

/** Whether a lowercase word says nothing about the subject. */
export function isStopword(word: string): boolean {
  return STOPWORDS.has(word.replace(/’/g, "'"));
}
