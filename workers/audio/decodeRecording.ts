import { StageFailure } from '../stage.ts';
import { decodeWav, type DecodedWav } from './wav.ts';

/** decodeWav, with the file's name in its failures: people need it to find the file. */
function decodeNamed(buffer: ArrayBuffer, name: string): DecodedWav {
  try {
    return decodeWav(buffer);
  } catch (error) {
    if (!(error instanceof StageFailure)) throw error;
    throw new StageFailure(error.errorClass, `${name}: ${error.message}`);
  }
}

/** WAV files start with "RIFF"; anything else goes to the browser's decoders. */
export async function isRiff(blob: Blob): Promise<boolean> {
  const head = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
  return head.length === 4 && String.fromCharCode(...head) === 'RIFF';
}

/** Loaded only for compressed audio, so WAV-only batches never fetch the demuxer. */
async function decodeOther(blob: Blob, name: string, signal: AbortSignal): Promise<DecodedWav> {
  if (blob.size === 0) throw new StageFailure('permanent', `${name} is empty (0 bytes): there is no sound to analyse.`);
  const { decodeCompressed } = await import('./decodeCompressed.ts');
  return decodeCompressed(blob, name, signal);
}

/**
 * A recording (WAV, or compressed audio through the browser's decoders) as mono samples.
 * @throws StageFailure('permanent') naming the file when it cannot be decoded.
 */
export async function decodeRecording(blob: Blob, name: string, signal: AbortSignal): Promise<DecodedWav> {
  return (await isRiff(blob)) ? decodeNamed(await blob.arrayBuffer(), name) : decodeOther(blob, name, signal);
}
