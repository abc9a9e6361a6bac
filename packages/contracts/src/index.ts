/**
 * The creator suite's contracts for frontends: every contract's ink! metadata, the typed APIs
 * `dedot typink` generated from it, typed `Contract` handles for one creator's suite found
 * through the factory registry, every event's signature topic, and the words for every error.
 *
 * ```ts
 * import { DedotClient, WsProvider } from 'dedot';
 * import { openSuite } from '@creator-suite/contracts';
 * const client = await DedotClient.new(new WsProvider('ws://127.0.0.1:9944'));
 * const suite = await openSuite(client, factoryAddress, creatorAddress);
 * const { data: balance } = await suite!.token.query.psp22BalanceOf(me); // bigint
 * ```
 */
import type { ISubstrateClient } from 'dedot';
import { Contract, type ExecutionOptions, type LooseContractMetadata } from 'dedot/contracts';

import type { CreationMiningContractApi } from './generated/creation-mining/index.js';
import type { CreatorFactoryContractApi, CreatorFactorySuite } from './generated/creator-factory/index.js';
import type { CreatorMarketContractApi } from './generated/creator-market/index.js';
import type { CreatorNftContractApi } from './generated/creator-nft/index.js';
import type { CreatorTokenContractApi } from './generated/creator-token/index.js';
import type { CreatorVestingContractApi } from './generated/creator-vesting/index.js';
import type { MiningPoolContractApi } from './generated/mining-pool/index.js';
import type { ProofOfWorkContractApi } from './generated/proof-of-work/index.js';
import type { RewardDistributorContractApi } from './generated/reward-distributor/index.js';

import creationMining from '../metadata/creation_mining.json' with { type: 'json' };
import creatorFactory from '../metadata/creator_factory.json' with { type: 'json' };
import creatorMarket from '../metadata/creator_market.json' with { type: 'json' };
import creatorNft from '../metadata/creator_nft.json' with { type: 'json' };
import creatorToken from '../metadata/creator_token.json' with { type: 'json' };
import creatorVesting from '../metadata/creator_vesting.json' with { type: 'json' };
import miningPool from '../metadata/mining_pool.json' with { type: 'json' };
import proofOfWork from '../metadata/proof_of_work.json' with { type: 'json' };
import rewardDistributor from '../metadata/reward_distributor.json' with { type: 'json' };

export type { CreationMiningContractApi } from './generated/creation-mining/index.js';
export type { CreatorFactoryContractApi } from './generated/creator-factory/index.js';
export type { CreatorMarketContractApi } from './generated/creator-market/index.js';
export type { CreatorNftContractApi } from './generated/creator-nft/index.js';
export type { CreatorTokenContractApi } from './generated/creator-token/index.js';
export type { CreatorVestingContractApi } from './generated/creator-vesting/index.js';
export type { MiningPoolContractApi } from './generated/mining-pool/index.js';
export type { ProofOfWorkContractApi } from './generated/proof-of-work/index.js';
export type { RewardDistributorContractApi } from './generated/reward-distributor/index.js';
export type * as Factory from './generated/creator-factory/types.js';
export type * as Token from './generated/creator-token/types.js';
export type * as Collection from './generated/creator-nft/types.js';
export type * as Distributor from './generated/reward-distributor/types.js';
export type * as Pool from './generated/mining-pool/types.js';
export type * as Vesting from './generated/creator-vesting/types.js';
export type * as Market from './generated/creator-market/types.js';
export type * as Pow from './generated/proof-of-work/types.js';
export type * as Creations from './generated/creation-mining/types.js';
export { EVENT_TOPICS, type EventTopic } from './generated/topics.js';
export { errorText, type ContractErrorValue } from './errors.js';

/** Each contract's typed API, by its role in the factory's `Suite` (the factory: `factory`). */
export interface SuiteApis {
  token: CreatorTokenContractApi;
  collection: CreatorNftContractApi;
  distributor: RewardDistributorContractApi;
  pool: MiningPoolContractApi;
  vesting: CreatorVestingContractApi;
  market: CreatorMarketContractApi;
  pow: ProofOfWorkContractApi;
  creations: CreationMiningContractApi;
  factory: CreatorFactoryContractApi;
}

/** A contract's role: its field in the factory's `Suite` and `CodeHashes`, or `factory`. */
export type Role = keyof SuiteApis;

/** A suite contract: its role, its crate, and its metadata (without a code hash). */
export interface ContractInfo {
  readonly role: Role;
  readonly crate: string;
  readonly metadata: LooseContractMetadata;
}

/** The suite's contracts, in the order of the repository's `contracts/LIST`. */
export const CONTRACTS: readonly ContractInfo[] = [
  { role: 'token', crate: 'creator_token', metadata: creatorToken },
  { role: 'collection', crate: 'creator_nft', metadata: creatorNft },
  { role: 'distributor', crate: 'reward_distributor', metadata: rewardDistributor },
  { role: 'pool', crate: 'mining_pool', metadata: miningPool },
  { role: 'vesting', crate: 'creator_vesting', metadata: creatorVesting },
  { role: 'factory', crate: 'creator_factory', metadata: creatorFactory },
  { role: 'market', crate: 'creator_market', metadata: creatorMarket },
  { role: 'pow', crate: 'proof_of_work', metadata: proofOfWork },
  { role: 'creations', crate: 'creation_mining', metadata: creationMining },
];

/** The roles of the contracts one creator's suite holds (all but the factory). */
export const SUITE_ROLES = ['token', 'collection', 'distributor', 'pool', 'vesting', 'market', 'pow', 'creations'] as const;
export type SuiteRole = (typeof SUITE_ROLES)[number];

/** The contract of `role`'s metadata. */
export function metadataOf(role: Role): LooseContractMetadata {
  const info = CONTRACTS.find((contract) => contract.role === role);
  if (!info) throw new Error(`no contract has the role ${role}`);
  return info.metadata;
}

/** A typed handle on the `role` contract at `address`. */
export function contractAt<R extends Role>(
  client: ISubstrateClient,
  role: R,
  address: string,
  options?: ExecutionOptions,
): Contract<SuiteApis[R]> {
  return new Contract<SuiteApis[R]>(client, metadataOf(role), address, options);
}

/** One creator's suite: its addresses as the factory registered them, and a typed handle on each. */
export type Suite = { readonly [R in SuiteRole]: Contract<SuiteApis[R]> } & {
  readonly factory: Contract<CreatorFactoryContractApi>;
  readonly addresses: CreatorFactorySuite;
};

/**
 * The suite the factory at `factory` registered for `creator`, or `undefined` if it has none.
 * `options.defaultCaller` is the account dry runs are made from (default: `creator`).
 */
export async function openSuite(
  client: ISubstrateClient,
  factory: string,
  creator: string,
  options?: ExecutionOptions,
): Promise<Suite | undefined> {
  const execution = { defaultCaller: creator, ...options };
  const registry = contractAt(client, 'factory', factory, execution);
  const { data: addresses } = await registry.query.suiteOf(creator);
  if (!addresses) return undefined;
  const handle = <R extends SuiteRole>(role: R) => contractAt(client, role, addresses[role].address(), execution);
  return {
    factory: registry,
    addresses,
    token: handle('token'),
    collection: handle('collection'),
    distributor: handle('distributor'),
    pool: handle('pool'),
    vesting: handle('vesting'),
    market: handle('market'),
    pow: handle('pow'),
    creations: handle('creations'),
  };
}

/**
 * A page of the creators the factory at `factory` registered, in registration order (at most
 * 100 per call), and how many there are in all.
 */
export async function listCreators(
  client: ISubstrateClient,
  factory: string,
  start = 0,
  count = 100,
): Promise<{ creators: string[]; total: number }> {
  const registry = contractAt(client, 'factory', factory, { defaultCaller: factory });
  const [page, total] = await Promise.all([registry.query.creators(start, count), registry.query.creatorCount()]);
  return { creators: page.data.map((account) => account.address()), total: total.data };
}
