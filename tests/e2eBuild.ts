/** E2E_PORT lets two end-to-end runs share a machine: each has its own port and its own build folder. */
export const e2ePort = Number(process.env.E2E_PORT ?? 4173);

/** The app as the end-to-end tests serve it, built once per run (scripts/test.mjs or the web server). */
export const e2eOutDir = `dist-e2e-${e2ePort}`;
