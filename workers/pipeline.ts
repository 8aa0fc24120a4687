import { registerStage } from './registry.ts';
import { audioStage } from './stages/audio.ts';
import { chaptersStage } from './stages/chapters.ts';
import { indexStage } from './stages/index.ts';
import { ocrStage } from './stages/ocr.ts';
import { redactStage } from './stages/redact.ts';
import { storyboardStage } from './stages/storyboard.ts';
import { summaryStage } from './stages/summary.ts';
import { transcriptStage } from './stages/transcript.ts';
import { videoStage } from './stages/video.ts';

// One registration per name in PIPELINE_STAGES (src/shared/pipeline.ts).
registerStage('video', videoStage);
registerStage('ocr', ocrStage);
registerStage('audio', audioStage);
registerStage('chapters', chaptersStage);
registerStage('transcript', transcriptStage);
registerStage('redact', redactStage);
registerStage('summary', summaryStage);
registerStage('storyboard', storyboardStage);
registerStage('index', indexStage);
