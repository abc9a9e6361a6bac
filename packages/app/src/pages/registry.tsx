/** The registry page: the factory's creators, a page of 20 at a time, each with its token. */
import { useState } from 'preact/hooks';

import { listCreators } from '@creator-suite/contracts';
import { SuiteClient } from '@creator-suite/contracts/client';

import type { Chain } from '../chain.js';
import { formatUnits } from '../lib/format.js';
import { Card, Notice, useLoad } from '../ui.js';

const PAGE = 20;

interface Row {
  creator: string;
  name?: string;
  symbol?: string;
  supply: string;
}

async function loadPage(chain: Chain, factory: string, start: number): Promise<{ rows: Row[]; total: number }> {
  const { creators, total } = await listCreators(chain.client, factory, start, PAGE);
  const rows = await Promise.all(
    creators.map(async (creator): Promise<Row> => {
      const suite = await SuiteClient.open(chain.client, factory, creator);
      const info = await suite?.tokenInfo();
      return { creator, ...(info?.name ? { name: info.name } : {}), ...(info?.symbol ? { symbol: info.symbol } : {}), supply: info ? formatUnits(info.totalSupply, info.decimals, 0) : '?' };
    }),
  );
  return { rows, total };
}

export function RegistryPage({ chain, factory }: { chain: Chain; factory: string }) {
  const [start, setStart] = useState(0);
  const { value, error } = useLoad(() => loadPage(chain, factory, start), [chain, factory, start]);
  return (
    <Card title={`Creators on factory ${factory}`} id="registry">
      {error && <Notice kind="error">The factory did not answer: {error}</Notice>}
      {!value && !error && <Notice>Loading the creators…</Notice>}
      {value && value.total === 0 && <Notice>No creator has launched on this factory yet.</Notice>}
      {value && value.total > 0 && (
        <>
          <p data-stat="creator-count">{value.total} creators</p>
          <table>
            <thead>
              <tr>
                <th>Token</th>
                <th>Creator</th>
                <th>Supply</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {value.rows.map((row) => (
                <tr key={row.creator} data-creator={row.creator}>
                  <td>
                    <strong>{row.symbol ?? '?'}</strong> {row.name}
                  </td>
                  <td class="address">{row.creator}</td>
                  <td>{row.supply}</td>
                  <td>
                    <a href={`#/c/${row.creator}`}>Fan page</a> · <a href={`#/c/${row.creator}/manage`}>Creator page</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="pager">
            <button disabled={start === 0} onClick={() => setStart(Math.max(0, start - PAGE))}>
              Previous
            </button>
            <span>
              {start + 1}–{Math.min(start + PAGE, value.total)} of {value.total}
            </span>
            <button disabled={start + PAGE >= value.total} onClick={() => setStart(start + PAGE)}>
              Next
            </button>
          </div>
        </>
      )}
    </Card>
  );
}
