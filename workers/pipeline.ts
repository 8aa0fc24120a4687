import { registerStage } from './registry.ts';
import { audioStage } from './stages/audio.ts';
import { chaptersStage } from './stages/chapters.ts';

// One registration per name in PIPELINE_STAGES (src/shared/pipeline.ts).
registerStage('audio', audioStage);
registerStage('chapters', chaptersStage);
