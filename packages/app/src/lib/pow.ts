/**
 * The proof-of-work puzzle, as the contract checks it (contracts/proof-of-work/src/work.rs):
 * `keccak256(challenge ‖ miner ‖ nonce as 16 little-endian bytes)`, 80 bytes; a solution's
 * first 16 bytes, big-endian, are at most the target. The miner's account is inside the hash,
 * so a solution seen in the pool pays nobody else.
 */
import { keccakAsU8a } from 'dedot/utils';

/** The 80-byte preimage buffer for `challenge` and `miner`; `setNonce` writes the nonce into it. */
export function preimage(challenge: Uint8Array, miner: Uint8Array): Uint8Array {
  if (challenge.length !== 32 || miner.length !== 32) throw new RangeError('challenge and miner are 32 bytes each');
  const bytes = new Uint8Array(80);
  bytes.set(challenge, 0);
  bytes.set(miner, 32);
  return bytes;
}

/** Writes `nonce` (a u128) little-endian into the last 16 bytes of `bytes`. */
export function setNonce(bytes: Uint8Array, nonce: bigint): void {
  let rest = nonce;
  for (let i = 64; i < 80; i += 1) {
    bytes[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
}

/** The first 16 bytes of `digest`, big-endian. */
export function leading(digest: Uint8Array): bigint {
  let value = 0n;
  for (let i = 0; i < 16; i += 1) value = (value << 8n) | BigInt(digest[i] ?? 0);
  return value;
}

/** The digest of a nonce for `challenge` and `miner`. */
export function digest(challenge: Uint8Array, miner: Uint8Array, nonce: bigint): Uint8Array {
  const bytes = preimage(challenge, miner);
  setNonce(bytes, nonce);
  return keccakAsU8a(bytes);
}

/** Whether `nonce` solves the puzzle at `target`. */
export function solves(challenge: Uint8Array, miner: Uint8Array, nonce: bigint, target: bigint): boolean {
  return leading(digest(challenge, miner, nonce)) <= target;
}

/**
 * Searches `count` nonces from `start` at most; answers the first solution and how many
 * hashes it took. One buffer for the whole batch: only the nonce bytes change.
 */
export function search(challenge: Uint8Array, miner: Uint8Array, target: bigint, start: bigint, count: number): { nonce?: bigint; hashes: number } {
  const bytes = preimage(challenge, miner);
  for (let i = 0; i < count; i += 1) {
    const nonce = start + BigInt(i);
    setNonce(bytes, nonce);
    if (leading(keccakAsU8a(bytes)) <= target) return { nonce, hashes: i + 1 };
  }
  return { hashes: count };
}
