#!/usr/bin/env node
/**
 * creator-suite-deploy: deploys the suite and creates the signer's suite from a parameters
 * file (see `--help`). Progress goes to stderr, the deployment record alone to stdout (JSON).
 * Exit codes: 0 done, 1 failed (rerun with the same --record to resume), 2 bad usage or
 * parameters, 3 refused (a mainnet URL without --allow-mainnet, or a signer mismatch).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';

import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import { checkChain, deploy, isAddress, sameAccount, verify, type DeploymentRecord } from '../deploy.js';
import { defaults, describe, ParamsError, toCreatorParams } from '../params.js';

const HELP = `Usage: creator-suite-deploy --url WS_URL --params FILE --record FILE [options]

Deploys the creator suite and creates the signer's suite from a parameters file. The signer is
the creator (and the admin of a factory this deploy instantiates); its secret URI comes from
the SURI environment variable (or --suri, which shows in the process list).

  --url URL              the node (ws:// or wss://)
  --params FILE          the creator's parameters (JSON; see --print-params and --describe-params)
  --record FILE          the deployment record: read to resume, rewritten after every step
  --factory ADDRESS      create the suite on this existing factory (a platform's)
  --account ADDRESS      refuse to run unless the signer has this address
  --bundles DIR          the built contracts (default: target/ink)
  --domain N             a new factory's voucher domain, a chain id (default: 42)
  --salt HEX             a new factory's salt (default: fixed, so reruns find their factory)
  --accept-factory-code  create from the factory's registered code even if this build differs
  --allow-mainnet        allow a URL that is not local or a test network
  --print-params [SYMBOL]  print a parameters file with every default, and exit
  --describe-params      print every parameter's meaning as a Markdown table, and exit
  --check-chain          print what the chain at --url is (pallet-contracts? its deposits,
                         token, SS58 prefix) as JSON, and exit; sends nothing
  --verify CREATOR       compare the code of CREATOR's suite on --factory with this build
                         (code hashes), print JSON, exit 1 on any difference; sends nothing
`;

function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        url: { type: 'string' },
        params: { type: 'string' },
        record: { type: 'string' },
        factory: { type: 'string' },
        account: { type: 'string' },
        suri: { type: 'string' },
        bundles: { type: 'string', default: 'target/ink' },
        domain: { type: 'string' },
        salt: { type: 'string' },
        'accept-factory-code': { type: 'boolean', default: false },
        'allow-mainnet': { type: 'boolean', default: false },
        'print-params': { type: 'boolean', default: false },
        'describe-params': { type: 'boolean', default: false },
        'check-chain': { type: 'boolean', default: false },
        verify: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
    });
  } catch (error) {
    fail(2, `${(error as Error).message}\n\n${HELP}`);
  }
  const { values, positionals } = args;
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (values['print-params']) {
    process.stdout.write(`${JSON.stringify(defaults(positionals[0] ?? 'MIRA'), null, 2)}\n`);
    return;
  }
  if (values['describe-params']) {
    process.stdout.write(`${describe()}\n`);
    return;
  }
  if (positionals.length > 0) fail(2, `unexpected argument: ${positionals[0]}\n\n${HELP}`);
  const url = values.url ?? fail(2, '--url is required (see --help)');
  if (values['check-chain']) {
    const report = await checkChain(url).catch((error: Error) => fail(1, `no answer from ${url}: ${error.message}`));
    process.stdout.write(`${JSON.stringify(report, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`);
    if (!report.contracts) fail(1, `${report.chain} does not run pallet-contracts: the suite cannot be deployed there`);
    return;
  }
  if (values.verify !== undefined) {
    if (!isAddress(values.verify)) fail(2, `--verify: not an address: ${values.verify}`);
    const factory = values.factory ?? fail(2, '--verify needs --factory');
    const results = await verify(url, factory, values.verify, values.bundles).catch((error: Error) => fail(1, `verify failed: ${error.message}`));
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    const differing = results.filter((result) => !result.matches);
    if (differing.length > 0) fail(1, `code differs from this build: ${differing.map((result) => result.role).join(', ')}`);
    process.stderr.write(`all ${results.length} contracts run the code of this build\n`);
    return;
  }
  const paramsFile = values.params ?? fail(2, '--params is required (see --help)');
  const recordFile = values.record ?? fail(2, '--record is required (see --help)');
  if (!/^wss?:\/\//.test(url)) fail(2, `--url: a ws:// or wss:// URL, not ${url}`);
  const host = new URL(url).hostname;
  const local = /^(localhost|127\.[\d.]+|\[::1\])$/.test(host);
  const test = /(^|[.-])(test|testnet|local|rococo|westend|paseo)([.-]|$)/.test(host);
  if (!values['allow-mainnet'] && !local && !test) fail(3, `refusing ${url}: ${host} is not a local or test network; pass --allow-mainnet`);
  const domain = values.domain === undefined ? undefined : Number(values.domain);
  if (domain !== undefined && !(Number.isInteger(domain) && domain >= 0 && domain < 2 ** 32)) fail(2, '--domain: an integer that fits a u32');
  if (values.salt !== undefined && !/^0x([0-9a-fA-F]{2})*$/.test(values.salt)) fail(2, '--salt: 0x-prefixed hex');
  if (values.factory !== undefined && !isAddress(values.factory)) fail(2, `--factory: not an address: ${values.factory}`);

  let params;
  try {
    params = toCreatorParams(JSON.parse(readFileSync(paramsFile, 'utf8')), isAddress);
  } catch (error) {
    if (error instanceof ParamsError) fail(2, `${paramsFile}: ${error.message}`);
    fail(2, `${paramsFile}: ${(error as Error).message}`);
  }

  const suri = process.env.SURI || values.suri || fail(2, 'no signer: set SURI (or pass --suri)');
  await cryptoWaitReady();
  const signer = new Keyring({ type: 'sr25519' }).addFromUri(suri);
  if (values.account !== undefined && !sameAccount(values.account, signer.address)) {
    fail(3, `the signer is ${signer.address}, not --account ${values.account}`);
  }

  const record = existsSync(recordFile) ? (JSON.parse(readFileSync(recordFile, 'utf8')) as DeploymentRecord) : undefined;
  const save = (next: DeploymentRecord) => {
    mkdirSync(dirname(recordFile), { recursive: true });
    writeFileSync(`${recordFile}.tmp`, `${JSON.stringify(next, null, 2)}\n`);
    renameSync(`${recordFile}.tmp`, recordFile);
  };
  try {
    const done = await deploy({
      url,
      signer,
      params,
      bundles: values.bundles,
      ...(values.factory === undefined ? {} : { factory: values.factory }),
      ...(record === undefined ? {} : { record }),
      save,
      log: (line) => process.stderr.write(`${line}\n`),
      ...(domain === undefined ? {} : { domain }),
      ...(values.salt === undefined ? {} : { salt: values.salt as `0x${string}` }),
      acceptFactoryCode: values['accept-factory-code'],
    });
    process.stdout.write(`${JSON.stringify(done, null, 2)}\n`);
  } catch (error) {
    fail(1, `deploy failed: ${(error as Error).message}\n(the record ${recordFile} holds what is done; rerun to resume)`);
  }
}

await main();
