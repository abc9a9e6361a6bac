//! The distributor's unit tests: staking, streams, rounds and the registry through its
//! messages, off chain. (The pure rules have their own tests in `ledger`, `rounds`,
//! `registry` and `accounting`; compiled-Wasm tests are in `e2e-tests`.)

use crate::reward_distributor::RewardDistributor;
use crate::rounds::RoundKey;
use crate::{
    Asset, DistributorError as Error, RewardAssetAdded, RewardDeposited, RoundClaimed,
    RoundReclaimed, ScheduleChanged, MAX_COOLDOWN, MAX_REWARD_ASSETS, MAX_REWARD_DURATION,
    MIN_REWARD_DURATION,
};
use ink::env::{test, DefaultEnvironment};
use ink::primitives::AccountId;
use psp::merkle::MerkleTree;
use psp::testing::{accounts, emitted as events, set_caller};
use psp::{AccessControl, Ownable, DEFAULT_ADMIN_ROLE};

type Balance = u128;

fn token() -> AccountId {
    AccountId::from([0xAA; 32])
}

fn distributor() -> RewardDistributor {
    set_caller(accounts().alice);
    RewardDistributor::new(token(), MIN_REWARD_DURATION, 0, accounts().alice)
}

/// Calls `open_round` with `value` attached, as the runtime would.
fn open_native_round(
    distributor: &mut RewardDistributor,
    root: [u8; 32],
    total: Balance,
    deadline: u64,
    value: Balance,
) -> Result<u32, Error> {
    let contract = test::callee::<DefaultEnvironment>();
    let balance = test::get_account_balance::<DefaultEnvironment>(contract).unwrap_or(0);
    test::set_account_balance::<DefaultEnvironment>(contract, balance + value);
    test::set_value_transferred::<DefaultEnvironment>(value);
    let result = distributor.open_round(Asset::Native, root, total, deadline);
    test::set_value_transferred::<DefaultEnvironment>(0);
    if result.is_err() {
        test::set_account_balance::<DefaultEnvironment>(contract, balance);
    }
    result
}

#[ink::test]
fn constructor_sets_assets_schedule_and_admin() {
    let distributor = distributor();
    assert_eq!(
        distributor.reward_assets(),
        vec![Asset::Native, Asset::Token(token())]
    );
    assert_eq!(distributor.schedule(), (MIN_REWARD_DURATION, 0));
    assert_eq!(distributor.staking_token(), token());
    assert_eq!(distributor.total_staked(), 0);
    assert_eq!(distributor.owner(), Some(accounts().alice));
    assert!(distributor.has_role(DEFAULT_ADMIN_ROLE, Some(accounts().alice)));
    assert_eq!(events::<RewardAssetAdded>().len(), 2);
    let zero = RewardDistributor::new(token(), 0, 0, accounts().alice);
    assert_eq!(
        zero.schedule().0,
        MIN_REWARD_DURATION,
        "a zero duration becomes the shortest, one day"
    );
}

#[ink::test]
fn admin_manages_assets_and_schedule() {
    let mut distributor = distributor();
    assert_eq!(
        distributor.add_reward_asset(token()),
        Err(Error::AssetExists)
    );
    for n in 0..6u8 {
        assert_eq!(
            distributor.add_reward_asset(AccountId::from([n; 32])),
            Ok(())
        );
    }
    assert_eq!(
        distributor.add_reward_asset(AccountId::from([9; 32])),
        Err(Error::TooManyAssets)
    );
    assert_eq!(distributor.reward_assets().len(), MAX_REWARD_ASSETS);
    assert_eq!(distributor.set_schedule(0, 5), Err(Error::InvalidDuration));
    assert_eq!(
        distributor.set_schedule(MAX_REWARD_DURATION + 1, 5),
        Err(Error::InvalidDuration)
    );
    assert_eq!(
        distributor.set_schedule(2 * MIN_REWARD_DURATION, MAX_COOLDOWN + 1),
        Err(Error::CooldownTooLong)
    );
    assert_eq!(
        distributor.set_schedule(MAX_REWARD_DURATION, MAX_COOLDOWN),
        Ok(())
    );
    assert_eq!(
        distributor.set_schedule(2 * MIN_REWARD_DURATION, 86_400_000),
        Ok(())
    );
    assert_eq!(
        distributor.schedule(),
        (2 * MIN_REWARD_DURATION, 86_400_000)
    );
    assert_eq!(
        events::<ScheduleChanged>(),
        vec![
            ScheduleChanged {
                reward_duration: MAX_REWARD_DURATION,
                cooldown: MAX_COOLDOWN
            },
            ScheduleChanged {
                reward_duration: 2 * MIN_REWARD_DURATION,
                cooldown: 86_400_000
            }
        ]
    );
    set_caller(accounts().bob);
    assert_eq!(
        distributor.add_reward_asset(AccountId::from([9; 32])),
        Err(Error::MissingRole)
    );
    assert_eq!(distributor.set_schedule(1, 1), Err(Error::MissingRole));
    assert_eq!(distributor.reclaim_round(0), Err(Error::MissingRole));
    let root = [0; 32];
    assert_eq!(
        distributor.open_round(Asset::Native, root, 1, 1),
        Err(Error::MissingRole)
    );
}

#[ink::test]
fn refusals_before_any_token_call() {
    let mut distributor = distributor();
    let unknown = AccountId::from([0xBB; 32]);
    assert_eq!(distributor.stake(0), Err(Error::ZeroAmount));
    assert_eq!(distributor.unstake(0), Err(Error::ZeroAmount));
    assert_eq!(distributor.unstake(1), Err(Error::InsufficientStake));
    assert_eq!(distributor.withdraw(), Err(Error::NothingToWithdraw));
    assert_eq!(distributor.deposit(token(), 0), Err(Error::ZeroAmount));
    assert_eq!(distributor.deposit(unknown, 5), Err(Error::UnknownAsset));
    assert_eq!(
        distributor.sync(Asset::Token(unknown)),
        Err(Error::UnknownAsset)
    );
    assert_eq!(
        distributor.claim(Asset::Token(unknown)),
        Err(Error::UnknownAsset)
    );
    assert_eq!(distributor.deposit_native(5), Err(Error::ValueMismatch));
    assert_eq!(distributor.deposit_native(0), Err(Error::ZeroAmount));
    assert_eq!(
        distributor.claim_round(0, 0, accounts().bob, 1, vec![]),
        Err(Error::RoundNotFound)
    );
    assert_eq!(distributor.reclaim_round(0), Err(Error::RoundNotFound));
    assert_eq!(
        open_native_round(&mut distributor, [0; 32], 0, 10, 0),
        Err(Error::ZeroAmount)
    );
    assert_eq!(
        open_native_round(&mut distributor, [0; 32], 10, 10, 9),
        Err(Error::ValueMismatch)
    );
    assert_eq!(distributor.pending(accounts().bob, Asset::Native), 0);
}

#[ink::test]
fn native_deposits_stream_and_wait_for_stakers() {
    // Off-chain balances must be at least 1,000,000 (the engine's existential deposit).
    const M: Balance = 1_000_000;
    let mut distributor = distributor();
    let contract = test::callee::<DefaultEnvironment>();
    test::set_account_balance::<DefaultEnvironment>(contract, M);
    test::set_value_transferred::<DefaultEnvironment>(M);
    assert_eq!(distributor.deposit_native(M), Ok(()));
    test::set_value_transferred::<DefaultEnvironment>(0);
    assert_eq!(distributor.held(Asset::Native), M);
    let stream = distributor.stream_of(Asset::Native);
    assert_eq!((stream.remaining, stream.finish), (M, MIN_REWARD_DURATION));
    assert_eq!(
        events::<RewardDeposited>(),
        vec![RewardDeposited {
            asset: Asset::Native,
            amount: M,
            finish: MIN_REWARD_DURATION
        }]
    );
    // Native that arrives by plain transfer is picked up by `sync`.
    test::set_account_balance::<DefaultEnvironment>(contract, 3 * M / 2);
    assert_eq!(distributor.sync(Asset::Native), Ok(M / 2));
    assert_eq!(distributor.sync(Asset::Native), Ok(0));
    assert_eq!(distributor.stream_of(Asset::Native).remaining, 3 * M / 2);
    // Nothing is staked: claims pay nothing and the stream keeps everything.
    test::set_block_timestamp::<DefaultEnvironment>(5_000);
    // (A token claim first picks up what arrived with a `balance_of`, which the off-chain
    // environment cannot call: `claim_all` runs on the compiled Wasm.)
    assert_eq!(distributor.claim(Asset::Native), Ok(0));
    test::set_account_balance::<DefaultEnvironment>(contract, 2 * M);
    assert_eq!(
        distributor.claim(Asset::Native),
        Ok(0),
        "picked up, no sync"
    );
    assert_eq!(distributor.held(Asset::Native), 2 * M);
    assert_eq!(
        distributor.stream_of(Asset::Native).remaining,
        2 * M,
        "carried forward"
    );
}

/// The tree of round `round` of the distributor under test over `list`.
fn round_tree(round: u32, list: &[(u32, AccountId, u128)]) -> MerkleTree {
    let key = RoundKey {
        distributor: test::callee::<DefaultEnvironment>(),
        round,
    };
    let leaves = list
        .iter()
        .map(|&(index, account, amount)| key.leaf(index, account, amount))
        .collect();
    MerkleTree::new(leaves)
}

#[ink::test]
fn a_root_opens_one_round_only() {
    let mut distributor = distributor();
    let tree = round_tree(0, &[(0, accounts().bob, 5)]);
    assert_eq!(distributor.next_round(), 0);
    assert_eq!(
        open_native_round(&mut distributor, tree.root(), 5, 10, 5),
        Ok(0)
    );
    assert_eq!(distributor.next_round(), 1);
    assert_eq!(
        open_native_round(&mut distributor, tree.root(), 5, 10, 5),
        Err(Error::RootUsed)
    );
    assert_eq!(distributor.next_round(), 1);
}

#[ink::test]
fn merkle_round_pays_each_leaf_once_then_reclaims() {
    let mut distributor = distributor();
    let (alice, bob, charlie) = (accounts().alice, accounts().bob, accounts().charlie);
    let list = [(0u32, bob, 300u128), (1u32, charlie, 200u128)];
    let tree = round_tree(0, &list);
    assert_eq!(
        open_native_round(&mut distributor, tree.root(), 600, 2_000, 600),
        Ok(0)
    );
    assert_eq!(distributor.held(Asset::Native), 600);
    let bob_proof = tree.proof(0).expect("proof");
    set_caller(charlie);
    assert_eq!(
        distributor.claim_round(0, 0, bob, 301, bob_proof.clone()),
        Err(Error::InvalidProof)
    );
    assert_eq!(
        distributor.claim_round(0, 1, bob, 300, bob_proof.clone()),
        Err(Error::InvalidProof)
    );
    let before = test::get_account_balance::<DefaultEnvironment>(bob).expect("balance");
    assert_eq!(
        distributor.claim_round(0, 0, bob, 300, bob_proof.clone()),
        Ok(()),
        "anyone submits"
    );
    assert_eq!(
        test::get_account_balance::<DefaultEnvironment>(bob),
        Ok(before + 300)
    );
    assert!(distributor.is_claimed(0, 0) && !distributor.is_claimed(0, 1));
    assert_eq!(
        distributor.claim_round(0, 0, bob, 300, bob_proof),
        Err(Error::AlreadyClaimed)
    );
    set_caller(alice);
    assert_eq!(distributor.reclaim_round(0), Err(Error::RoundStillOpen));
    test::set_block_timestamp::<DefaultEnvironment>(2_001);
    set_caller(charlie);
    assert_eq!(
        distributor.claim_round(0, 1, charlie, 200, tree.proof(1).expect("proof")),
        Err(Error::RoundClosed)
    );
    set_caller(alice);
    assert_eq!(distributor.reclaim_round(0), Ok(300));
    assert_eq!(distributor.reclaim_round(0), Err(Error::RoundClosed));
    assert_eq!(distributor.held(Asset::Native), 0);
    let round = distributor.round(0).expect("round");
    assert_eq!((round.claimed, round.reclaimed), (300, true));
    assert_eq!(
        events::<RoundClaimed>(),
        vec![RoundClaimed {
            round: 0,
            account: bob,
            index: 0,
            amount: 300
        }]
    );
    assert_eq!(
        events::<RoundReclaimed>(),
        vec![RoundReclaimed {
            round: 0,
            amount: 300
        }]
    );
}

#[ink::test]
fn a_round_cannot_pay_more_than_it_holds() {
    let mut distributor = distributor();
    let bob = accounts().bob;
    // A root that promises more than the total funded.
    let list = [(0u32, bob, 400u128), (1u32, bob, 400u128)];
    let tree = round_tree(0, &list);
    assert_eq!(
        open_native_round(&mut distributor, tree.root(), 500, 10, 500),
        Ok(0)
    );
    assert_eq!(
        distributor.claim_round(0, 0, bob, 400, tree.proof(0).expect("proof")),
        Ok(())
    );
    assert_eq!(
        distributor.claim_round(0, 1, bob, 400, tree.proof(1).expect("proof")),
        Err(Error::RoundOverdrawn)
    );
    assert_eq!(distributor.held(Asset::Native), 100);
    // High leaf indexes use further bitmap words.
    let list = [(1_000u32, bob, 1u128)];
    let tree = round_tree(1, &list);
    assert_eq!(
        open_native_round(&mut distributor, tree.root(), 1, 10, 1),
        Ok(1)
    );
    assert_eq!(distributor.claim_round(1, 1_000, bob, 1, vec![]), Ok(()));
    assert!(distributor.is_claimed(1, 1_000) && !distributor.is_claimed(1, 999));
}

// The shared behaviour suites.
psp::ownable_tests!(RewardDistributor, distributor);
psp::access_control_tests!(RewardDistributor, distributor);
psp::upgradeable_tests!(RewardDistributor, distributor);
