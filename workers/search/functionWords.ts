/**
 * The words search leaves out: function words only (articles, pronouns, auxiliaries, conjunctions,
 * the commonest prepositions, contractions) and the sounds of speech. The summary's stopwords
 * (workers/text/stopwords.ts) are wider on purpose, for choosing keywords, and take words a person
 * searches for ("todo", "sort", "make", "action", "hello", "down"); search keeps those. Lowercase,
 * with straight apostrophes, as the tokenizer gives words.
 */
const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but nor so yet if then than because as while although though whether either neither ' +
    'of to in on at by for from with into onto upon via per about ' +
    'i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself ' +
    'she her hers herself it its itself they them their theirs themselves this that these those ' +
    'who whom whose which what when where why how there here ' +
    'am is are was were be been being have has had having do does did doing ' +
    'will would shall should can could may might must ' +
    "not very too also just such each both all any some other own same only more most " +
    "aren't can't cannot couldn't didn't doesn't don't hadn't hasn't haven't isn't mustn't shan't " +
    "shouldn't wasn't weren't won't wouldn't i'm i've i'd i'll you're you've you'd you'll he's he'd " +
    "he'll she's she'd she'll it's it'd it'll we're we've we'd we'll they're they've they'd they'll " +
    "that's there's here's what's who's let's " +
    'uh um umm hmm mhm ah oh'
  ).split(' '),
);

export function isFunctionWord(word: string): boolean {
  return FUNCTION_WORDS.has(word.replace(/’/g, "'"));
}
