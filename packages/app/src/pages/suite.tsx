/**
 * One creator's suite for a page: opened through the factory's registry, its token's metadata,
 * and a version that moves whenever one of the suite's contracts emits an event (anyone's
 * trade, stake or claim), so the page reloads what it shows.
 */
import { useCallback, useEffect, useReducer, useState } from 'preact/hooks';

import { SuiteClient } from '@creator-suite/contracts/client';

import type { Chain } from '../chain.js';
import { formatUnits } from '../lib/format.js';

export type TokenInfo = Awaited<ReturnType<SuiteClient['tokenInfo']>>;

export interface OpenSuite {
  suite: SuiteClient;
  token: TokenInfo;
  /** Moves on every suite event and after the page's own transactions. */
  version: number;
  reload: () => void;
  /** An amount of the creator token in words: `12.5 ALC`. */
  tokens: (value: bigint) => string;
  /** An amount of the native currency in words. */
  native: (value: bigint) => string;
}

export function useSuite(chain: Chain, factory: string, creator: string): { open?: OpenSuite; problem?: string } {
  const [state, setState] = useState<{ suite?: SuiteClient; token?: TokenInfo; problem?: string }>({});
  const [version, bump] = useReducer((n: number, _: void) => n + 1, 0);
  const reload = useCallback(() => bump(), []);
  useEffect(() => {
    let live = true;
    let unwatch: (() => Promise<void>) | undefined;
    (async () => {
      const suite = await SuiteClient.open(chain.client, factory, creator);
      if (!suite) throw new Error(`The factory ${factory} has no suite for ${creator}.`);
      const token = await suite.tokenInfo();
      if (!live) return;
      setState({ suite, token });
      unwatch = await suite.watch(() => bump());
    })().catch((error: unknown) => live && setState({ problem: error instanceof Error ? error.message : String(error) }));
    return () => {
      live = false;
      unwatch?.().catch(() => undefined);
    };
  }, [chain, factory, creator]);
  if (state.problem) return { problem: state.problem };
  if (!state.suite || !state.token) return {};
  const { token } = state;
  const symbol = token.symbol ?? 'tokens';
  return {
    open: {
      suite: state.suite,
      token,
      version,
      reload,
      tokens: (value) => `${formatUnits(value, token.decimals)} ${symbol}`,
      native: (value) => `${formatUnits(value, chain.native.decimals)} ${chain.native.symbol}`,
    },
  };
}

/** The best block's number, as it moves (for what streams per block: rewards, the miner's pace). */
export function useBestBlock(suite: SuiteClient | undefined): number {
  const [block, setBlock] = useState(0);
  useEffect(() => {
    if (!suite) return;
    let unsubscribe: (() => Promise<void>) | undefined;
    let live = true;
    suite.client.query.system.number((n: number) => setBlock(n)).then((u: () => Promise<void>) => {
      unsubscribe = u;
      if (!live) void u();
    });
    return () => {
      live = false;
      void unsubscribe?.();
    };
  }, [suite]);
  return block;
}
