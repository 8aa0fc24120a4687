import { describe, expect, test } from 'vitest';
import { LibraryView } from '../../src/app/libraryView.ts';
import type { SessionRecord } from '../../src/shared/session.ts';

const session = (id: string, importedAt: number) => ({ id, importedAt }) as SessionRecord;
const ids = (view: LibraryView) => view.current().sessions.map((s) => s.id);

describe('LibraryView.addSessions: pages of the library and imports arriving meanwhile', () => {
  test('a page appends sessions in import order', () => {
    const view = new LibraryView();
    view.setSessions([session('a', 1), session('b', 2)]);
    view.addSessions([session('c', 3), session('d', 4)]);
    expect(ids(view)).toEqual(['a', 'b', 'c', 'd']);
  });

  test('a session imported while the library is read is shown once, and older ones read after it go above it', () => {
    const view = new LibraryView();
    view.setSessions([session('a', 1), session('b', 2)]);
    view.addSession(session('new', 99)); // imported now, before the rest of the library was read
    view.addSessions([session('c', 3), session('d', 4), session('new', 99)]); // the last page reads it again
    expect(ids(view)).toEqual(['a', 'b', 'c', 'd', 'new']);
  });

  test('a page of sessions already shown changes nothing', () => {
    const view = new LibraryView();
    view.setSessions([session('a', 1)]);
    const before = view.current().sessions;
    view.addSessions([session('a', 1)]);
    expect(view.current().sessions).toBe(before);
  });
});
