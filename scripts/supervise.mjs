// Keeps one child process running for `npm start`: when it exits it is started again, after a delay that doubles
// each time it fails soon after starting (1 s, 2 s, 4 s … 30 s) and starts over at 1 s once it has stayed up a
// while, so a process that crashes at once backs off instead of spinning. stop() ends it with SIGTERM (SIGKILL
// if it is still running after STOP_GRACE_MS) and cancels any pending restart.
export const FIRST_DELAY_MS = 1000;
export const MAX_DELAY_MS = 30_000;
export const STABLE_AFTER_MS = 30_000;
export const STOP_GRACE_MS = 30_000;

/** The delay before restart number `failures` in a row (1 for the first). */
export const restartDelay = (failures) => Math.min(FIRST_DELAY_MS * 2 ** (failures - 1), MAX_DELAY_MS);

/**
 * @param {{ name: string, start: () => import('node:child_process').ChildProcess, log: import('pino').Logger }} o
 */
export function supervise({ name, start, log }) {
  let child = null;
  let timer = null;
  let stopping = false;
  let failures = 0;
  let restarts = 0;

  const launch = () => {
    timer = null;
    const startedAt = Date.now();
    const proc = start();
    child = proc;
    log.info({ process: name, pid: proc.pid, restarts }, `${name} started`);
    proc.on('exit', (code, signal) => {
      child = null;
      if (stopping) return;
      const upForMs = Date.now() - startedAt;
      failures = upForMs >= STABLE_AFTER_MS ? 1 : failures + 1;
      const delayMs = restartDelay(failures);
      restarts++;
      log.warn({ process: name, pid: proc.pid, code, signal, upForMs, restartInMs: delayMs, restarts }, `${name} exited; restarting it`);
      timer = setTimeout(launch, delayMs);
    });
  };
  launch();

  return {
    get pid() {
      return child?.pid;
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      await new Promise((res) => {
        const kill = setTimeout(() => {
          log.warn({ process: name, pid: proc.pid }, `${name} did not stop within ${STOP_GRACE_MS} ms; killing it`);
          proc.kill('SIGKILL');
        }, STOP_GRACE_MS);
        proc.once('exit', () => {
          clearTimeout(kill);
          res();
        });
        proc.kill('SIGTERM');
      });
    },
  };
}
