// The creator suite's Polkadot.js client: import this from a dApp (browser-safe).
//
//   import { ApiPromise, WsProvider } from '@polkadot/api';
//   import { SuiteClient } from '@creator-suite/client';
//   const api = await ApiPromise.create({ provider: new WsProvider(url) });
//   const client = SuiteClient.fromApi(api, { creator_token, creator_nft, ... }); // metadata JSON
//   const suite = await client.getSuite(factory, creator);
//   await client.stake(account, suite.distributor, 10n ** 18n);

export * as calls from './calls.js';
export {
  CONTRACTS,
  ContractError,
  decodeEventBytes,
  decodeOutput,
  describeDecodedEvent,
  describeError,
  encodeCall,
  makeAbis,
  toPlain,
} from './codec.js';
export { PolkadotBackend, SuiteClient, accountHex, txLimits } from './client.js';
