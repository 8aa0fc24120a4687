import { isStopword } from './stopwords.ts';

/** What a sentence commits to: an action (with its owner when named) or a decision. */
export interface Commitment {
  kind: 'action' | 'decision';
  owner?: string;
}

/** Capitalised words that start sentences or name roles, not people or teams. */
const NOT_NAMES = new Set(
  (
    'the a an this that these those it its there here which what who whom whose when where why how i you he she we they me us them ' +
    'my our your his her their nobody everyone everybody someone somebody anyone anybody nothing everything something none each ' +
    'either neither all both some any most every no yes ok okay sure well maybe perhaps probably hopefully actually also then so ' +
    'and but or now today tomorrow tonight yesterday next last first time welcome thanks thank hello hi hey sorry please good great ' +
    'going talk listen reply go back due up subject according pursuant prior compared similar access need want able happy ready ' +
    'nice hard easy free glad likely unable remember try way ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april june july august september october ' +
    'november december license licence licensor licensee contributor contributors recipient distributor author authors user ' +
    'users software program work section party parties agreement'
  ).split(' '),
);

/** Words after which a capitalised word is not a name but part of a noun phrase ("the Postgres upgrade"). */
const DETERMINERS = new Set('the a an this these those our your my their his her its of for to in on at with from by about new old every each some any no'.split(' '));

/** "Sarah", "Tom Baker", "Lena and Omar". */
const WORD = String.raw`[\p{Lu}][\p{L}-]*(?:['’](?!ll\b|s\b|re\b|d\b)[\p{L}]+)?`;
const NAME = String.raw`${WORD}(?:\s+${WORD})?(?:\s+and\s+${WORD})?`;
/** A few adverbs people put between "will" and the verb. */
const ADVERB = String.raw`(?:(?:also|definitely|then|just|quickly|first|still|personally|directly|probably|try and|try to)\s+)?`;
/** What a named owner does: "will send", "is going to", "needs to", "agreed to", "owns". */
const OWNER_VERB = new RegExp(
  String.raw`^(?:(?:\s+will|['’]ll)\s+${ADVERB}(?<verb>[\p{L}'’-]+)(?:\s+(?<next>[\p{L}'’-]+))?|(?:\s+is|['’]s)\s+(?:going to|gonna)\s+\S|\s+(?:needs|has|wants) to\s+\S|\s+(?:must|should)\s+${ADVERB}[\p{Ll}]|\s+(?:agreed|volunteered|offered|promised|committed|signed up) to\s+\S|(?:\s+(?:owns|is on|takes|is taking|is handling|handles|is responsible for)|['’]s on)\s+\S|\s+said (?:that )?(?:he|she|they)(?:['’]ll|\s+will|\s+would|\s+is going to)\s+\S)`,
  'u',
);
/** "Tom to send …", as minutes write it: only at the start of a sentence or after a colon. */
const OWNER_TO = new RegExp(String.raw`(?:^|[:;(–—-]\s*)(?<name>${NAME})\s+to\s+(?<verb>[\p{Ll}][\p{L}-]*)`, 'u');
/** After "will": words that do not commit anyone to anything ("will be out", "will see"). */
const NOT_COMMITTING = new Set(['be', 'see', 'say', 'admit', 'bet', 'guess', 'need', 'never', 'not', 'like', 'love', 'want', 'miss', 'know', 'understand', 'remember', 'happen', 'probably']);
/** After "to" in minutes style: words that show "to" is a preposition ("Welcome to the review"). */
const NOT_VERBS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'my', 'our', 'your', 'his', 'her', 'their', 'its', 'it', 'me', 'us', 'them', 'him', 'you', 'all', 'everyone', 'everybody', 'be']);

/** "Jo, please …", "Ravi, can you …" (a request, also as a question). */
const REQUEST = new RegExp(String.raw`(?:^|[,;:]\s*)(?<name>${NAME}),\s+(?:please|can you|could you|would you|will you)\s+(?:please\s+)?(?<verb>[\p{L}'’-]+)`, 'u');
/** The same said in a caption, which drops the comma: only at the start of a sentence. */
const CAPTION_REQUEST = new RegExp(String.raw`^(?<name>${WORD})\s+(?:please|can you|could you|would you|will you)\s+(?:please\s+)?(?<verb>[\p{L}'’-]+)`, 'u');
/**
 * Captions in lowercase name no one with a capital: "sarah will update …", "omar please book …".
 * Only the sentence's first word, when it is no function word, is taken for a name.
 */
const LOWERCASE_OWNER = /^(?<name>\p{Ll}+)(?: and (?<also>\p{Ll}+))?\s+(?:(?:will|is going to|agreed to|volunteered to|offered to|promised to|needs to|to)\s+(?<verb>\p{Ll}[\p{L}'’-]*)|(?:please|can you|could you|would you|will you)\s+(?<asked>\p{Ll}+)|said (?:he|she|they) will\s+\S)/u;
/** Requests that are about the call, not work: "can you hear me?". */
const CALL_VERBS = new Set(['hear', 'see', 'repeat', 'unmute', 'mute', 'say', 'speak']);
/** "@dana" (not in thanks or a cc). */
const MENTION = /(?:^|[\s(])@([\p{L}][\p{L}\p{N}._-]*)/u;
const COURTESY = /\b(?:thanks|thank you|cc|kudos|shout-?out|congrats|from)\b/i;
/** "assigned to Aisha", "owner: Dana". */
const ASSIGNED = new RegExp(String.raw`\b(?:assigned to|owner:?|owned by)\s+(?<name>${NAME})`, 'u');

/** Decisions: "we decided", "the team agreed", "it was decided", "the decision is", "we're going with". */
const DECISION =
  /\b(?:(?:we|team|everyone|everybody|all|group|they|we['’]ve|we have|it was|it['’]s been|it has been|it is)\b[^.?!]*?\b(?:decided|agreed|settled on|chose|opted)\b(?! with)|the decision (?:is|was)\b|we(?:['’]re| are|['’]ll| will)? go(?:ing)? with\b|we went with\b|consensus (?:is|was)\b)/i;
const UNDECIDED = /(?:\bnot|n['’]t|\bnever|\byet to)\s+(?:\w+\s+)?(?:decided|agreed|settled|chosen)\b|\bundecided\b/i;

/** "I'll …", "I'm going to …", "I can take …": the speaker commits. */
const SELF = /(?:^|[\s,;:])i(?:['’]ll|\s+will|['’]m going to|\s+am going to|['’]m gonna|\s+need to|\s+have to|\s+can|\s+volunteer to|\s+promise to)\s+(?<verb>[\p{L}'’-]+)(?:\s+(?<next>[\p{L}'’-]+))?/iu;
/** The team commits: "we need to …", "let's …", "someone should …". */
const TEAM =
  /(?:^|[\s,;:(])(?:we need to|we have to|we must|we should|we['’]ll|we will|we['’]re going to|we are going to|let['’]s|let us|someone (?:needs to|should)|remember to|don['’]t forget to)\s+(?<verb>[\p{L}'’-]+)(?:\s+(?<next>[\p{L}'’-]+))?/iu;
/** "let's get started", "let's move on": the meeting moving along, not work. */
const MEETING_FLOW = /\blet['’]?s\s+(?:get started|start|begin|kick off|move on|go on|wrap up|wrap it up|wrap|jump in|dive in|recap|continue|keep going|get going|take a break|pause|get into)\b/i;
const CONDITIONAL = /^\s*(?:if|unless|whether|in case)\b/i;
/** A question said without its question mark, as captions write it: "do we need to …", "should i …". */
const QUESTION_START = /^(?:do|does|did|should|shall|can|could|would|will|are|is|have|has)\s+(?:we|i|you|they|he|she|it|everyone|anyone|someone|somebody)\b/i;

/** Whether the verb after "will" commits: "will send", "will be sending", but not "will be out" or "will see". */
function commits(verb: string | undefined, next: string | undefined): boolean {
  if (!verb) return false;
  const word = verb.toLowerCase();
  if (word === 'be') return next !== undefined && /ing$/i.test(next) && next.length > 4;
  return !NOT_COMMITTING.has(word);
}

function capitalise(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Whether `name`, found at `index` of `sentence`, names someone (not "The", not "the Postgres"). */
function isName(name: string, sentence: string, index: number): boolean {
  const first = name.split(/\s+/)[0]?.toLowerCase() ?? '';
  if (NOT_NAMES.has(first) || NOT_NAMES.has(first.replace(/['’].*$/, ''))) return false;
  // "Willing to help", "Looking to hire": a verb opening the sentence, not a name.
  if (/^\p{L}{3,}(?:ing|ed)$/u.test(first)) return false;
  const before = /([\p{L}'’]+)\s*$/u.exec(sentence.slice(0, index))?.[1]?.toLowerCase();
  return before === undefined || !DETERMINERS.has(before);
}

/** "Tom Baker" → "Tom": a name's shorter readings that start where it starts. */
function shorterNames(name: string): string[] {
  const first = /^\S+/.exec(name)?.[0];
  return first && first !== name ? [first] : [];
}

/** The owner of a commitment in a caption without capitals, read from its first words (LOWERCASE_OWNER). */
function lowercaseOwner(sentence: string): string | undefined {
  const found = LOWERCASE_OWNER.exec(sentence.trim());
  const groups = found?.groups;
  // "agreed to …", "decided to …": a verb opening the sentence, not a name.
  if (!groups?.name || isStopword(groups.name) || NOT_NAMES.has(groups.name) || /(?:ed|ing)$/.test(groups.name)) return undefined;
  if (groups.verb !== undefined && (NOT_VERBS.has(groups.verb) || !commits(groups.verb, undefined))) return undefined;
  if (groups.asked !== undefined && CALL_VERBS.has(groups.asked)) return undefined;
  const name = capitalise(groups.name);
  return groups.also && !isStopword(groups.also) ? `${name} and ${capitalise(groups.also)}` : name;
}

/** The named owner of a commitment: "Sarah will …", "Tom to …", "Jo, please …", "@dana", "assigned to Aisha". */
function namedOwner(sentence: string): string | undefined {
  const request = REQUEST.exec(sentence);
  if (request?.groups && !CALL_VERBS.has(request.groups.verb?.toLowerCase() ?? '') && isName(request.groups.name ?? '', sentence, request.index)) return request.groups.name;
  const caption = CAPTION_REQUEST.exec(sentence);
  if (caption?.groups && !CALL_VERBS.has(caption.groups.verb?.toLowerCase() ?? '') && isName(caption.groups.name ?? '', sentence, 0)) return caption.groups.name;
  if (!/\p{Lu}/u.test(sentence)) return lowercaseOwner(sentence);
  const mention = MENTION.exec(sentence);
  if (mention && !COURTESY.test(sentence)) return capitalise(mention[1] ?? '');
  const minutes = OWNER_TO.exec(sentence);
  if (minutes?.groups && !NOT_VERBS.has(minutes.groups.verb ?? '')) {
    const name = minutes.groups.name ?? '';
    if (isName(name, sentence, minutes.index + minutes[0].indexOf(name))) return name;
  }
  // A name may start at any capitalised word: "Yes Dana will …" (a caption without its comma) is
  // tried as "Yes Dana", then as "Dana"; "Lena and Omar" whole, then from each of its words.
  const name = new RegExp(NAME, 'uy');
  for (const start of sentence.matchAll(/(?<![\p{L}'’])\p{Lu}/gu)) {
    name.lastIndex = start.index;
    const match = name.exec(sentence);
    if (!match) continue;
    for (const candidate of [match[0], ...shorterNames(match[0])]) {
      const verb = OWNER_VERB.exec(sentence.slice(start.index + candidate.length));
      if (!verb || !isName(candidate, sentence, start.index)) continue;
      if (verb.groups?.verb !== undefined && !commits(verb.groups.verb, verb.groups.next)) continue;
      return candidate.replace(/\s+/g, ' ');
    }
  }
  const assigned = ASSIGNED.exec(sentence);
  if (assigned?.groups && isName(assigned.groups.name ?? '', sentence, assigned.index + assigned[0].length)) return assigned.groups.name;
  return undefined;
}

/**
 * What a sentence commits to, or null. An action with a named owner ("Sarah will update the
 * runbook", "Tom to send …", "Jo, please …", "@dana …", "assigned to Aisha"); a decision ("we
 * decided", "the team agreed", "Decision: …"); an action of the speaker ("I'll …", owned by
 * `speaker` when known) or of the team ("we need to …", "let's …", no owner). Questions, "if"
 * clauses, "will be out", "we haven't decided" and the meeting moving along ("let's move on")
 * commit no one.
 */
export function commitmentOf(sentence: string, speaker?: string): Commitment | null {
  const text = sentence.trim();
  if (/^(?:decision|decided|agreed)\s*[:–—-]\s*\S/i.test(text)) return { kind: 'decision' };
  if (CONDITIONAL.test(text)) return null;
  const owner = namedOwner(text);
  if (text.endsWith('?') || QUESTION_START.test(text)) {
    // A question commits someone only when it asks them by name: "Ravi, can you …?"
    return owner && (REQUEST.test(text) || MENTION.test(text)) ? { kind: 'action', owner } : null;
  }
  if (owner) return { kind: 'action', owner };
  if (DECISION.test(text) && !UNDECIDED.test(text)) return { kind: 'decision' };
  const self = SELF.exec(text);
  if (self && commits(self.groups?.verb, self.groups?.next) && !CALL_VERBS.has(self.groups?.verb?.toLowerCase() ?? '')) {
    return speaker ? { kind: 'action', owner: speaker } : { kind: 'action' };
  }
  const team = TEAM.exec(text);
  if (team && commits(team.groups?.verb, team.groups?.next) && !MEETING_FLOW.test(text)) return { kind: 'action' };
  return null;
}
