import type { ReactNode } from 'react';
import type { AudioStageResult, TranscriptResult, TranscriptSource } from '../../shared/results.ts';
import { countedRecordings } from '../../shared/sameMeeting.ts';
import { clock } from '../../shared/clock.ts';

interface AudioViewProps {
  audio: AudioStageResult;
  transcript: TranscriptResult | null;
  focusTime: number | null;
  /** What can be done with text selected in the transcript ("Redact this too"). */
  action?: ReactNode;
}

const WIDTH = 600;
const HEIGHT = 64;


/** Where the transcript came from, in words; null when unknown (results stored before it was kept). */
function sourceLine(source: TranscriptSource | undefined): string | null {
  switch (source?.kind) {
    case 'imported':
      return `Transcript from ${source.name}`;
    case 'device':
      return `Transcribed on this device (${source.model})`;
    case 'provider':
      return `Transcribed by ${URL.canParse(source.origin) ? new URL(source.origin).host : 'the AI provider'}`;
    default:
      return null;
  }
}

/** Each recording's waveform with its speech segments, and the transcript cues. */
export function AudioView({ audio, transcript, focusTime, action }: AudioViewProps) {
  const segmentCount = countedRecordings(audio.recordings).reduce((n, r) => n + r.segments.length, 0);
  return (
    <section aria-label="Speech">
      <h3>Speech</h3>
      <p data-testid="speech-summary">
        {audio.speechSec.toFixed(1)} s of speech in {segmentCount} segments
      </p>
      {audio.recordings.map((recording) => {
        const x = (seconds: number) => (seconds / Math.max(recording.durationSec, 0.001)) * WIDTH;
        const bars = recording.waveform ?? [];
        return (
          <figure key={recording.mediaId} className="waveform">
            <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Waveform with ${recording.segments.length} speech segments`}>
              {recording.segments.map((segment, i) => (
                <rect key={i} className="speech" x={x(segment.start)} y={0} width={Math.max(1, x(segment.end) - x(segment.start))} height={HEIGHT} />
              ))}
              {bars.map((peak, i) => {
                const h = Math.max(1, peak * HEIGHT);
                return <rect key={i} className="peak" x={(i / bars.length) * WIDTH} y={(HEIGHT - h) / 2} width={Math.max(1, WIDTH / bars.length - 0.5)} height={h} />;
              })}
              {focusTime !== null && <line className="cursor" x1={x(focusTime)} x2={x(focusTime)} y1={0} y2={HEIGHT} />}
            </svg>
            <figcaption className="meta">
              {clock(recording.durationSec)} long · {Math.round(recording.speechRatio * 100)}% speech
              {recording.loudnessDb !== undefined ? ` · ${recording.loudnessDb.toFixed(0)} dBFS` : ''}
              {recording.longestSilenceSec !== undefined ? ` · longest silence ${recording.longestSilenceSec.toFixed(1)} s` : ''}
              {recording.detector === 'silero' ? ' · speech found by the voice model' : recording.detector === 'energy' ? ' · speech found by loudness alone' : ''}
              {recording.warning ? ` · ${recording.warning}` : ''}
              {recording.sameAs !== undefined ? ' · the same meeting as a recording of this session: its speech is counted once, there' : ''}
            </figcaption>
          </figure>
        );
      })}
      {transcript && transcript.cues.length > 0 && sourceLine(transcript.source) && (
        <p className="meta" data-testid="transcript-source">
          {sourceLine(transcript.source)}
        </p>
      )}
      {transcript && transcript.cues.length > 0 && action}
      {transcript && transcript.cues.length > 0 && (
        <ol className="cues" aria-label="Transcript">
          {transcript.cues.map((cue, i) => (
            <li key={i} data-cue={i} className={focusTime !== null && focusTime >= cue.start && focusTime < cue.end ? 'focused' : ''}>
              <time>{clock(cue.start)}</time> <span className="cue-text">{cue.text}</span>
            </li>
          ))}
        </ol>
      )}
      {transcript && transcript.warnings.length > 0 && (
        <ul className="warnings">
          {transcript.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
