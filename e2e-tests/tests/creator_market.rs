//! The creator market with the creator token on the compiled Wasm: quotes equal results, the
//! fee's split exact to the unit, and every holder's exit (see `fair_economy.rs` for the
//! factory-created, fair-launch suite).

use creator_market::{
    curve::{BuyQuote, Curve, SellQuote},
    fees::Split,
    Bought, FeeConfig, MarketConfig, MarketError as Error, MarketState, Sold,
};
use e2e_tests::{
    actors::{creator, delegate, fan, id, other_fan, platform, treasury},
    ink_id, AccountId32, Bundle, Chain, Contract, Receipt,
};
use ink::primitives::AccountId;
use psp::{AccessControlError, PSP22Error, PausableError, BURNER, MINTER};

const UNIT: u128 = 1_000_000_000_000; // 12 decimals
const NATIVE: u128 = 1_000_000_000; // 1e9 per native unit in these tests

/// 5 % a trade: creator 2 %, stakers 1 %, referrer 1 %, platform 1 %.
const FEES: [u128; 4] = [200, 100, 100, 100];

/// A creator token and a standalone market on a linear launch floor, with every fee share;
/// the stakers' share goes to the [`treasury`] account (a distributor stands there in a
/// suite). The creator administers the token, so it can mint as the pool would.
struct Suite {
    chain: Chain,
    token: Contract,
    market: Contract,
    /// The market's own native balance before any trade (its existential deposit).
    base: u128,
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
            distributor: id(treasury),
            fees: FeeConfig {
                creator_bps: FEES[0] as u16,
                stakers_bps: FEES[1] as u16,
                referrer_bps: FEES[2] as u16,
                platform: Some((id(platform), FEES[3] as u16)),
                launch_bps: 0,
                launch_period: 0,
            },
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
        let base = chain.native_balance(&market.address);
        Self {
            chain,
            token,
            market,
            base,
        }
    }

    fn buy(
        &mut self,
        who: &AccountId32,
        value: u128,
        min_out: u128,
        referrer: Option<AccountId>,
    ) -> (Result<BuyQuote, Error>, Receipt) {
        self.chain.send_paying(
            &self.market,
            who,
            "buy",
            (min_out, u64::MAX, referrer),
            value,
        )
    }

    fn sell(
        &mut self,
        who: &AccountId32,
        amount: u128,
        min_out: u128,
        referrer: Option<AccountId>,
    ) -> (Result<SellQuote, Error>, Receipt) {
        self.chain.send(
            &self.market,
            who,
            "sell",
            (amount, min_out, u64::MAX, referrer),
        )
    }

    /// The creator mints `amount` to `to`, as the mining pool or vesting would: a mint
    /// outside the market.
    fn mint(&mut self, to: &AccountId32, amount: u128) {
        self.chain
            .send::<(), PSP22Error>(
                &self.token,
                &creator(),
                "PSP22Mintable::mint",
                (ink_id(to), amount),
            )
            .0
            .expect("mint");
    }

    fn tokens(&mut self, who: &AccountId32) -> u128 {
        self.chain
            .read(&self.token, "PSP22::balance_of", ink_id(who))
    }

    fn state(&mut self) -> MarketState {
        self.chain
            .send::<MarketState, Error>(&self.market, &fan(), "state", ())
            .0
            .expect("state")
    }

    fn fees_of(&mut self, who: AccountId) -> u128 {
        self.chain.read(&self.market, "fees_of", who)
    }

    /// The market's books balance: its native balance is the reserve plus the fees owed.
    fn assert_books_balance(&mut self) {
        let state = self.state();
        assert_eq!(
            self.chain.native_balance(&self.market.address),
            self.base + state.reserve + state.fees_owed,
            "balance = reserve + fees owed"
        );
    }
}

/// The split of `fee` charged on `amount`, computed here from the rates: each named share
/// rounded down, the stakers the rest.
fn expected_split(amount: u128, fee: u128, referred: bool) -> Split {
    let share = |bps: u128| amount * bps / 10_000;
    let referrer = if referred { share(FEES[2]) } else { 0 };
    let (creator, platform) = (share(FEES[0]), share(FEES[3]));
    Split {
        creator,
        stakers: fee - creator - referrer - platform,
        referrer,
        platform,
    }
}

#[test]
fn a_fan_buys_and_sells_back_with_quotes_refunds_and_every_fee_share_exact_to_the_unit() {
    // A per-call cap of 100 tokens: 1,000 native units buy the cap and the rest is refunded.
    let mut suite = Suite::new(Some(100 * UNIT));
    let value = 1_000 * NATIVE;
    let quote = suite
        .chain
        .send::<BuyQuote, Error>(&suite.market, &fan(), "quote_buy", value)
        .0
        .expect("quote");
    let native_before = suite.chain.native_balance(&fan());
    let stakers_before = suite.chain.native_balance(&treasury());
    let (bought, receipt) = suite.buy(&fan(), value, quote.tokens, Some(id(delegate)));
    assert_eq!(bought, Ok(quote), "the quote is exactly what happens");
    assert!(quote.tokens == 100 * UNIT && quote.refund > 0, "{quote:?}");
    assert_eq!(quote.fee, (quote.cost * 500).div_ceil(10_000));
    assert_eq!(suite.tokens(&fan()), quote.tokens);
    let deposit = u128::try_from(receipt.storage_deposit).expect("a charge");
    assert_eq!(
        suite.chain.native_balance(&fan()),
        native_before - quote.cost - quote.fee - deposit,
        "overpayment refunded (the caller also pays the storage deposit)"
    );
    // The fee, split exactly: three shares accrue, the stakers' arrives at once.
    let split = expected_split(quote.cost, quote.fee, true);
    assert!(split.referrer > 0 && split.platform > 0 && split.stakers >= split.platform);
    assert_eq!(suite.fees_of(id(creator)), split.creator);
    assert_eq!(suite.fees_of(id(delegate)), split.referrer);
    assert_eq!(suite.fees_of(id(platform)), split.platform);
    assert_eq!(
        suite.chain.native_balance(&treasury()) - stakers_before,
        split.stakers
    );
    let events: Vec<Bought> = receipt.events_of();
    assert_eq!(
        events,
        vec![Bought {
            buyer: id(fan),
            referrer: Some(id(delegate)),
            tokens: quote.tokens,
            cost: quote.cost,
            fee: split,
            refund: quote.refund,
            reserve: quote.cost,
            supply: quote.tokens,
            exit_price: quote.cost * UNIT / quote.tokens,
        }]
    );
    let state = suite.state();
    assert_eq!(
        (state.reserve, state.supply, state.sold),
        (quote.cost, quote.tokens, quote.tokens)
    );
    assert!(state.buy_price > NATIVE, "the launch floor rose");
    suite.assert_books_balance();
    println!(
        "market buy: ref_time {} proof_size {}",
        receipt.gas.ref_time(),
        receipt.gas.proof_size()
    );

    // Sell half back without a referrer: the quote holds, the stakers take the referrer's
    // share.
    let half = quote.tokens / 2;
    let sell_quote = suite
        .chain
        .send::<SellQuote, Error>(&suite.market, &fan(), "quote_sell", half)
        .0
        .expect("quote");
    let native_before = suite.chain.native_balance(&fan());
    let (sold, receipt) = suite.sell(&fan(), half, sell_quote.payout, None);
    assert_eq!(sold, Ok(sell_quote));
    assert_eq!(
        sell_quote.gross,
        quote.cost / 2,
        "half the tokens, half the reserve"
    );
    assert_eq!(
        suite.chain.native_balance(&fan()) as i128,
        (native_before + sell_quote.payout) as i128 - receipt.storage_deposit
    );
    assert_eq!(suite.tokens(&fan()), quote.tokens - half);
    let events: Vec<Sold> = receipt.events_of();
    assert_eq!(
        events[0].fee,
        expected_split(sell_quote.gross, sell_quote.fee, false)
    );
    assert_eq!((events[0].referrer, events[0].fee.referrer), (None, 0));
    suite.assert_books_balance();
    println!(
        "market sell: ref_time {} proof_size {}",
        receipt.gas.ref_time(),
        receipt.gas.proof_size()
    );

    // Selling the rest empties the reserve exactly; the market holds only the fees owed.
    let rest = quote.tokens - half;
    let sold = suite.sell(&fan(), rest, 0, None).0.expect("sell the rest");
    assert_eq!(
        sell_quote.gross + sold.gross,
        quote.cost,
        "a round trip returns the cost"
    );
    let state = suite.state();
    assert_eq!((state.reserve, state.supply, state.sold), (0, 0, 0));
    suite.assert_books_balance();

    // Anyone may pay a recipient its fees; they go to the recipient only.
    let platform_fees = suite.fees_of(id(platform));
    let before = suite.chain.native_balance(&platform());
    let (withdrawn, _) =
        suite
            .chain
            .send::<u128, Error>(&suite.market, &fan(), "withdraw_fees", id(platform));
    assert_eq!(withdrawn, Ok(platform_fees));
    assert_eq!(
        suite.chain.native_balance(&platform()),
        before + platform_fees
    );
    let (again, _) =
        suite
            .chain
            .send::<u128, Error>(&suite.market, &platform(), "withdraw_fees", id(platform));
    assert_eq!(again, Err(Error::NoFees));
    suite.assert_books_balance();
}

/// The heart of the fair market: tokens minted outside the market (the pool's, the vesting
/// wallet's) lower the exit price for everyone; they take their pro-rata share of the
/// reserve and no more, whoever sells first, and the fans who paid in still sell everything.
#[test]
fn outside_mints_take_their_share_and_the_fans_who_paid_still_sell_everything() {
    let mut suite = Suite::new(None);
    suite.buy(&fan(), 500 * NATIVE, 0, None).0.expect("buy");
    let fan_tokens = suite.tokens(&fan());
    let reserve = suite.state().reserve;
    // A "miner" is minted as many tokens as the fan bought, from nothing.
    suite.mint(&other_fan(), fan_tokens);
    let diluted = suite.state();
    assert_eq!(diluted.supply, 2 * fan_tokens);
    assert_eq!(
        diluted.exit_price,
        reserve * UNIT / (2 * fan_tokens),
        "halved"
    );
    // The miner dumps everything first: exactly half of the reserve.
    let miner = suite
        .sell(&other_fan(), fan_tokens, 0, None)
        .0
        .expect("the miner sells");
    assert_eq!(miner.gross, reserve / 2);
    // The fan still sells everything, for the rest of the reserve, to the unit.
    let last = suite
        .sell(&fan(), fan_tokens, 0, None)
        .0
        .expect("the fan sells");
    assert_eq!(miner.gross + last.gross, reserve);
    assert_eq!((suite.state().reserve, suite.state().supply), (0, 0));
    suite.assert_books_balance();
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
        suite.buy(&fan(), value, quote.tokens + 1, None).0,
        Err(Error::Slippage)
    );
    let (expired, _) = suite.chain.send_paying::<BuyQuote, Error>(
        &suite.market,
        &fan(),
        "buy",
        (0u128, 999u64, None::<AccountId>),
        value,
    );
    assert_eq!(expired, Err(Error::Expired));
    assert_eq!(suite.buy(&fan(), 0, 0, None).0, Err(Error::ZeroValue));
    assert_eq!(suite.buy(&fan(), 1, 0, None).0, Err(Error::TooLittle));
    assert_eq!(
        suite.state(),
        MarketState {
            buy_price: NATIVE,
            ..MarketState::default()
        }
    );
    suite.buy(&fan(), value, 0, None).0.expect("buy");
    let held = suite.tokens(&fan());
    assert_eq!(
        suite.sell(&fan(), held, u128::MAX, None).0,
        Err(Error::Slippage)
    );
    let (expired, _) = suite.chain.send::<SellQuote, Error>(
        &suite.market,
        &fan(),
        "sell",
        (held, 0u128, 999u64, None::<AccountId>),
    );
    assert_eq!(expired, Err(Error::Expired));
    assert_eq!(
        suite.sell(&fan(), held + 1, 0, None).0,
        Err(Error::InsufficientSupply),
        "more than the whole supply"
    );
    // Another fan's tokens are not the seller's to burn.
    assert_eq!(
        suite.sell(&other_fan(), held, 0, None).0,
        Err(Error::Token(PSP22Error::InsufficientBalance))
    );
    // A paused token stops the market with a typed error (for at most a day).
    suite
        .chain
        .send::<(), PausableError>(&suite.token, &creator(), "Pausable::pause", ())
        .0
        .expect("pause");
    assert_eq!(
        suite.buy(&fan(), value, 0, None).0,
        Err(Error::Token(PSP22Error::Custom("P::Paused".into())))
    );
    assert_eq!(
        suite.sell(&fan(), held, 0, None).0,
        Err(Error::Token(PSP22Error::Custom("P::Paused".into())))
    );
    assert_eq!(suite.tokens(&fan()), held);
    suite.chain.set_time(1_000 + psp::limits::MAX_PAUSE);
    suite
        .sell(&fan(), held, 0, None)
        .0
        .expect("the pause ended by itself");
    suite.assert_books_balance();
}

mod random_sequences {
    //! The pure model's property (`contracts/creator-market/tests/market_model.rs`, 10,000
    //! cases in long mode) replayed on the compiled Wasm, fewer cases: random buys, sells and
    //! outside mints by three fans; after each, the market's books balance; at the end every
    //! holder, in a random order, sells everything and together they take the whole reserve.
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Buy(usize, u128),
        Sell(usize, u128),
        OutsideMint(usize, u128),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0usize..3, 1u128..500).prop_map(|(who, native)| Op::Buy(who, native * NATIVE)),
            (0usize..3, any::<u128>()).prop_map(|(who, fraction)| Op::Sell(who, fraction)),
            (0usize..3, 1u128..200).prop_map(|(who, tokens)| Op::OutsideMint(who, tokens * UNIT)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(8))]
        #[test]
        fn every_holder_exits_and_the_books_balance_on_the_wasm(
            ops in prop::collection::vec(op(), 1..12),
            order in Just(()).prop_perturb(|_, mut rng| {
                let mut order = vec![0usize, 1, 2];
                for i in (1..3).rev() {
                    order.swap(i, (rng.next_u32() as usize) % (i + 1));
                }
                order
            }),
        ) {
            let fans = [fan(), other_fan(), delegate()];
            let mut suite = Suite::new(None);
            for op in ops {
                match op {
                    Op::Buy(who, value) => {
                        let (quote, _) = suite.chain.send::<BuyQuote, Error>(&suite.market, &fans[who], "quote_buy", value);
                        let (bought, _) = suite.buy(&fans[who], value, 0, None);
                        prop_assert_eq!(bought, quote);
                    }
                    Op::Sell(who, fraction) => {
                        let held = suite.tokens(&fans[who]);
                        let amount = fraction % (held + 1);
                        if amount > 0 {
                            let (quote, _) = suite.chain.send::<SellQuote, Error>(&suite.market, &fans[who], "quote_sell", amount);
                            let (sold, _) = suite.sell(&fans[who], amount, 0, None);
                            prop_assert_eq!(sold, quote);
                        }
                    }
                    Op::OutsideMint(who, tokens) => suite.mint(&fans[who], tokens),
                }
                suite.assert_books_balance();
            }
            let reserve = suite.state().reserve;
            let mut paid = 0;
            for who in order {
                let held = suite.tokens(&fans[who]);
                if held > 0 {
                    paid += suite.sell(&fans[who], held, 0, None).0.expect("every holder sells everything").gross;
                }
            }
            let after = suite.state();
            prop_assert_eq!((after.supply, after.reserve), (0, 0));
            prop_assert_eq!(paid, reserve);
            suite.assert_books_balance();
        }
    }
}
