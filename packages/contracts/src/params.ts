/**
 * A creator's parameters file: every field of the factory's `CreatorParams`, documented, with
 * a default, in units people write (whole tokens, `30d`), checked before anything is sent.
 *
 * The file is JSON. Only `name` and `symbol` are required; `printDefaults()` shows the rest.
 * The factory's own validation (`creator_factory::params::validate`) runs again in the dry
 * run of `create_creator`, before that transaction is signed.
 */
import type { CreatorFactoryCreatorParamsLike } from './generated/creator-factory/types.js';

/** How a field is written in the file and what it becomes. */
type Kind =
  | 'text' // a non-blank string
  | 'uri' // a string, may be empty
  | 'tokens' // whole tokens as a decimal string ("21000000", "0.5"): times 10^decimals, a u128
  | 'native' // the native currency's smallest units, an integer (string or number): a u128
  | 'count128' // an integer: a u128
  | 'duration' // milliseconds: an integer, or a string with a unit ("90s", "10m", "7d"): a u64
  | 'u64' // an integer: a u64
  | 'u32'
  | 'u16'
  | 'u8'
  | 'bps' // basis points, 0 to 10,000: a u16
  | 'optional-duration' // null, or a duration
  | 'optional-count128' // null, or an integer
  | 'platform' // null, or { "account": SS58, "bps": 0..10,000 }
  | 'mode'; // "Fair" or "Custom"

/** One field of the parameters file. */
export interface Field {
  /** Its path in the file (and in the typed API's `CreatorParamsLike`). */
  readonly path: string;
  readonly kind: Kind;
  /** The default (as written in a file); a function of the file's symbol for the names. */
  readonly default: unknown | ((symbol: string) => unknown);
  readonly doc: string;
}

const DAY = '1d';

/** Every field, in the order of `CreatorParams`. */
export const FIELDS: readonly Field[] = [
  { path: 'name', kind: 'text', default: undefined, doc: "The token's name (required)." },
  { path: 'symbol', kind: 'text', default: undefined, doc: "The token's ticker (required), e.g. MIRA." },
  { path: 'decimals', kind: 'u8', default: 18, doc: 'Decimals of the token (at most 38).' },
  { path: 'cap', kind: 'tokens', default: '21000000', doc: 'The supply cap, in whole tokens: nothing can ever mint beyond it.' },
  { path: 'creatorAllocation', kind: 'tokens', default: '2000000', doc: "Minted to the creator's vesting wallet at creation, in whole tokens." },
  { path: 'vestingCliff', kind: 'duration', default: '30d', doc: 'Nothing of the allocation vests before this time after creation.' },
  { path: 'vestingDuration', kind: 'duration', default: '365d', doc: 'The allocation vests linearly over this time from creation.' },
  { path: 'collectionName', kind: 'text', default: (symbol: string) => `${symbol} Drops`, doc: "The NFT collection's name (default: \"<symbol> Drops\")." },
  { path: 'collectionSymbol', kind: 'text', default: (symbol: string) => `${symbol}D`, doc: "The NFT collection's symbol (default: \"<symbol>D\")." },
  { path: 'baseUri', kind: 'uri', default: (symbol: string) => `ipfs://${symbol.toLowerCase()}/`, doc: "The collection's base URI; a token's URI is this plus its id." },
  { path: 'treasuryBps', kind: 'bps', default: 7000, doc: "The creator's share of NFT sales (basis points; with distributorBps, 10,000)." },
  { path: 'distributorBps', kind: 'bps', default: 3000, doc: "The stakers' share of NFT sales (basis points)." },
  { path: 'rewardDuration', kind: 'duration', default: '7d', doc: 'How long the distributor streams each deposit to the stakers (a day to a year).' },
  { path: 'unstakeCooldown', kind: 'duration', default: '0', doc: 'How long unstaked tokens wait before they can be withdrawn (at most 24 hours).' },
  { path: 'epochLength', kind: 'duration', default: '7d', doc: "The mining pool's epoch: points earned in it are claimable after it ends." },
  { path: 'initialEmission', kind: 'tokens', default: '100000', doc: 'Tokens the pool mints for epoch 0 (shared pro rata by points), in whole tokens.' },
  { path: 'halvingInterval', kind: 'u32', default: 26, doc: "Epochs until the pool's emission halves." },
  { path: 'miningCap', kind: 'tokens', default: '5000000', doc: 'The most the mining pool may ever mint, in whole tokens.' },
  { path: 'maxPointsPerAccount', kind: 'count128', default: 1000, doc: 'The most points one account may earn in one epoch.' },
  { path: 'disputeWindow', kind: 'duration', default: DAY, doc: "After an epoch ends, how long attestations can still be revoked before its points pay." },
  { path: 'basePrice', kind: 'native', default: '100000000', doc: "The market's launch floor: the price of the first whole token (native smallest units)." },
  { path: 'priceSlope', kind: 'native', default: '100000', doc: "The floor's rise per whole token the market sells (native smallest units)." },
  { path: 'fees.creatorBps', kind: 'bps', default: 100, doc: "The creator's share of every market trade (basis points; the four shares at most 1,000)." },
  { path: 'fees.stakersBps', kind: 'bps', default: 100, doc: "The stakers' share of every trade, sent to the distributor." },
  { path: 'fees.referrerBps', kind: 'bps', default: 100, doc: "A referrer's share (the stakers' when a trade names none)." },
  { path: 'fees.platform', kind: 'platform', default: null, doc: 'A platform\'s share: null, or { "account": SS58, "bps": n }.' },
  { path: 'fees.launchBps', kind: 'bps', default: 2000, doc: 'The fee at launch, decaying to the normal total over launchPeriod (at most 2,500; the excess to the stakers).' },
  { path: 'fees.launchPeriod', kind: 'duration', default: '10m', doc: 'How long the launch fee takes to decay (at most 7 days).' },
  { path: 'maxTokensPerCall', kind: 'optional-count128', default: null, doc: 'null, or the most token units one market buy may mint.' },
  { path: 'pow.initialReward', kind: 'tokens', default: '50', doc: 'Proof of work: the reward of each solution in era 0, in whole tokens.' },
  { path: 'pow.halvingInterval', kind: 'u64', default: 10000, doc: 'Solutions per era (the reward halves after each).' },
  { path: 'pow.cap', kind: 'tokens', default: '1000000', doc: 'The most proof of work may ever mint, in whole tokens.' },
  { path: 'pow.initialDifficulty', kind: 'count128', default: '1048576', doc: 'Expected hashes per solution at the start.' },
  { path: 'pow.minDifficulty', kind: 'count128', default: '4096', doc: 'The difficulty floor (at least 1, at most initialDifficulty).' },
  { path: 'pow.maxDifficulty', kind: 'count128', default: '18446744073709551616', doc: 'The difficulty ceiling (at least initialDifficulty).' },
  { path: 'pow.solutionTime', kind: 'duration', default: '60s', doc: 'The aimed time per solution (at most a year).' },
  { path: 'pow.retargetInterval', kind: 'u32', default: 16, doc: 'Solutions between two difficulty retargets (1 to 10,000).' },
  { path: 'creations.points', kind: 'count128', default: 100, doc: 'Mining points an accepted creation earns its creator (at most budget).' },
  { path: 'creations.budget', kind: 'count128', default: 1000, doc: 'The most points all creations may earn in one epoch.' },
  { path: 'creations.reviewWindow', kind: 'duration', default: '3d', doc: 'How long a curator has to review a submission (1 ms to 30 days).' },
  { path: 'creations.maxPending', kind: 'u32', default: 3, doc: 'Most submissions one account may have waiting (1 to 16).' },
  { path: 'creations.openInterval', kind: 'optional-duration', default: null, doc: 'null: curated (the creator curates). A duration (at least 1h): open, one creation per account per interval.' },
  { path: 'mode', kind: 'mode', default: 'Fair', doc: '"Fair" (no account can mint or burn at will) or "Custom" (the creator holds the token\'s roles).' },
];

/** A refusal of the parameters file: every problem found, one per line. */
export class ParamsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid parameters:\n  ${problems.join('\n  ')}`);
    this.name = 'ParamsError';
  }
}

const UNITS: Record<string, bigint> = { ms: 1n, s: 1_000n, m: 60_000n, h: 3_600_000n, d: 86_400_000n };
const MAX: Record<string, bigint> = {
  u8: 2n ** 8n - 1n,
  u16: 2n ** 16n - 1n,
  u32: 2n ** 32n - 1n,
  u64: 2n ** 64n - 1n,
  u128: 2n ** 128n - 1n,
};

function integer(value: unknown): bigint | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return BigInt(value);
  return undefined;
}

function duration(value: unknown): bigint | undefined {
  const plain = integer(value);
  if (plain !== undefined) return plain;
  const match = typeof value === 'string' ? /^(\d+)\s*(ms|s|m|h|d)$/.exec(value) : null;
  return match ? BigInt(match[1]!) * UNITS[match[2]!]! : undefined;
}

function tokens(value: unknown, decimals: number): bigint | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return undefined;
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) return undefined;
  return BigInt(match[1]!) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
}

function get(object: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], object);
}

function set(object: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = object;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
}

/** Every leaf path of `object` (objects of a `platform` field are leaves). */
function paths(object: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(object).flatMap(([key, value]) => {
    const path = prefix + key;
    const isGroup = value !== null && typeof value === 'object' && !Array.isArray(value) && path !== 'fees.platform';
    return isGroup ? paths(value as Record<string, unknown>, `${path}.`) : [path];
  });
}

/** The parameters file with every default filled in, for a creator's symbol. */
export function defaults(symbol = 'MIRA', name = `${symbol} Coin`): Record<string, unknown> {
  const file: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const value = typeof field.default === 'function' ? field.default(symbol) : field.default;
    set(file, field.path, field.path === 'name' ? name : field.path === 'symbol' ? symbol : value);
  }
  return file;
}

/**
 * The factory's `CreatorParams` from a parameters file, or a `ParamsError` listing every
 * problem: unknown fields, missing or mistyped values, out-of-range numbers, and the rules the
 * factory checks that need no chain (shares, the cap against the allocations, a priced curve,
 * creation points within the budget, difficulty bounds).
 */
export function toCreatorParams(file: unknown, isAddress: (text: string) => boolean): CreatorFactoryCreatorParamsLike {
  const problems: string[] = [];
  if (file === null || typeof file !== 'object' || Array.isArray(file)) throw new ParamsError(['the file is not a JSON object']);
  const input = file as Record<string, unknown>;
  const known = new Set(FIELDS.map((field) => field.path));
  for (const path of paths(input)) if (!known.has(path)) problems.push(`${path}: no such field`);
  const symbol = typeof input.symbol === 'string' ? input.symbol : 'MIRA';
  const decimalsValue = get(input, 'decimals') ?? 18;
  const decimals = typeof decimalsValue === 'number' && Number.isInteger(decimalsValue) ? decimalsValue : 18;
  if (decimals < 0 || decimals > 38) problems.push('decimals: at most 38');

  const out: Record<string, unknown> = {};
  for (const field of FIELDS) {
    let value = get(input, field.path);
    if (value === undefined) value = typeof field.default === 'function' ? field.default(symbol) : field.default;
    const wrong = (what: string) => problems.push(`${field.path}: ${what} (got ${JSON.stringify(value)})`);
    const bounded = (n: bigint | undefined, max: bigint, what: string) => {
      if (n === undefined || n > max) wrong(what);
      return n;
    };
    switch (field.kind) {
      case 'text':
        if (typeof value !== 'string' || value.trim() === '') wrong(value === undefined ? 'required' : 'a non-blank string');
        else set(out, field.path, value);
        break;
      case 'uri':
        if (typeof value !== 'string') wrong('a string');
        else set(out, field.path, value);
        break;
      case 'tokens':
        set(out, field.path, bounded(tokens(value, decimals), MAX.u128!, `whole tokens as a decimal string with at most ${decimals} decimals`));
        break;
      case 'native':
      case 'count128':
        set(out, field.path, bounded(integer(value), MAX.u128!, 'a non-negative integer (a string for big numbers)'));
        break;
      case 'duration':
        set(out, field.path, bounded(duration(value), MAX.u64!, 'milliseconds, or a number with ms, s, m, h or d'));
        break;
      case 'u64':
        set(out, field.path, bounded(integer(value), MAX.u64!, 'an integer below 2^64'));
        break;
      case 'u32':
      case 'u16':
      case 'u8': {
        const n = bounded(integer(value), MAX[field.kind]!, `an integer that fits a ${field.kind}`);
        if (n !== undefined) set(out, field.path, Number(n));
        break;
      }
      case 'bps': {
        const n = bounded(integer(value), 10_000n, 'basis points, 0 to 10,000');
        if (n !== undefined) set(out, field.path, Number(n));
        break;
      }
      case 'optional-duration':
        set(out, field.path, value === null ? undefined : bounded(duration(value), MAX.u64!, 'null or a duration'));
        break;
      case 'optional-count128':
        set(out, field.path, value === null ? undefined : bounded(integer(value), MAX.u128!, 'null or an integer'));
        break;
      case 'platform': {
        if (value === null) {
          set(out, field.path, undefined);
          break;
        }
        const platform = value as { account?: unknown; bps?: unknown };
        const bps = integer(platform?.bps);
        if (typeof platform?.account !== 'string' || !isAddress(platform.account) || bps === undefined || bps > 10_000n) {
          wrong('null or { "account": an SS58 address, "bps": basis points }');
        } else {
          set(out, field.path, [platform.account, Number(bps)]);
        }
        break;
      }
      case 'mode':
        if (value !== 'Fair' && value !== 'Custom') wrong('"Fair" or "Custom"');
        else set(out, field.path, value);
        break;
    }
  }
  if (problems.length === 0) problems.push(...crossChecks(out as unknown as CreatorFactoryCreatorParamsLike));
  if (problems.length > 0) throw new ParamsError(problems);
  return out as unknown as CreatorFactoryCreatorParamsLike;
}

/** The factory's rules between fields (the chain's dry run checks them all again). */
function crossChecks(p: CreatorFactoryCreatorParamsLike): string[] {
  const problems: string[] = [];
  if (p.treasuryBps + p.distributorBps !== 10_000) problems.push('treasuryBps + distributorBps: must be 10,000');
  if (p.creatorAllocation + p.miningCap + p.pow.cap > p.cap) problems.push('cap: below creatorAllocation + miningCap + pow.cap');
  if (p.basePrice === 0n && p.priceSlope === 0n) problems.push('basePrice, priceSlope: the curve must price something');
  const fees = p.fees;
  const normal = fees.creatorBps + fees.stakersBps + fees.referrerBps + (fees.platform?.[1] ?? 0);
  if (normal > 1_000) problems.push('fees: the four shares add up to more than 1,000 bps (10 %)');
  if (fees.launchBps > 2_500) problems.push('fees.launchBps: at most 2,500 (25 %)');
  if (fees.launchPeriod > 7n * 86_400_000n) problems.push('fees.launchPeriod: at most 7 days');
  if (p.creations.points === 0n || p.creations.points > p.creations.budget) problems.push('creations.points: positive and at most creations.budget');
  const pow = p.pow;
  if (!(1n <= pow.minDifficulty && pow.minDifficulty <= pow.initialDifficulty && pow.initialDifficulty <= pow.maxDifficulty)) {
    problems.push('pow: 1 <= minDifficulty <= initialDifficulty <= maxDifficulty');
  }
  return problems;
}

/** The fields as a Markdown table (the launch guide's). */
export function describe(): string {
  const rows = FIELDS.map((field) => {
    const value = typeof field.default === 'function' ? field.default('MIRA') : field.default;
    const shown = value === undefined ? '(required)' : `\`${JSON.stringify(value)}\``;
    return `| \`${field.path}\` | ${shown} | ${field.doc} |`;
  });
  return ['| field | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
