// `npm test`: every check, with the ones that do not disturb each other run side by side on the
// machine's cores. Type checks, lint and the unit tests share the first minute; the build the
// end-to-end tests serve is made while the browser tests run; then the end-to-end tests. The first
// failure stops the rest and fails the run.
import { spawn } from 'node:child_process';

const port = Number(process.env.E2E_PORT ?? 4173);

/** Runs `npm run <script>` (or a command); output streams when `stream`, else it is printed at the end. */
function run(name, command, args, { stream = false, env = {} } = {}) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: stream ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const done = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (!stream && output) process.stdout.write(`\n── ${name} ──\n${output}`);
      if (code === 0) resolve();
      else reject(new Error(`${name} failed (${signal ?? `exit ${code}`})`));
    });
  });
  return { child, done };
}

const npm = (script, options) => run(script, 'npm', ['run', '--silent', script], options);

/** Runs the steps side by side; when one fails, the others are stopped. */
async function together(steps) {
  try {
    await Promise.all(steps.map((step) => step.done));
  } catch (error) {
    for (const step of steps) step.child.kill('SIGTERM');
    throw error;
  }
}

try {
  await together([npm('typecheck'), npm('lint'), npm('test:unit', { stream: true })]);
  const build = run('e2e build', 'npx', ['vite', 'build', '--outDir', `dist-e2e-${port}`, '--emptyOutDir', '--logLevel', 'warn']);
  await together([npm('test:browser', { stream: true }), build]);
  await npm('test:e2e', { stream: true, env: { E2E_PREBUILT: '1' } }).done;
} catch (error) {
  console.error(`\n${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
