//! I-8 of the security review: native payouts under a realistic existential deposit.
//!
//! `ink_sandbox` 5.1.1's runtime hard-codes `ExistentialDeposit = 1`, so the rest of the tests
//! cannot see an ED at work. This file builds its own pallet-contracts runtime with an ED of
//! 0.1 native unit (10^9 of 10 decimals, as Polkadot-family chains count it) and runs the
//! compiled token and distributor on it: the distributor's own ED is never streamed or paid
//! out (`seal_balance` is the reducible balance), the last native claim still pays, and a
//! Merkle leaf below the ED for an account that does not exist yet is refused with a typed
//! error and stays claimable once the account exists; and the market's trades never fail for
//! a fee share that is dust to an account that does not exist (it accrues instead).

use e2e_tests::{
    account,
    merkle_round::{self, RoundKey},
    Bundle,
};
use ink::scale::{Decode, Encode};
use ink_sandbox::{
    api::prelude::*, frame_support, frame_system, pallet_balances, pallet_contracts,
    pallet_timestamp, AccountId32, Sandbox, Snapshot, H256,
};
use pallet_contracts::Determinism;
use psp::limits::MIN_REWARD_DURATION;
use reward_distributor::{Asset, DistributorError};

/// The existential deposit of this runtime.
const ED: u128 = 1_000_000_000;
/// What the deployer and the fan start with.
const FUNDS: u128 = 1_000_000_000_000_000_000;

mod runtime {
    use super::*;
    use frame_support::{
        construct_runtime, derive_impl, parameter_types,
        sp_runtime::{traits::Convert, Perbill},
        traits::{ConstBool, ConstU128, ConstU32, ConstU64, Randomness},
        weights::Weight,
    };

    construct_runtime!(
        pub enum EdRuntime {
            System: frame_system,
            Balances: pallet_balances,
            Timestamp: pallet_timestamp,
            Contracts: pallet_contracts,
        }
    );

    #[derive_impl(frame_system::config_preludes::SolochainDefaultConfig as frame_system::DefaultConfig)]
    impl frame_system::Config for EdRuntime {
        type Block = frame_system::mocking::MockBlockU32<EdRuntime>;
        type AccountId = AccountId32;
        type Lookup = frame_support::sp_runtime::traits::IdentityLookup<AccountId32>;
        type AccountData = pallet_balances::AccountData<u128>;
    }

    impl pallet_balances::Config for EdRuntime {
        type RuntimeEvent = RuntimeEvent;
        type WeightInfo = ();
        type Balance = u128;
        type DustRemoval = ();
        type ExistentialDeposit = ConstU128<ED>;
        type AccountStore = System;
        type ReserveIdentifier = [u8; 8];
        type FreezeIdentifier = ();
        type MaxLocks = ();
        type MaxReserves = ();
        type MaxFreezes = ();
        type RuntimeHoldReason = RuntimeHoldReason;
        type RuntimeFreezeReason = RuntimeFreezeReason;
    }

    impl pallet_timestamp::Config for EdRuntime {
        type Moment = u64;
        type OnTimestampSet = ();
        type MinimumPeriod = ConstU64<1>;
        type WeightInfo = ();
    }

    /// Contracts here never ask for randomness.
    pub enum NoRandomness {}
    impl Randomness<H256, u32> for NoRandomness {
        fn random(_subject: &[u8]) -> (H256, u32) {
            unreachable!("no randomness")
        }
    }

    impl Convert<Weight, u128> for EdRuntime {
        fn convert(weight: Weight) -> u128 {
            weight.ref_time().into()
        }
    }

    parameter_types! {
        pub Schedule: pallet_contracts::Schedule<EdRuntime> = Default::default();
        pub DefaultDepositLimit: u128 = u128::MAX;
        pub LockupPercent: Perbill = Perbill::zero();
    }

    impl pallet_contracts::Config for EdRuntime {
        type Time = Timestamp;
        type Randomness = NoRandomness;
        type Currency = Balances;
        type RuntimeEvent = RuntimeEvent;
        type RuntimeCall = RuntimeCall;
        type CallFilter = ();
        type WeightPrice = Self;
        type WeightInfo = ();
        type ChainExtension = ();
        type Schedule = Schedule;
        type CallStack = [pallet_contracts::Frame<Self>; 5];
        // Deposits of a realistic order too: 0.0001 unit per byte, 0.01 per item.
        type DepositPerByte = ConstU128<1_000_000>;
        type DepositPerItem = ConstU128<100_000_000>;
        type AddressGenerator = pallet_contracts::DefaultAddressGenerator;
        type MaxCodeLen = ConstU32<{ 123 * 1024 }>;
        type MaxStorageKeyLen = ConstU32<128>;
        type UnsafeUnstableInterface = ConstBool<false>;
        type UploadOrigin = frame_system::EnsureSigned<AccountId32>;
        type InstantiateOrigin = frame_system::EnsureSigned<AccountId32>;
        type MaxDebugBufferLen = ConstU32<{ 2 * 1024 * 1024 }>;
        type Migrations = ();
        type DefaultDepositLimit = DefaultDepositLimit;
        type Debug = ();
        type CodeHashLockupDepositPercent = LockupPercent;
        type MaxDelegateDependencies = ConstU32<32>;
        type RuntimeHoldReason = RuntimeHoldReason;
        type Environment = ();
        type Xcm = ();
        type ApiVersion = ();
    }

    /// The runtime in externalities, as `ink_sandbox`'s API expects it.
    pub struct EdSandbox {
        ext: ink_sandbox::TestExternalities,
    }

    impl Default for EdSandbox {
        fn default() -> Self {
            let funded = (1..=2).map(|n| (account(n), FUNDS)).collect();
            let ext = ink_sandbox::BlockBuilder::<EdRuntime>::new_ext(funded);
            Self { ext }
        }
    }

    impl Sandbox for EdSandbox {
        type Runtime = EdRuntime;

        fn execute_with<T>(&mut self, execute: impl FnOnce() -> T) -> T {
            self.ext.execute_with(execute)
        }

        fn dry_run<T>(&mut self, action: impl FnOnce(&mut Self) -> T) -> T {
            let backup = self.ext.as_backend();
            let result = action(self);
            self.ext.commit_all().expect("commit");
            self.ext.backend = backup;
            result
        }

        fn register_extension<E: core::any::Any + ink_sandbox::Extension>(&mut self, ext: E) {
            self.ext.register_extension(ext);
        }

        fn default_actor() -> AccountId32 {
            account(1)
        }

        fn get_metadata() -> ink_sandbox::RuntimeMetadataPrefixed {
            EdRuntime::metadata()
        }

        fn convert_account_to_origin(account: AccountId32) -> RuntimeOrigin {
            Some(account).into()
        }

        fn take_snapshot(&mut self) -> Snapshot {
            unimplemented!("not used here")
        }

        fn restore_snapshot(&mut self, _snapshot: Snapshot) {
            unimplemented!("not used here")
        }
    }
}

use runtime::EdSandbox;

/// The ED runtime with the few typed calls this test needs.
struct Node {
    sandbox: EdSandbox,
}

impl Node {
    fn deploy(&mut self, bundle: &Bundle, args: impl Encode) -> AccountId32 {
        if let Some(full) = &bundle.full_wasm {
            // A split contract's hot code locks its full code, which must be on chain.
            self.sandbox
                .upload_contract(full.clone(), account(1), None, Determinism::Enforced)
                .expect("upload the full code");
        }
        let result = self.sandbox.deploy_contract(
            bundle.wasm.clone(),
            0,
            bundle.input("new", args),
            vec![],
            account(1),
            e2e_tests::GAS_LIMIT,
            None,
        );
        let instantiated = result.result.expect("instantiate");
        assert!(
            !instantiated.result.did_revert(),
            "{} reverted",
            bundle.name
        );
        instantiated.account_id
    }

    /// A fresh ED runtime at time 1,000 with a token "Ed" (no decimals, capped at `cap`)
    /// administered by account 1; returns the node and the token's address.
    fn with_token(token_code: &Bundle, cap: u128) -> (Self, AccountId32) {
        let mut node = Node {
            sandbox: EdSandbox::default(),
        };
        node.sandbox.set_timestamp(1_000);
        let name = Some(String::from("Ed"));
        let admin = e2e_tests::ink_id(&account(1));
        let token = node.deploy(token_code, (name.clone(), name, 0u8, cap, admin));
        (node, token)
    }

    /// `caller` calls `message` on `to` with `value`; decodes the answer as `R`.
    fn call<R: Decode>(
        &mut self,
        (bundle, contract): (&Bundle, &AccountId32),
        caller: &AccountId32,
        message: &str,
        args: impl Encode,
        value: u128,
    ) -> R {
        let result = self.sandbox.call_contract(
            contract.clone(),
            value,
            bundle.input(message, args),
            caller.clone(),
            e2e_tests::GAS_LIMIT,
            None,
            Determinism::Enforced,
        );
        let output = result.result.expect("the call completes");
        let answer = Result::<R, ink::LangError>::decode(&mut &output.data[..]);
        answer.expect("decodes").expect("dispatches")
    }

    /// `caller` sends `message` with `value`; it answers `Result<T, E>`.
    fn send<T: Decode, E: Decode>(
        &mut self,
        to: (&Bundle, &AccountId32),
        caller: &AccountId32,
        message: &str,
        args: impl Encode,
        value: u128,
    ) -> Result<T, E> {
        self.call(to, caller, message, args, value)
    }

    /// Reads `message` as an account that holds nothing here.
    fn read<T: Decode>(
        &mut self,
        to: (&Bundle, &AccountId32),
        message: &str,
        args: impl Encode,
    ) -> T {
        self.call(to, &account(9), message, args, 0)
    }
}

#[test]
fn native_payouts_keep_the_distributors_own_deposit_and_refuse_dust_to_new_accounts() {
    let (token_code, distributor_code) = (
        Bundle::shared("creator_token"),
        Bundle::shared("reward_distributor"),
    );
    let (mut node, token) = Node::with_token(&token_code, 1_000_000);
    let (admin, fan) = (account(1), account(2));
    let token = (&*token_code, &token);
    let distributor = node.deploy(
        &distributor_code,
        (
            e2e_tests::ink_id(token.1),
            MIN_REWARD_DURATION,
            0u64,
            e2e_tests::ink_id(&admin),
        ),
    );
    let this = (&*distributor_code, &distributor);
    assert_eq!(
        node.sandbox.free_balance(&distributor),
        ED,
        "instantiation endowed it with the ED"
    );

    // The distributor's own ED is not a reward: `sync(Native)` finds nothing.
    let synced: Result<u128, DistributorError> = node.send(this, &fan, "sync", Asset::Native, 0);
    assert_eq!(synced, Ok(0));

    // One staker earns a whole native stream and claims it: the last claim pays in full.
    let minted: Result<(), psp::PSP22Error> = node.send(
        token,
        &admin,
        "PSP22Mintable::mint",
        (e2e_tests::ink_id(&fan), 100u128),
        0,
    );
    minted.expect("mint");
    let approved: Result<(), psp::PSP22Error> = node.send(
        token,
        &fan,
        "PSP22::approve",
        (e2e_tests::ink_id(&distributor), 100u128),
        0,
    );
    approved.expect("approve");
    let staked: Result<(), DistributorError> = node.send(this, &fan, "stake", 100u128, 0);
    staked.expect("stake");
    let reward = 50 * ED;
    let deposited: Result<(), DistributorError> =
        node.send(this, &admin, "deposit_native", reward, reward);
    deposited.expect("deposit_native");
    node.sandbox.set_timestamp(1_000 + MIN_REWARD_DURATION + 1);
    let fan_before = node.sandbox.free_balance(&fan);
    let claimed: Result<u128, DistributorError> = node.send(this, &fan, "claim", Asset::Native, 0);
    let streamed = claimed.expect("the last native claim pays");
    assert!(
        reward - streamed <= 1,
        "one staker takes the whole stream ({streamed} of {reward})"
    );
    assert_eq!(node.sandbox.free_balance(&fan), fan_before + streamed);
    assert_eq!(
        node.sandbox.free_balance(&distributor),
        ED + (reward - streamed)
    );
    let held: u128 = node.read(this, "held", Asset::Native);
    assert_eq!(held, reward - streamed);
    let synced: Result<u128, DistributorError> = node.send(this, &fan, "sync", Asset::Native, 0);
    assert_eq!(synced, Ok(0), "still nothing of its own ED to stream");

    // A native round: a leaf below the ED for an account that does not exist is refused with
    // a typed error and stays claimable; a leaf above it creates the account.
    let (dust_to, new_to) = (account(7), account(8));
    let hex = |who: &AccountId32| format!("0x{}", e2e_tests::hex(who.as_ref()));
    let csv = format!(
        "{},{}\n{},{}\n",
        hex(&dust_to),
        ED / 2,
        hex(&new_to),
        2 * ED
    );
    let key = RoundKey {
        distributor: e2e_tests::ink_id(&distributor),
        round: 0,
    };
    let plan = merkle_round::from_csv(&csv, key).expect("plan");
    let args = (
        Asset::Native,
        plan.root,
        plan.total,
        1_000 + 2 * MIN_REWARD_DURATION,
    );
    let opened: Result<u32, DistributorError> =
        node.send(this, &admin, "open_round", args, plan.total);
    assert_eq!(opened, Ok(0));
    let leaf = |to: &AccountId32| {
        let claim = plan
            .claims
            .iter()
            .find(|claim| claim.account == e2e_tests::ink_id(to))
            .expect("a leaf");
        (
            0u32,
            claim.index,
            claim.account,
            claim.amount,
            claim.proof.clone(),
        )
    };
    let paid: Result<(), DistributorError> = node.send(this, &fan, "claim_round", leaf(&new_to), 0);
    assert_eq!(paid, Ok(()));
    assert_eq!(node.sandbox.free_balance(&new_to), 2 * ED);
    let dust: Result<(), DistributorError> =
        node.send(this, &fan, "claim_round", leaf(&dust_to), 0);
    assert_eq!(dust, Err(DistributorError::NativeTransferFailed));
    assert_eq!(node.sandbox.free_balance(&dust_to), 0);
    node.sandbox
        .mint_into(&dust_to, ED)
        .expect("fund the account");
    let paid: Result<(), DistributorError> =
        node.send(this, &fan, "claim_round", leaf(&dust_to), 0);
    assert_eq!(paid, Ok(()), "the refused leaf was not spent");
    assert_eq!(node.sandbox.free_balance(&dust_to), ED + ED / 2);
    assert_eq!(
        node.sandbox.free_balance(&distributor),
        ED + (reward - streamed)
    );
}

/// The market under an ED: the stakers' share of a small trade is dust to a distributor
/// account that does not exist (yet); the transfer is refused by the runtime, so the share
/// accrues for the distributor instead and the trade goes through. The market's books still
/// balance (its own ED aside), and the accrued share is paid once the account exists.
#[test]
fn a_market_trade_never_fails_for_its_fee_shares_under_an_ed() {
    use creator_market::{
        curve::{BuyQuote, Curve, SellQuote},
        FeeConfig, MarketConfig, MarketError, MarketState,
    };
    let (token_code, market_code) = (
        Bundle::shared("creator_token"),
        Bundle::shared("creator_market"),
    );
    let (mut node, token) = Node::with_token(&token_code, u128::MAX);
    let (admin, fan) = (account(1), account(2));
    let stakers = AccountId32::new([0xEE; 32]);
    let token = (&*token_code, &token);
    let config = MarketConfig {
        token: e2e_tests::ink_id(token.1),
        unit: 1,
        curve: Curve::Linear {
            base_price: ED,
            slope: 0,
        },
        creator: e2e_tests::ink_id(&admin),
        distributor: e2e_tests::ink_id(&stakers),
        fees: FeeConfig {
            creator_bps: 100,
            stakers_bps: 100,
            referrer_bps: 0,
            platform: None,
            launch_bps: 0,
            launch_period: 0,
        },
        max_tokens_per_call: None,
    };
    let market = node.deploy(&market_code, config);
    let this = (&*market_code, &market);
    for role in [psp::MINTER, psp::BURNER] {
        let granted: Result<(), psp::AccessControlError> = node.send(
            token,
            &admin,
            "AccessControl::grant_role",
            (role, Some(e2e_tests::ink_id(&market))),
            0,
        );
        granted.expect("grant");
    }
    let books = |node: &mut Node| {
        let state: Result<MarketState, MarketError> = node.read(this, "state", ());
        let state = state.expect("state");
        assert_eq!(
            node.sandbox.free_balance(&market),
            ED + state.reserve + state.fees_owed,
            "balance = its ED + reserve + fees owed"
        );
        state
    };
    // 10 tokens for 10 ED and 2 % fees: the stakers' 0.1 ED cannot open their account.
    let bought: Result<BuyQuote, MarketError> = node.send(
        this,
        &fan,
        "buy",
        (0u128, u64::MAX, None::<ink::primitives::AccountId>),
        10 * ED + ED / 5,
    );
    assert_eq!(bought.map(|quote| quote.tokens), Ok(10));
    let accrued: u128 = node.read(this, "fees_of", e2e_tests::ink_id(&stakers));
    assert_eq!(
        accrued,
        ED / 10,
        "accrued, not lost and not refusing the trade"
    );
    assert_eq!(node.sandbox.free_balance(&stakers), 0);
    books(&mut node);
    let sold: Result<SellQuote, MarketError> = node.send(
        this,
        &fan,
        "sell",
        (5u128, 0u128, u64::MAX, None::<ink::primitives::AccountId>),
        0,
    );
    assert_eq!(sold.map(|quote| quote.gross), Ok(5 * ED));
    books(&mut node);
    // Paying the accrued dust waits for the account; once it exists, anyone pays it.
    let early: Result<u128, MarketError> =
        node.send(this, &fan, "withdraw_fees", e2e_tests::ink_id(&stakers), 0);
    assert_eq!(early, Err(MarketError::TransferFailed));
    node.sandbox
        .mint_into(&stakers, ED)
        .expect("fund the account");
    let paid: Result<u128, MarketError> =
        node.send(this, &fan, "withdraw_fees", e2e_tests::ink_id(&stakers), 0);
    assert_eq!(paid, Ok(ED / 10 + ED / 20));
    assert_eq!(node.sandbox.free_balance(&stakers), ED + ED / 10 + ED / 20);
    let state = books(&mut node);
    assert_eq!(state.reserve, 5 * ED);
}
