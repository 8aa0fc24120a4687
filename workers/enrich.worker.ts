/// <reference lib="webworker" />
import './pipeline.ts';
import { exposeWorkerApi } from './runtime.ts';

exposeWorkerApi();
