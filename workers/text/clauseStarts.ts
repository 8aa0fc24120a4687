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
