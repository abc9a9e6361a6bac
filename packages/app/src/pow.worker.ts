/**
 * Proof-of-work mining off the page's thread, at a modest rate: batches of hashes, then a
 * pause long enough to hold `rate` hashes per second, so the fan's browser stays usable.
 * In: `{ challenge, miner, target, start, rate }` (hex, hex, decimal strings); out: `{ rate }`
 * now and then, `{ nonce }` when a solution is found (then it stops until told again).
 */
import { hexToU8a } from 'dedot/utils';

import { search } from './lib/pow.js';

interface Job {
  challenge: `0x${string}`;
  miner: `0x${string}`;
  target: string;
  start: string;
  rate: number;
}

let job = 0;

self.onmessage = async (event: MessageEvent<Job | 'stop'>) => {
  job += 1;
  if (event.data === 'stop') return;
  const mine = job;
  const { rate } = event.data;
  const challenge = hexToU8a(event.data.challenge);
  const miner = hexToU8a(event.data.miner);
  const target = BigInt(event.data.target);
  let next = BigInt(event.data.start);
  const batch = Math.max(100, Math.floor(rate / 10));
  const began = performance.now();
  let hashes = 0;
  while (mine === job) {
    const found = search(challenge, miner, target, next, batch);
    hashes += found.hashes;
    next += BigInt(found.hashes);
    const elapsed = (performance.now() - began) / 1_000;
    // The rate held: hashes over the time they were allowed to take, or took if that was longer.
    postMessage({ rate: hashes / Math.max(elapsed, hashes / rate), hashes });
    if (found.nonce !== undefined) {
      postMessage({ nonce: found.nonce.toString() });
      return;
    }
    // Hold the rate: sleep until `hashes` is what `rate` allows by now.
    const ahead = hashes / rate - elapsed;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, ahead * 1_000)));
  }
};
