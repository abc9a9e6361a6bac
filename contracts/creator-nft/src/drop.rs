//! The collection's sale rules, free of storage so they can be tested exhaustively: whether a
//! drop's configuration is sound, whether a purchase is admitted and what it costs, how the
//! price splits between the treasury and the reward distributor, and the royalty on a resale.
//! The contract's `buy` reads the state these rules need, asks them, then writes what they
//! answer.

use crate::{CollectionError, Drop, DropConfig, DropEnded, Proceeds, Royalty, BPS};
use ink::primitives::AccountId;
use psp::merkle;

/// What an admitted purchase changes and costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Admission {
    /// Items the drop has sold once this purchase is counted.
    pub sold: u32,
    /// Items the buyer has bought in this drop once this purchase is counted.
    pub bought: u32,
    /// What the purchase costs in all, in the payment token's smallest unit.
    pub total_price: u128,
}

impl DropConfig {
    /// `InvalidDrop` unless the window is not empty (`start < end`) and every cap is positive.
    pub fn check(&self) -> Result<(), CollectionError> {
        if self.start >= self.end
            || self.max_supply == 0
            || self.max_per_account == 0
            || self.max_per_call == 0
        {
            return Err(CollectionError::InvalidDrop);
        }
        Ok(())
    }
}

impl Drop {
    /// Drop `id` selling under `config`, nothing sold yet.
    pub fn open(id: u32, config: DropConfig) -> Self {
        Self {
            id,
            config,
            sold: 0,
        }
    }

    /// `WrongDrop` unless this is drop `drop_id`, the one the buyer agreed to. A drop's terms
    /// never change under its id (`configure_drop` opens a new id), so a buyer who names the
    /// id cannot be served another drop's price, supply or payment token.
    pub fn expect_id(&self, drop_id: u32) -> Result<(), CollectionError> {
        if self.id != drop_id {
            return Err(CollectionError::WrongDrop);
        }
        Ok(())
    }

    /// Whether the window has closed at `now`: from then on every `buy` is `Ended`.
    pub fn has_ended(&self, now: u64) -> bool {
        now >= self.config.end
    }

    /// The event that closes this drop, with what it sold (`end_drop`, or `configure_drop`
    /// replacing it before its end).
    pub fn ended_event(&self) -> DropEnded {
        DropEnded {
            drop_id: self.id,
            sold: self.sold,
        }
    }

    /// The drop with its window closed at `now` (`end_drop`): every later `buy` is `Ended`.
    pub fn ended_at(mut self, now: u64) -> Self {
        self.config.end = now;
        self
    }

    /// Whether `buyer`, who already bought `already_bought` items of this drop, may buy
    /// `quantity` more at `now`, claiming allowlist leaf `(buyer, allowance)` with `proof`
    /// (ignored without an allowlist).
    ///
    /// The rules, in the order they are checked (the first broken one is the answer): the window
    /// has opened (`NotStarted`) and not closed (`Ended`); `quantity` is positive
    /// (`ZeroQuantity`) and within the per-call cap (`OverCallLimit`); the drop has that many
    /// left (`SoldOut`); with an allowlist, the proof links the leaf to its root
    /// (`NotAllowlisted`); the buyer stays within the per-account cap, lowered to its
    /// allowance under an allowlist (`OverAccountLimit`); the price fits in a `u128`
    /// (`Overflow`).
    pub fn admit(
        &self,
        now: u64,
        buyer: AccountId,
        quantity: u32,
        already_bought: u32,
        allowance: u32,
        proof: &[[u8; 32]],
    ) -> Result<Admission, CollectionError> {
        let config = &self.config;
        if now < config.start {
            return Err(CollectionError::NotStarted);
        }
        if self.has_ended(now) {
            return Err(CollectionError::Ended);
        }
        if quantity == 0 {
            return Err(CollectionError::ZeroQuantity);
        }
        if quantity > config.max_per_call {
            return Err(CollectionError::OverCallLimit);
        }
        let sold = self
            .sold
            .checked_add(quantity)
            .filter(|sold| *sold <= config.max_supply)
            .ok_or(CollectionError::SoldOut)?;
        let mut account_cap = config.max_per_account;
        if let Some(root) = &config.allowlist_root {
            if !merkle::verify(root, merkle::leaf(&(buyer, allowance)), proof) {
                return Err(CollectionError::NotAllowlisted);
            }
            account_cap = account_cap.min(allowance);
        }
        let bought = already_bought
            .checked_add(quantity)
            .filter(|bought| *bought <= account_cap)
            .ok_or(CollectionError::OverAccountLimit)?;
        let total_price = config
            .price
            .checked_mul(u128::from(quantity))
            .ok_or(CollectionError::Overflow)?;
        Ok(Admission {
            sold,
            bought,
            total_price,
        })
    }
}

impl Admission {
    /// The admission, or `PriceAboveMax` if it costs more than the buyer's `max_total_price`.
    pub fn within(self, max_total_price: u128) -> Result<Self, CollectionError> {
        if self.total_price > max_total_price {
            return Err(CollectionError::PriceAboveMax);
        }
        Ok(self)
    }
}

impl Proceeds {
    /// Every sale's proceeds to `account`.
    pub fn all_to(account: AccountId) -> Self {
        Self {
            treasury: account,
            distributor: account,
            distributor_bps: 0,
        }
    }

    /// `treasury_bps` to `treasury` and `distributor_bps` to `distributor`; `InvalidShares`
    /// unless the shares sum to 10,000.
    pub fn from_shares(
        treasury: AccountId,
        treasury_bps: u16,
        distributor: AccountId,
        distributor_bps: u16,
    ) -> Result<Self, CollectionError> {
        if treasury_bps.checked_add(distributor_bps) != Some(BPS) {
            return Err(CollectionError::InvalidShares);
        }
        Ok(Self {
            treasury,
            distributor,
            distributor_bps,
        })
    }

    /// Splits `total` into `(to_treasury, to_distributor)`: the distributor's share rounds
    /// down, the treasury gets the rest, so the two always sum to `total`.
    pub fn split(&self, total: u128) -> Result<(u128, u128), CollectionError> {
        let to_distributor =
            psp::math::mul_div_floor(total, u128::from(self.distributor_bps), u128::from(BPS))
                .ok_or(CollectionError::Overflow)?;
        // Cannot underflow: the distributor's share is at most the total.
        let to_treasury = total.saturating_sub(to_distributor);
        Ok((to_treasury, to_distributor))
    }
}

impl Royalty {
    /// No royalty, `receiver` named all the same.
    pub fn none(receiver: AccountId) -> Self {
        Self { receiver, bps: 0 }
    }

    /// `bps` of every resale to `receiver`; `InvalidRoyalty` above 10,000.
    pub fn from_bps(receiver: AccountId, bps: u16) -> Result<Self, CollectionError> {
        if bps > BPS {
            return Err(CollectionError::InvalidRoyalty);
        }
        Ok(Self { receiver, bps })
    }

    /// The royalty on a resale at `sale_price`, rounded down.
    pub fn on(&self, sale_price: u128) -> u128 {
        psp::math::mul_div_floor(sale_price, u128::from(self.bps), u128::from(BPS))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use psp::merkle::MerkleTree;
    use CollectionError::*;

    fn account(n: u8) -> AccountId {
        AccountId::from([n; 32])
    }

    /// The buyer of most examples.
    fn buyer() -> AccountId {
        account(7)
    }

    /// A drop open over `[100, 200)` selling 10 items at 3 each, 4 per account, 3 per call.
    fn drop() -> Drop {
        Drop {
            id: 0,
            config: DropConfig {
                payment_token: account(1),
                price: 3,
                start: 100,
                end: 200,
                max_supply: 10,
                max_per_account: 4,
                max_per_call: 3,
                allowlist_root: None,
            },
            sold: 0,
        }
    }

    fn with(f: impl FnOnce(&mut Drop)) -> Drop {
        let mut drop = drop();
        f(&mut drop);
        drop
    }

    fn admission(sold: u32, bought: u32, total_price: u128) -> Result<Admission, CollectionError> {
        Ok(Admission {
            sold,
            bought,
            total_price,
        })
    }

    #[test]
    fn the_window_opens_at_start_and_closes_at_end() {
        let drop = drop();
        assert_eq!(drop.admit(99, buyer(), 1, 0, 0, &[]), Err(NotStarted));
        assert_eq!(drop.admit(100, buyer(), 1, 0, 0, &[]), admission(1, 1, 3));
        assert_eq!(drop.admit(199, buyer(), 1, 0, 0, &[]), admission(1, 1, 3));
        assert_eq!(drop.admit(200, buyer(), 1, 0, 0, &[]), Err(Ended));
        assert_eq!(drop.admit(u64::MAX, buyer(), 0, 9, 0, &[]), Err(Ended));
    }

    #[test]
    fn quantity_is_positive_and_within_the_call_cap() {
        let drop = drop();
        assert_eq!(drop.admit(150, buyer(), 0, 0, 0, &[]), Err(ZeroQuantity));
        assert_eq!(drop.admit(150, buyer(), 3, 0, 0, &[]), admission(3, 3, 9));
        assert_eq!(drop.admit(150, buyer(), 4, 0, 0, &[]), Err(OverCallLimit));
        assert_eq!(
            drop.admit(150, buyer(), u32::MAX, 0, 0, &[]),
            Err(OverCallLimit)
        );
    }

    #[test]
    fn the_drop_sells_at_most_its_supply() {
        let nearly = with(|d| d.sold = 8);
        assert_eq!(
            nearly.admit(150, buyer(), 2, 0, 0, &[]),
            admission(10, 2, 6)
        );
        assert_eq!(nearly.admit(150, buyer(), 3, 0, 0, &[]), Err(SoldOut));
        let absurd = with(|d| {
            d.sold = u32::MAX;
            d.config.max_supply = u32::MAX;
        });
        assert_eq!(absurd.admit(150, buyer(), 1, 0, 0, &[]), Err(SoldOut));
    }

    #[test]
    fn each_account_buys_at_most_its_cap() {
        let drop = drop();
        assert_eq!(drop.admit(150, buyer(), 1, 3, 0, &[]), admission(1, 4, 3));
        assert_eq!(
            drop.admit(150, buyer(), 2, 3, 0, &[]),
            Err(OverAccountLimit)
        );
        assert_eq!(
            drop.admit(150, buyer(), 1, u32::MAX, 0, &[]),
            Err(OverAccountLimit)
        );
    }

    #[test]
    fn an_allowlist_admits_listed_leaves_and_caps_them_at_their_allowance() {
        let other = account(8);
        let tree = MerkleTree::new(vec![
            merkle::leaf(&(buyer(), 2u32)),
            merkle::leaf(&(other, 9u32)),
        ]);
        let drop = with(|d| d.config.allowlist_root = Some(tree.root()));
        let (proof, other_proof) = (tree.proof(0).expect("proof"), tree.proof(1).expect("proof"));
        assert_eq!(
            drop.admit(150, buyer(), 2, 0, 2, &proof),
            admission(2, 2, 6)
        );
        assert_eq!(
            drop.admit(150, buyer(), 1, 0, 3, &proof),
            Err(NotAllowlisted)
        );
        assert_eq!(drop.admit(150, buyer(), 1, 0, 2, &[]), Err(NotAllowlisted));
        assert_eq!(drop.admit(150, other, 1, 0, 2, &proof), Err(NotAllowlisted));
        assert_eq!(
            drop.admit(150, buyer(), 3, 0, 2, &proof),
            Err(OverAccountLimit)
        );
        assert_eq!(
            drop.admit(150, buyer(), 1, 2, 2, &proof),
            Err(OverAccountLimit)
        );
        // An allowance above the drop's per-account cap does not raise it.
        assert_eq!(
            drop.admit(150, other, 1, 4, 9, &other_proof),
            Err(OverAccountLimit)
        );
        assert_eq!(
            drop.admit(150, other, 3, 1, 9, &other_proof),
            admission(3, 4, 9)
        );
    }

    #[test]
    fn the_price_is_checked_last_and_may_be_free() {
        let free = with(|d| d.config.price = 0);
        assert_eq!(free.admit(150, buyer(), 3, 0, 0, &[]), admission(3, 3, 0));
        let dear = with(|d| d.config.price = u128::MAX);
        assert_eq!(
            dear.admit(150, buyer(), 1, 0, 0, &[]),
            admission(1, 1, u128::MAX)
        );
        assert_eq!(dear.admit(150, buyer(), 2, 0, 0, &[]), Err(Overflow));
        assert_eq!(
            dear.admit(150, buyer(), 2, 3, 0, &[]),
            Err(OverAccountLimit),
            "an earlier rule wins"
        );
    }

    #[test]
    fn earlier_rules_win() {
        let sold_out = with(|d| d.sold = 10);
        assert_eq!(sold_out.admit(50, buyer(), 0, 9, 0, &[]), Err(NotStarted));
        assert_eq!(
            sold_out.admit(150, buyer(), 0, 9, 0, &[]),
            Err(ZeroQuantity)
        );
        assert_eq!(
            sold_out.admit(150, buyer(), 4, 9, 0, &[]),
            Err(OverCallLimit)
        );
        assert_eq!(sold_out.admit(150, buyer(), 1, 9, 0, &[]), Err(SoldOut));
        let listed = with(|d| d.config.allowlist_root = Some([0; 32]));
        assert_eq!(
            listed.admit(150, buyer(), 1, 9, 0, &[]),
            Err(NotAllowlisted)
        );
    }

    #[test]
    fn a_buyer_names_the_drop_and_the_most_it_pays() {
        let drop = Drop::open(4, drop().config);
        assert_eq!(drop.expect_id(4), Ok(()));
        assert_eq!(drop.expect_id(3), Err(WrongDrop));
        assert_eq!(drop.expect_id(5), Err(WrongDrop));
        let admission = drop.admit(150, buyer(), 3, 0, 0, &[]).expect("admitted");
        assert_eq!(admission.within(9), Ok(admission));
        assert_eq!(admission.within(u128::MAX), Ok(admission));
        assert_eq!(admission.within(8), Err(PriceAboveMax));
        assert_eq!(admission.within(0), Err(PriceAboveMax));
    }

    #[test]
    fn a_drop_opens_with_nothing_sold() {
        let opened = Drop::open(4, drop().config);
        assert_eq!(
            (opened.id, opened.sold, opened.config),
            (4, 0, drop().config)
        );
    }

    #[test]
    fn an_ended_drop_refuses_from_then_on() {
        let ended = with(|d| d.sold = 4).ended_at(150);
        assert_eq!(
            ended,
            with(|d| {
                d.sold = 4;
                d.config.end = 150;
            })
        );
        assert_eq!(ended.admit(149, buyer(), 1, 0, 0, &[]), admission(5, 1, 3));
        assert_eq!(ended.admit(150, buyer(), 1, 0, 0, &[]), Err(Ended));
        // Ended before it opened: nothing more was ever possible.
        assert_eq!(
            drop().ended_at(0).admit(100, buyer(), 1, 0, 0, &[]),
            Err(Ended)
        );
    }

    #[test]
    fn configurations_need_a_window_and_positive_caps() {
        assert_eq!(drop().config.check(), Ok(()));
        let bad: [fn(&mut DropConfig); 5] = [
            |c| c.start = c.end,
            |c| c.start = c.end.saturating_add(1),
            |c| c.max_supply = 0,
            |c| c.max_per_account = 0,
            |c| c.max_per_call = 0,
        ];
        for break_it in bad {
            let mut config = drop().config;
            break_it(&mut config);
            assert_eq!(config.check(), Err(InvalidDrop), "{config:?}");
        }
    }

    #[test]
    fn proceeds_split_rounds_the_distributor_down_and_sum_to_the_total() {
        let split = |bps: u16, total: u128| {
            Proceeds {
                treasury: buyer(),
                distributor: buyer(),
                distributor_bps: bps,
            }
            .split(total)
        };
        assert_eq!(split(0, 1_000), Ok((1_000, 0)));
        assert_eq!(Proceeds::all_to(buyer()).split(9), Ok((9, 0)));
        assert_eq!(split(3_000, 1_000), Ok((700, 300)));
        assert_eq!(split(3_333, 10), Ok((7, 3)));
        assert_eq!(split(BPS, 7), Ok((0, 7)));
        assert_eq!(
            split(5_000, u128::MAX),
            Ok((u128::MAX / 2 + 1, u128::MAX / 2))
        );
    }

    #[test]
    fn proceeds_shares_sum_to_the_whole() {
        let (a, b) = (account(1), account(2));
        assert_eq!(
            Proceeds::from_shares(a, 7_000, b, 3_000),
            Ok(Proceeds {
                treasury: a,
                distributor: b,
                distributor_bps: 3_000
            })
        );
        assert_eq!(
            Proceeds::from_shares(a, BPS, b, 0).map(|p| p.distributor_bps),
            Ok(0)
        );
        for (treasury_bps, distributor_bps) in [(7_000, 2_000), (7_000, 3_001), (u16::MAX, 2)] {
            assert_eq!(
                Proceeds::from_shares(a, treasury_bps, b, distributor_bps),
                Err(InvalidShares)
            );
        }
    }

    #[test]
    fn royalties_are_at_most_the_whole_and_round_down() {
        let receiver = account(3);
        assert_eq!(Royalty::from_bps(receiver, 10_001), Err(InvalidRoyalty));
        assert_eq!(Royalty::from_bps(receiver, u16::MAX), Err(InvalidRoyalty));
        let royalty = Royalty::from_bps(receiver, 500).expect("5 %");
        assert_eq!(royalty, Royalty { receiver, bps: 500 });
        assert_eq!(royalty.on(1_000), 50);
        assert_eq!(royalty.on(39), 1);
        assert_eq!(royalty.on(u128::MAX), u128::MAX / 20);
        let whole = Royalty::from_bps(receiver, BPS).expect("100 %");
        assert_eq!(whole.on(u128::MAX), u128::MAX);
        assert_eq!(Royalty::none(receiver).on(u128::MAX), 0);
    }

    /// The model: every rule as an independent predicate, in wide arithmetic; the answer is
    /// the first broken rule in the documented order, or the plain sums.
    fn model(
        drop: &Drop,
        now: u64,
        quantity: u32,
        already: u32,
        listed: Option<bool>,
        allowance: u32,
    ) -> Result<Admission, CollectionError> {
        let c = &drop.config;
        let (q, sold, already) = (
            u64::from(quantity),
            u64::from(drop.sold),
            u64::from(already),
        );
        let cap = match listed {
            Some(_) => c.max_per_account.min(allowance),
            None => c.max_per_account,
        };
        let price = c.price.checked_mul(u128::from(quantity));
        let broken = [
            (now < c.start, NotStarted),
            (now >= c.end, Ended),
            (q == 0, ZeroQuantity),
            (q > u64::from(c.max_per_call), OverCallLimit),
            (sold + q > u64::from(c.max_supply), SoldOut),
            (listed == Some(false), NotAllowlisted),
            (already + q > u64::from(cap), OverAccountLimit),
            (price.is_none(), Overflow),
        ];
        if let Some((_, error)) = broken.into_iter().find(|(is_broken, _)| *is_broken) {
            return Err(error);
        }
        Ok(Admission {
            sold: u32::try_from(sold + q).expect("within max_supply"),
            bought: u32::try_from(already + q).expect("within the cap"),
            total_price: price.expect("checked"),
        })
    }

    /// A count of items bought or sold: mostly small, sometimes the extremes.
    fn count() -> impl Strategy<Value = u32> {
        prop_oneof![10 => 0..8u32, 1 => Just(u32::MAX), 1 => Just(u32::MAX - 1)]
    }

    /// A cap or an allowance: mostly around the counts, sometimes the extremes.
    fn cap() -> impl Strategy<Value = u32> {
        prop_oneof![10 => 0..24u32, 1 => Just(u32::MAX), 1 => Just(u32::MAX - 1)]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn admission_follows_the_model(
            // The clock, relative to the window: mostly inside, sometimes on either edge or
            // far off.
            offset in prop_oneof![
                6 => 0..25i64, 3 => -3..60i64, 1 => Just(i64::MIN), 1 => Just(i64::MAX)
            ],
            start in prop_oneof![20 => 0..1_000u64, 1 => Just(u64::MAX)],
            length in prop_oneof![20 => 25..50u64, 1 => 0..3u64],
            (max_supply, max_per_account, max_per_call) in (cap(), cap(), cap()),
            (sold, quantity, already) in (count(), count(), count()),
            price in prop_oneof![8 => 0..1_000u128, 1 => Just(u128::MAX), 1 => Just(u128::MAX / 3)],
            // `None`: no allowlist. `Some((claimed, listed, proof_of, claim))`: a list of 3
            // accounts with allowances `listed`; the buyer is account `claimed` (3 is not
            // listed) and presents the proof of leaf `proof_of` (by default its own, or leaf 0's)
            // with allowance `claim` (by default its listed one, or `allowance`).
            list in proptest::option::of((
                0..4usize,
                [cap(), cap(), cap()],
                prop_oneof![3 => Just(None), 1 => (0..3usize).prop_map(Some)],
                prop_oneof![3 => Just(None), 1 => cap().prop_map(Some)],
            )),
            allowance in cap(),
        ) {
            let now = start.saturating_add_signed(offset);
            let accounts = [1, 2, 3, 4].map(account);
            let mut drop = Drop {
                id: 0,
                config: DropConfig {
                    payment_token: account(9),
                    price,
                    start,
                    end: start.saturating_add(length),
                    max_supply,
                    max_per_account,
                    max_per_call,
                    allowlist_root: None,
                },
                sold,
            };
            let (buyer, allowance, proof, listed) = match list {
                None => (accounts[0], allowance, Vec::new(), None),
                Some((claimed, allowances, proof_of, claim)) => {
                    let leaves = (0..3).map(|i| merkle::leaf(&(accounts[i], allowances[i])));
                    let tree = MerkleTree::new(leaves.collect());
                    drop.config.allowlist_root = Some(tree.root());
                    let proof_of = proof_of.unwrap_or(if claimed < 3 { claimed } else { 0 });
                    let own = allowances.get(claimed).copied().unwrap_or(allowance);
                    let claim = claim.unwrap_or(own);
                    let genuine = claimed == proof_of && allowances[proof_of] == claim;
                    let proof = tree.proof(proof_of).expect("proof");
                    (accounts[claimed], claim, proof, Some(genuine))
                }
            };
            prop_assert_eq!(
                drop.admit(now, buyer, quantity, already, allowance, &proof),
                model(&drop, now, quantity, already, listed, allowance)
            );
        }

        #[test]
        fn the_split_sums_to_the_total_and_gives_the_distributor_its_share(
            total: u128,
            bps in 0..=BPS,
        ) {
            let proceeds = Proceeds {
                treasury: buyer(),
                distributor: buyer(),
                distributor_bps: bps,
            };
            let (to_treasury, to_distributor) = proceeds.split(total).expect("never overflows");
            prop_assert_eq!(to_treasury.checked_add(to_distributor), Some(total));
            // The distributor's share is floor(total * bps / 10,000), computed exactly in two
            // halves: total = high * 10,000 + low.
            let (high, low) = (total / 10_000, total % 10_000);
            let exact = high * u128::from(bps) + low * u128::from(bps) / 10_000;
            prop_assert_eq!(to_distributor, exact);
        }
    }
}
