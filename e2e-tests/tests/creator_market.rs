//! The bonding-curve market with the creator token on the compiled Wasm.

use creator_market::{
    curve::{BuyQuote, Curve, SellQuote},
    Bought, MarketConfig, MarketError as Error, Sold,
};
use e2e_tests::{
    actors::{creator, fan, id, other_fan, platform},
    ink_id, AccountId32, Bundle, Chain, Contract, Receipt,
};
use psp::{AccessControlError, PSP22Error, PausableError, BURNER, MINTER};

const UNIT: u128 = 1_000_000_000_000; // 12 decimals
const NATIVE: u128 = 1_000_000_000; // 1e9 per native unit in these tests

/// A creator token and a standalone market on a linear curve, with a platform fee.
struct Suite {
    chain: Chain,
    token: Contract,
    market: Contract,
}

impl Suite {
    fn new(max_tokens_per_call: Option<u128>) -> Self {
        let mut chain = Chain::new();
        chain.set_time(1_000);
        let args = (
            Some(String::from("Mira")),
            Some(String::from("MIRA")),
            12u8,
            u128::MAX,
            id(creator),
        );
        let token = chain.instantiate(&Bundle::shared("creator_token"), args, &creator());
        let config = MarketConfig {
            token: token.id(),
            unit: UNIT,
            curve: Curve::Linear {
                base_price: NATIVE,
                slope: NATIVE / 100,
            },
            creator: id(creator),
            creator_fee_bps: 300,
            platform: Some((id(platform), 100)),
            launch_fee_bps: 0,
            launch_period: 0,
            max_tokens_per_call,
        };
        let market = chain.instantiate(&Bundle::shared("creator_market"), config, &creator());
        for role in [MINTER, BURNER] {
            chain
                .send::<(), AccessControlError>(
                    &token,
                    &creator(),
                    "AccessControl::grant_role",
                    (role, Some(market.id())),
                )
                .0
                .expect("grant");
        }
        Self {
            chain,
            token,
            market,
        }
    }

    fn buy(
        &mut self,
        who: &AccountId32,
        value: u128,
        min_out: u128,
        deadline: u64,
    ) -> (Result<BuyQuote, Error>, Receipt) {
        self.chain
            .send_paying(&self.market, who, "buy", (min_out, deadline), value)
    }

    fn sell(
        &mut self,
        who: &AccountId32,
        amount: u128,
        min_out: u128,
        deadline: u64,
    ) -> (Result<SellQuote, Error>, Receipt) {
        self.chain
            .send(&self.market, who, "sell", (amount, min_out, deadline))
    }

    fn tokens(&mut self, who: &AccountId32) -> u128 {
        self.chain
            .read(&self.token, "PSP22::balance_of", ink_id(who))
    }

    fn state(&mut self) -> (u128, u128, u128) {
        self.chain.read(&self.market, "state", ())
    }
}

#[test]
fn a_fan_buys_with_native_currency_and_sells_back_with_quotes_and_refunds() {
    // A per-call cap of 100 tokens: 1,000 native units buy the cap and the rest is refunded.
    let mut suite = Suite::new(Some(100 * UNIT));
    let value = 1_000 * NATIVE;
    let quote = suite
        .chain
        .send::<BuyQuote, Error>(&suite.market, &fan(), "quote_buy", value)
        .0
        .expect("quote");
    let native_before = suite.chain.native_balance(&fan());
    let (bought, receipt) = suite.buy(&fan(), value, quote.tokens, u64::MAX);
    assert_eq!(bought, Ok(quote), "the quote is exactly what happens");
    assert!(quote.tokens == 100 * UNIT && quote.refund > 0, "{quote:?}");
    assert_eq!(suite.tokens(&fan()), quote.tokens);
    let deposit = u128::try_from(receipt.storage_deposit).expect("a charge");
    assert_eq!(
        suite.chain.native_balance(&fan()),
        native_before - quote.cost - quote.fee - deposit,
        "overpayment refunded (the caller also pays the storage deposit)"
    );
    let events: Vec<Bought> = receipt.events_of();
    assert_eq!(events.len(), 1);
    assert_eq!(
        (events[0].tokens, events[0].cost, events[0].supply),
        (quote.tokens, quote.cost, quote.tokens)
    );
    let (supply, reserve, spot) = suite.state();
    assert_eq!((supply, reserve), (quote.tokens, quote.cost));
    assert!(spot > NATIVE, "the price rose");
    println!(
        "market buy: ref_time {} proof_size {}",
        receipt.gas.ref_time(),
        receipt.gas.proof_size()
    );

    // Sell half back: the quote holds, fees come out of the proceeds.
    let half = quote.tokens / 2;
    let sell_quote = suite
        .chain
        .send::<SellQuote, Error>(&suite.market, &fan(), "quote_sell", half)
        .0
        .expect("quote");
    let native_before = suite.chain.native_balance(&fan());
    let (sold, receipt) = suite.sell(&fan(), half, sell_quote.payout, u64::MAX);
    assert_eq!(sold, Ok(sell_quote));
    let deposit = receipt.storage_deposit;
    assert_eq!(
        suite.chain.native_balance(&fan()) as i128,
        (native_before + sell_quote.payout) as i128 - deposit
    );
    assert_eq!(suite.tokens(&fan()), quote.tokens - half);
    let events: Vec<Sold> = receipt.events_of();
    assert_eq!(events[0].payout, sell_quote.payout);
    println!(
        "market sell: ref_time {} proof_size {}",
        receipt.gas.ref_time(),
        receipt.gas.proof_size()
    );

    // Selling the rest empties the reserve exactly; the market holds only the fees.
    let rest = quote.tokens - half;
    let (sold, _) = suite.sell(&fan(), rest, 0, u64::MAX);
    let sold = sold.expect("sell the rest");
    let (supply, reserve, spot) = suite.state();
    assert_eq!((supply, reserve, spot), (0, 0, NATIVE));
    assert_eq!(
        sell_quote.gross + sold.gross,
        quote.cost,
        "a round trip returns exactly the cost, before fees"
    );

    // Fees are pulled by their recipients.
    let creator_fees: u128 = suite.chain.read(&suite.market, "fees_of", id(creator));
    let platform_fees: u128 = suite.chain.read(&suite.market, "fees_of", id(platform));
    assert_eq!(
        creator_fees + platform_fees,
        quote.fee + sell_quote.fee + sold.fee
    );
    assert!(platform_fees > 0 && creator_fees > 2 * platform_fees);
    let before = suite.chain.native_balance(&platform());
    let (withdrawn, receipt) =
        suite
            .chain
            .send::<u128, Error>(&suite.market, &platform(), "withdraw_fees", ());
    assert_eq!(withdrawn, Ok(platform_fees));
    assert_eq!(
        suite.chain.native_balance(&platform()) as i128,
        (before + platform_fees) as i128 - receipt.storage_deposit
    );
    let (again, _) =
        suite
            .chain
            .send::<u128, Error>(&suite.market, &platform(), "withdraw_fees", ());
    assert_eq!(again, Err(Error::NoFees));
}

#[test]
fn slippage_deadlines_and_refusals_change_nothing() {
    let mut suite = Suite::new(None);
    let value = 100 * NATIVE;
    let quote: BuyQuote = suite
        .chain
        .send::<BuyQuote, Error>(&suite.market, &fan(), "quote_buy", value)
        .0
        .expect("quote");
    assert_eq!(
        suite.buy(&fan(), value, quote.tokens + 1, u64::MAX).0,
        Err(Error::Slippage)
    );
    assert_eq!(suite.buy(&fan(), value, 0, 999).0, Err(Error::Expired));
    assert_eq!(suite.buy(&fan(), 0, 0, u64::MAX).0, Err(Error::ZeroValue));
    assert_eq!(suite.buy(&fan(), 1, 0, u64::MAX).0, Err(Error::TooLittle));
    assert_eq!(suite.state(), (0, 0, NATIVE));
    suite.buy(&fan(), value, 0, u64::MAX).0.expect("buy");
    let held = suite.tokens(&fan());
    assert_eq!(
        suite.sell(&fan(), held, u128::MAX, u64::MAX).0,
        Err(Error::Slippage)
    );
    assert_eq!(suite.sell(&fan(), held, 0, 999).0, Err(Error::Expired));
    assert_eq!(
        suite.sell(&fan(), held + 1, 0, u64::MAX).0,
        Err(Error::InsufficientSupply)
    );
    // Another fan's tokens are not the seller's to burn.
    assert_eq!(
        suite.sell(&other_fan(), held, 0, u64::MAX).0,
        Err(Error::Token(PSP22Error::InsufficientBalance))
    );
    // A paused token stops the market with a typed error.
    suite
        .chain
        .send::<(), PausableError>(&suite.token, &creator(), "Pausable::pause", ())
        .0
        .expect("pause");
    assert_eq!(
        suite.buy(&fan(), value, 0, u64::MAX).0,
        Err(Error::Token(PSP22Error::Custom("P::Paused".into())))
    );
    assert_eq!(
        suite.sell(&fan(), held, 0, u64::MAX).0,
        Err(Error::Token(PSP22Error::Custom("P::Paused".into())))
    );
    assert_eq!(suite.tokens(&fan()), held);
}
