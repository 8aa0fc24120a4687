import { isStopword } from './stopwords.ts';

/**
 * Openers of what people commit to or decide, as said: where a new sentence starts in speech
 * written without punctuation ("… before monday i'll fix the export …").
 */
const OPENERS = [
  /^i(?:['’]ll|\s+will|\s+can|['’]m going to|\s+am going to|['’]m gonna|\s+need to|\s+have to)$/,
  /^we(?:['’]ll|\s+will|\s+need to|\s+have to|\s+must|\s+should|\s+decided|\s+agreed|['’]re going to|\s+are going to|['’]ve decided)$/,
  /^(?:let['’]s|so the decision|the decision is|it was decided|it['’]s been decided|everyone agreed|the team agreed|yes|okay|ok|alright)$/,
];

/** Words that open a question before its subject. */
const AUXILIARIES = new Set(['do', 'does', 'did', 'should', 'shall', 'can', 'could', 'would', 'will', 'are', 'is', 'was', 'were', 'have', 'has']);

/** How many words an opener spans at most. */
const OPENER_WORDS = 3;

/** What follows a person's name when they are given or take on work: "Kim agreed to …", "Tom can you …". */
const OWNER_FOLLOWS = /^(?:and \S+ )?(?:will|can you|could you|please|is going to|agreed to|volunteered to|offered to|promised to|said (?:he|she|they) will|needs to)(?: |$)/u;
/** "Sam to write up …", as minutes say it: only where names have capitals, and "to" is followed by a verb, not "the". */
const OWNER_TO = /^to (\p{L}{2,})/u;

/** Words after which a word is part of a noun phrase, not a name starting a clause. */
const DETERMINERS = new Set('the a an this that these those our your my their his her its of for to in on at with from by about every each some any no'.split(' '));

/**
 * A subject pronoun and a modal: "… in two weeks sometimes you might need to …". Not "it", which
 * is as often the object that ends a clause ("… fix it can you …").
 */
const PRONOUN_MODAL = /^(?:you|he|she|they) (?:will|would|can|could|may|might|should|must|need|needs|want|wants|have to|has to)$/;
/** Adverbs that open a clause before its subject: the clause starts at them. */
const CLAUSE_ADVERBS = new Set(['sometimes', 'usually', 'often', 'maybe', 'perhaps', 'now', 'then', 'also', 'actually', 'honestly', 'otherwise', 'meanwhile', 'anyway']);
/** Verbs after which a clause goes on without "that": "kim said she will …", "i think you should …". */
const REPORTING = new Set(
  ('said say says think thinks thought know knows knew hope hopes guess believe believes mean means told tell tells ' +
    'promised sure feel felt reckon suppose assume expect expects heard noticed mentioned agree agreed realised realized ' +
    'decided wish bet worried afraid glad happy ensure make makes made let lets see seen saw doubt wonder').split(' '),
);
/** Words that open a noun phrase: "the cluster upgrade", "our main database". */
const ARTICLES = new Set('the a an this that these those our your my their his her its every each some any no'.split(' '));
/** Words said before a sentence that are no part of it: "yes the cluster upgrade …". */
const LEAD_INS = new Set(['yes', 'yeah', 'okay', 'ok', 'alright', 'right', 'so', 'and', 'but', 'well', 'also', 'then', 'now']);

/**
 * Whether `words` are only a noun phrase: an article and at most two words that carry meaning
 * ("the cluster", "yes our new billing"). Such a piece is never a sentence: the word after it that
 * looked like a name starting a clause ("… upgrade will start …") is the phrase's last noun.
 */
export function isBareNounPhrase(words: readonly string[]): boolean {
  let from = 0;
  while (from < words.length && LEAD_INS.has(bare(words[from]!))) from++;
  const phrase = words.slice(from).map(bare);
  return phrase.length >= 2 && phrase.length <= 3 && ARTICLES.has(phrase[0]!) && phrase.slice(1).every((word) => !isStopword(word));
}

/** Lowercased, without what a caption may leave around a word. */
const bare = (word: string) => word.toLowerCase().replace(/^[("'“‘]+|[)"'”’,]+$/g, '');

/**
 * Whether `words[i]` starts a clause in speech written without punctuation, where only the words
 * themselves say where sentences end: a function word written with a capital in cased text ("…
 * is done It will take …"), or, cased or not, an opener of a commitment or decision ("i'll",
 * "we need to", "we decided", "let's", "yes"). The first word starts one anyway.
 */
export function startsClause(words: readonly string[], i: number, cased: boolean): boolean {
  if (i === 0) return true;
  // "do we need to …", "should i …": a question's subject, not a new clause.
  if (AUXILIARIES.has(bare(words[i - 1]!))) return false;
  const word = words[i]!;
  if (cased && /^\p{Lu}/u.test(word) && (word === 'I' || /^I['’]/.test(word) || isStopword(bare(word)))) return true;
  if (startsOwnerClause(words, i, cased)) return true;
  if (startsPronounClause(words, i)) return true;
  for (let n = 1; n <= OPENER_WORDS && i + n <= words.length; n++) {
    const phrase = words.slice(i, i + n).map(bare).join(' ');
    if (OPENERS.some((opener) => opener.test(phrase))) return true;
  }
  return false;
}

/**
 * "… my screen Finance will send …", "… today Tom can you share …": a name (capitalised in cased
 * text; in lowercase captions any word that is not a function word or after a determiner) followed
 * by what people say when work is given or taken on.
 */
function startsOwnerClause(words: readonly string[], i: number, cased: boolean): boolean {
  const word = words[i]!;
  const lower = bare(word);
  const before = bare(words[i - 1] ?? '');
  // "Lena and Omar will …" starts at Lena; "the upgrade will …" is no one's name.
  if (isStopword(lower) || DETERMINERS.has(before) || before === 'and') return false;
  if (cased ? !/^\p{Lu}\p{Ll}/u.test(word) : !/^\p{Ll}+$/u.test(lower) || /(?:ed|ing)$/.test(lower)) return false;
  const after = words.slice(i + 1, i + 6).map(bare).join(' ');
  if (OWNER_FOLLOWS.test(after)) return true;
  const to = OWNER_TO.exec(after)?.[1];
  return cased && to !== undefined && !isStopword(to) && !DETERMINERS.has(to);
}

/**
 * "… in two weeks sometimes you might need to …": a subject pronoun and a modal after a word that
 * carries meaning starts a clause, at the adverb before it if there is one. Not after a function
 * word ("… and you can …", "… so you can …") or a verb that takes a clause ("… said she will …").
 */
function startsPronounClause(words: readonly string[], i: number): boolean {
  const adverb = CLAUSE_ADVERBS.has(bare(words[i]!)) ? 1 : 0;
  const phrase = (n: number) => words.slice(i + adverb, i + adverb + n).map(bare).join(' ');
  if (!PRONOUN_MODAL.test(phrase(2)) && !PRONOUN_MODAL.test(phrase(3))) return false;
  const before = bare(words[i - 1]!);
  return !isStopword(before) && !REPORTING.has(before) && !CLAUSE_ADVERBS.has(before);
}
