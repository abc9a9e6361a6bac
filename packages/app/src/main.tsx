/**
 * The creator's web app: the registry of a factory's creators (`#/`), a fan's page for one
 * creator (`#/c/<creator>`) and the creator's page (`#/c/<creator>/manage`), on the package
 * `@creator-suite/contracts`, against the node the config names, signing with a browser wallet.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';

import type { InjectedAccount, InjectedSigner, InjectedWindow } from 'dedot/types';

import { connect, loadConfig, saveConfig, type AppConfig, type Chain } from './chain.js';
import { routeOf, type Route } from './lib/route.js';
import { enableWallet, installedWallets } from './lib/wallet.js';
import { CreatorPage } from './pages/creator.js';
import { FanPage } from './pages/fan.js';
import { RegistryPage } from './pages/registry.js';
import { Field, Notice, type Signer } from './ui.js';
import './style.css';

const APP_NAME = 'Creator suite';

function useRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(routeOf(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** The node and factory settings. */
function Settings({ config }: { config: AppConfig }) {
  const [node, setNode] = useState(config.node);
  const [factory, setFactory] = useState(config.factory);
  return (
    <form
      class="settings"
      onSubmit={(event) => {
        event.preventDefault();
        saveConfig({ node: node.trim(), factory: factory.trim() });
        location.search = '';
      }}
    >
      <Field label="Node URL" name="node" value={node} onInput={setNode} />
      <Field label="Factory" name="factory" value={factory} onInput={setFactory} placeholder="the platform's factory address" />
      <button type="submit">Use these</button>
    </form>
  );
}

/** Connect a browser wallet and pick the account to sign with. */
function WalletBar({ signer, onSigner }: { signer?: Signer; onSigner: (signer?: Signer) => void }) {
  const injected = (window as unknown as Partial<InjectedWindow>).injectedWeb3;
  const wallets = installedWallets(injected);
  const [accounts, setAccounts] = useState<{ list: InjectedAccount[]; signer: InjectedSigner }>();
  const [error, setError] = useState('');
  const pick = (address: string, from = accounts) => {
    const account = from?.list.find((a) => a.address === address);
    onSigner(account && from ? { address: account.address, signer: from.signer, ...(account.name ? { name: account.name } : {}) } : undefined);
  };
  if (wallets.length === 0) return <Notice>No browser wallet found: install the Polkadot.js extension, Talisman or SubWallet to sign. You can look around without one.</Notice>;
  return (
    <div class="wallet">
      {!accounts &&
        wallets.map((wallet) => (
          <button
            key={wallet.id}
            onClick={async () => {
              try {
                const enabled = await enableWallet(injected, wallet.id, APP_NAME);
                const found = { list: enabled.list, signer: enabled.signer };
                setAccounts(found);
                setError('');
                pick(enabled.list[0]!.address, found);
              } catch (e) {
                setError(e instanceof Error ? e.message : String(e));
              }
            }}
          >
            Connect {wallet.label}
          </button>
        ))}
      {accounts && (
        <label class="field">
          <span>Account</span>
          <select name="account" value={signer?.address} onChange={(event) => pick((event.target as HTMLSelectElement).value)}>
            {accounts.list.map((account) => (
              <option key={account.address} value={account.address}>
                {account.name ? `${account.name} (${account.address})` : account.address}
              </option>
            ))}
          </select>
        </label>
      )}
      {error && <Notice kind="error">{error}</Notice>}
    </div>
  );
}

function App() {
  const route = useRoute();
  const [config, setConfig] = useState<AppConfig>();
  const [chain, setChain] = useState<Chain>();
  const [problem, setProblem] = useState('');
  const [signer, setSigner] = useState<Signer>();
  useEffect(() => {
    loadConfig().then((loaded) => {
      setConfig(loaded);
      connect(loaded.node).then(setChain, (error: Error) => setProblem(error.message));
    });
  }, []);
  const title = { registry: 'Creators', fan: "A creator's economy", creator: "The creator's desk" }[route.page];
  return (
    <>
      <header>
        <nav>
          <a href="#/">Creators</a>
          {route.page !== 'registry' && <a href={`#/c/${route.creator}`}>Fan page</a>}
          {route.page !== 'registry' && <a href={`#/c/${route.creator}/manage`}>Creator page</a>}
        </nav>
        <h1 data-page={route.page}>{title}</h1>
        {chain && <p class="chain" data-chain={chain.name}>Connected to {chain.name} at {config?.node}</p>}
        {chain && <WalletBar {...(signer ? { signer } : {})} onSigner={setSigner} />}
      </header>
      <main>
        {problem && (
          <Notice kind="error">
            <span data-problem="node">{problem}</span>
          </Notice>
        )}
        {!chain && !problem && <Notice>Connecting to {config?.node ?? 'the node'}…</Notice>}
        {chain && !config?.factory && <Notice kind="error">No factory is set: enter the platform's factory address below.</Notice>}
        {chain && config?.factory && route.page === 'registry' && <RegistryPage chain={chain} factory={config.factory} />}
        {chain && config?.factory && route.page === 'fan' && <FanPage chain={chain} factory={config.factory} creator={route.creator} {...(signer ? { signer } : {})} />}
        {chain && config?.factory && route.page === 'creator' && <CreatorPage chain={chain} factory={config.factory} creator={route.creator} {...(signer ? { signer } : {})} />}
      </main>
      <footer>{config && <Settings config={config} />}</footer>
    </>
  );
}

render(<App />, document.getElementById('app')!);
