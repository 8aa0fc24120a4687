import { describe, expect, it } from 'vitest';
import { normalizedWords, wordErrors } from '../../eval/run/wordErrors.ts';

describe('wordErrors()', () => {
  it('counts nothing for the same words, whatever the case and punctuation', () => {
    expect(normalizedWords('Please send the forecast, before Friday.')).toEqual(['please', 'send', 'the', 'forecast', 'before', 'friday']);
    expect(wordErrors('Sarah will update the runbook by Thursday.', ' sarah will update the runbook by thursday')).toMatchObject({ rate: 0, words: 7 });
  });

  it('counts the fewest substitutions, deletions and insertions', () => {
    expect(wordErrors('the invoice export still drops rows', 'the invoices export drops rows now')).toEqual({
      words: 6,
      substitutions: 1,
      deletions: 1,
      insertions: 1,
      rate: 0.5,
    });
    expect(wordErrors('we will keep it', '')).toMatchObject({ deletions: 4, rate: 1 });
    expect(wordErrors('yes', 'yes yes yes')).toMatchObject({ insertions: 2, rate: 2 });
  });
});
