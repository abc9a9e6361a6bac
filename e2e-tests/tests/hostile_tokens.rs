//! Hostile PSP22 tokens (`e2e-tests/hostile-psp22`, compiled like the suite) against every
//! suite contract that calls a PSP22 it was configured with: the collection's drop payment
//! token, the distributor's staking token and PSP22 reward assets, the mining pool's token
//! (mint), proof of work's token (mint), the market's token (mint, burn) and the vesting
//! wallet's token (transfer). (The creation desk calls only the suite's own collection and
//! pool, fixed at its construction: no token reaches it.)
//!
//! Each mode, each contract: `Reenter` (the token calls back into the contract that called it:
//! refused by the runtime with `ReentranceDenied`, seen in the host-call trace; the outer call
//! fails with a typed error and every change is rolled back), `Liar` (`Ok` without moving
//! anything), `Flaky` (every second moving call fails) and `Absurd` (`u128::MAX` supply, 255
//! decimals). Every refusal is checked to leave the contract's state and every balance as it
//! was; every success to pay exactly once.

use std::{cell::Cell, fmt::Debug, sync::Arc};

use creator_market::{
    curve::{BuyQuote, Curve, SellQuote},
    FeeConfig, MarketConfig, MarketError, MarketState,
};
use creator_nft::{CollectionError, Drop, DropConfig};
use creator_vesting::VestingError;
use e2e_tests::{
    account,
    actors::{attacker, creator, delegate, fan, id, nobody, other_fan, treasury},
    contribution::register_project,
    ink_id,
    pallet_contracts::Determinism,
    AccountId32, Bundle, Chain, Contract, ContractAPI,
};
use hostile_psp22::{Mode, ReentryOutcome, ABSURD_DECIMALS, FLAKY};
use ink::scale::{Decode, Encode};
use mining_pool::{PoolConfig, PoolError};
use proof_of_work::{PowConfig, PowError, PowState};
use psp::{Id, PSP22Error};
use reward_distributor::{Asset, DistributorError};

const MAX: u128 = u128::MAX;
const START: u64 = 1_000;
/// The hostile token's supply (all modes but `Absurd`), held by the attacker.
const SUPPLY: u128 = 1_000_000;

// The cast (`e2e_tests::actors`): the attacker deploys and steers the hostile token (its
// owner); the creator administers every suite contract.

/// The collection's second proceeds recipient.
fn sink() -> AccountId32 {
    delegate()
}

fn flaky() -> PSP22Error {
    PSP22Error::Custom(FLAKY.into())
}

fn cap_exceeded() -> PSP22Error {
    PSP22Error::custom(PSP22Error::CAP_EXCEEDED)
}

/// pallet-contracts writes a trace of every host call (target `runtime::contracts::strace`)
/// into a call's debug buffer when that log target is enabled: [`traced`] enables it for the
/// calling test thread only.
mod strace {
    use super::Cell;

    thread_local! {
        static ON: Cell<bool> = const { Cell::new(false) };
    }

    struct Strace;

    impl log::Log for Strace {
        fn enabled(&self, metadata: &log::Metadata) -> bool {
            metadata.target() == "runtime::contracts::strace" && ON.with(Cell::get)
        }
        fn log(&self, _: &log::Record) {}
        fn flush(&self) {}
    }

    static LOGGER: Strace = Strace;

    pub fn traced<T>(run: impl FnOnce() -> T) -> T {
        // Another test thread may have installed it already.
        let _ = log::set_logger(&LOGGER);
        log::set_max_level(log::LevelFilter::Trace);
        ON.with(|on| on.set(true));
        let output = run();
        ON.with(|on| on.set(false));
        output
    }
}

/// A chain with the hostile token, deployed by the attacker.
struct World {
    chain: Chain,
    hostile: Arc<Bundle>,
    token: Contract,
}

impl World {
    /// A second token of the hostile bundle, honest, `SUPPLY` held by the attacker.
    fn honest_token(&mut self) -> Contract {
        let (address, _) = self
            .chain
            .deploy(
                &self.hostile,
                "new",
                (Mode::Honest, SUPPLY),
                &attacker(),
                vec![1],
            )
            .expect("honest token");
        Contract::at(&self.hostile, &address)
    }

    /// The token is built `Absurd` for that mode and `Honest` otherwise (tests fund accounts
    /// honestly, then [`World::set_mode`]).
    fn new(mode: Mode) -> Self {
        let hostile = Bundle::shared("hostile_psp22");
        let mut chain = Chain::new();
        chain.set_time(START);
        let mode = if mode == Mode::Absurd {
            Mode::Absurd
        } else {
            Mode::Honest
        };
        let token = chain.instantiate(&hostile, (mode, SUPPLY), &attacker());
        Self {
            chain,
            hostile,
            token,
        }
    }

    /// Like [`Chain::send_paying`], with the host-call trace: the result and whether the trace
    /// shows a call refused with `ReentranceDenied`.
    fn send_traced<T: Decode + Debug, E: Decode + Debug>(
        &mut self,
        contract: &Contract,
        message: &str,
        args: impl Encode,
        caller: &AccountId32,
        value: u128,
    ) -> (Result<T, E>, bool) {
        let data = contract.bundle.input(message, args);
        let gas_limit = self.chain.gas_limit;
        let result = strace::traced(|| {
            self.chain.sandbox.call_contract(
                contract.address.clone(),
                value,
                data,
                caller.clone(),
                gas_limit,
                None,
                Determinism::Enforced,
            )
        });
        let trace = String::from_utf8_lossy(&result.debug_message).into_owned();
        let output = result.result.expect("the outer call answers");
        let answer = Result::<Result<T, E>, ink::LangError>::decode(&mut &output.data[..])
            .expect("decodes")
            .expect("dispatched");
        assert_eq!(
            output.did_revert(),
            answer.is_err(),
            "{message}: {answer:?}"
        );
        (answer, trace.contains("ReentranceDenied"))
    }

    fn balance(&mut self, who: &AccountId32) -> u128 {
        let token = self.token.clone();
        self.balance_at(&token, who)
    }

    fn balance_at(&mut self, token: &Contract, who: &AccountId32) -> u128 {
        self.chain.read(token, "PSP22::balance_of", ink_id(who))
    }

    fn transfer(&mut self, from: &AccountId32, to: &AccountId32, amount: u128) {
        let token = self.token.clone();
        self.transfer_at(&token, from, to, amount);
    }

    fn transfer_at(
        &mut self,
        token: &Contract,
        from: &AccountId32,
        to: &AccountId32,
        amount: u128,
    ) {
        self.chain
            .send::<(), PSP22Error>(
                token,
                from,
                "PSP22::transfer",
                (ink_id(to), amount, Vec::<u8>::new()),
            )
            .0
            .expect("transfer");
    }

    fn approve(&mut self, owner: &AccountId32, spender: &AccountId32) {
        let token = self.token.clone();
        self.approve_at(&token, owner, spender);
    }

    fn approve_at(&mut self, token: &Contract, owner: &AccountId32, spender: &AccountId32) {
        self.chain
            .send::<(), PSP22Error>(token, owner, "PSP22::approve", (ink_id(spender), MAX))
            .0
            .expect("approve");
    }

    fn set_mode(&mut self, mode: Mode) {
        self.chain
            .send::<(), PSP22Error>(&self.token, &attacker(), "set_mode", mode)
            .0
            .expect("set_mode");
    }

    /// Arms `Reenter` with a call of `message(args)` on `target`.
    fn reenter(&mut self, target: &Contract, message: &str, args: impl Encode) {
        let data = target.bundle.input(message, args);
        self.chain
            .send::<(), PSP22Error>(&self.token, &attacker(), "set_reentry", (target.id(), data))
            .0
            .expect("set_reentry");
        self.set_mode(Mode::Reenter);
    }

    fn calls(&mut self) -> u32 {
        self.chain.read(&self.token, "calls", ())
    }

    fn last_reentry(&mut self) -> Option<ReentryOutcome> {
        self.chain.read(&self.token, "last_reentry", ())
    }

    fn supply(&mut self) -> u128 {
        self.chain.read(&self.token, "PSP22::total_supply", ())
    }

    /// One moving call straight to the token (a zero transfer by an outsider): it advances the
    /// `Flaky` count by one whether it fails or not. (A `Flaky` failure answers without
    /// reverting, so this is a plain [`Chain::call`], not a [`Chain::send`].)
    fn tick(&mut self) {
        let before = self.calls();
        let (answer, _) = self.chain.call::<Result<(), PSP22Error>>(
            &self.token.bundle,
            &self.token.address,
            "PSP22::transfer",
            (ink_id(&account(9)), 0u128, Vec::<u8>::new()),
            &nobody(),
            0,
        );
        let _: Result<(), PSP22Error> =
            answer.unwrap_or_else(|failure| panic!("token PSP22::transfer: {failure:?}"));
        assert_eq!(self.calls(), before + 1);
    }

    /// Makes the next moving call the `Flaky` token's failing one (`fail`) or a passing one.
    fn next_call_fails(&mut self, fail: bool) {
        if (self.calls() % 2 == 1) != fail {
            self.tick();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The NFT collection: the drop's payment token.
// ---------------------------------------------------------------------------------------------

const PRICE: u128 = 100;
/// What the fan holds of the hostile token (not `Absurd`).
const FAN_FUNDS: u128 = 1_000;

struct Shop {
    w: World,
    collection: Contract,
}

/// Everything a purchase changes.
#[derive(Debug, PartialEq, Eq)]
struct ShopState {
    sold: u32,
    bought: u32,
    items: u128,
    fan_items: u32,
    fan: u128,
    treasury: u128,
    sink: u128,
    calls: u32,
}

impl Shop {
    /// A collection selling a drop for the hostile token at `price`; the fan holds
    /// [`FAN_FUNDS`] (`Absurd`: every token) and approved the collection. `split`: 30 % of the
    /// proceeds go to a second recipient, so a purchase makes two `transfer_from` calls.
    fn new(mode: Mode, price: u128, split: bool) -> Self {
        let mut w = World::new(mode);
        let nft = Bundle::shared("creator_nft");
        let args = (
            String::from("Drop"),
            String::from("DRP"),
            String::from("ipfs://drop/"),
            id(creator),
        );
        let collection = w.chain.instantiate(&nft, args, &creator());
        let (treasury_bps, sink_bps) = if split {
            (7_000u16, 3_000u16)
        } else {
            (10_000, 0)
        };
        let set: Result<(), CollectionError> = w
            .chain
            .send(
                &collection,
                &creator(),
                "set_proceeds",
                (id(treasury), treasury_bps, id(sink), sink_bps),
            )
            .0;
        set.expect("proceeds");
        let config = DropConfig {
            payment_token: w.token.id(),
            price,
            start: START,
            end: START + 100_000,
            max_supply: 10,
            max_per_account: 10,
            max_per_call: 10,
            allowlist_root: None,
        };
        let configured: Result<u32, CollectionError> = w
            .chain
            .send(&collection, &creator(), "configure_drop", config)
            .0;
        assert_eq!(configured, Ok(0));
        let funds = if mode == Mode::Absurd { MAX } else { FAN_FUNDS };
        w.transfer(&attacker(), &fan(), funds);
        w.approve(&fan(), &collection.address);
        if mode != Mode::Absurd {
            w.set_mode(mode);
        }
        Self { w, collection }
    }

    fn state(&mut self) -> ShopState {
        let drop: Option<Drop> = self.w.chain.read(&self.collection, "drop_info", ());
        ShopState {
            sold: drop.expect("drop").sold,
            bought: self
                .w
                .chain
                .read(&self.collection, "bought_in_drop", (0u32, id(fan))),
            items: self
                .w
                .chain
                .read(&self.collection, "PSP34::total_supply", ()),
            fan_items: self
                .w
                .chain
                .read(&self.collection, "PSP34::balance_of", id(fan)),
            fan: self.w.balance(&fan()),
            treasury: self.w.balance(&treasury()),
            sink: self.w.balance(&sink()),
            calls: self.w.calls(),
        }
    }

    fn buy(&mut self, quantity: u32) -> Result<Vec<Id>, CollectionError> {
        self.w
            .chain
            .send(
                &self.collection,
                &fan(),
                "buy",
                (0u32, quantity, u128::MAX, 0u32, Vec::<[u8; 32]>::new()),
            )
            .0
    }
}

#[test]
fn collection_refuses_reentry_from_its_payment_token_and_rolls_back() {
    let mut shop = Shop::new(Mode::Honest, PRICE, true);
    let collection = shop.collection.clone();
    let before = shop.state();
    // During `buy`'s payment the token calls `buy` again, then a read-only `drop_info`: ink!
    // contracts refuse any re-entry.
    for (message, args) in [
        (
            "buy",
            (0u32, 1u32, u128::MAX, 0u32, Vec::<[u8; 32]>::new()).encode(),
        ),
        ("drop_info", Vec::new()),
    ] {
        shop.w.reenter(&collection, message, RawArgs(args.clone()));
        let (result, denied) = shop.w.send_traced::<Vec<Id>, CollectionError>(
            &collection,
            "buy",
            (0u32, 1u32, u128::MAX, 0u32, Vec::<[u8; 32]>::new()),
            &fan(),
            0,
        );
        assert_eq!(result, Err(CollectionError::PaymentCallFailed), "{message}");
        assert!(denied, "{message}: the trace shows ReentranceDenied");
        assert_eq!(
            shop.state(),
            before,
            "{message}: nothing minted, counted or paid"
        );
        assert_eq!(shop.w.last_reentry(), None);
    }
    // The same re-entry call made outside a collection call goes through: the token records
    // the collection's answer, so what stopped it above was the re-entry ban.
    shop.w.reenter(&collection, "drop_info", ());
    shop.w.transfer(&fan(), &other_fan(), 1);
    let drop: Option<Drop> = shop.w.chain.read(&collection, "drop_info", ());
    assert_eq!(
        shop.w.last_reentry(),
        Some(ReentryOutcome::Answered(drop.encode()))
    );
    // And the collection still sells normally (with no re-entry in the trace).
    shop.w.set_mode(Mode::Honest);
    let (bought, denied) = shop.w.send_traced::<Vec<Id>, CollectionError>(
        &collection,
        "buy",
        (0u32, 1u32, u128::MAX, 0u32, Vec::<[u8; 32]>::new()),
        &fan(),
        0,
    );
    assert_eq!((bought, denied), (Ok(vec![Id::U64(1)]), false));
}

#[test]
fn a_payment_token_reentering_another_suite_contract_cannot_read_itself_back() {
    // Mid-purchase the token calls the distributor (not on the call stack, so allowed) to
    // `sync` the proceeds; the distributor's `balance_of` call back into the token is refused
    // (the token is on the stack) and traps the distributor - the token records "callee
    // trapped" and the purchase completes, paid once. A view that does not touch the token
    // answers normally.
    let mut shop = Shop::new(Mode::Honest, PRICE, true);
    let bundle = Bundle::shared("reward_distributor");
    let args = (shop.w.token.id(), 10_000u64, 0u64, id(creator));
    let distributor = shop.w.chain.instantiate(&bundle, args, &creator());
    let asset = Asset::Token(shop.w.token.id());
    shop.w.reenter(&distributor, "sync", asset);
    let before = shop.state();
    assert_eq!(shop.buy(1), Ok(vec![Id::U64(1)]));
    // pallet-contracts' ReturnErrorCode::CalleeTrapped
    assert_eq!(shop.w.last_reentry(), Some(ReentryOutcome::CallFailed(1)));
    let after = shop.state();
    assert_eq!(
        (after.fan, after.treasury, after.sink, after.items),
        (before.fan - PRICE, PRICE * 7 / 10, PRICE * 3 / 10, 1)
    );
    shop.w.reenter(&distributor, "held", asset);
    assert_eq!(shop.buy(1), Ok(vec![Id::U64(2)]));
    assert_eq!(
        shop.w.last_reentry(),
        Some(ReentryOutcome::Answered(0u128.encode()))
    );
}

/// Already-encoded arguments.
struct RawArgs(Vec<u8>);

impl Encode for RawArgs {
    fn size_hint(&self) -> usize {
        self.0.len()
    }
    fn encode_to<T: ink::scale::Output + ?Sized>(&self, dest: &mut T) {
        dest.write(&self.0);
    }
}

#[test]
fn collection_trusts_its_payment_token_a_liar_gets_items_for_nothing() {
    // Trust assumption: the collection takes the configured token's `Ok` as payment (it does
    // not compare balances). Only the creator who configured a lying token loses.
    let mut shop = Shop::new(Mode::Liar, PRICE, true);
    let before = shop.state();
    assert_eq!(shop.buy(2), Ok(vec![Id::U64(1), Id::U64(2)]));
    assert_eq!(
        shop.state(),
        ShopState {
            sold: 2,
            bought: 2,
            items: 2,
            fan_items: 2,
            calls: before.calls + 2,
            ..before
        }
    );
    assert_eq!(
        (before.fan, before.treasury, before.sink),
        (FAN_FUNDS, 0, 0)
    );
}

#[test]
fn collection_with_a_flaky_token_never_keeps_a_partial_payment() {
    // Two payments per purchase: one always lands on a failing call, so a split purchase
    // never completes - and the payment that did go through is rolled back with it.
    let mut shop = Shop::new(Mode::Flaky, PRICE, true);
    let before = shop.state();
    for first_fails in [false, true] {
        shop.w.next_call_fails(first_fails);
        let before = shop.state();
        assert_eq!(shop.buy(1), Err(CollectionError::Payment(flaky())));
        assert_eq!(shop.state(), before, "first payment fails: {first_fails}");
    }
    assert_eq!((before.treasury, before.sink, before.items), (0, 0, 0));

    // One payment per purchase: it fails or succeeds whole, and is paid once.
    let mut shop = Shop::new(Mode::Flaky, PRICE, false);
    shop.w.next_call_fails(true);
    let before = shop.state();
    assert_eq!(shop.buy(1), Err(CollectionError::Payment(flaky())));
    assert_eq!(shop.state(), before);
    shop.w.tick();
    let before = shop.state();
    assert_eq!(shop.buy(1), Ok(vec![Id::U64(1)]));
    assert_eq!(
        shop.state(),
        ShopState {
            sold: 1,
            bought: 1,
            items: 1,
            fan_items: 1,
            fan: FAN_FUNDS - PRICE,
            treasury: PRICE,
            sink: 0,
            calls: before.calls + 1,
        }
    );
}

#[test]
fn collection_with_an_absurd_token_sells_at_u128_max_and_refuses_an_overflow() {
    let mut shop = Shop::new(Mode::Absurd, MAX, true);
    let decimals: u8 = shop
        .w
        .chain
        .read(&shop.w.token, "PSP22Metadata::token_decimals", ());
    assert_eq!(decimals, ABSURD_DECIMALS);
    let before = shop.state();
    assert_eq!(before.fan, MAX);
    assert_eq!(shop.buy(2), Err(CollectionError::Overflow));
    assert_eq!(shop.state(), before);
    assert_eq!(shop.buy(1), Ok(vec![Id::U64(1)]));
    // 30 % of u128::MAX, floored; the treasury gets the rest: nothing is lost to rounding.
    let to_sink = MAX / 10 * 3 + (MAX % 10) * 3 / 10;
    assert_eq!(
        shop.state(),
        ShopState {
            sold: 1,
            bought: 1,
            items: 1,
            fan_items: 1,
            fan: 0,
            treasury: MAX - to_sink,
            sink: to_sink,
            calls: before.calls + 2,
        }
    );
}

// ---------------------------------------------------------------------------------------------
// The reward distributor: the staking token, PSP22 reward assets, rounds.
// ---------------------------------------------------------------------------------------------

/// The shortest reward duration the distributor accepts (one day, `psp::limits`).
const DURATION: u64 = psp::limits::MIN_REWARD_DURATION;
/// What the fan stakes in the setups.
const STAKE: u128 = 100;
/// Rewards deposited in the hostile token in the setups.
const REWARD: u128 = 500;
/// Native rewards deposited in the `hostile_reward` setup.
const NATIVE_REWARD: u128 = 300_000_000;

struct Staking {
    w: World,
    distributor: Contract,
    /// The staking token: the hostile token itself or an honest one.
    stake_token: Contract,
}

/// Everything a staking or reward call changes.
#[derive(Debug, PartialEq, Eq)]
struct StakingState {
    stake: u128,
    total_staked: u128,
    held_stake: u128,
    held_reward: u128,
    pending_reward: u128,
    pending_native: u128,
    stream: reward_distributor::accounting::Stream,
    fan_stake_tokens: u128,
    fan_rewards: u128,
    distributor_rewards: u128,
    distributor_native: u128,
    rounds: Option<reward_distributor::Round>,
}

impl Staking {
    fn new(mode: Mode, hostile_stake: bool) -> Self {
        let mut w = World::new(mode);
        let stake_token = if hostile_stake {
            w.token.clone()
        } else {
            w.honest_token()
        };
        let args = (stake_token.id(), DURATION, 0u64, id(creator));
        let distributor =
            w.chain
                .instantiate(&Bundle::shared("reward_distributor"), args, &creator());
        let token = w.token.id();
        if !hostile_stake {
            let (added, _) = w.chain.send::<(), DistributorError>(
                &distributor,
                &creator(),
                "add_reward_asset",
                token,
            );
            added.expect("reward asset");
        }
        w.transfer_at(&stake_token, &attacker(), &fan(), FAN_FUNDS);
        w.approve_at(&stake_token, &fan(), &distributor.address);
        w.transfer(&attacker(), &other_fan(), FAN_FUNDS);
        w.approve(&other_fan(), &distributor.address);
        w.approve(&creator(), &distributor.address);
        let mut staking = Self {
            w,
            distributor,
            stake_token,
        };
        let (staked, _) = staking.w.chain.send::<(), DistributorError>(
            &staking.distributor,
            &fan(),
            "stake",
            STAKE,
        );
        assert_eq!(staked, Ok(()));
        let deposit = (token, REWARD);
        let (deposited, _) = staking.w.chain.send::<(), DistributorError>(
            &staking.distributor,
            &other_fan(),
            "deposit",
            deposit,
        );
        assert_eq!(deposited, Ok(()));
        if !hostile_stake {
            let (deposit, _) = staking.w.chain.send_paying::<(), DistributorError>(
                &staking.distributor,
                &other_fan(),
                "deposit_native",
                NATIVE_REWARD,
                NATIVE_REWARD,
            );
            assert_eq!(deposit, Ok(()));
        }
        staking.w.chain.set_time(START + DURATION);
        if mode != Mode::Absurd {
            staking.w.set_mode(mode);
        }
        staking
    }

    /// The hostile token is the staking token (and so a reward asset too); the fan staked
    /// [`STAKE`] and [`REWARD`] was streamed to it in full.
    fn hostile_stake(mode: Mode) -> Self {
        Self::new(mode, true)
    }

    /// The hostile token is an added reward asset; the staking token is honest. The fan staked
    /// [`STAKE`]; [`REWARD`] of the hostile token and [`NATIVE_REWARD`] were streamed to it.
    fn hostile_reward(mode: Mode) -> Self {
        Self::new(mode, false)
    }

    fn asset(&self) -> Asset {
        Asset::Token(self.w.token.id())
    }

    fn state(&mut self) -> StakingState {
        let asset = self.asset();
        let stake_asset = Asset::Token(self.stake_token.id());
        StakingState {
            stake: self.w.chain.read(&self.distributor, "stake_of", id(fan)),
            total_staked: self.w.chain.read(&self.distributor, "total_staked", ()),
            held_stake: self.w.chain.read(&self.distributor, "held", stake_asset),
            held_reward: self.w.chain.read(&self.distributor, "held", asset),
            pending_reward: self
                .w
                .chain
                .read(&self.distributor, "pending", (id(fan), asset)),
            pending_native: self.w.chain.read(
                &self.distributor,
                "pending",
                (id(fan), Asset::Native),
            ),
            stream: self.w.chain.read(&self.distributor, "stream_of", asset),
            fan_stake_tokens: self.w.balance_at(&self.stake_token, &fan()),
            fan_rewards: self.w.balance(&fan()),
            distributor_rewards: self.w.balance(&self.distributor.address),
            distributor_native: self.w.chain.native_balance(&self.distributor.address),
            rounds: self.w.chain.read(&self.distributor, "round", 0u32),
        }
    }

    /// Every reward the distributor owes is backed by tokens it really holds.
    fn assert_backed(&mut self) {
        let state = self.state();
        assert!(
            state.held_reward <= state.distributor_rewards,
            "held {} > balance {}",
            state.held_reward,
            state.distributor_rewards
        );
    }
}

#[test]
fn distributor_refuses_reentry_from_its_staking_token_and_rolls_back() {
    let mut s = Staking::hostile_stake(Mode::Honest);
    let distributor = s.distributor.clone();
    let asset = s.asset();
    let token = s.w.token.id();
    let before = s.state();
    assert_eq!((before.stake, before.pending_reward), (STAKE, REWARD));
    // (caller, message, its arguments, the re-entry message, its arguments)
    type Attempt = (AccountId32, &'static str, Vec<u8>, &'static str, Vec<u8>);
    let attempts: [Attempt; 5] = [
        (fan(), "stake", 50u128.encode(), "stake", 1u128.encode()),
        (fan(), "unstake", STAKE.encode(), "unstake", STAKE.encode()),
        (fan(), "claim", asset.encode(), "claim", asset.encode()),
        (fan(), "claim_all", vec![], "claim_all", vec![]),
        (
            other_fan(),
            "deposit",
            (token, 10u128).encode(),
            "deposit",
            (token, 5u128).encode(),
        ),
    ];
    for (caller, message, args, reentry, reentry_args) in attempts {
        s.w.reenter(&distributor, reentry, RawArgs(reentry_args));
        let (result, denied) = s.w.send_traced::<(), DistributorError>(
            &distributor,
            message,
            RawArgs(args),
            &caller,
            0,
        );
        assert_eq!(result, Err(DistributorError::TokenCallFailed), "{message}");
        assert!(denied, "{message}: the trace shows ReentranceDenied");
        assert_eq!(s.state(), before, "{message}: no trace left");
        assert_eq!(s.w.last_reentry(), None);
    }
    // Nothing was lost: the fan claims and unstakes everything, once.
    s.w.set_mode(Mode::Honest);
    assert_eq!(
        s.w.chain
            .send::<u128, DistributorError>(&s.distributor, &fan(), "claim", asset)
            .0,
        Ok(REWARD)
    );
    assert_eq!(
        s.w.chain
            .send::<(), DistributorError>(&s.distributor, &fan(), "unstake", STAKE)
            .0,
        Ok(())
    );
    assert_eq!(
        s.w.chain
            .send::<u128, DistributorError>(&s.distributor, &fan(), "claim", asset)
            .0,
        Ok(0)
    );
    assert_eq!(s.w.balance(&fan()), FAN_FUNDS + REWARD);
}

#[test]
fn distributor_refuses_a_lying_staking_token_and_never_streams_unbacked_rewards() {
    let mut s = Staking::hostile_stake(Mode::Liar);
    let asset = s.asset();
    let token = s.w.token.id();
    let before = s.state();
    assert_eq!(before.distributor_rewards, STAKE + REWARD);
    // A stake or a round the token only pretends to fund is refused (balance check).
    assert_eq!(
        s.w.chain
            .send::<(), DistributorError>(&s.distributor, &fan(), "stake", 50u128)
            .0,
        Err(DistributorError::TokenCallFailed)
    );
    assert_eq!(s.state(), before);
    let round = (asset, [7u8; 32], 100u128, START + 2 * DURATION);
    assert_eq!(
        s.w.chain
            .send::<u32, DistributorError>(&s.distributor, &creator(), "open_round", round)
            .0,
        Err(DistributorError::TokenCallFailed)
    );
    assert_eq!(s.state(), before);
    // A deposit the token only pretends to make is refused too (what `sync` found falls
    // short of the amount), and streams nothing.
    assert_eq!(
        s.w.chain
            .send::<(), DistributorError>(&s.distributor, &other_fan(), "deposit", (token, 100u128))
            .0,
        Err(DistributorError::TokenCallFailed)
    );
    assert_eq!(s.state(), before);
    // A claim the token only pretends to pay: the fan gets nothing, the distributor still
    // holds the tokens, and `sync` streams them again - to stakers, not to anyone twice.
    assert_eq!(
        s.w.chain
            .send::<u128, DistributorError>(&s.distributor, &fan(), "claim", asset)
            .0,
        Ok(REWARD)
    );
    let after = s.state();
    assert_eq!(
        (
            after.fan_rewards,
            after.held_reward,
            after.distributor_rewards
        ),
        (before.fan_rewards, STAKE, STAKE + REWARD)
    );
    s.assert_backed();
    assert_eq!(
        s.w.chain
            .send::<u128, DistributorError>(&s.distributor, &other_fan(), "sync", asset)
            .0,
        Ok(REWARD)
    );
    s.w.chain.set_time(START + 2 * DURATION);
    s.assert_backed();
    // Honest again: the fan is paid the rewards once, and the stake back.
    s.w.set_mode(Mode::Honest);
    assert_eq!(
        s.w.chain
            .send::<u128, DistributorError>(&s.distributor, &fan(), "claim", asset)
            .0,
        Ok(REWARD)
    );
    assert_eq!(
        s.w.chain
            .send::<(), DistributorError>(&s.distributor, &fan(), "unstake", STAKE)
            .0,
        Ok(())
    );
    let end = s.state();
    assert_eq!(
        (
            end.fan_rewards,
            end.held_reward,
            end.distributor_rewards,
            end.pending_reward
        ),
        (FAN_FUNDS + REWARD, 0, 0, 0)
    );
    assert_eq!(
        s.w.chain
            .send::<u128, DistributorError>(&s.distributor, &other_fan(), "sync", asset)
            .0,
        Ok(0)
    );
}

#[test]
fn distributor_with_a_flaky_reward_token_keeps_failed_claims_claimable() {
    let mut s = Staking::hostile_reward(Mode::Flaky);
    let asset = s.asset();
    let token = s.w.token.id();
    s.w.next_call_fails(true);
    let before = s.state();
    assert_eq!(
        (before.pending_reward, before.pending_native),
        (REWARD, NATIVE_REWARD)
    );
    assert_eq!(
        s.w.chain
            .send::<u128, DistributorError>(&s.distributor, &fan(), "claim", asset)
            .0,
        Err(DistributorError::Token(flaky()))
    );
    assert_eq!(s.state(), before);
    // `claim_all` fails whole: the native rewards are not paid either.
    assert_eq!(
        s.w.chain
            .send::<Vec<(Asset, u128)>, DistributorError>(&s.distributor, &fan(), "claim_all", ())
            .0,
        Err(DistributorError::Token(flaky()))
    );
    assert_eq!(s.state(), before);
    // A failed deposit creates no reward.
    assert_eq!(
        s.w.chain
            .send::<(), DistributorError>(&s.distributor, &other_fan(), "deposit", (token, 10u128))
            .0,
        Err(DistributorError::Token(flaky()))
    );
    assert_eq!(s.state(), before);
    // When the token works again, everything is paid, once.
    s.w.tick();
    let stake_asset = Asset::Token(s.stake_token.id());
    assert_eq!(
        s.w.chain
            .send::<Vec<(Asset, u128)>, DistributorError>(&s.distributor, &fan(), "claim_all", ())
            .0,
        Ok(vec![
            (Asset::Native, NATIVE_REWARD),
            (stake_asset, 0),
            (asset, REWARD)
        ])
    );
    let after = s.state();
    assert_eq!(
        (
            after.pending_reward,
            after.pending_native,
            after.fan_rewards,
            after.held_reward,
            after.distributor_rewards,
            after.distributor_native,
        ),
        (
            0,
            0,
            before.fan_rewards + REWARD,
            0,
            0,
            before.distributor_native - NATIVE_REWARD
        )
    );
    let calls = s.w.calls();
    assert_eq!(
        s.w.chain
            .send::<u128, DistributorError>(&s.distributor, &fan(), "claim", asset)
            .0,
        Ok(0)
    );
    assert_eq!(s.w.calls(), calls, "nothing owed: no token call");
}

#[test]
fn distributor_with_a_flaky_staking_token_stakes_and_unstakes_whole_or_not_at_all() {
    let mut s = Staking::hostile_stake(Mode::Flaky);
    for (message, amount, stake_after) in
        [("stake", 50u128, STAKE + 50), ("unstake", STAKE + 50, 0)]
    {
        s.w.next_call_fails(true);
        let before = s.state();
        assert_eq!(
            s.w.chain
                .send::<(), DistributorError>(&s.distributor, &fan(), message, amount)
                .0,
            Err(DistributorError::Token(flaky())),
            "{message}"
        );
        assert_eq!(s.state(), before, "{message}");
        s.w.tick();
        assert_eq!(
            s.w.chain
                .send::<(), DistributorError>(&s.distributor, &fan(), message, amount)
                .0,
            Ok(()),
            "{message}"
        );
        let after = s.state();
        assert_eq!(
            (after.stake, after.total_staked),
            (stake_after, stake_after)
        );
    }
    // The rewards streamed while staked are still owed in full.
    let asset = s.asset();
    s.w.next_call_fails(false);
    assert_eq!(
        s.w.chain
            .send::<u128, DistributorError>(&s.distributor, &fan(), "claim", asset)
            .0,
        Ok(REWARD)
    );
    assert_eq!(s.w.balance(&fan()), FAN_FUNDS + REWARD);
}

#[test]
fn distributor_streams_and_pays_absurd_amounts_exactly() {
    let mut s = Staking::hostile_reward(Mode::Absurd);
    let asset = s.asset();
    let token = s.w.token.id();
    assert_eq!(s.state().pending_reward, REWARD);
    // The attacker deposits everything it has left: u128::MAX - 1,000.
    let rest = s.w.balance(&attacker());
    assert_eq!(rest, MAX - FAN_FUNDS);
    let distributor = s.distributor.address.clone();
    s.w.approve(&attacker(), &distributor);
    assert_eq!(
        s.w.chain
            .send::<(), DistributorError>(&s.distributor, &attacker(), "deposit", (token, rest))
            .0,
        Ok(())
    );
    s.w.chain.set_time(START + 2 * DURATION);
    let state = s.state();
    assert_eq!(state.held_reward, REWARD + rest);
    // The 2^128-scaled accumulator loses at most one unit per deposit to rounding.
    assert_eq!(state.pending_reward, REWARD + rest - 1);
    assert_eq!(
        s.w.chain
            .send::<u128, DistributorError>(&s.distributor, &fan(), "claim", asset)
            .0,
        Ok(REWARD + rest - 1)
    );
    let after = s.state();
    assert_eq!(
        (
            after.fan_rewards,
            after.held_reward,
            after.distributor_rewards
        ),
        (REWARD + rest - 1, 1, 1)
    );
    assert_eq!(
        s.w.chain
            .send::<u128, DistributorError>(&s.distributor, &other_fan(), "sync", asset)
            .0,
        Ok(0)
    );
}

#[test]
fn distributor_stakes_an_absurd_staking_token_up_to_its_whole_supply() {
    let mut s = Staking::hostile_stake(Mode::Absurd);
    let asset = s.asset();
    let distributor = s.distributor.address.clone();
    let rest = s.w.balance(&attacker());
    assert_eq!(rest, MAX - 2 * FAN_FUNDS);
    s.w.approve(&attacker(), &distributor);
    assert_eq!(
        s.w.chain
            .send::<(), DistributorError>(&s.distributor, &attacker(), "stake", rest)
            .0,
        Ok(())
    );
    let state = s.state();
    assert_eq!(
        (state.total_staked, state.held_stake, state.pending_reward),
        (rest + STAKE, rest + STAKE + REWARD, REWARD)
    );
    assert_eq!(
        s.w.chain
            .send::<(), DistributorError>(&s.distributor, &attacker(), "unstake", rest)
            .0,
        Ok(())
    );
    assert_eq!(
        s.w.chain
            .send::<u128, DistributorError>(&s.distributor, &fan(), "claim", asset)
            .0,
        Ok(REWARD)
    );
    assert_eq!(s.w.balance(&attacker()), rest);
}

// ---------------------------------------------------------------------------------------------
// The mining pool: claims mint through the token.
// ---------------------------------------------------------------------------------------------

const EPOCH: u64 = 10_000;
const WINDOW: u64 = 1_000;
/// Epoch 0's emission, all of it the fan's.
const EMISSION: u128 = 1_000;

struct Mine {
    w: World,
    pool: Contract,
}

/// Everything a claim changes.
#[derive(Debug, PartialEq, Eq)]
struct MineState {
    claimable: u128,
    minted: u128,
    fan: u128,
    supply: u128,
}

impl Mine {
    /// A pool minting the hostile token; the fan earned all of epoch 0, now claimable.
    fn new(mode: Mode) -> Self {
        let mut w = World::new(mode);
        let bundle = Bundle::shared("mining_pool");
        let config = PoolConfig {
            token: w.token.id(),
            genesis: START,
            epoch_length: EPOCH,
            initial_emission: EMISSION,
            halving_interval: 2,
            cap: 10 * EMISSION,
            max_points_per_account: 1_000,
            dispute_window: WINDOW,
            domain: 7,
        };
        let pool = w
            .chain
            .instantiate(&bundle, (config, id(creator)), &creator());
        let project = register_project(&mut w.chain, &pool, &creator(), "docs", id(creator), 1_000);
        let attested: Result<u64, PoolError> = w
            .chain
            .send(
                &pool,
                &creator(),
                "attest",
                (project, id(fan), 10u128, [0u8; 32]),
            )
            .0;
        assert_eq!(attested, Ok(0));
        w.chain.set_time(START + EPOCH + WINDOW);
        if mode != Mode::Absurd {
            w.set_mode(mode);
        }
        Self { w, pool }
    }

    fn state(&mut self) -> MineState {
        MineState {
            claimable: self.w.chain.read(&self.pool, "claimable", (id(fan), 0u32)),
            minted: self.w.chain.read(&self.pool, "minted", ()),
            fan: self.w.balance(&fan()),
            supply: self.w.supply(),
        }
    }

    fn claim(&mut self) -> Result<u128, PoolError> {
        self.w.chain.send(&self.pool, &fan(), "claim", 0u32).0
    }
}

#[test]
fn pool_refuses_reentry_from_its_token_and_keeps_the_claim() {
    let mut mine = Mine::new(Mode::Honest);
    let pool = mine.pool.clone();
    let before = mine.state();
    assert_eq!(before.claimable, EMISSION);
    for (message, args) in [
        ("claim", 0u32.encode()),
        ("claim_epochs", vec![0u32].encode()),
    ] {
        mine.w.reenter(&pool, message, RawArgs(args.clone()));
        let (result, denied) =
            mine.w
                .send_traced::<u128, PoolError>(&pool, message, RawArgs(args), &fan(), 0);
        assert_eq!(result, Err(PoolError::MintCallFailed), "{message}");
        assert!(denied, "{message}: the trace shows ReentranceDenied");
        assert_eq!(mine.state(), before, "{message}");
    }
    mine.w.set_mode(Mode::Honest);
    assert_eq!(mine.claim(), Ok(EMISSION));
    assert_eq!(mine.claim(), Err(PoolError::AlreadyClaimed));
    assert_eq!(mine.state().fan, EMISSION);
}

#[test]
fn pool_trusts_its_token_a_liar_mints_nothing_and_the_claim_is_spent() {
    // Trust assumption: the pool mints through the token it was configured with and takes
    // its `Ok` as done. A lying token costs its contributors their reward; it never makes the
    // pool mint or count twice.
    let mut mine = Mine::new(Mode::Liar);
    let before = mine.state();
    assert_eq!(mine.claim(), Ok(EMISSION));
    assert_eq!(
        mine.state(),
        MineState {
            claimable: 0,
            minted: EMISSION,
            ..before
        }
    );
    assert_eq!(mine.claim(), Err(PoolError::AlreadyClaimed));
}

#[test]
fn pool_with_a_flaky_token_keeps_a_failed_claim_claimable() {
    let mut mine = Mine::new(Mode::Flaky);
    mine.w.next_call_fails(true);
    let before = mine.state();
    assert_eq!(mine.claim(), Err(PoolError::Mint(flaky())));
    assert_eq!(mine.state(), before);
    mine.w.tick();
    assert_eq!(mine.claim(), Ok(EMISSION));
    assert_eq!(
        mine.state(),
        MineState {
            claimable: 0,
            minted: EMISSION,
            fan: EMISSION,
            supply: before.supply + EMISSION,
        }
    );
    mine.w.next_call_fails(false);
    assert_eq!(mine.claim(), Err(PoolError::AlreadyClaimed));
}

#[test]
fn pool_with_an_absurd_token_waits_until_the_supply_has_room() {
    let mut mine = Mine::new(Mode::Absurd);
    let before = mine.state();
    assert_eq!(before.supply, MAX);
    assert_eq!(mine.claim(), Err(PoolError::Mint(cap_exceeded())));
    assert_eq!(mine.state(), before);
    // Room in the supply (the attacker burns some): the same claim goes through, once.
    let (burnt, _) = mine.w.chain.send::<(), PSP22Error>(
        &mine.w.token,
        &attacker(),
        "PSP22Burnable::burn",
        (id(attacker), EMISSION),
    );
    burnt.expect("burn");
    assert_eq!(mine.claim(), Ok(EMISSION));
    assert_eq!(
        mine.state(),
        MineState {
            claimable: 0,
            minted: EMISSION,
            fan: EMISSION,
            supply: MAX,
        }
    );
}

// ---------------------------------------------------------------------------------------------
// Proof of work: a solution mints.
// ---------------------------------------------------------------------------------------------

/// The reward of a solution.
const SOLUTION_REWARD: u128 = 50;

struct Dig {
    w: World,
    pow: Contract,
}

/// Everything a solution changes.
#[derive(Debug, PartialEq, Eq)]
struct DigState {
    pow: PowState,
    fan: u128,
}

impl Dig {
    /// A proof-of-work contract minting the hostile token, at a difficulty of 16 hashes.
    fn new(mode: Mode) -> Self {
        let mut w = World::new(mode);
        let config = PowConfig {
            token: w.token.id(),
            start: START,
            initial_reward: SOLUTION_REWARD,
            halving_interval: 100,
            cap: 10 * SOLUTION_REWARD,
            initial_difficulty: 16,
            min_difficulty: 2,
            max_difficulty: 1 << 40,
            solution_time: 6_000,
            retarget_interval: 10,
        };
        let pow = w
            .chain
            .instantiate(&Bundle::shared("proof_of_work"), config, &creator());
        if mode != Mode::Absurd {
            w.set_mode(mode);
        }
        w.chain.next_block(6_000);
        Self { w, pow }
    }

    fn state(&mut self) -> DigState {
        DigState {
            pow: self.w.chain.read(&self.pow, "state", ()),
            fan: self.w.balance(&fan()),
        }
    }

    /// The fan's solution for the current challenge: `mine`'s arguments.
    fn solution(&mut self) -> ([u8; 32], u128) {
        let state: PowState = self.w.chain.read(&self.pow, "state", ());
        let found = miner::Work {
            challenge: state.challenge,
            miner: *fan().as_ref(),
            target: state.target,
        }
        .search(0, 1, u64::MAX, &Default::default())
        .expect("found");
        (state.challenge, found.nonce)
    }

    fn mine(&mut self) -> Result<u128, PowError> {
        let solution = self.solution();
        self.w.chain.send(&self.pow, &fan(), "mine", solution).0
    }
}

#[test]
fn proof_of_work_refuses_reentry_from_its_token_and_keeps_the_challenge() {
    let mut dig = Dig::new(Mode::Honest);
    let pow = dig.pow.clone();
    let before = dig.state();
    let solution = dig.solution();
    dig.w.reenter(&pow, "mine", solution);
    let (result, denied) = dig
        .w
        .send_traced::<u128, PowError>(&pow, "mine", solution, &fan(), 0);
    assert_eq!(result, Err(PowError::MintCallFailed));
    assert!(denied, "the trace shows ReentranceDenied");
    assert_eq!(dig.state(), before, "the challenge still pays");
    dig.w.set_mode(Mode::Honest);
    assert_eq!(dig.mine(), Ok(SOLUTION_REWARD));
}

#[test]
fn proof_of_work_with_a_flaky_token_keeps_a_failed_solution_good() {
    let mut dig = Dig::new(Mode::Flaky);
    dig.w.next_call_fails(true);
    let before = dig.state();
    assert_eq!(dig.mine(), Err(PowError::Mint(flaky())));
    assert_eq!(dig.state(), before);
    dig.w.tick();
    assert_eq!(dig.mine(), Ok(SOLUTION_REWARD));
    let after = dig.state();
    assert_eq!(
        (after.pow.solutions, after.pow.minted, after.fan),
        (1, SOLUTION_REWARD, SOLUTION_REWARD)
    );
    assert_ne!(
        after.pow.challenge, before.pow.challenge,
        "a paid challenge is replaced"
    );
}

#[test]
fn proof_of_work_with_an_absurd_token_refuses_typed_and_a_liar_costs_only_the_miner() {
    let mut absurd = Dig::new(Mode::Absurd);
    let before = absurd.state();
    assert_eq!(absurd.mine(), Err(PowError::Mint(cap_exceeded())));
    assert_eq!(absurd.state(), before);
    // Trust assumption, as for the pool: the contract takes its token's `Ok` as minted. A lying
    // token pays the miner nothing; the contract never mints twice for one challenge.
    let mut liar = Dig::new(Mode::Liar);
    assert_eq!(liar.mine(), Ok(SOLUTION_REWARD));
    let after = liar.state();
    assert_eq!(
        (after.pow.solutions, after.pow.minted, after.fan),
        (1, SOLUTION_REWARD, 0)
    );
}

// ---------------------------------------------------------------------------------------------
// The market: buys mint, sells burn.
// ---------------------------------------------------------------------------------------------

const UNIT: u128 = 1_000_000_000_000;
const NATIVE: u128 = 1_000_000_000;
const NO_REFERRER: Option<ink::primitives::AccountId> = None;

struct Bazaar {
    w: World,
    market: Contract,
}

/// Everything a trade changes.
#[derive(Debug, PartialEq, Eq)]
struct BazaarState {
    /// Market supply, reserve, spot price.
    market: MarketState,
    creator_fees: u128,
    market_native: u128,
    fan_tokens: u128,
    other_tokens: u128,
    supply: u128,
}

impl Bazaar {
    /// A market for the hostile token; the fan bought some tokens (when the token was honest).
    fn new(mode: Mode) -> Self {
        let mut w = World::new(mode);
        let bundle = Bundle::shared("creator_market");
        let config = MarketConfig {
            token: w.token.id(),
            unit: UNIT,
            curve: Curve::Linear {
                base_price: NATIVE,
                slope: NATIVE / 100,
            },
            creator: id(creator),
            distributor: id(treasury),
            fees: FeeConfig {
                creator_bps: 300,
                stakers_bps: 0,
                referrer_bps: 0,
                platform: None,
                launch_bps: 0,
                launch_period: 0,
            },
            max_tokens_per_call: None,
        };
        let market = w.chain.instantiate(&bundle, config, &creator());
        let mut bazaar = Self { w, market };
        if mode != Mode::Absurd {
            let bought = bazaar.buy(&fan(), 10 * NATIVE);
            assert!(bought.is_ok(), "{bought:?}");
            bazaar.w.set_mode(mode);
        }
        bazaar
    }

    fn state(&mut self) -> BazaarState {
        BazaarState {
            market: self
                .w
                .chain
                .read::<Result<MarketState, MarketError>>(&self.market, "state", ())
                .expect("state"),
            creator_fees: self.w.chain.read(&self.market, "fees_of", id(creator)),
            market_native: self.w.chain.native_balance(&self.market.address),
            fan_tokens: self.w.balance(&fan()),
            other_tokens: self.w.balance(&other_fan()),
            supply: self.w.supply(),
        }
    }

    fn buy(&mut self, buyer: &AccountId32, value: u128) -> Result<BuyQuote, MarketError> {
        self.w
            .chain
            .send_paying(
                &self.market,
                buyer,
                "buy",
                (0u128, u64::MAX, NO_REFERRER),
                value,
            )
            .0
    }

    fn sell(&mut self, seller: &AccountId32, amount: u128) -> Result<SellQuote, MarketError> {
        self.w
            .chain
            .send(
                &self.market,
                seller,
                "sell",
                (amount, 0u128, u64::MAX, NO_REFERRER),
            )
            .0
    }

    fn quote_buy(&mut self, value: u128) -> BuyQuote {
        let quote: Result<BuyQuote, MarketError> =
            self.w.chain.read(&self.market, "quote_buy", value);
        quote.expect("quote")
    }
}

#[test]
fn market_refuses_reentry_from_its_token_and_rolls_back() {
    let mut bazaar = Bazaar::new(Mode::Honest);
    let market = bazaar.market.clone();
    let before = bazaar.state();
    let held = before.fan_tokens;
    assert!(held > 0);
    // `buy` re-entered from the mint, `sell` from the burn.
    let attempts: [(AccountId32, &str, Vec<u8>, u128); 2] = [
        (
            other_fan(),
            "buy",
            (0u128, u64::MAX, NO_REFERRER).encode(),
            NATIVE,
        ),
        (
            fan(),
            "sell",
            (held / 2, 0u128, u64::MAX, NO_REFERRER).encode(),
            0,
        ),
    ];
    for (caller, message, args, value) in attempts {
        bazaar.w.reenter(&market, message, RawArgs(args.clone()));
        let native = bazaar.w.chain.native_balance(&caller);
        let (result, denied) = bazaar.w.send_traced::<(), MarketError>(
            &market,
            message,
            RawArgs(args),
            &caller,
            value,
        );
        assert_eq!(result, Err(MarketError::TokenCallFailed), "{message}");
        assert!(denied, "{message}: the trace shows ReentranceDenied");
        assert_eq!(bazaar.state(), before, "{message}");
        assert_eq!(bazaar.w.chain.native_balance(&caller), native, "{message}");
    }
    bazaar.w.set_mode(Mode::Honest);
    let sold = bazaar.sell(&fan(), held).expect("sell");
    let after = bazaar.state().market;
    assert_eq!(after.sold, 0);
    // The token's other holders keep their pro-rata share of the reserve.
    let market = before.market;
    assert_eq!(sold.gross, market.reserve * held / market.supply);
    assert_eq!(after.reserve, market.reserve - sold.gross);
    assert!(sold.payout > 0);
}

#[test]
fn market_trusts_its_token_a_liar_burn_pays_for_tokens_nobody_gave_up() {
    // Trust assumption: the market mints and burns through its token and takes `Ok` as done.
    // With a token that lies, a buyer pays for nothing and - worse - anyone can "sell" tokens
    // it does not hold, up to the token's supply, draining the reserve. The market is
    // therefore only as safe as its token (in the suite: the creator's own token, created by
    // the factory from reviewed code, with no admin in a fair launch).
    let mut bazaar = Bazaar::new(Mode::Liar);
    let before = bazaar.state();
    assert_eq!(before.other_tokens, 0);
    let quote = bazaar.quote_buy(NATIVE);
    assert_eq!(bazaar.buy(&other_fan(), NATIVE), Ok(quote));
    let after_buy = bazaar.state();
    assert_eq!(after_buy.other_tokens, 0, "paid, got nothing");
    assert_eq!(after_buy.market.sold, before.market.sold + quote.tokens);
    let supply = after_buy.market.supply;
    let native = bazaar.w.chain.native_balance(&other_fan());
    let sold = bazaar
        .sell(&other_fan(), supply)
        .expect("a sale of nothing");
    assert_eq!(
        bazaar.w.chain.native_balance(&other_fan()),
        native + sold.payout
    );
    let after_sell = bazaar.state();
    assert_eq!(after_sell.market.reserve, 0);
    assert_eq!(
        after_sell.fan_tokens, before.fan_tokens,
        "the fan's tokens lost their backing"
    );
}

#[test]
fn market_with_a_flaky_token_trades_whole_or_not_at_all() {
    let mut bazaar = Bazaar::new(Mode::Flaky);
    bazaar.w.next_call_fails(true);
    let before = bazaar.state();
    let native = bazaar.w.chain.native_balance(&other_fan());
    assert_eq!(
        bazaar.buy(&other_fan(), NATIVE),
        Err(MarketError::Token(flaky()))
    );
    assert_eq!(bazaar.state(), before);
    assert_eq!(bazaar.w.chain.native_balance(&other_fan()), native);
    let held = before.fan_tokens;
    assert_eq!(bazaar.sell(&fan(), held), Err(MarketError::Token(flaky())));
    assert_eq!(bazaar.state(), before);
    bazaar.w.tick();
    let sold = bazaar.sell(&fan(), held).expect("sell");
    let after = bazaar.state();
    assert_eq!(
        (
            after.market.sold,
            after.market.reserve,
            after.fan_tokens,
            after.supply
        ),
        (
            0,
            before.market.reserve - sold.gross,
            0,
            before.supply - held
        )
    );
    // The fee stays but for the stakers' part (here only the rounding: no stakers' share).
    let creator_part = after.creator_fees - before.creator_fees;
    assert_eq!(
        after.market_native,
        before.market_native - sold.payout - (sold.fee - creator_part)
    );
}

#[test]
fn market_with_an_absurd_token_refuses_to_mint_past_u128_max_and_pays_nothing_without_reserve() {
    let mut bazaar = Bazaar::new(Mode::Absurd);
    let before = bazaar.state();
    assert_eq!(
        (
            before.market.supply,
            before.market.reserve,
            before.market.buy_price
        ),
        (MAX, 0, NATIVE)
    );
    let native = bazaar.w.chain.native_balance(&other_fan());
    assert_eq!(
        bazaar.buy(&other_fan(), NATIVE),
        Err(MarketError::Overflow),
        "a supply past u128::MAX is refused before the token is asked"
    );
    assert_eq!(bazaar.state(), before);
    assert_eq!(bazaar.w.chain.native_balance(&other_fan()), native);
    // The attacker holds u128::MAX tokens and nobody paid in: they sell for nothing, and
    // anything beyond the whole supply is refused.
    let quote: Result<SellQuote, MarketError> =
        bazaar.w.chain.read(&bazaar.market, "quote_sell", MAX);
    assert_eq!(quote.map(|q| q.gross), Ok(0));
    assert_eq!(bazaar.state().market_native, before.market_native);
}

// ---------------------------------------------------------------------------------------------
// The vesting wallet: releases transfer the token.
// ---------------------------------------------------------------------------------------------

const VESTING: u64 = 10_000;
/// The wallet's allocation (not `Absurd`).
const ALLOCATION: u128 = 1_000;

struct Wallet {
    w: World,
    wallet: Contract,
}

#[derive(Debug, PartialEq, Eq)]
struct WalletState {
    released: u128,
    wallet: u128,
    fan: u128,
}

impl Wallet {
    /// A wallet vesting the hostile token to the fan from `START` over [`VESTING`] ms (no
    /// cliff), holding [`ALLOCATION`] (`Absurd`: every token).
    fn new(mode: Mode) -> Self {
        let mut w = World::new(mode);
        let bundle = Bundle::shared("creator_vesting");
        let args = (w.token.id(), id(fan), START, 0u64, VESTING);
        let wallet = w.chain.instantiate(&bundle, args, &creator());
        let allocation = if mode == Mode::Absurd {
            MAX
        } else {
            ALLOCATION
        };
        w.transfer(&attacker(), &wallet.address, allocation);
        if mode != Mode::Absurd {
            w.set_mode(mode);
        }
        Self { w, wallet }
    }

    fn state(&mut self) -> WalletState {
        WalletState {
            released: self.w.chain.read(&self.wallet, "released", ()),
            wallet: self.w.balance(&self.wallet.address),
            fan: self.w.balance(&fan()),
        }
    }

    fn release(&mut self) -> Result<u128, VestingError> {
        self.w
            .chain
            .send(&self.wallet, &other_fan(), "release", ())
            .0
    }
}

#[test]
fn vesting_refuses_reentry_from_its_token_and_rolls_back() {
    let mut wallet = Wallet::new(Mode::Honest);
    let address = wallet.wallet.clone();
    wallet.w.chain.set_time(START + VESTING / 2);
    wallet.w.reenter(&address, "release", ());
    let before = wallet.state();
    let (result, denied) =
        wallet
            .w
            .send_traced::<u128, VestingError>(&address, "release", (), &other_fan(), 0);
    assert_eq!(result, Err(VestingError::TokenCallFailed));
    assert!(denied, "the trace shows ReentranceDenied");
    assert_eq!(wallet.state(), before);
    wallet.w.set_mode(Mode::Honest);
    assert_eq!(wallet.release(), Ok(ALLOCATION / 2));
    assert_eq!(wallet.release(), Err(VestingError::NothingToRelease));
}

#[test]
fn vesting_with_a_lying_token_never_pays_more_than_it_holds() {
    // A release the token only pretends to make counts as released; the wallet still holds
    // the tokens, so they count again in the allocation. Nothing leaves but to the
    // beneficiary, and once the token is honest the beneficiary receives exactly what the
    // wallet holds: the allocation, once.
    let mut wallet = Wallet::new(Mode::Liar);
    wallet.w.chain.set_time(START + VESTING);
    assert_eq!(wallet.release(), Ok(ALLOCATION));
    assert_eq!(wallet.release(), Ok(ALLOCATION));
    assert_eq!(
        wallet.state(),
        WalletState {
            released: 2 * ALLOCATION,
            wallet: ALLOCATION,
            fan: 0
        }
    );
    wallet.w.set_mode(Mode::Honest);
    assert_eq!(wallet.release(), Ok(ALLOCATION));
    assert_eq!(wallet.release(), Err(VestingError::NothingToRelease));
    assert_eq!(
        wallet.state(),
        WalletState {
            released: 3 * ALLOCATION,
            wallet: 0,
            fan: ALLOCATION
        }
    );
}

#[test]
fn vesting_with_a_flaky_token_releases_once_after_a_failure() {
    let mut wallet = Wallet::new(Mode::Flaky);
    wallet.w.chain.set_time(START + VESTING / 2);
    wallet.w.next_call_fails(true);
    let before = wallet.state();
    assert_eq!(wallet.release(), Err(VestingError::Token(flaky())));
    assert_eq!(wallet.state(), before);
    wallet.w.tick();
    assert_eq!(wallet.release(), Ok(ALLOCATION / 2));
    assert_eq!(wallet.release(), Err(VestingError::NothingToRelease));
    assert_eq!(
        wallet.state(),
        WalletState {
            released: ALLOCATION / 2,
            wallet: ALLOCATION / 2,
            fan: ALLOCATION / 2
        }
    );
}

#[test]
fn vesting_an_absurd_allocation_is_never_locked_by_tokens_sent_back() {
    let mut wallet = Wallet::new(Mode::Absurd);
    wallet.w.chain.set_time(START + VESTING / 2);
    assert_eq!(wallet.release(), Ok(MAX / 2));
    assert_eq!(
        wallet.state(),
        WalletState {
            released: MAX / 2,
            wallet: MAX - MAX / 2,
            fan: MAX / 2
        }
    );
    // The beneficiary sends one token back: held + released now exceeds u128::MAX. (This
    // locked the wallet for good with `Overflow` before `releasable` saturated the sum.)
    let address = wallet.wallet.address.clone();
    wallet.w.transfer(&fan(), &address, 1);
    assert_eq!(wallet.release(), Err(VestingError::NothingToRelease));
    wallet.w.chain.set_time(START + VESTING);
    assert_eq!(wallet.release(), Ok(MAX - MAX / 2));
    // The released counter is at u128::MAX: the one token sent back stays (a known limit).
    assert_eq!(
        wallet.state(),
        WalletState {
            released: MAX,
            wallet: 1,
            fan: MAX - 1
        }
    );
    assert_eq!(wallet.release(), Err(VestingError::NothingToRelease));
}
