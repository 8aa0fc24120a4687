import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Enricher } from '../../app/enricher.ts';
import { exportSession } from '../../export/exportClient.ts';
import type { ResultRecord } from '../../shared/db.ts';
import type { Job } from '../../shared/job.ts';
import type {
  AudioStageResult,
  ChaptersResult,
  OcrResult,
  StoryboardResult,
  SummaryResult,
  TranscriptResult,
  VideoStageResult,
} from '../../shared/results.ts';
import type { RedactResult, SensitiveFinding } from '../../shared/privacy.ts';
import { loadDismissed, loadMarked } from '../../shared/privacyStore.ts';
import { addMark, markFinding, removeMark } from '../../privacy/privacySettings.ts';
import { sessionVideos, type SessionRecord } from '../../shared/session.ts';
import { sessionDate } from '../format.ts';
import { stateWord } from '../jobWords.ts';
import { storedVerdict } from '../storedVerdict.ts';
import { committedResult } from '../committedResult.ts';
import { DETAIL_ID } from './detailId.ts';
import { AudioView } from './AudioView.tsx';
import { Chapters } from './Chapters.tsx';
import { Notes } from './Notes.tsx';
import { doneResult, type DetailFocus } from './outcomes.ts';
import { StageList } from './StageList.tsx';
import { Storyboard } from './Storyboard.tsx';
import { SensitiveItems } from './SensitiveItems.tsx';
import { MarkScreen } from './MarkScreen.tsx';
import { markableScreens } from './markableScreens.ts';
import { hideMarks, shownChapters, shownTexts } from './shownTexts.ts';
import { SelectionMark } from './SelectionMark.tsx';
import { notesSelectionMark, transcriptSelectionMark } from './selectionMarks.ts';
import { SummaryView } from './SummaryView.tsx';
import { buildTimelineModel } from './timeline/model.ts';
import { Timeline } from './timeline/Timeline.tsx';
import { VideoView, type VideoSeek } from './VideoView.tsx';
import { VideoScrub } from './videoScrub.ts';

interface SessionDetailProps {
  enricher: Enricher;
  session: SessionRecord;
  job: Job | undefined;
  focus: DetailFocus | null;
}

/** What enrichment found in one session, read from IndexedDB when the session or its job changes. */
export function SessionDetail({ enricher, session, job, focus }: SessionDetailProps) {
  const [result, setResult] = useState<ResultRecord | undefined>();
  const committedKey = job ? `${job.id}:${job.state}:${job.attempts}:${job.updatedAt}` : 'none';
  useEffect(() => {
    let live = true;
    void committedResult(enricher, session.id, job, () => live).then((record) => live && setResult(record));
    return () => {
      live = false;
    };
  }, [enricher, session.id, committedKey]);

  const redact = doneResult<RedactResult>(result, 'redact');
  const rawOcr = doneResult<OcrResult>(result, 'ocr');
  const rawTranscript = doneResult<TranscriptResult>(result, 'transcript');
  const rawChapters = doneResult<ChaptersResult>(result, 'chapters');
  const [marks, setMarks] = useState<SensitiveFinding[]>([]);
  useEffect(() => {
    let live = true;
    void loadMarked(enricher.db, session.id).then((stored) => live && setMarks(stored));
    return () => {
      live = false;
    };
  }, [enricher, session.id]);
  // "Redact everywhere": what the redact stage kept redacted, and marks made since hidden at once.
  const shown = useMemo(
    () => hideMarks(shownTexts(session.notes, rawOcr, rawTranscript, redact), marks, { notes: session.notes, ocr: rawOcr, transcript: rawTranscript }, redact),
    [session.notes, rawOcr, rawTranscript, redact, marks],
  );
  const { ocr, transcript } = shown;
  const chapters = useMemo(() => shownChapters(rawChapters, redact), [rawChapters, redact]);
  const title = redact?.shown?.title ?? session.title;
  const audio = doneResult<AudioStageResult>(result, 'audio');
  const summary = doneResult<SummaryResult>(result, 'summary');
  const storyboard = doneResult<StoryboardResult>(result, 'storyboard');
  const videos = sessionVideos(session);
  const video = doneResult<VideoStageResult>(result, 'video');
  const videoInfos = new Map((video?.videos ?? []).map((v) => [v.mediaId, v]));
  // Rebuilt when a new result is read, not when the playhead moves (that stays inside the timeline).
  const timeline = useMemo(
    () => (chapters || audio || transcript ? buildTimelineModel(session, { chapters, audio, transcript, video }) : null),
    [session, chapters, audio, transcript, video],
  );
  const [dismissed, setDismissed] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    void loadDismissed(enricher.db, session.id).then((ids) => live && setDismissed(ids));
    return () => {
      live = false;
    };
  }, [enricher, session.id]);
  // With "redact everywhere", each change queues the stages that apply it to the stored result.
  const changed = () => void enricher.privacyChanged({ kind: 'session', sessionId: session.id });
  const mark = (findingId: string, sensitive: boolean) => void markFinding(enricher.db, session.id, findingId, sensitive).then(setDismissed).then(changed);
  const addOwnMark = (made: SensitiveFinding) => void addMark(enricher.db, session.id, made).then(setMarks).then(changed);
  const removeOwnMark = (markId: string) => void removeMark(enricher.db, session.id, markId).then(setMarks).then(changed);
  const screensToMark = useMemo(() => markableScreens(rawChapters, rawOcr), [rawChapters, rawOcr]);
  // With "redact everywhere" the timeline shows the redacted thumbnails, not the full pictures.
  const readPicture = useCallback((id: string) => (redact?.shown ? Promise.resolve(undefined) : enricher.sessions.media(id)), [enricher, redact]);
  // A jump from "Sensitive items" wins until the focus from outside (a search hit) changes.
  const [jump, setJump] = useState<DetailFocus | null>(null);
  useEffect(() => setJump(null), [focus]);
  const jumpTo = (target: DetailFocus) => {
    setJump(target);
    document.querySelector(`#${DETAIL_ID} .timeline`)?.scrollIntoView({ block: 'nearest' });
  };
  const [scrub] = useState(() => new VideoScrub());
  const [seek, setSeek] = useState<VideoSeek | null>(null);
  // Stable, so a player reads its Blob once, not on every render.
  const readMedia = useCallback((id: string) => enricher.sessions.media(id), [enricher]);
  const play = (videoId: string, sec: number) => setSeek((last) => ({ videoId, sec, nonce: (last?.nonce ?? 0) + 1 }));
  return (
    <article id={DETAIL_ID} tabIndex={-1} className="detail" aria-label={`Details of ${title}`}>
      <div className="detail-head">
        <h2>{title}</h2>
        <button type="button" aria-label="Export session" onClick={() => void exportSession(session.id, enricher.db.name)}>
          Export
        </button>
      </div>
      <p className="meta">
        {session.screenshots.length} screenshots · {session.audio.length} recordings
        {videos.length > 0 ? ` · ${videos.length} ${videos.length === 1 ? 'video' : 'videos'}` : ''} · {stateWord(job, storedVerdict(result))}
        {session.startedAt ? ` · ${sessionDate(session.startedAt)}` : ''}
      </p>
      {session.warnings.length > 0 && (
        <ul className="warnings" aria-label="Import warnings">
          {session.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      <StageList job={job} result={result} />
      {timeline && <Timeline model={timeline} chapters={chapters} ocr={ocr} video={video} readMedia={readPicture} focus={jump ?? focus} scrub={scrub} />}
      {storyboard && <Storyboard storyboard={storyboard} title={title} />}
      {summary && <SummaryView summary={summary} />}
      {videos.length > 0 && <VideoView videos={videos} infos={videoInfos} readMedia={readMedia} seek={seek} scrub={scrub} />}
      {chapters && <Chapters chapters={chapters} ocr={ocr} focusChapter={focus?.chapter ?? null} onPlay={play} />}
      {audio && (
        <AudioView
          audio={audio}
          transcript={transcript}
          focusTime={(jump ?? focus)?.time ?? null}
          action={rawTranscript && <SelectionMark where="transcript" markOf={(selection) => transcriptSelectionMark(selection, rawTranscript)} onAdd={addOwnMark} />}
        />
      )}
      {shown.notes && <Notes text={shown.notes} action={<SelectionMark where="notes" markOf={(selection) => notesSelectionMark(selection, session.notes)} onAdd={addOwnMark} />} />}
      {redact && screensToMark.length > 0 && <MarkScreen screens={screensToMark} findings={[...redact.findings.filter((f) => !dismissed.includes(f.id)), ...marks]} readMedia={readMedia} onAdd={addOwnMark} />}
      {redact && <SensitiveItems findings={redact.findings} dismissed={dismissed} marks={marks} onJump={timeline ? jumpTo : null} onMark={mark} onRemoveMark={removeOwnMark} everywhere={redact.shown !== undefined} />}
    </article>
  );
}
