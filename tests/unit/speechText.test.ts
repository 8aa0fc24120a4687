import { describe, expect, it } from 'vitest';
import { checkModelFolder, splitFolder } from '../../workers/speech/checkModelFolder.ts';
import { dropRepeatedPhrases } from '../../workers/speech/repetition.ts';
import { chunkSegments, generationOptions } from '../../workers/speech/transcribeChunk.ts';
import { timedTokens } from '../../workers/speech/whisperTokens.ts';
import { timeWords, tokenWords } from '../../workers/speech/whisperWords.ts';

const JSONS = ['config.json', 'generation_config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json'];
const folder = (...paths: string[]) => paths.map((path) => ({ path, size: 10 }));

describe('checkModelFolder()', () => {
  it('keeps the JSON files and the 8-bit encoder and decoder of a folder with every variant', () => {
    const check = checkModelFolder(
      folder(...JSONS, 'onnx/encoder_model.onnx', 'onnx/decoder_model_merged.onnx', 'onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx', 'onnx/decoder_model.onnx', 'README.md'),
    );
    expect(check).toEqual({ kind: 'ok', dtype: 'q8', keep: [...JSONS, 'onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx'] });
  });

  it('names every missing file in one plain sentence', () => {
    const check = checkModelFolder(folder('config.json', 'generation_config.json', 'preprocessor_config.json', 'tokenizer_config.json', 'onnx/encoder_model.onnx'));
    expect(check).toEqual({
      kind: 'refused',
      message:
        'This folder is not a complete Whisper model: tokenizer.json and onnx/decoder_model_merged.onnx are missing. Pick the folder of a Whisper ONNX export made for transformers.js (such as whisper-tiny.en), with its onnx folder inside.',
    });
  });

  it('says so plainly when a folder has none of a model\'s files', () => {
    expect(checkModelFolder(folder('session.json', 'audio.wav'))).toMatchObject({ kind: 'refused', message: expect.stringMatching(/^This folder is not a Whisper model: it has none of its files/) });
  });

  it('refuses an encoder and a decoder of different kinds, and empty files', () => {
    expect(checkModelFolder(folder(...JSONS, 'onnx/encoder_model.onnx', 'onnx/decoder_model_merged_fp16.onnx'))).toMatchObject({
      kind: 'refused',
      message: expect.stringContaining('an encoder and a merged decoder of the same kind'),
    });
    const empty = [...folder(...JSONS, 'onnx/encoder_model.onnx'), { path: 'onnx/decoder_model_merged.onnx', size: 0 }];
    expect(checkModelFolder(empty)).toEqual({ kind: 'refused', message: 'This model folder is damaged: onnx/decoder_model_merged.onnx is empty.' });
  });

  it('splitFolder() takes the picked folder name off the paths', () => {
    expect(splitFolder(['whisper-tiny.en/config.json', 'whisper-tiny.en/onnx/encoder_model.onnx'])).toEqual({ name: 'whisper-tiny.en', inside: ['config.json', 'onnx/encoder_model.onnx'] });
    expect(splitFolder(['config.json'])).toEqual({ name: 'speech model', inside: ['config.json'] });
  });
});

describe('dropRepeatedPhrases()', () => {
  it('keeps a phrase looped three or more times once', () => {
    expect(dropRepeatedPhrases('Thank you. Thank you. thank you. Thank you. Bye.')).toBe('Thank you. Bye.');
    expect(dropRepeatedPhrases('so so so so so')).toBe('so');
  });
  it('leaves a phrase said twice, and ordinary text', () => {
    expect(dropRepeatedPhrases('No, no, we ship on Thursday.')).toBe('No, no, we ship on Thursday.');
    expect(dropRepeatedPhrases('  the build failed twice  ')).toBe('the build failed twice');
  });
});

describe('timedTokens()', () => {
  // As in Whisper's vocabulary: text below end-of-text (100), the prompt's special tokens between, timestamps from 200 on.
  const T = (seconds: number) => 200 + Math.round(seconds / 0.02);
  it('splits text at timestamp pairs and skips the prompt', () => {
    expect(timedTokens([101, 150, 102, T(0), 1, 2, T(1.5), T(1.5), 3, T(2.4), 100], 100, 200)).toEqual([
      { start: 0, end: 1.5, ids: [1, 2], times: null },
      { start: 1.5, end: 2.4, ids: [3], times: null },
    ]);
  });
  it('makes no segment of timestamps without words, and lets trailing text run to the chunk end', () => {
    expect(timedTokens([T(0), T(1), T(1), T(2), 5, 6], 100, 200)).toEqual([{ start: 2, end: null, ids: [5, 6], times: null }]);
    expect(timedTokens([7, 8, 100], 100, 200)).toEqual([{ start: 0, end: null, ids: [7, 8], times: null }]);
  });
  it('carries each text token\'s time along with it, leaving the prompt\'s and the timestamps\' out', () => {
    const ids = [101, 102, T(0), 1, 2, T(1), T(1), 3, T(2)];
    const times = [0, 0, 0.1, 0.2, 0.6, 1, 1, 1.3, 2];
    expect(timedTokens(ids, 100, 200, times).map((run) => run.times)).toEqual([[0.2, 0.6], [1.3]]);
  });
});

/** A vocabulary for the word tests: a leading space starts a word, as in Whisper's byte-level tokens. */
const VOCAB: Record<number, string> = { 1: ' We', 2: ' ship', 3: ' Thurs', 4: 'day', 5: '.', 6: ' thank', 7: ' you', 8: ' ' };
const decode = (ids: number[]) => ids.map((id) => VOCAB[id]).join('');

describe('tokenWords() and timeWords()', () => {
  it('joins the tokens of a word, which starts at its first token\'s time and ends at the next word\'s', () => {
    const words = tokenWords([1, 2, 3, 4, 5], [0.5, 0.9, 1.4, 1.6, 1.9], decode);
    expect(words).toEqual([
      { text: 'We', start: 0.5 },
      { text: 'ship', start: 0.9 },
      { text: 'Thursday.', start: 1.4 },
    ]);
    expect(timeWords(words, 0.4, 2.2)).toEqual([
      { start: 0.5, end: 0.9, text: 'We' },
      { start: 0.9, end: 1.4, text: 'ship' },
      { start: 1.4, end: 2.2, text: 'Thursday.' },
    ]);
  });
  it('keeps word times inside the segment and in order, whatever the alignment said', () => {
    const words = [
      { text: 'a', start: 0.1 },
      { text: 'b', start: 3 },
      { text: 'c', start: 2 },
      { text: 'd', start: 9 },
    ];
    expect(timeWords(words, 1, 5)).toEqual([
      { start: 1, end: 3, text: 'a' },
      { start: 3, end: 3, text: 'b' },
      { start: 3, end: 5, text: 'c' },
      { start: 5, end: 5, text: 'd' },
    ]);
  });
  it('leaves out a word that is only a space', () => {
    expect(tokenWords([1, 8, 2], null, decode).map((w) => w.text)).toEqual(['We', 'ship']);
  });
});

describe('chunkSegments()', () => {
  const run = (ids: number[], start: number, end: number | null, times: number[] | null = null) => ({ ids, start, end, times });
  it('keeps a looped phrase once, and its words with their times', () => {
    const looped = [6, 7, 6, 7, 6, 7, 6, 7];
    const segments = chunkSegments([run(looped, 1, 4, [1, 1.2, 1.5, 1.7, 2, 2.2, 2.5, 2.7])], 10, decode);
    expect(segments).toEqual([{ start: 1, end: 4, text: 'thank you', words: [{ start: 1, end: 1.2, text: 'thank' }, { start: 1.2, end: 4, text: 'you' }] }]);
  });
  it('drops a segment that only repeats the one before it, or has no words; gives no words without token times', () => {
    const segments = chunkSegments([run([1, 2], 0, 1), run([1, 2], 1, 2), run([8], 2, 3), run([3, 4, 5], 3, null)], 5, decode);
    expect(segments).toEqual([
      { start: 0, end: 1, text: 'We ship' },
      { start: 3, end: 5, text: 'Thursday.' },
    ]);
  });
  it('keeps times within the chunk\'s audio', () => {
    expect(chunkSegments([run([1], 12, 14)], 10, decode)).toEqual([{ start: 10, end: 10, text: 'We' }]);
  });
});

describe('generationOptions()', () => {
  it('forces the library language and the task, never left to guessing', () => {
    expect(generationOptions(10, 'de')).toEqual({ return_timestamps: true, max_new_tokens: 60, language: 'de', task: 'transcribe' });
  });
  it('tells an English-only model no language, and caps tokens by duration within 16..220', () => {
    expect(generationOptions(1, null)).toEqual({ return_timestamps: true, max_new_tokens: 16 });
    expect(generationOptions(30, null).max_new_tokens).toBe(180);
    expect(generationOptions(60, 'en').max_new_tokens).toBe(220);
  });
  it('asks for token times aligned over the audio only (one encoder position per 20 ms), when the model can give them', () => {
    expect(generationOptions(10, 'en', true)).toMatchObject({ return_token_timestamps: true, num_frames: 500 });
    expect(generationOptions(10, 'en', false)).not.toHaveProperty('return_token_timestamps');
  });
});
