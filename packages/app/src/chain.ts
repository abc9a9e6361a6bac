/**
 * The node the app talks to and the factory whose creators it shows: from the page's address
 * (`?node=ws://…&factory=5…`), else what the fan saved, else `config.json` beside the app
 * (which `scripts/app` writes), else a local dev node.
 */
import { DedotClient, WsProvider } from 'dedot';

export interface AppConfig {
  node: string;
  factory: string;
}

const SAVED = 'creator-suite.config';
export const DEFAULT_NODE = 'ws://127.0.0.1:9944';

export async function loadConfig(): Promise<AppConfig> {
  let file: Partial<AppConfig> = {};
  try {
    const response = await fetch('./config.json', { cache: 'no-store' });
    if (response.ok) file = (await response.json()) as Partial<AppConfig>;
  } catch {
    // No config.json: the defaults and the page's address decide.
  }
  const saved = JSON.parse(localStorage.getItem(SAVED) ?? '{}') as Partial<AppConfig>;
  const query = new URLSearchParams(location.search);
  return {
    node: query.get('node') ?? saved.node ?? file.node ?? DEFAULT_NODE,
    factory: query.get('factory') ?? saved.factory ?? file.factory ?? '',
  };
}

/** Remembers the fan's choice of node and factory for the next visit. */
export function saveConfig(config: AppConfig): void {
  localStorage.setItem(SAVED, JSON.stringify(config));
}

/** The native currency's symbol and decimals, as the chain declares them. */
export interface NativeCurrency {
  symbol: string;
  decimals: number;
}

export interface Chain {
  client: DedotClient;
  native: NativeCurrency;
  name: string;
}

/**
 * Connects to `url`, or throws "No node answers at …" within `timeoutMs`: the provider tries
 * twice more a second apart, then gives up rather than retrying forever behind a blank page.
 */
export async function connect(url: string, timeoutMs = 8_000): Promise<Chain> {
  if (!/^wss?:\/\//.test(url)) throw new Error(`"${url}" is not a node URL: it starts with ws:// or wss://.`);
  const provider = new WsProvider({ endpoint: url, retryDelayMs: 1_000, maxRetryAttempts: 2 });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
  });
  try {
    // A local dev node seals a block only for a transaction: an hour without one is no stale connection.
    const local = /^wss?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|\/|$)/.test(url);
    const client = await Promise.race([DedotClient.new({ provider, rpcVersion: 'legacy', ...(local ? { stalingDetectionTimeout: 0 } : {}) }), timeout]);
    const [properties, name] = await Promise.all([client.rpc.system_properties(), client.rpc.system_chain()]);
    const first = <T,>(value: T | T[] | undefined, fallback: T): T => (Array.isArray(value) ? (value[0] ?? fallback) : (value ?? fallback));
    return {
      client,
      name,
      native: { symbol: first(properties.tokenSymbol as string | string[] | undefined, 'UNIT'), decimals: first(properties.tokenDecimals as number | number[] | undefined, 12) },
    };
  } catch {
    provider.disconnect().catch(() => undefined);
    throw new Error(`No node answers at ${url}. Start one (substrate-contracts-node --dev) or enter another node URL.`);
  } finally {
    clearTimeout(timer);
  }
}

/** The free native balance of `address`. */
export async function nativeBalance(client: DedotClient, address: string): Promise<bigint> {
  return (await client.query.system.account(address)).data.free;
}
