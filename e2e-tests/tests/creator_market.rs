//! The bonding-curve market with the creator token on the compiled Wasm.

use creator_market::{
    curve::{BuyQuote, Curve, SellQuote},
    Bought, MarketConfig, MarketError as Error, Sold,
};
use e2e_tests::{account, ink_id, AccountId32, Bundle, Chain, Receipt};
use ink::scale::{Decode, Encode};
use psp::{AccessControlError, PSP22Error, PausableError, BURNER, MINTER};

const UNIT: u128 = 1_000_000_000_000; // 12 decimals
const NATIVE: u128 = 1_000_000_000; // 1e9 per native unit in these tests

fn creator() -> AccountId32 {
    account(1)
}
fn fan() -> AccountId32 {
    account(2)
}
fn other_fan() -> AccountId32 {
    account(3)
}
fn platform() -> AccountId32 {
    account(4)
}

struct Suite {
    chain: Chain,
    token_bundle: Bundle,
    market_bundle: Bundle,
    token: AccountId32,
    market: AccountId32,
}

impl Suite {
    fn new(max_tokens_per_call: Option<u128>) -> Self {
        let token_bundle = Bundle::load("creator_token").expect("token");
        let market_bundle = Bundle::load("creator_market").expect("market");
        let mut chain = Chain::new();
        chain.set_time(1_000);
        let args = (
            Some(String::from("Mira")),
            Some(String::from("MIRA")),
            12u8,
            u128::MAX,
            ink_id(&creator()),
        );
        let (token, _) = chain
            .deploy(&token_bundle, "new", args, &creator(), vec![])
            .expect("token");
        let config = MarketConfig {
            token: ink_id(&token),
            unit: UNIT,
            curve: Curve::Linear {
                base_price: NATIVE,
                slope: NATIVE / 100,
            },
            creator: ink_id(&creator()),
            creator_fee_bps: 300,
            platform: Some((ink_id(&platform()), 100)),
            launch_fee_bps: 0,
            launch_period: 0,
            max_tokens_per_call,
        };
        let (market, _) = chain
            .deploy(&market_bundle, "new", config, &creator(), vec![])
            .expect("market");
        let mut suite = Self {
            chain,
            token_bundle,
            market_bundle,
            token,
            market,
        };
        for role in [MINTER, BURNER] {
            let granted: Result<(), AccessControlError> = suite
                .token_call(
                    &creator(),
                    "AccessControl::grant_role",
                    (role, Some(ink_id(&suite.market))),
                )
                .0;
            granted.expect("grant");
        }
        suite
    }

    fn token_call<R: Decode>(
        &mut self,
        caller: &AccountId32,
        message: &str,
        args: impl Encode,
    ) -> (R, Receipt) {
        let (answer, receipt) =
            self.chain
                .call::<R>(&self.token_bundle, &self.token, message, args, caller, 0);
        (answer.expect("token answers"), receipt)
    }

    fn market_call<R: Decode>(
        &mut self,
        caller: &AccountId32,
        message: &str,
        args: impl Encode,
        value: u128,
    ) -> (R, Receipt) {
        let (answer, receipt) = self.chain.call::<R>(
            &self.market_bundle,
            &self.market,
            message,
            args,
            caller,
            value,
        );
        (answer.expect("market answers"), receipt)
    }

    fn buy(
        &mut self,
        who: &AccountId32,
        value: u128,
        min_out: u128,
        deadline: u64,
    ) -> (Result<BuyQuote, Error>, Receipt) {
        let (result, receipt) =
            self.market_call::<Result<BuyQuote, Error>>(who, "buy", (min_out, deadline), value);
        assert_eq!(receipt.reverted, result.is_err());
        (result, receipt)
    }

    fn sell(
        &mut self,
        who: &AccountId32,
        amount: u128,
        min_out: u128,
        deadline: u64,
    ) -> (Result<SellQuote, Error>, Receipt) {
        let (result, receipt) = self.market_call::<Result<SellQuote, Error>>(
            who,
            "sell",
            (amount, min_out, deadline),
            0,
        );
        assert_eq!(receipt.reverted, result.is_err());
        (result, receipt)
    }

    fn tokens(&mut self, who: &AccountId32) -> u128 {
        self.token_call::<u128>(&creator(), "PSP22::balance_of", ink_id(who))
            .0
    }

    fn state(&mut self) -> (u128, u128, u128) {
        self.market_call::<(u128, u128, u128)>(&creator(), "state", (), 0)
            .0
    }
}

#[test]
fn a_fan_buys_with_native_currency_and_sells_back_with_quotes_and_refunds() {
    // A per-call cap of 100 tokens: 1,000 native units buy the cap and the rest is refunded.
    let mut suite = Suite::new(Some(100 * UNIT));
    let value = 1_000 * NATIVE;
    let quote: Result<BuyQuote, Error> = suite.market_call(&fan(), "quote_buy", value, 0).0;
    let quote = quote.expect("quote");
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
    let events: Vec<Bought> = receipt.events.iter().filter_map(|e| e.decode()).collect();
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
    let sell_quote: Result<SellQuote, Error> = suite.market_call(&fan(), "quote_sell", half, 0).0;
    let sell_quote = sell_quote.expect("quote");
    let native_before = suite.chain.native_balance(&fan());
    let (sold, receipt) = suite.sell(&fan(), half, sell_quote.payout, u64::MAX);
    assert_eq!(sold, Ok(sell_quote));
    let deposit = receipt.storage_deposit;
    assert_eq!(
        suite.chain.native_balance(&fan()) as i128,
        (native_before + sell_quote.payout) as i128 - deposit
    );
    assert_eq!(suite.tokens(&fan()), quote.tokens - half);
    let events: Vec<Sold> = receipt.events.iter().filter_map(|e| e.decode()).collect();
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
    let creator_fees: u128 = suite
        .market_call(&creator(), "fees_of", ink_id(&creator()), 0)
        .0;
    let platform_fees: u128 = suite
        .market_call(&creator(), "fees_of", ink_id(&platform()), 0)
        .0;
    assert_eq!(
        creator_fees + platform_fees,
        quote.fee + sell_quote.fee + sold.fee
    );
    assert!(platform_fees > 0 && creator_fees > 2 * platform_fees);
    let before = suite.chain.native_balance(&platform());
    let (withdrawn, receipt) =
        suite.market_call::<Result<u128, Error>>(&platform(), "withdraw_fees", (), 0);
    assert_eq!(withdrawn, Ok(platform_fees));
    assert_eq!(
        suite.chain.native_balance(&platform()) as i128,
        (before + platform_fees) as i128 - receipt.storage_deposit
    );
    let (again, _) = suite.market_call::<Result<u128, Error>>(&platform(), "withdraw_fees", (), 0);
    assert_eq!(again, Err(Error::NoFees));
}

#[test]
fn slippage_deadlines_and_refusals_change_nothing() {
    let mut suite = Suite::new(None);
    let value = 100 * NATIVE;
    let quote: BuyQuote = suite
        .market_call::<Result<BuyQuote, Error>>(&fan(), "quote_buy", value, 0)
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
    let paused: Result<(), PausableError> = suite.token_call(&creator(), "Pausable::pause", ()).0;
    paused.expect("pause");
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
