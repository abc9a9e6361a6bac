/**
 * The creator's page: open and end drops, review fans' creations, register community projects
 * and attest contributions, see the market's fees and pay them out. Each action needs its role
 * (the creator holds them at launch, and may grant them): the contract refuses anyone else, and
 * the page shows that refusal in words.
 */
import { useState } from 'preact/hooks';

import type { SuiteClient } from '@creator-suite/contracts/client';
import { blake2AsHex } from 'dedot/utils';

import type { Chain } from '../chain.js';
import { formatDuration, parseCount, parseUnits, shortAddress } from '../lib/format.js';
import { Card, Field, Notice, Stat, TxStatus, useAct, useLoad, type Signer } from '../ui.js';
import { useSuite, type OpenSuite } from './suite.js';

/** The newest submissions and projects a page lists. */
const LISTED = 20;

function Drops({ open, signer }: { open: OpenSuite; signer?: Signer }) {
  const { suite, version } = open;
  const [price, setPrice] = useState('10');
  const [supply, setSupply] = useState('100');
  const [perAccount, setPerAccount] = useState('5');
  const [perCall, setPerCall] = useState('5');
  const [hours, setHours] = useState('24');
  const tx = useAct(open.reload, signer);
  const drop = useLoad(async () => ({ drop: await suite.dropInfo(), now: await suite.now() }), [suite, version]);
  const current = drop.value?.drop;
  return (
    <Card title="Drops" id="drops">
      {current ? (
        <>
          <Stat label={`Drop #${current.id}`} value={`${current.sold} of ${current.config.maxSupply} sold at ${open.tokens(current.config.price)}`} name="drop-state" />
          <Stat label="Closes in" value={formatDuration(current.config.end - (drop.value?.now ?? 0n))} name="drop-closes" />
        </>
      ) : (
        <Notice>No drop is open.</Notice>
      )}
      <h3>Open a drop (replaces the current one)</h3>
      <Field label={`Price (${open.token.symbol ?? 'tokens'})`} name="drop-price" value={price} onInput={setPrice} />
      <Field label="Items" name="drop-supply" value={supply} onInput={setSupply} />
      <Field label="Per fan" name="drop-per-account" value={perAccount} onInput={setPerAccount} />
      <Field label="Per purchase" name="drop-per-call" value={perCall} onInput={setPerCall} />
      <Field label="Open for (hours)" name="drop-hours" value={hours} onInput={setHours} />
      <button
        name="open-drop"
        disabled={!signer || tx.busy}
        onClick={() =>
          tx.act('Drop opened', async (s, progress) => {
            const now = await suite.now();
            const config = {
              paymentToken: suite.address('token'),
              price: parseUnits(price, open.token.decimals),
              start: now,
              end: now + BigInt(parseCount(hours, 1, 24 * 365)) * 3_600_000n,
              maxSupply: parseCount(supply, 1, 2 ** 32 - 1),
              maxPerAccount: parseCount(perAccount, 1, 2 ** 32 - 1),
              maxPerCall: parseCount(perCall, 1, 2 ** 32 - 1),
            };
            return suite.configureDrop(s, config, progress);
          })
        }
      >
        Open the drop
      </button>
      <button name="end-drop" disabled={!signer || !current || tx.busy} onClick={() => tx.act('Drop ended', (s, progress) => suite.endDrop(s, progress))}>
        End the drop
      </button>
      <TxStatus view={tx.view} name="drops" />
    </Card>
  );
}

async function pendingSubmissions(suite: SuiteClient) {
  const { creations } = suite.suite;
  const count = (await creations.query.submissionCount()).data;
  const ids = Array.from({ length: Number(count < BigInt(LISTED) ? count : BigInt(LISTED)) }, (_, i) => count - 1n - BigInt(i));
  const rows = await Promise.all(ids.map(async (id) => ({ id, submission: (await creations.query.submission(id)).data })));
  return rows.flatMap(({ id, submission }) => (submission ? [{ id, ...submission }] : []));
}

function Creations({ open, signer }: { open: OpenSuite; signer?: Signer }) {
  const { suite, version } = open;
  const tx = useAct(open.reload, signer);
  const pending = useLoad(() => pendingSubmissions(suite), [suite, version]);
  return (
    <Card title="Fans' creations awaiting review" id="creations">
      {pending.error && <Notice kind="error">{pending.error}</Notice>}
      {pending.value?.length === 0 && <Notice>Nothing awaits review.</Notice>}
      {pending.value && pending.value.length > 0 && (
        <table>
          <tbody>
            {pending.value.map((row) => (
              <tr key={String(row.id)} data-submission={String(row.id)}>
                <td>#{String(row.id)}</td>
                <td class="address">{shortAddress(row.creator.address())}</td>
                <td>{row.uri}</td>
                <td>
                  <button name="accept" disabled={!signer || tx.busy} onClick={() => tx.act(`Creation #${row.id} accepted and minted`, (s, p) => suite.reviewCreation(s, row.id, true, p))}>
                    Accept
                  </button>
                  <button name="reject" disabled={!signer || tx.busy} onClick={() => tx.act(`Creation #${row.id} rejected`, (s, p) => suite.reviewCreation(s, row.id, false, p))}>
                    Reject
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <TxStatus view={tx.view} name="creations" />
    </Card>
  );
}

async function projects(suite: SuiteClient) {
  const { pool } = suite.suite;
  const [count, epoch] = await Promise.all([pool.query.projectCount().then((r) => r.data), suite.currentEpoch()]);
  const ids = Array.from({ length: Math.min(count, LISTED) }, (_, i) => count - 1 - i);
  const rows = await Promise.all(
    ids.map(async (id) => ({
      id,
      project: (await pool.query.project(id)).data,
      used: epoch === undefined ? 0n : (await pool.query.projectUsed(id, epoch)).data,
    })),
  );
  return rows.flatMap(({ id, project, used }) => (project ? [{ id, used, ...project }] : []));
}

function Projects({ open, signer }: { open: OpenSuite; signer?: Signer }) {
  const { suite, version } = open;
  const [uri, setUri] = useState('');
  const [lead, setLead] = useState('');
  const [budget, setBudget] = useState('1000');
  const [project, setProject] = useState('');
  const [contributor, setContributor] = useState('');
  const [points, setPoints] = useState('10');
  const [reference, setReference] = useState('');
  const tx = useAct(open.reload, signer);
  const list = useLoad(() => projects(suite), [suite, version]);
  return (
    <Card title="Community projects" id="projects">
      {list.value?.length === 0 && <Notice>No project is registered.</Notice>}
      {list.value && list.value.length > 0 && (
        <table>
          <tbody>
            {list.value.map((row) => (
              <tr key={row.id} data-project={row.id}>
                <td>#{row.id}</td>
                <td>{row.uri}</td>
                <td class="address">lead {shortAddress(row.lead.address())}</td>
                <td>
                  {row.used.toString()} of {row.budget.toString()} points this epoch{row.active ? '' : ' (closed)'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Register a project</h3>
      <Field label="Name or URI" name="project-uri" value={uri} onInput={setUri} />
      <Field label="Lead (attests for it; default: you)" name="project-lead" value={lead} onInput={setLead} />
      <Field label="Points per epoch" name="project-budget" value={budget} onInput={setBudget} />
      <button
        name="register-project"
        disabled={!signer || !uri || tx.busy}
        onClick={() => tx.act(`Project "${uri}" registered`, (s, p) => suite.registerProject(s, uri.trim(), lead.trim() || s.address, parseUnits(budget, 0), p))}
      >
        Register
      </button>
      <h3>Attest a contribution (the project's lead)</h3>
      <Field label="Project #" name="attest-project" value={project} onInput={setProject} />
      <Field label="Contributor" name="attest-contributor" value={contributor} onInput={setContributor} />
      <Field label="Points" name="attest-points" value={points} onInput={setPoints} />
      <Field label="Reference (a link or note; its hash is recorded)" name="attest-reference" value={reference} onInput={setReference} />
      <button
        name="attest"
        disabled={!signer || !contributor || tx.busy}
        onClick={() =>
          tx.act(`${points} points attested to ${shortAddress(contributor)}`, (s, p) => suite.attest(s, parseCount(project, 0, 2 ** 32 - 1), contributor.trim(), parseUnits(points, 0), blake2AsHex(reference || `${Date.now()}`), p))
        }
      >
        Attest
      </button>
      <TxStatus view={tx.view} name="projects" />
    </Card>
  );
}

function Fees({ open, signer, creator }: { open: OpenSuite; signer?: Signer; creator: string }) {
  const { suite, version } = open;
  const tx = useAct(open.reload, signer);
  const fees = useLoad(async () => {
    const distributor = suite.address('distributor');
    return { creator: await suite.feesOf(creator), stakers: await suite.feesOf(distributor), distributor };
  }, [suite, version, creator]);
  return (
    <Card title="Market fees" id="fees">
      {fees.value && (
        <>
          <Stat label="The creator's fees" value={open.native(fees.value.creator)} name="creator-fees" />
          <Stat label="The stakers' fees (to the distributor)" value={open.native(fees.value.stakers)} name="staker-fees" />
          <button name="withdraw-fees" disabled={!signer || tx.busy || fees.value.creator === 0n} onClick={() => tx.act(`Paid ${open.native(fees.value!.creator)} to the creator`, (s, p) => suite.withdrawFees(s, creator, p))}>
            Withdraw the creator's fees
          </button>
          <button
            name="push-staker-fees"
            disabled={!signer || tx.busy || fees.value.stakers === 0n}
            onClick={() => tx.act(`Sent ${open.native(fees.value!.stakers)} to the stakers`, (s, p) => suite.withdrawFees(s, fees.value!.distributor, p))}
          >
            Send the stakers' fees to the distributor
          </button>
        </>
      )}
      <TxStatus view={tx.view} name="fees" />
    </Card>
  );
}

export function CreatorPage({ chain, factory, creator, signer }: { chain: Chain; factory: string; creator: string; signer?: Signer }) {
  const { open, problem } = useSuite(chain, factory, creator);
  if (problem) return <Notice kind="error">{problem}</Notice>;
  if (!open) return <Notice>Opening the creator's suite…</Notice>;
  const s = signer ? { signer } : {};
  return (
    <div class="page" data-symbol={open.token.symbol}>
      <p class="lead">
        Managing <strong>{open.token.symbol}</strong> for {creator}.
      </p>
      {signer && signer.address !== creator && <Notice>You are not signed in as this creator: actions that need the creator's roles will be refused.</Notice>}
      <Drops open={open} {...s} />
      <Creations open={open} {...s} />
      <Projects open={open} {...s} />
      <Fees open={open} {...s} creator={creator} />
    </div>
  );
}
