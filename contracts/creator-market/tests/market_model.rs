//! Property test of the market's arithmetic over random interleavings of buys, sells, outside
//! mints (mining, vesting) and holders burning their own tokens, from several accounts, with
//! random fee splits.
//!
//! Checked after every step: the market's native balance equals the reserve plus the fees
//! owed; the supply is the sum of the holdings; no buy or sell lowers the exit price `R / S`
//! (so no trade takes value from the other holders); a buy gets the most
//! tokens its value pays for; an immediate round trip (buy, then sell what was bought) never
//! returns more than was paid (unless every token was burned: the next buyer then holds the
//! whole supply and its reserve); and every holder, in a random order, can sell everything they
//! hold, every sale succeeding, what they receive adding up to the reserve exactly, and each
//! receiving its pro-rata share (at most one unit less for rounding). (If holders burned every
//! token, no one holds a claim and the reserve waits for the next buyer.) Case count:
//! `PROPTEST_CASES` (default 256; `scripts/test --long` runs 10,000).

use creator_market::{
    curve::{Curve, Reserve, BPS},
    fees::Rates,
};
use num_bigint::BigUint;
use proptest::prelude::*;

const HOLDERS: usize = 5;

#[derive(Debug, Clone)]
enum Op {
    Buy(usize, u128),
    Sell(usize, u128),
    OutsideMint(usize, u128),
    Burn(usize, u128),
    RoundTrip(u128),
}

fn curve() -> impl Strategy<Value = (Curve, u128)> {
    (
        prop_oneof![0u128..10, 1u128..1_000_000, Just(1_000_000_000_000u128)],
        prop_oneof![0u128..10, 1u128..1_000_000, Just(1_000_000_000u128)],
        prop_oneof![
            Just(1u128),
            Just(1_000_000u128),
            Just(1_000_000_000_000_000_000u128)
        ],
    )
        .prop_filter("priced", |(base, slope, _)| *base > 0 || *slope > 0)
        .prop_map(|(base_price, slope, unit)| (Curve::Linear { base_price, slope }, unit))
}

fn rates() -> impl Strategy<Value = Rates> {
    (
        [0u16..=250, 0u16..=250, 0u16..=250, 0u16..=250],
        0u16..=2_500,
    )
        .prop_map(|(bps, launch_bps)| Rates {
            creator_bps: bps[0],
            stakers_bps: bps[1],
            referrer_bps: bps[2],
            platform_bps: bps[3],
            launch_bps,
            launch_period: 1,
        })
}

fn op() -> impl Strategy<Value = Op> {
    let value = prop_oneof![
        1u128..1_000,
        1u128..1_000_000_000_000,
        1u128..1_000_000_000_000_000_000_000
    ];
    let tokens = prop_oneof![1u128..1_000, 1u128..1_000_000_000_000_000_000_000_000];
    prop_oneof![
        3 => (0..HOLDERS, value.clone()).prop_map(|(who, v)| Op::Buy(who, v)),
        3 => (0..HOLDERS, any::<u128>()).prop_map(|(who, fraction)| Op::Sell(who, fraction)),
        2 => (0..HOLDERS, tokens).prop_map(|(who, amount)| Op::OutsideMint(who, amount)),
        1 => (0..HOLDERS, any::<u128>()).prop_map(|(who, fraction)| Op::Burn(who, fraction)),
        1 => value.prop_map(Op::RoundTrip),
    ]
}

/// `R_after · S_before >= R_before · S_after`: the exit price did not fall (there is none
/// without supply).
fn keeps_exit_price(before: &Reserve, after: &Reserve) -> bool {
    if before.supply == 0 {
        return true;
    }
    let big = BigUint::from;
    big(after.reserve) * big(before.supply) >= big(before.reserve) * big(after.supply)
}

/// The market as a shell would run it: the reserve, what it holds, and what it owes.
#[derive(Debug, Clone, Default)]
struct Model {
    market: Reserve,
    /// The market's native balance.
    balance: u128,
    /// Creator, referrer and platform shares accrued for withdrawal.
    owed: u128,
    holdings: [u128; HOLDERS],
}

impl Model {
    fn book(&mut self, rates: &Rates, amount: u128, fee: u128, referred: bool) -> u128 {
        let split = rates.split(amount, fee, referred);
        assert_eq!(
            split.creator + split.stakers + split.referrer + split.platform,
            fee
        );
        self.owed += split.creator + split.referrer + split.platform;
        split.stakers
    }

    /// Sells `amount` of `who`'s tokens; `None` if the market refused.
    fn sell(&mut self, rates: &Rates, fee_bps: u128, who: usize, amount: u128) -> Option<u128> {
        let quote = self.market.quote_sell(amount, fee_bps)?;
        assert_eq!(quote.fee + quote.payout, quote.gross);
        assert_eq!(
            quote.fee,
            (quote.gross * fee_bps).div_ceil(BPS).min(quote.gross)
        );
        let after = self.market.sold_back(amount, &quote)?;
        let stakers = self.book(rates, quote.gross, quote.fee, who.is_multiple_of(2));
        self.market = after;
        self.balance -= quote.payout + stakers;
        self.holdings[who] -= amount;
        Some(quote.gross)
    }
}

proptest! {
    #[test]
    fn every_holder_can_always_exit_and_no_trade_profits_at_the_others_expense(
        (curve, unit) in curve(),
        rates in rates(),
        launch in any::<bool>(),
        ops in prop::collection::vec(op(), 1..40),
        order in Just(()).prop_perturb(|_, mut rng| {
            let mut order: Vec<usize> = (0..HOLDERS).collect();
            for i in (1..HOLDERS).rev() {
                order.swap(i, (rng.next_u32() as usize) % (i + 1));
            }
            order
        }),
    ) {
        let fee_bps = rates.at(if launch { 0 } else { 1 });
        let mut model = Model::default();
        for op in &ops {
            let before = model.market;
            match *op {
                Op::Buy(who, value) => {
                    let quote = before.quote_buy(&curve, value, fee_bps, u128::MAX, unit);
                    prop_assert_eq!(quote.cost + quote.fee + quote.refund, value);
                    if quote.tokens == 0 {
                        continue;
                    }
                    prop_assert_eq!(quote.fee, (quote.cost * fee_bps).div_ceil(BPS));
                    prop_assert_eq!(before.cost_of(&curve, quote.tokens, unit), Some(quote.cost));
                    if let Some(cost) = before.cost_of(&curve, quote.tokens + 1, unit) {
                        prop_assert!(cost + (cost * fee_bps).div_ceil(BPS) > value, "the most tokens that fit");
                    }
                    let Some(after) = before.bought(&quote) else { continue };
                    let stakers = model.book(&rates, quote.cost, quote.fee, !who.is_multiple_of(2));
                    model.market = after;
                    model.balance += value - quote.refund - stakers;
                    model.holdings[who] += quote.tokens;
                    prop_assert!(keeps_exit_price(&before, &after), "a buy never lowers R/S");
                }
                Op::Sell(who, fraction) => {
                    let amount = fraction % (model.holdings[who] + 1);
                    if amount == 0 {
                        continue;
                    }
                    prop_assert!(model.sell(&rates, fee_bps, who, amount).is_some(), "a holder's sell is never refused");
                    prop_assert!(keeps_exit_price(&before, &model.market), "a sell never lowers R/S");
                }
                Op::OutsideMint(who, amount) => {
                    let Some(supply) = model.market.supply.checked_add(amount) else { continue };
                    model.market.supply = supply;
                    model.holdings[who] += amount;
                }
                Op::Burn(who, fraction) => {
                    let amount = fraction % (model.holdings[who] + 1);
                    model.market.supply -= amount;
                    model.holdings[who] -= amount;
                }
                Op::RoundTrip(value) => {
                    let buy = before.quote_buy(&curve, value, fee_bps, u128::MAX, unit);
                    let Some(after) = before.bought(&buy) else { continue };
                    let sell = after.quote_sell(buy.tokens, fee_bps).expect("sells what it bought");
                    if before.supply == 0 {
                        // Every token was burned by its holder: the next buyer holds the whole
                        // supply, so the reserve that waited is theirs.
                        prop_assert_eq!(sell.gross, after.reserve, "the next buyer holds it all");
                    } else {
                        prop_assert!(sell.gross <= buy.cost, "no profit before fees");
                        prop_assert!(sell.payout <= value - buy.refund);
                    }
                }
            }
            prop_assert_eq!(model.balance, model.market.reserve + model.owed, "balance = reserve + fees owed");
            prop_assert_eq!(model.holdings.iter().sum::<u128>(), model.market.supply);
            // Everyone leaves, in the drawn order: every sale succeeds and they share the
            // reserve exactly.
            let mut exit = model.clone();
            let mut paid = 0u128;
            let (reserve, supply) = (model.market.reserve, model.market.supply);
            for &who in &order {
                let amount = exit.holdings[who];
                if amount > 0 {
                    let gross = exit.sell(&rates, fee_bps, who, amount).expect("every holder can sell everything");
                    let share = BigUint::from(reserve) * BigUint::from(amount) / BigUint::from(supply);
                    prop_assert!(BigUint::from(gross) + BigUint::from(1u8) >= share, "at least the pro-rata share, less one unit");
                    paid += gross;
                }
            }
            prop_assert_eq!(exit.market.supply, 0);
            if supply > 0 {
                prop_assert_eq!(paid, reserve, "the holders receive the whole reserve");
                prop_assert_eq!(exit.market.reserve, 0);
            } else {
                // Every token was burned by its holder: the reserve waits for the next buyer.
                prop_assert_eq!(paid, 0);
            }
            prop_assert_eq!(exit.balance, exit.owed + exit.market.reserve);
        }
    }
}
