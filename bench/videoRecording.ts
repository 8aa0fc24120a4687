import { AudioSample, AudioSampleSource, BufferTarget, CanvasSource, Mp4OutputFormat, Output } from 'mediabunny';

/** What the benchmark's recording looks like. */
export interface RecordingShape {
  durationSec: number;
  fps: number;
  width: number;
  height: number;
  /** A new page of text every this many seconds. */
  pageSec: number;
}

/** One vocabulary per page topic, so that pages differ as an editor, a mail and a dashboard do. */
const TOPICS = [
  'invoice export billing customer address batch retry amount ledger payment',
  'release staging rollback deploy build pipeline canary version tag runbook',
  'hiring backend interview candidate offer onboarding team lead recruiter plan',
  'sprint review backlog story estimate velocity board ticket scope demo',
  'database index query latency replica schema migration vacuum table shard',
  'design mockup colour spacing typography button layout contrast icon grid',
].map((topic) => topic.split(' '));
const RATE = 48_000;

/** A line of words picked by a small deterministic generator: the same recording every run. */
function line(page: number, seed: number): string {
  const words = TOPICS[page % TOPICS.length]!;
  let x = (seed * 2654435761) >>> 0;
  const out: string[] = [];
  for (let i = 0; i < 9; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out.push(words[(x >>> 8) % words.length]!);
  }
  return out.join(' ');
}

/**
 * A screen recording as a person makes one: 1080p pages of text that change every `pageSec`, a line
 * being typed and a blinking caret in between, and a voice track (tone bursts, 4 s on, 2 s off).
 * H.264 + Opus in MP4, encoded by the browser (WebCodecs through mediabunny).
 */
export async function makeBenchRecording(shape: RecordingShape): Promise<Blob> {
  const { durationSec, fps, width, height, pageSec } = shape;
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  const output = new Output({ format: new Mp4OutputFormat({ fastStart: 'in-memory' }), target: new BufferTarget() });
  const video = new CanvasSource(canvas, { codec: 'avc', bitrate: 2_000_000, keyFrameInterval: 10, latencyMode: 'realtime' });
  output.addVideoTrack(video, { frameRate: fps });
  const audio = new AudioSampleSource({ codec: 'opus', bitrate: 32_000 });
  output.addAudioTrack(audio);
  await output.start();
  for (let f = 0; f < durationSec * fps; f++) {
    const t = f / fps;
    const page = Math.floor(t / pageSec);
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    // Every other page has a dark title bar, as when another application comes to the front.
    context.fillStyle = page % 2 ? '#24292f' : '#f6f8fa';
    context.fillRect(0, 0, width, 130);
    context.fillStyle = page % 2 ? '#ffffff' : '#1f2328';
    context.font = 'bold 44px Arial, sans-serif';
    context.fillText(`Page ${page + 1}: ${line(page, page).split(' ').slice(0, 3).join(' ')}`, 60, 90);
    context.fillStyle = '#1f2328';
    context.font = '30px Arial, sans-serif';
    for (let l = 0; l < 14; l++) context.fillText(line(page, page * 100 + l), 60, 190 + l * 52);
    const typed = line(page, page * 100 + 99).slice(0, Math.floor((t % pageSec) * 3));
    context.fillText(typed, 60, 190 + 15 * 52);
    if (Math.floor(t * 2) % 2 === 0) context.fillRect(60 + context.measureText(typed).width + 4, 190 + 14 * 52 + 22, 3, 34);
    await video.add(t, 1 / fps);
  }
  // The voice in 10-second pieces: one Float32Array of ten minutes would be 115 MB.
  for (let start = 0; start < durationSec; start += 10) {
    const seconds = Math.min(10, durationSec - start);
    const data = new Float32Array(Math.round(seconds * RATE));
    for (let i = 0; i < data.length; i++) {
      const t = start + i / RATE;
      data[i] = t % 6 < 4 ? 0.3 * Math.sin(2 * Math.PI * 180 * t) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t)) : 0;
    }
    await audio.add(new AudioSample({ data, format: 'f32', numberOfChannels: 1, sampleRate: RATE, timestamp: start }));
  }
  await output.finalize();
  return new Blob([output.target.buffer!], { type: 'video/mp4' });
}
