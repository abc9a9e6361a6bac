/**
 * Deploys the suite and creates a creator's suite, resumably, on dedot and the typed APIs:
 * uploads every contract's code that is not on chain yet (a split contract's full code
 * first), instantiates the factory (or joins an existing one with `factory`), registers the
 * code hashes when the factory has none, dry-runs `create_creator` (the factory's own
 * validation, in words) and sends it, and reads the suite back from the registry.
 *
 * Every step is written to the deployment record as soon as it is final, so a rerun with the
 * same record continues where a failure stopped; steps already on chain are found there, not
 * repeated. The record holds the chain's genesis hash, every code hash, and the block of each
 * deployment, for indexers.
 */
import { readFileSync } from 'node:fs';

import { DedotClient, WsProvider } from 'dedot';
import { Contract, ContractDeployer } from 'dedot/contracts';
import { blake2AsHex, decodeAddress, encodeAddress, type HexString } from 'dedot/utils';
import type { IKeyringPair } from 'dedot/types';

import { limitsOf } from './client.js';
import { errorText } from './errors.js';
import type { CreatorFactoryContractApi } from './generated/creator-factory/index.js';
import type { CreatorFactoryCodeHashes, CreatorFactoryCreatorParamsLike } from './generated/creator-factory/types.js';
import { CONTRACTS, metadataOf, SUITE_ROLES, type Role, type SuiteRole } from './index.js';

/** One contract's code on chain: the hash the factory instantiates, and a split contract's full code. */
export interface CodeRecord {
  hash: HexString;
  /** The full code a split contract's hot code delegates to (psp::split), if it is split. */
  fullHash?: HexString;
  /** The block the code was uploaded in (absent when it was on chain already). */
  block?: number;
}

/** What a deployment left on one chain. */
export interface DeploymentRecord {
  network: { url: string; genesisHash: HexString; specName: string; ss58Prefix: number };
  codes: Partial<Record<Role, CodeRecord>>;
  /** The factory; `block`, `domain` and `salt` when this deploy instantiated it. */
  factory?: { address: string; block?: number; domain?: number; salt?: HexString };
  /** The block this deploy registered the code hashes in. */
  codeHashesBlock?: number;
  /** What the platform's steps (code, factory, code hashes) cost their signer, if this deploy sent them. */
  platformCost?: Cost;
  /** Each creator's suite, by the creator's address. */
  creators: Record<string, { symbol: string; block?: number; cost?: Cost; suite: Record<SuiteRole, string> }>;
}

/**
 * What a deploy's transactions took from the signer's balance (smallest units, as decimal
 * strings): `fees` spent for good, `deposits` held as storage deposits (returned when the
 * storage is freed).
 */
export interface Cost {
  fees: string;
  deposits: string;
}

export interface DeployOptions {
  url: string;
  signer: IKeyringPair;
  params: CreatorFactoryCreatorParamsLike;
  /** Where the built contracts are: `<dir>/<crate>/<crate>.wasm` (and `.full.wasm`). */
  bundles: string;
  /** An existing factory to create the suite on (a platform hosting many creators). */
  factory?: string;
  /** The record so far (a rerun resumes from it). */
  record?: DeploymentRecord;
  /** Called with the record after every step, to save it. */
  save: (record: DeploymentRecord) => void;
  /** Progress, one line per step. */
  log: (line: string) => void;
  /** The vouchers' domain of a new factory (a chain id). */
  domain?: number;
  /** The salt of a new factory (default: a fixed one, so a rerun finds the factory it made). */
  salt?: HexString;
  /** Accept a factory whose registered code hashes differ from this build's. */
  acceptFactoryCode?: boolean;
}

const DEFAULT_SALT = blake2AsHex('creator-suite/factory/v1', 256);

/** Fees and deposits summed over transactions. */
class Tally {
  fees = 0n;
  deposits = 0n;
  cost(): Cost {
    return { fees: this.fees.toString(), deposits: this.deposits.toString() };
  }
}

/** Deploys as described above; resolves with the finished record. */
export async function deploy(options: DeployOptions): Promise<DeploymentRecord> {
  const { log, signer } = options;
  // Legacy JSON-RPC: every pallet-contracts chain serves it (the new chainHead API hung on a
  // dev node's instant seal here). Three tries, then a clear error instead of a hang.
  const provider = new WsProvider({ endpoint: options.url, retryDelayMs: 1_000, maxRetryAttempts: 3 });
  const client = await DedotClient.new({ provider, rpcVersion: 'legacy' });
  try {
    const ss58Prefix = Number(client.consts.system.ss58Prefix);
    const network = { url: options.url, genesisHash: client.genesisHash, specName: client.runtimeVersion.specName, ss58Prefix };
    const record: DeploymentRecord = options.record ?? { network, codes: {}, creators: {} };
    if (record.network.genesisHash !== network.genesisHash) {
      throw new Error(`the record is of chain ${record.network.genesisHash}, the node at ${options.url} is ${network.genesisHash}`);
    }
    const me = encodeAddress(signer.publicKey, ss58Prefix);
    log(`chain ${network.specName} ${network.genesisHash}, signer ${me}`);
    const step: Step = {
      client,
      me,
      log,
      save: () => options.save(record),
      send: async (tx, what, tally) => {
        const { block, fees, deposits } = await finalized(client, tx, signer, what, log);
        tally.fees += fees;
        tally.deposits += deposits;
        return block;
      },
    };
    const { factory, hashes } = options.factory
      ? await joinFactory(step, record, options.factory, options)
      : await buildPlatform(step, record, options);
    await createSuite(step, record, factory, hashes, options.params);
    return record;
  } finally {
    await client.disconnect();
  }
}

/** What every step needs: the chain, the signer, the log, saving the record, sending. */
interface Step {
  client: DedotClient;
  me: string;
  log: (line: string) => void;
  save: () => void;
  send: (tx: any, what: string, tally: Tally) => Promise<number>;
}

type Joined = { factory: Contract<CreatorFactoryContractApi>; hashes: CreatorFactoryCodeHashes };

/**
 * The platform: every code not on chain uploaded (a split contract's full code first), the
 * factory instantiated (the record's, or one found again by its salt), the code hashes
 * registered if it has none.
 */
async function buildPlatform(step: Step, record: DeploymentRecord, options: DeployOptions): Promise<Joined> {
  const { client, me, log } = step;
  const tally = new Tally();
  let sent = false;
  for (const { role, crate } of CONTRACTS) {
    const hot = readFileSync(`${options.bundles}/${crate}/${crate}.wasm`);
    const full = readOptional(`${options.bundles}/${crate}/${crate}.full.wasm`);
    const code: CodeRecord = { hash: blake2AsHex(hot, 256), ...(full ? { fullHash: blake2AsHex(full, 256) } : {}) };
    const halves: [Uint8Array, HexString, string][] = [...(full ? [[full, code.fullHash!, ' (full code)'] as [Uint8Array, HexString, string]] : []), [hot, code.hash, '']];
    for (const [wasm, hash, which] of halves) {
      if (await client.query.contracts.pristineCode(hash)) {
        log(`code of ${crate}${which} ${hash}: on chain`);
        continue;
      }
      code.block = await step.send(client.tx.contracts.uploadCode(wasm, undefined, 'Enforced'), `upload ${crate}${which}`, tally);
      sent = true;
    }
    record.codes[role] = { ...record.codes[role], ...code };
    step.save();
  }
  const built = codeHashes(record);

  let address = record.factory?.address;
  if (address) {
    if (!(await client.query.contracts.contractInfoOf(address))) throw new Error(`the record's factory ${address} is not on chain`);
    log(`factory ${address}: on chain`);
  } else {
    const domain = options.domain ?? 42;
    const salt = options.salt ?? DEFAULT_SALT;
    const deployer = new ContractDeployer<CreatorFactoryContractApi>(client, metadataOf('factory'), record.codes.factory!.hash, { defaultCaller: me });
    const dry = await deployer.query.new(me, domain, { salt });
    address = dry.address;
    if (await client.query.contracts.contractInfoOf(address)) {
      log(`factory ${address}: on chain already (same signer, code and salt)`);
      record.factory = { address, domain, salt };
    } else {
      const block = await step.send(deployer.tx.new(me, domain, { salt, ...limitsOf(dry.raw) }), 'instantiate the factory', tally);
      record.factory = { address, block, domain, salt };
      sent = true;
    }
    step.save();
  }
  const factory = new Contract<CreatorFactoryContractApi>(client, metadataOf('factory'), address, { defaultCaller: me });
  let registered = (await factory.query.codeHashes()).data;
  if (!registered) {
    const dry = await factory.query.setCodeHashes(built);
    if (dry.data.isErr) throw new Error(`set_code_hashes would be refused: ${errorText(dry.data.err, 'FactoryError')}`);
    record.codeHashesBlock = await step.send(factory.tx.setCodeHashes(built, limitsOf(dry.raw)), 'register the code hashes', tally);
    registered = built;
    sent = true;
  }
  if (sent) record.platformCost = tally.cost();
  step.save();
  return { factory, hashes: checkedHashes(registered, built, options, log) };
}

/**
 * A platform's factory: nothing uploaded, nothing registered. The suite is built from the
 * code the factory's admin registered, which must be this build's unless accepted.
 */
async function joinFactory(step: Step, record: DeploymentRecord, address: string, options: DeployOptions): Promise<Joined> {
  const { client, me, log } = step;
  const info = (await client.query.contracts.contractInfoOf(address)) as { codeHash: HexString } | undefined;
  if (!info) throw new Error(`no contract at ${address}`);
  const factory = new Contract<CreatorFactoryContractApi>(client, metadataOf('factory'), address, { defaultCaller: me });
  const registered = (await factory.query.codeHashes()).data;
  if (!registered) throw new Error(`the factory ${address} has no code hashes registered yet (its admin registers them)`);
  log(`factory ${address}: on chain`);
  const built: Partial<Record<Role, CodeRecord>> = {};
  for (const { role, crate } of CONTRACTS) {
    const hot = blake2AsHex(readFileSync(`${options.bundles}/${crate}/${crate}.wasm`), 256);
    const full = readOptional(`${options.bundles}/${crate}/${crate}.full.wasm`);
    built[role] = { hash: hot, ...(full ? { fullHash: blake2AsHex(full, 256) } : {}) };
  }
  const hashes = checkedHashes(registered, codeHashes({ ...record, codes: built }), options, log);
  // The record names the code the suite runs: the factory's.
  record.codes = Object.fromEntries(
    CONTRACTS.map(({ role }) => {
      const hash = role === 'factory' ? info.codeHash : (hashes[role as SuiteRole] as unknown as HexString);
      const same = built[role]!.hash === hash;
      return [role, { ...record.codes[role], hash, ...(same && built[role]!.fullHash ? { fullHash: built[role]!.fullHash } : {}) }];
    }),
  );
  if (record.factory?.address !== address) record.factory = { address };
  step.save();
  return { factory, hashes };
}

/** The factory's registered hashes, refused if they are not this build's (unless accepted). */
function checkedHashes(
  registered: CreatorFactoryCodeHashes,
  built: CreatorFactoryCodeHashes,
  options: DeployOptions,
  log: (line: string) => void,
): CreatorFactoryCodeHashes {
  const differing = SUITE_ROLES.filter((role) => registered[role] !== built[role]);
  if (differing.length > 0) {
    const list = differing.map((role) => `${role} ${registered[role]} (this build: ${built[role]})`).join(', ');
    if (!options.acceptFactoryCode) {
      throw new Error(`the factory instantiates other code than this build: ${list}. Build the platform's commit at its path for the same hashes, or pass --accept-factory-code to create from the factory's code`);
    }
    log(`accepting the factory's code hashes: ${list}`);
  }
  return registered;
}

/** The creator's suite: one per creator; a rerun finds it in the registry. */
async function createSuite(
  step: Step,
  record: DeploymentRecord,
  factory: Contract<CreatorFactoryContractApi>,
  hashes: CreatorFactoryCodeHashes,
  params: CreatorFactoryCreatorParamsLike,
): Promise<void> {
  const { me, log } = step;
  let suite = (await factory.query.suiteOf(me)).data;
  const entry = record.creators[me];
  let block = entry?.block;
  let cost = entry?.cost;
  if (suite) {
    log(`suite of ${me}: registered already`);
  } else {
    const dry = await factory.query.createCreator(params, hashes);
    if (dry.data.isErr) throw new Error(`create_creator would be refused: ${errorText(dry.data.err, 'FactoryError')}`);
    const tally = new Tally();
    block = await step.send(factory.tx.createCreator(params, hashes, limitsOf(dry.raw)), `create the ${params.symbol} suite`, tally);
    cost = tally.cost();
    suite = (await factory.query.suiteOf(me)).data;
    if (!suite) throw new Error('create_creator succeeded but the registry has no suite for the signer');
  }
  const ss58 = Number(step.client.consts.system.ss58Prefix);
  const addresses = Object.fromEntries(SUITE_ROLES.map((role) => [role, suite![role].address(ss58)])) as Record<SuiteRole, string>;
  record.creators[me] = { symbol: params.symbol, ...(block === undefined ? {} : { block }), ...(cost ? { cost } : {}), suite: addresses };
  step.save();
}

/** The factory's `CodeHashes` of the record's codes. */
function codeHashes(record: Pick<DeploymentRecord, 'codes'>): CreatorFactoryCodeHashes {
  return Object.fromEntries(SUITE_ROLES.map((role) => [role, record.codes[role]!.hash])) as unknown as CreatorFactoryCodeHashes;
}

function readOptional(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Signs and sends `tx`; resolves once finalized with its block number, its fee and the storage
 * deposits it took (from its events), or rejects on a dispatch error.
 */
async function finalized(
  client: DedotClient,
  tx: any,
  signer: IKeyringPair,
  what: string,
  log: (line: string) => void,
): Promise<{ block: number; fees: bigint; deposits: bigint }> {
  log(`${what}: signing`);
  const result = await tx
    .signAndSend(signer, ({ status }: { status: { type: string } }) => {
      if (status.type === 'BestChainBlockIncluded') log(`${what}: in a block`);
    })
    .untilFinalized();
  if (result.dispatchError) {
    const meta = client.registry.findErrorMeta(result.dispatchError);
    const reason = meta ? `${meta.pallet}.${meta.name}: ${meta.docs.join(' ')}` : JSON.stringify(result.dispatchError);
    throw new Error(`${what} failed: ${reason}`);
  }
  let fees = 0n;
  let deposits = 0n;
  for (const { event } of result.events as { event: { pallet: string; palletEvent: { name: string; data: any } } }[]) {
    const { name, data } = event.palletEvent;
    if (event.pallet === 'TransactionPayment' && name === 'TransactionFeePaid') fees += BigInt(data.actualFee) + BigInt(data.tip);
    if (event.pallet === 'Contracts' && name === 'StorageDepositTransferredAndHeld') deposits += BigInt(data.amount);
    if (event.pallet === 'Contracts' && name === 'CodeStored') deposits += BigInt(data.depositHeld ?? 0);
  }
  const blockNumber = result.status.value.blockNumber as number;
  log(`${what}: finalized in block ${blockNumber} (fee ${fees}, deposits ${deposits})`);
  return { block: blockNumber, fees, deposits };
}

/** One contract of a suite: the code hash on chain against this build's. */
export interface Verified {
  role: Role;
  address: string;
  onChain: HexString;
  built: HexString;
  matches: boolean;
}

/**
 * Compares the code of `creator`'s suite on the factory at `factory` (and of the factory
 * itself) with the build in `bundles`: each contract's code hash on chain (`contractInfoOf`)
 * against the BLAKE2-256 of the local Wasm. A split contract's hot code pins its full code's
 * hash at compile time, so its match covers both halves.
 */
export async function verify(url: string, factory: string, creator: string, bundles: string): Promise<Verified[]> {
  const provider = new WsProvider({ endpoint: url, retryDelayMs: 1_000, maxRetryAttempts: 3 });
  const client = await DedotClient.new({ provider, rpcVersion: 'legacy' });
  try {
    const registry = new Contract<CreatorFactoryContractApi>(client, metadataOf('factory'), factory, { defaultCaller: creator });
    const suite = (await registry.query.suiteOf(creator)).data;
    if (!suite) throw new Error(`the factory ${factory} has no suite for ${creator}`);
    const addresses: [Role, string][] = [['factory', factory], ...SUITE_ROLES.map((role) => [role, suite[role].address()] as [Role, string])];
    const results: Verified[] = [];
    for (const [role, address] of addresses) {
      const crate = CONTRACTS.find((contract) => contract.role === role)!.crate;
      const built = blake2AsHex(readFileSync(`${bundles}/${crate}/${crate}.wasm`), 256);
      const info = (await client.query.contracts.contractInfoOf(address)) as { codeHash: HexString } | undefined;
      const onChain = info?.codeHash ?? '0x';
      results.push({ role, address, onChain, built, matches: onChain === built });
    }
    return results;
  } finally {
    await client.disconnect();
  }
}

/** What a creator needs to know of a chain before deploying on it. */
export interface ChainReport {
  url: string;
  chain: string;
  specName: string;
  specVersion: number;
  genesisHash: HexString;
  ss58Prefix: number;
  token: { symbol: string; decimals: number };
  /** Whether the runtime has pallet-contracts (the `Contracts` pallet in its metadata). */
  contracts: boolean;
  /** pallet-contracts' storage deposits (smallest units), if it has the pallet. */
  deposits?: { perByte: bigint; perItem: bigint; codeHashLockupPercent: number };
  maxCodeLen?: number;
  existentialDeposit: bigint;
}

/**
 * Reads what `state_getMetadata` says of the chain at `url`: does it run pallet-contracts,
 * with what storage deposits, in what token; the suite needs the pallet (not pallet-revive).
 */
export async function checkChain(url: string): Promise<ChainReport> {
  const provider = new WsProvider({ endpoint: url, retryDelayMs: 1_000, maxRetryAttempts: 3 });
  const client = await DedotClient.new({ provider, rpcVersion: 'legacy' });
  try {
    const pallets = client.metadata.latest.pallets.map((pallet: { name: string }) => pallet.name);
    const contracts = pallets.includes('Contracts');
    const properties = (await client.rpc.system_properties()) as { tokenSymbol?: string | string[]; tokenDecimals?: number | number[] };
    const first = <T>(value: T | T[] | undefined, fallback: T) => (Array.isArray(value) ? (value[0] ?? fallback) : (value ?? fallback));
    const consts = client.consts as any;
    return {
      url,
      chain: String(await client.rpc.system_chain()),
      specName: client.runtimeVersion.specName,
      specVersion: client.runtimeVersion.specVersion,
      genesisHash: client.genesisHash,
      ss58Prefix: Number(consts.system.ss58Prefix),
      token: { symbol: first(properties.tokenSymbol, 'UNIT'), decimals: first(properties.tokenDecimals, 12) },
      contracts,
      ...(contracts
        ? {
            deposits: {
              perByte: BigInt(consts.contracts.depositPerByte),
              perItem: BigInt(consts.contracts.depositPerItem),
              codeHashLockupPercent: Number(consts.contracts.codeHashLockupDepositPercent) / 10_000_000,
            },
            maxCodeLen: Number(consts.contracts.maxCodeLen),
          }
        : {}),
      existentialDeposit: BigInt(consts.balances?.existentialDeposit ?? 0),
    };
  } finally {
    await client.disconnect();
  }
}

/** Whether `text` is an SS58 address (any prefix). */
export function isAddress(text: string): boolean {
  try {
    return decodeAddress(text).length === 32;
  } catch {
    return false;
  }
}

/** Whether two addresses name the same account (whatever their SS58 prefixes). */
export function sameAccount(a: string, b: string): boolean {
  try {
    return Buffer.from(decodeAddress(a)).equals(Buffer.from(decodeAddress(b)));
  } catch {
    return false;
  }
}
