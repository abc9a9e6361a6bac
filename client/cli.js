#!/usr/bin/env node
// The creator suite from the command line, against any node with pallet-contracts.
//
//   node cli.js [--url ws://127.0.0.1:9944] suite <factory> <creator>
//   node cli.js [--url ...] info <token>
//   node cli.js [--url ...] balance <token> <account>
//   SURI='//Alice' node cli.js [--url ...] transfer <token> <to> <amount>
//
// Amounts are in whole tokens (`1.5`), converted with the token's decimals; `--raw` takes
// them in the smallest unit. The signer comes from `SURI` (or `--suri`; the environment keeps
// it out of shell history). Fails with a clear error within `--timeout` seconds (default 10)
// when no node answers.

import { parseArgs } from 'node:util';

import { encodeAddress } from '@polkadot/util-crypto';

import { ContractError, SuiteClient } from './src/index.js';
import { accountFromSuri, bundlesDir, connect, loadMetadata } from './src/node.js';

const USAGE = `usage: node cli.js [--url URL] [--suri SURI] [--timeout S] [--raw] <command> ...
commands:
  suite <factory> <creator>        the creator's suite (token, collection, distributor, pool, vesting, market, pow, creations)
  info <token>                     name, symbol, decimals, total supply and cap
  balance <token> <account>        the account's token balance
  transfer <token> <to> <amount>   send tokens (signed by SURI / --suri)
options:
  --url URL       node WebSocket URL (default ws://127.0.0.1:9944)
  --suri SURI     signer secret URI, e.g. //Alice (default: env SURI)
  --timeout S     give up connecting after S seconds (default 10)
  --raw           amounts in the smallest unit instead of whole tokens
  --bundles DIR   where the .contract bundles are (default ${bundlesDir()}, or INK_BUNDLES_DIR)`;

/**
 * `1.5` whole tokens with `decimals` decimals, in the smallest unit.
 * @param {string} text @param {number} decimals @returns {bigint}
 */
export function parseAmount(text, decimals) {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new Error(`not an amount: ${text}`);
  const [, whole, fraction = ''] = match;
  if (fraction.length > decimals) throw new Error(`${text} has more than ${decimals} decimals`);
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
}

/**
 * `amount` smallest units as whole tokens.
 * @param {bigint} amount @param {number} decimals @returns {string}
 */
export function formatAmount(amount, decimals) {
  const one = 10n ** BigInt(decimals);
  const fraction = (amount % one).toString().padStart(decimals, '0').replace(/0+$/, '');
  return fraction ? `${amount / one}.${fraction}` : `${amount / one}`;
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string', default: 'ws://127.0.0.1:9944' },
      suri: { type: 'string' },
      timeout: { type: 'string', default: '10' },
      raw: { type: 'boolean', default: false },
      bundles: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...args] = positionals;
  const arity = /** @type {Record<string, number>} */ ({ suite: 2, info: 1, balance: 2, transfer: 3 });
  if (values.help || !command || !(command in arity) || args.length !== arity[command]) {
    console.log(USAGE);
    return values.help ? 0 : 1;
  }
  const suri = values.suri ?? process.env.SURI;
  if (command === 'transfer' && !suri) {
    console.error('error: transfer needs a signer: set SURI (or --suri)');
    return 1;
  }
  const api = await connect(values.url, { timeoutMs: Number(values.timeout) * 1000 });
  try {
    const metadata = loadMetadata(values.bundles ?? bundlesDir());
    const ss58 = api.registry.chainSS58 ?? 42;
    /** @param {string} hex */
    const address = (hex) => encodeAddress(hex, ss58);
    const client = SuiteClient.fromApi(api, metadata);
    if (command === 'suite') {
      const [factory, creator] = args;
      const suite = await client.getSuite(factory, creator);
      if (!suite) {
        console.log(`${creator} has no suite in factory ${factory}`);
        return 3;
      }
      for (const [role, hex] of Object.entries(suite)) console.log(`${role.padEnd(12)} ${address(hex)}`);
    } else if (command === 'info') {
      const info = await client.tokenInfo(args[0]);
      console.log(`name         ${info.name ?? ''}`);
      console.log(`symbol       ${info.symbol ?? ''}`);
      console.log(`decimals     ${info.decimals}`);
      console.log(`totalSupply  ${formatAmount(info.totalSupply, info.decimals)}`);
      console.log(`cap          ${formatAmount(info.cap, info.decimals)}`);
    } else if (command === 'balance') {
      const [token, account] = args;
      const [{ decimals, symbol }, balance] = await Promise.all([client.tokenInfo(token), client.balanceOf(token, account)]);
      console.log(values.raw ? `${balance}` : `${formatAmount(balance, decimals)} ${symbol ?? ''}`.trim());
    } else {
      const [token, to, amountText] = args;
      const { decimals, symbol } = await client.tokenInfo(token);
      const amount = values.raw ? BigInt(amountText) : parseAmount(amountText, decimals);
      const signer = await accountFromSuri(/** @type {string} */ (suri), { ss58Format: ss58 });
      const receipt = await client.transfer(signer, token, to, amount);
      console.log(`sent ${formatAmount(amount, decimals)} ${symbol ?? ''} from ${signer.address} to ${to}`);
      console.log(`in block ${receipt.blockHash} (tx ${receipt.txHash}); gas limit ref_time ${receipt.gasLimit.refTime}, proof_size ${receipt.gasLimit.proofSize}`);
      for (const event of receipt.events) console.log(`event ${event.event} ${JSON.stringify(event.fields)}`);
    }
    return 0;
  } finally {
    await api.disconnect();
  }
}

// Run when executed, not when imported (the tests import the amount helpers).
if (import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      const detail = error instanceof ContractError ? ` [${error.kind}: ${JSON.stringify(error.error)}]` : '';
      console.error(`error: ${error instanceof Error ? error.message : String(error)}${detail}`);
      process.exit(2);
    },
  );
}
