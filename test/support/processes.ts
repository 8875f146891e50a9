// Runs Jejak's real entry points (the server and the CLI) as child processes, the way an
// operator does, and watches their output.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The environment a child starts from: none of the parent's Jejak settings leak in. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(JEJAK_|DATABASE_URL$|PORT$|HOST$|LOG_LEVEL$)/.test(name)) env[name] = value;
  }
  return { ...env, ...extra };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run jejak -- ...` (without npm's banner) to completion. */
export function runCli(args: string[], env: Record<string, string>): Promise<RunResult> {
  return run(['--import', 'tsx', 'src/cli/main.ts', ...args], env);
}

export function runServerToExit(env: Record<string, string>): Promise<RunResult> {
  return run(['--import', 'tsx', 'src/main.ts'], env);
}

function run(args: string[], env: Record<string, string>): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: cleanEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Runs `npm run demo` until it has loaded the worked example (its "Loaded in" line), then
 * leaves it serving; the caller stops it.
 */
export function startDemo(
  env: Record<string, string>,
): Promise<{ stdout: string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/demo/main.ts'], {
    cwd: root,
    env: cleanEnv({ PORT: '0', HOST: '127.0.0.1', ...env }),
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (/\nLoaded in \d+ s/.test(stdout))
        resolve({
          stdout,
          stop: async () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
    });
    void exited.then((code) =>
      reject(new Error(`demo exited with ${code}; stdout: ${stdout}; stderr: ${stderr}`)),
    );
  });
}

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface ServerProcess {
  child: ChildProcess;
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  lines: LogLine[];
  stderr: () => string;
  /** Sends a signal and resolves with the exit code and how long the exit took. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
}

/** Starts `npm start` (PORT=0: any free port) and resolves once it listens. */
export function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: cleanEnv({ PORT: '0', HOST: '127.0.0.1', ...env }),
  });
  const lines: LogLine[] = [];
  let stderr = '';
  let buffered = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not listen within 60 s; stderr: ${stderr}`));
    }, 60_000);
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const complete = buffered.split('\n');
      buffered = complete.pop() ?? '';
      for (const text of complete) {
        if (text.trim() === '') continue;
        const line = JSON.parse(text) as LogLine;
        lines.push(line);
        if (line.msg === 'jejak listening') {
          clearTimeout(timer);
          resolve({
            child,
            baseUrl: String(line.address),
            lines,
            stderr: () => stderr,
            stop: async (signal = 'SIGTERM') => {
              const started = Date.now();
              child.kill(signal);
              const code = await exited;
              return { code, ms: Date.now() - started };
            },
          });
        }
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening; stderr: ${stderr}`));
    });
  });
}
