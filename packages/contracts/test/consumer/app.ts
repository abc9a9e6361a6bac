// A frontend's program against the package as installed (by its name, through its exports):
// `scripts/package-test` runs `tsc` on it. Every line is a type check; the `@ts-expect-error`
// lines must fail to type-check, or tsc reports them unused.
import { DedotClient, WsProvider } from 'dedot';
import { CONTRACTS, EVENT_TOPICS, errorText, openSuite, type Factory, type Market, type Suite } from '@creator-suite/contracts';
import { SuiteClient, SuiteError, lessSlippage, type Account } from '@creator-suite/contracts/client';
import { toCreatorParams, defaults } from '@creator-suite/contracts/params';
import type { DeploymentRecord } from '@creator-suite/contracts/deploy';

export async function fanPage(url: string, factory: string, creator: string, me: Account): Promise<string> {
  const client = await DedotClient.new({ provider: new WsProvider(url), rpcVersion: 'legacy' });
  const suite: Suite | undefined = await openSuite(client, factory, creator);
  if (!suite) return 'no suite';
  const balance: bigint = (await suite.token.query.psp22BalanceOf(me.address)).data;
  const addresses: Factory.CreatorFactorySuite = suite.addresses;
  // @ts-expect-error a suite has no treasury contract
  suite.addresses.treasury;
  // @ts-expect-error a balance is a bigint, not a string
  const wrong: string = (await suite.token.query.psp22BalanceOf(me.address)).data;
  // @ts-expect-error an account, not a number
  await suite.token.query.psp22BalanceOf(42);
  const quote = await suite.market.query.quoteBuy(10n ** 12n);
  if (quote.data.isOk) {
    const tokens: bigint = quote.data.value.tokens;
    void tokens;
  } else {
    const why: Market.CreatorMarketMarketError = quote.data.err;
    return errorText(why, 'MarketError');
  }
  const drop = (await suite.collection.query.dropInfo()).data;
  const price: bigint | undefined = drop?.config.price;
  suite.distributor.tx.stake(1_000n);
  // @ts-expect-error stake takes an amount
  suite.distributor.tx.stake('all');
  void suite.token.events.Transfer;

  const fan = await SuiteClient.open(client, factory, creator);
  if (fan) {
    try {
      const { quote: q, minTokensOut, receipt } = await fan.marketBuy(me, 10n ** 12n, { slippageBps: 50 });
      const events: string[] = receipt.events.map((e) => `${e.contract}.${e.name}`);
      void [q.tokens satisfies bigint, minTokensOut satisfies bigint, events];
    } catch (error) {
      if (error instanceof SuiteError) return error.text;
    }
    // @ts-expect-error slippage in basis points, a number
    await fan.marketBuy(me, 1n, { slippageBps: '1%' });
  }
  const record: DeploymentRecord | undefined = undefined;
  void [addresses, wrong, price, record, CONTRACTS.length, EVENT_TOPICS[0]?.topic, lessSlippage(balance, 100)];
  void (toCreatorParams(defaults('MIRA'), () => true).cap satisfies bigint);
  return 'ok';
}
