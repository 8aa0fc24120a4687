import { describe, expect, test } from 'vitest';
import {
  CHAPTER_THRESHOLD,
  DIFFERENT_WORDS,
  GREY_ZONE_START,
  NEW_LOOK,
  SAME_WORDS,
  startsChapter,
} from '../../workers/images/boundary.ts';
import { jaccard } from '../../workers/text/similarity.ts';

describe('startsChapter', () => {
  test('without text, the pictures alone decide at CHAPTER_THRESHOLD bits', () => {
    expect(startsChapter(CHAPTER_THRESHOLD - 1, null)).toBe(false);
    expect(startsChapter(CHAPTER_THRESHOLD, null)).toBe(true);
  });

  test('pictures that look the same never split, whatever their words', () => {
    expect(startsChapter(GREY_ZONE_START - 1, 0)).toBe(false);
    expect(startsChapter(0, 0)).toBe(false);
  });

  test('a grey-zone distance splits only when the words differ', () => {
    expect(startsChapter(GREY_ZONE_START, DIFFERENT_WORDS - 0.01)).toBe(true);
    expect(startsChapter(CHAPTER_THRESHOLD - 1, 0)).toBe(true);
    expect(startsChapter(CHAPTER_THRESHOLD - 1, DIFFERENT_WORDS)).toBe(false);
  });

  test('a medium distance does not split when the words agree', () => {
    expect(startsChapter(CHAPTER_THRESHOLD, SAME_WORDS)).toBe(false);
    expect(startsChapter(NEW_LOOK - 1, 0.9)).toBe(false);
    expect(startsChapter(CHAPTER_THRESHOLD, SAME_WORDS - 0.01)).toBe(true);
  });

  test('a new look splits even with the same words', () => {
    expect(startsChapter(NEW_LOOK, 1)).toBe(true);
    expect(startsChapter(64, 1)).toBe(true);
  });
});

describe('jaccard', () => {
  test('shared members over all members', () => {
    expect(jaccard(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd']))).toBe(0.5);
    expect(jaccard(new Set(['a']), new Set(['b']))).toBe(0);
    expect(jaccard(new Set(['a', 'b']), new Set(['b', 'a']))).toBe(1);
    expect(jaccard(new Set(), new Set())).toBe(1);
  });
});
