import { describe, expect, it } from 'vitest';
import { buildSession } from '../../src/import/buildSession.ts';
import { recordingStart } from '../../src/shared/recordingStart.ts';

const written = new Date(2026, 10, 20, 10, 0, 0).getTime();

describe('when a recording started', () => {
  it('a file date is the end of the recording: the start is that minus its length', () => {
    expect(recordingStart({ at: written, atFrom: 'file-date' }, 90)).toBe(written - 90_000);
  });

  it('a time from the name or the manifest is the start itself', () => {
    expect(recordingStart({ at: written, atFrom: 'name' }, 90)).toBe(written);
    expect(recordingStart({ at: written, atFrom: 'manifest' }, 90)).toBe(written);
  });

  it('unknown times and lengths, and records from before the source was kept, stay as they were', () => {
    expect(recordingStart({ at: null, atFrom: 'file-date' }, 90)).toBeNull();
    expect(recordingStart({ at: written }, 90)).toBe(written);
    expect(recordingStart({ at: written, atFrom: 'file-date' }, Number.NaN)).toBe(written);
  });
});

describe('buildSession keeps where each time came from', () => {
  it('manifest, then the name, then the file date', async () => {
    const file = (name: string, type: string) => new File(['x'], name, { type, lastModified: written });
    const files = new Map<string, File>([
      ['s/session.json', new File([JSON.stringify({ audio: [{ file: 'standup.wav', at: '2026-11-20T09:30:00' }] })], 'session.json', { lastModified: written })],
      ['s/standup.wav', file('standup.wav', 'audio/wav')],
      ['s/Screenshot 2026-11-20 at 09.31.00.png', file('Screenshot 2026-11-20 at 09.31.00.png', 'image/png')],
      ['s/call.webm', file('call.webm', 'video/webm')],
    ]);
    const { session } = await buildSession({ folder: 's', paths: [...files.keys()] }, files, written);
    const from = (name: string) => [...session.screenshots, ...session.audio, ...(session.videos ?? [])].find((ref) => ref.name === name);
    expect(from('Screenshot 2026-11-20 at 09.31.00.png')).toMatchObject({ at: new Date(2026, 10, 20, 9, 31, 0).getTime(), atFrom: 'name' });
    expect(from('call.webm')).toMatchObject({ at: written, atFrom: 'file-date' });
    expect(from('standup.wav')?.atFrom).toBe('manifest');
  });
});
