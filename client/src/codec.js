// Encoding and decoding with the suite's ink! metadata: call data, typed results, events.
// Browser-safe (no Node.js modules): a dApp passes the `.contract`/`.json` metadata it ships.

import { Abi } from '@polkadot/api-contract';
import {
  AbstractArray,
  AbstractInt,
  Bool,
  Enum,
  Null,
  Option,
  Raw,
  Result,
  Struct,
  Text,
} from '@polkadot/types-codec';
import { compactStripLength, hexToU8a, isHex, u8aToHex } from '@polkadot/util';

/** The suite's contracts by crate name (the `.contract` bundle names), in the order of the
 * repository's contracts/LIST (test/package.test.js checks they agree). */
export const CONTRACTS = /** @type {const} */ ([
  'creator_token',
  'creator_nft',
  'reward_distributor',
  'mining_pool',
  'creator_vesting',
  'creator_factory',
  'creator_market',
  'proof_of_work',
  'creation_mining',
]);

/** @typedef {typeof CONTRACTS[number]} ContractName */
/** @typedef {Record<ContractName, Abi>} Abis */
/** @typedef {import('./types.js').Plain} Plain */

/**
 * One `Abi` per contract from its metadata (the parsed `.contract` or `.json` file).
 * @param {Partial<Record<ContractName, Record<string, unknown> | string>>} metadata
 * @param {import('@polkadot/types/interfaces').ChainProperties} [chainProperties]
 *   the chain's properties (`api.registry.getChainProperties()`), for SS58 and decimals
 * @returns {Partial<Abis>}
 */
export function makeAbis(metadata, chainProperties) {
  /** @type {Partial<Abis>} */
  const abis = {};
  for (const [name, json] of Object.entries(metadata)) {
    if (json) abis[/** @type {ContractName} */ (name)] = new Abi(json, chainProperties);
  }
  return abis;
}

/**
 * A SCALE codec as plain JSON (see {@link Plain}).
 * @param {import('@polkadot/types-codec/types').Codec} codec
 * @returns {Plain}
 */
export function toPlain(codec) {
  if (codec instanceof Option) return codec.isSome ? toPlain(codec.unwrap()) : null;
  if (codec instanceof Result) {
    return codec.isOk ? { Ok: toPlain(codec.asOk) } : { Err: toPlain(codec.asErr) };
  }
  if (codec instanceof Enum) {
    return codec.inner instanceof Null ? codec.type : { [String(codec.type)]: toPlain(codec.inner) };
  }
  if (codec instanceof Struct) {
    /** @type {{ [key: string]: Plain }} */
    const object = {};
    for (const [key, value] of codec.entries()) object[String(key)] = toPlain(value);
    return object;
  }
  if (codec instanceof AbstractArray) return Array.from(codec, (item) => toPlain(item));
  if (codec instanceof AbstractInt) return codec.toString();
  if (codec instanceof Bool) return codec.isTrue;
  if (codec instanceof Text) return codec.toString();
  if (codec instanceof Raw) return u8aToHex(codec);
  if (codec instanceof Null) return null;
  return /** @type {Plain} */ (codec.toJSON());
}

/**
 * A contract call: which contract, the message label (e.g. `PSP22::transfer`) and its
 * arguments in any form Polkadot.js accepts (SS58 or hex accounts; numbers, bigints, decimal
 * strings or BN for integers; `{ Variant: value }` or `"Variant"` for enums).
 * @typedef {{ contract: ContractName, message: string, args: unknown[], payable?: boolean }} Call
 */

/**
 * The call data of `call`: selector followed by the SCALE-encoded arguments.
 * @param {Abi} abi
 * @param {Call | { message: string, args: unknown[] }} call
 * @returns {Uint8Array}
 */
export function encodeCall(abi, call) {
  // `toU8a` length-prefixes the data (as the pallet's `data: Vec<u8>` argument); strip it.
  const [, data] = compactStripLength(abi.findMessage(call.message).toU8a(call.args));
  return data;
}

/**
 * The typed answer of a message.
 * @typedef {{ ok: true, value: Plain } | { ok: false, error: Plain }} Answer
 */

/** A refusal or failure of a contract call, with the contract's typed error when it has one. */
export class ContractError extends Error {
  /**
   * @param {string} message
   * @param {{ kind: 'contract' | 'lang' | 'dispatch' | 'module', call?: Call, error?: Plain }} details
   *   `contract`: the message returned `Err(error)` (e.g. `"InsufficientBalance"`);
   *   `lang`: ink! could not dispatch the input; `dispatch`: the runtime refused or the
   *   contract trapped (`error` names it, e.g. `"contracts.ContractTrapped"`); `module`: the
   *   extrinsic failed in a block.
   */
  constructor(message, details) {
    super(message);
    this.name = 'ContractError';
    this.kind = details.kind;
    this.call = details.call;
    this.error = details.error;
  }
}

/**
 * `PSP22Error::InsufficientBalance`, `{ Payment: "InsufficientAllowance" }` and
 * `{ Custom: "P::Paused" }` as `InsufficientBalance`, `Payment(InsufficientAllowance)`,
 * `Custom("P::Paused")`.
 * @param {Plain} error
 * @returns {string}
 */
export function describeError(error) {
  if (error === null || typeof error !== 'object' || Array.isArray(error)) {
    return typeof error === 'string' ? error : JSON.stringify(error);
  }
  const [[variant, inner]] = Object.entries(error);
  if (inner === null) return variant;
  const text = typeof inner === 'string' && !/^[A-Z][A-Za-z0-9]*$/.test(inner) ? JSON.stringify(inner) : describeError(inner);
  return `${variant}(${text})`;
}

/**
 * Decodes a message's raw output (the contract's return data, which starts with ink!'s
 * `Result<_, LangError>` tag). A message returning `Result<T, E>` answers
 * `{ ok: true, value: T }` or `{ ok: false, error: E }`; any other message `{ ok: true, value }`.
 * @param {Abi} abi
 * @param {string} message the message label
 * @param {Uint8Array | string} output
 * @returns {Answer}
 * @throws {ContractError} `lang` when ink! refused to dispatch (unknown selector, bad input)
 */
export function decodeOutput(abi, message, output) {
  const spec = abi.findMessage(message);
  if (!spec.returnType) return { ok: true, value: null };
  const bytes = typeof output === 'string' ? hexToU8a(output) : output;
  const outer = abi.registry.createTypeUnsafe(
    spec.returnType.lookupName || spec.returnType.type,
    [bytes],
    { isPedantic: true },
  );
  if (!(outer instanceof Result)) return { ok: true, value: toPlain(outer) };
  if (outer.isErr) {
    throw new ContractError(`${message}: ink! could not dispatch (${describeError(toPlain(outer.asErr))})`, {
      kind: 'lang',
      error: toPlain(outer.asErr),
    });
  }
  const inner = outer.asOk;
  if (inner instanceof Result) {
    return inner.isOk ? { ok: true, value: toPlain(inner.asOk) } : { ok: false, error: toPlain(inner.asErr) };
  }
  return { ok: true, value: toPlain(inner) };
}

/**
 * A decoded contract event: its name, and its fields by their (camelCase) names.
 * @typedef {{ event: string, identifier: string, fields: Record<string, Plain> }} DecodedEvent
 */

/**
 * Decodes a `ContractEmitted` event from its topics and data. ink! 5 events are matched by
 * their signature topic (the first topic), as `Abi.decodeEvent` does for metadata v5.
 * @param {Abi} abi
 * @param {(string | Uint8Array)[]} topics the event record's topics
 * @param {string | Uint8Array} data the event's data (without a length prefix)
 * @returns {DecodedEvent}
 */
export function decodeEventBytes(abi, topics, data) {
  const registry = abi.registry;
  // `Abi.decodeEvent` reads `record.topics` and `record.event.data[1]` (the data `Bytes`).
  const record = {
    topics: topics.map((topic) => registry.createType('Hash', topic)),
    event: { data: [null, registry.createType('Bytes', isHex(data) ? data : u8aToHex(/** @type {Uint8Array} */ (data)))] },
  };
  const decoded = abi.decodeEvent(/** @type {any} */ (record));
  return describeDecodedEvent(decoded);
}

/**
 * @param {import('@polkadot/api-contract/types').DecodedEvent} decoded
 * @returns {DecodedEvent}
 */
export function describeDecodedEvent(decoded) {
  /** @type {Record<string, Plain>} */
  const fields = {};
  decoded.event.args.forEach((arg, index) => {
    fields[arg.name] = toPlain(decoded.args[index]);
  });
  const identifier = decoded.event.identifier;
  return { event: identifier.split('::').pop() ?? identifier, identifier, fields };
}
