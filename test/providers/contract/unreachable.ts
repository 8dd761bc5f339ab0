import { createServer, connect, type Socket } from 'node:net';
import { Worker } from 'node:worker_threads';

/*
 * Two loopback addresses a request can never reach, made deterministic without unroutable
 * hosts: one that refuses connections, and one where the TCP handshake never completes.
 */

/** An origin on loopback where nothing listens: a connection is refused at once (ECONNREFUSED). */
export async function refusingOrigin(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** A listening socket that never accepts, its accept queue full. */
export interface SilentListener {
  origin: string;
  close(): Promise<void>;
}

// The listener lives in a worker whose thread then blocks: Node accepts every connection as it
// comes, so only a listener whose event loop is stopped leaves them in the kernel's queue.
const LISTENER = `
const { workerData, parentPort } = require('node:worker_threads');
const server = require('node:net').createServer();
server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  parentPort.postMessage(server.address().port);
  setImmediate(() => Atomics.wait(workerData, 0, 0));
});`;

/** How long a handshake may take on loopback before it counts as never completing. */
const HANDSHAKE_MS = 250;

/**
 * An origin where connecting hangs: a connect timeout, deterministically. Linux drops a SYN
 * when the listener's accept queue is full (`tcp_abort_on_overflow` 0, the default), so once
 * the queue of a listener that never accepts is filled, every new connection stays in
 * SYN-SENT until the client gives up; nothing of a request can reach it. The queue is filled
 * until a connection fails to complete, which proves the drop rather than assuming it.
 */
export async function silentListener(): Promise<SilentListener> {
  const wake = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(LISTENER, { eval: true, workerData: wake });
  worker.unref();
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const fillers: Socket[] = [];
  const close = async (): Promise<void> => {
    Atomics.store(wake, 0, 1);
    Atomics.notify(wake, 0);
    for (const socket of fillers) socket.destroy();
    await worker.terminate();
  };
  for (let i = 0; i < 64; i += 1) {
    const socket = connect(port, '127.0.0.1').on('error', () => undefined);
    fillers.push(socket);
    if (!(await connects(socket))) return { origin: `http://127.0.0.1:${port}`, close };
  }
  await close();
  throw new Error('loopback completed 64 handshakes with a listener that never accepts: no SYN drop here');
}

function connects(socket: Socket): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), HANDSHAKE_MS);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
