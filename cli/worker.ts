/**
 * A batch worker thread, started by cli/analyze.ts: it plays the games it is sent through
 * the pure harness (`playGame`, never boardgame.io) and posts each result back as soon as
 * it is done, then says it is idle so it can be sent more. The first tasks of each run come
 * with the run's setup (scenarios, seats, seed), which it keeps until the next run's.
 */
import { parentPort } from 'node:worker_threads';
import { playGame } from '../analysis/stats.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './analyze.ts';

const port = parentPort;
if (!port) throw new Error('internal: cli/worker.ts must run as a worker thread');

const send = (msg: FromWorker): void => port.postMessage(msg);
let setup: WorkerSetup | null = null;

port.on('message', (msg: ToWorker) => {
  try {
    if (msg.setup) setup = msg.setup;
    if (!setup) throw new Error('internal: tasks sent to a worker thread before its setup');
    for (const t of msg.tasks) {
      const scenario = setup.scenarios[t.group];
      if (!scenario) throw new Error(`internal: no scenario for group ${t.group}`);
      send({ type: 'result', index: t.index, result: playGame(scenario, setup.seats, setup.seed, t.game) });
    }
    send({ type: 'idle' });
  } catch (e) {
    send({
      type: 'error',
      message: e instanceof Error ? e.message : String(e),
      stack: (e as Error).stack ?? '',
    });
  }
});
