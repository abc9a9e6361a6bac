// Node.js helpers for scripts and tests: the built bundles on disk, connecting with a
// timeout, and signers from a secret URI.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import { CONTRACTS } from './codec.js';

/** @typedef {import('./codec.js').ContractName} ContractName */

/**
 * Where `scripts/build` writes the bundles: `$INK_BUNDLES_DIR`, or else `target/ink` at the
 * root of the repository this package sits in (`client/` is one level below the root).
 */
export function bundlesDir() {
  return process.env.INK_BUNDLES_DIR
    ? resolve(process.env.INK_BUNDLES_DIR)
    : resolve(dirname(fileURLToPath(import.meta.url)), '../../target/ink');
}

/**
 * The path of `<dir>/<name>/<name>.contract`.
 * @param {ContractName} name @param {string} [dir]
 */
export function bundlePath(name, dir = bundlesDir()) {
  return join(dir, name, `${name}.contract`);
}

/**
 * Every contract's metadata (the `.contract` bundles `scripts/build` writes).
 * @param {string} [dir]
 * @returns {Record<ContractName, Record<string, unknown>>}
 */
export function loadMetadata(dir = bundlesDir()) {
  /** @type {Partial<Record<ContractName, Record<string, unknown>>>} */
  const metadata = {};
  for (const name of CONTRACTS) {
    const path = bundlePath(name, dir);
    if (!existsSync(path)) throw new Error(`${path} is missing: run scripts/build first`);
    metadata[name] = JSON.parse(readFileSync(path, 'utf8'));
  }
  return /** @type {Record<ContractName, Record<string, unknown>>} */ (metadata);
}

/**
 * Connects to a node, or fails with a clear error within `timeoutMs` (no endless retries).
 * @param {string} url e.g. `ws://127.0.0.1:9944`
 * @param {{ timeoutMs?: number }} [options]
 * @returns {Promise<ApiPromise>}
 */
export async function connect(url, { timeoutMs = 10_000 } = {}) {
  const provider = new WsProvider(url, 1_000, {}, timeoutMs);
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const api = await Promise.race([ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true }), timeout]);
    return /** @type {ApiPromise} */ (api);
  } catch (error) {
    await provider.disconnect().catch(() => {});
    // throwOnConnect rejects with the WebSocket's error event, which is not an Error.
    const reason = error instanceof Error
      ? error.message
      : /** @type {any} */ (error)?.message || /** @type {any} */ (error)?.error?.message || 'the connection was refused or closed (is a node listening there?)';
    throw new Error(`cannot connect to ${url}: ${reason}`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A signer from a secret URI (`//Alice`, a mnemonic, a hex seed).
 * @param {string} suri
 * @param {{ type?: 'sr25519' | 'ed25519' | 'ecdsa', ss58Format?: number }} [options]
 */
export async function accountFromSuri(suri, { type = 'sr25519', ss58Format = 42 } = {}) {
  await cryptoWaitReady();
  return new Keyring({ type, ss58Format }).addFromUri(suri);
}
