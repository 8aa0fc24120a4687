import { describe, expect, test } from 'vitest';
import { findActionItems } from '../../workers/text/actions.ts';
import { parseVtt } from '../../workers/text/vtt.ts';
import { mulberry32 } from '../../workers/samples/random.ts';
import { sampleTranscript } from '../../workers/samples/transcript.ts';
import { planSpeech } from '../../workers/samples/voice.ts';

describe('sampleTranscript()', () => {
  test('one clean cue per burst of speech, at its times, with a commitment in every transcript', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const { bursts } = planSpeech(mulberry32(seed));
      const vtt = sampleTranscript(mulberry32(seed ^ 0xabc), bursts, 'Planning — checkout');
      const { cues, warnings } = parseVtt(vtt);
      expect(warnings).toEqual([]);
      expect(cues.map(({ start, end }) => ({ start, end }))).toEqual(bursts);
      for (const cue of cues) expect(cue.text).not.toMatch(/[<>]/);
      const actions = findActionItems(cues.map((cue) => cue.text).join(' '), 'transcript');
      expect(actions.length).toBeGreaterThanOrEqual(1);
    }
  });

  test('the same generator state gives the same file', () => {
    const { bursts } = planSpeech(mulberry32(7));
    expect(sampleTranscript(mulberry32(1), bursts, 'Retro — search')).toBe(sampleTranscript(mulberry32(1), bursts, 'Retro — search'));
  });
});
