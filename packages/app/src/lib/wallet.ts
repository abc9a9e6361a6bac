/**
 * Browser wallets through the injected API that Polkadot.js extension, Talisman and SubWallet
 * all implement: each puts an entry into `window.injectedWeb3`; `enable(appName)` asks the
 * fan's permission and answers the accounts and a signer that signs extrinsic payloads.
 */
import type { Injected, InjectedAccount, InjectedWindowProvider } from 'dedot/types';

/** The wallets' own names for their entries, for a label. */
const WALLET_NAMES: Record<string, string> = {
  'polkadot-js': 'Polkadot.js extension',
  talisman: 'Talisman',
  'subwallet-js': 'SubWallet',
};

export interface Wallet {
  id: string;
  label: string;
}

/** The wallets the browser has, by their injected entries. */
export function installedWallets(injected: Record<string, InjectedWindowProvider> | undefined): Wallet[] {
  return Object.keys(injected ?? {}).map((id) => ({ id, label: WALLET_NAMES[id] ?? id }));
}

/** The accounts a page can sign for: substrate accounts only (an Ethereum key cannot sign here). */
export function signingAccounts(accounts: InjectedAccount[]): InjectedAccount[] {
  return accounts.filter((account) => account.type === undefined || account.type === 'sr25519' || account.type === 'ed25519' || account.type === 'ecdsa');
}

/** Asks wallet `id` for access; answers its accounts and signer, or throws in words. */
export async function enableWallet(injected: Record<string, InjectedWindowProvider> | undefined, id: string, appName: string): Promise<Injected & { list: InjectedAccount[] }> {
  const provider = injected?.[id];
  if (!provider?.enable) throw new Error(`No wallet "${id}" in this browser: install one (Polkadot.js extension, Talisman, SubWallet) and reload.`);
  const extension = await provider.enable(appName);
  const list = signingAccounts(await extension.accounts.get());
  if (list.length === 0) throw new Error(`${WALLET_NAMES[id] ?? id} shares no account with this page: add one or allow access, then connect again.`);
  return { ...extension, list };
}
