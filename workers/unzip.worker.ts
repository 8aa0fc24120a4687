/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import type { UnzipWorkerApi } from '../src/shared/zip.ts';
import { unzipArchive } from './zip/unzipArchive.ts';

const api: UnzipWorkerApi = { unzip: unzipArchive };

Comlink.expose(api);
