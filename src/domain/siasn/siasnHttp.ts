// The one HTTP call the SIASN worker makes: a JSON POST that reads no more than a bounded
// answer, within a time limit, connecting only to addresses siasnBaseUrl.ts allows. The
// host name is resolved by the connection itself (node:http's `lookup` hook), so the
// address checked is the address used.
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { connectableAddresses, type ResolveHost } from './siasnBaseUrl.js';

export interface SiasnCall {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Bytes of the answer kept; the rest is not read. */
  answerBytes: number;
  resolve: ResolveHost;
}

/** The call took longer than its time. */
export class SiasnTimeoutError extends Error {}

export function postToSiasn(
  url: string,
  call: SiasnCall,
): Promise<{ status: number; text: string }> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  const lookup: LookupFunction = (hostname, options, callback) => {
    connectableAddresses(hostname, call.resolve).then(
      (addresses) => {
        const entries = addresses
          .map((address) => ({ address, family: isIP(address) }))
          .filter((entry) => !options.family || entry.family === options.family);
        if (entries.length === 0) {
          callback(
            Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }),
            '',
            0,
          );
        } else if (options.all) {
          (callback as unknown as (error: null, all: typeof entries) => void)(null, entries);
        } else {
          callback(null, entries[0]!.address, entries[0]!.family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { ...call.headers, 'content-length': Buffer.byteLength(call.body) },
        lookup,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          // Enough to explain the answer: stop reading a large one.
          if (size >= call.answerBytes) response.destroy();
        });
        const done = () => {
          clearTimeout(timer);
          resolve({
            status: response.statusCode ?? 0,
            text: Buffer.concat(chunks).subarray(0, call.answerBytes).toString('utf8'),
          });
        };
        response.on('end', done);
        response.on('close', done);
        response.on('error', () => undefined);
      },
    );
    const timer = setTimeout(
      () => request.destroy(new SiasnTimeoutError(`no answer within ${call.timeoutMs} ms`)),
      call.timeoutMs,
    );
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(call.body);
  });
}
