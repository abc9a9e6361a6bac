//! The pool's own rules on the off-chain environment: configuration, attesting within caps and
//! budgets, voiding, claiming, vouchers and limits. Minting is exercised on the compiled Wasm
//! (`e2e-tests/tests/mining_pool.rs`); the shared behaviour suites run at the end.

use crate::mining_pool::MiningPool;
use crate::voucher::tests::{account_of as ecdsa_account, sign as sign_digest};
use crate::{
    AttestationVoided, Attested, Claimed, LimitsChanged, PoolConfig, PoolError as Error, Voucher,
    ATTESTER, MAX_BATCH, MAX_CLAIM_EPOCHS,
};
use psp::testing::{accounts, emitted as events, set_caller, set_time};
use psp::AccessControl;
use secp256k1::SecretKey;

/// Epochs of 100 ms from t = 1,000; window 50 ms; emission 0 so that claims need no
/// token (minting is exercised on the compiled Wasm).
fn config() -> PoolConfig {
    PoolConfig {
        token: [0xAA; 32].into(),
        genesis: 1_000,
        epoch_length: 100,
        initial_emission: 0,
        halving_interval: 10,
        cap: 1_000_000,
        max_points_per_account: 100,
        attester_budget: 150,
        dispute_window: 50,
        domain: 42,
    }
}

/// A fresh pool with alice as admin and owner (the shape the shared suites expect).
fn new_pool() -> MiningPool {
    MiningPool::new(config(), accounts().alice).expect("config")
}

/// A pool where bob is an attester, at t = 1,000 (epoch 0).
fn pool() -> MiningPool {
    set_caller(accounts().alice);
    set_time(1_000);
    let mut pool = new_pool();
    pool.grant_role(ATTESTER, Some(accounts().bob))
        .expect("grant");
    set_caller(accounts().bob);
    pool
}

fn sign(pool: &MiningPool, voucher: &Voucher, key: &SecretKey) -> [u8; 65] {
    sign_digest(&pool.voucher_digest(voucher.clone()), key)
}

#[ink::test]
fn configuration_is_checked_and_kept() {
    set_caller(accounts().alice);
    for bad in [
        PoolConfig {
            epoch_length: 0,
            ..config()
        },
        PoolConfig {
            halving_interval: 0,
            ..config()
        },
    ] {
        assert!(matches!(
            MiningPool::new(bad, accounts().alice),
            Err(Error::InvalidConfig)
        ));
    }
    set_time(999);
    let pool = MiningPool::new(config(), accounts().alice).expect("config");
    assert_eq!(pool.current_epoch(), None, "before genesis");
    assert_eq!(pool.config(), Some(config()));
    assert_eq!(pool.claimable_at(0), Some(1_150));
    set_time(1_250);
    assert_eq!(pool.current_epoch(), Some(2));
}

#[ink::test]
fn attesters_record_points_within_caps_and_budgets() {
    let mut pool = pool();
    let (charlie, django, eve) = (accounts().charlie, accounts().django, accounts().eve);
    assert_eq!(pool.attest(charlie, 60, [1; 32]), Ok(0));
    assert_eq!(
        pool.attest(charlie, 41, [2; 32]),
        Err(Error::OverAccountCap)
    );
    assert_eq!(pool.attest(charlie, 40, [2; 32]), Ok(1));
    assert_eq!(
        pool.attest(django, 51, [3; 32]),
        Err(Error::OverAttesterBudget)
    );
    assert_eq!(pool.attest(django, 0, [3; 32]), Err(Error::ZeroPoints));
    assert_eq!(
        pool.attest_batch(vec![(django, 20, [4; 32]), (eve, 30, [5; 32])]),
        Ok(2)
    );
    assert_eq!(pool.points_of(charlie, 0), 100);
    assert_eq!(pool.epoch_total(0), 150);
    assert_eq!(pool.attester_used(accounts().bob, 0), 150);
    assert_eq!(
        pool.attest_batch(vec![(eve, 1, [6; 32])]),
        Err(Error::OverAttesterBudget)
    );
    assert_eq!(
        pool.attest_batch(vec![(eve, 1, [6; 32]); MAX_BATCH + 1]),
        Err(Error::TooMany)
    );
    // A new epoch brings fresh caps and budgets.
    set_time(1_100);
    assert_eq!(pool.attest(charlie, 100, [7; 32]), Ok(4));
    assert_eq!(pool.points_of(charlie, 1), 100);
    let attested = events::<Attested>();
    assert_eq!(attested.len(), 5);
    assert_eq!(
        attested[0],
        Attested {
            id: 0,
            attester: accounts().bob,
            contributor: charlie,
            epoch: 0,
            points: 60,
            reference: [1; 32]
        }
    );
    set_caller(charlie);
    assert_eq!(pool.attest(charlie, 1, [0; 32]), Err(Error::MissingRole));
    set_time(999);
    set_caller(accounts().bob);
    assert_eq!(pool.attest(charlie, 1, [0; 32]), Err(Error::WrongEpoch));
}

#[ink::test]
fn admin_voids_within_the_dispute_window_only() {
    let mut pool = pool();
    let charlie = accounts().charlie;
    pool.attest(charlie, 60, [1; 32]).expect("attest");
    pool.attest(charlie, 30, [2; 32]).expect("attest");
    assert_eq!(
        pool.void_attestation(0, "spam".into()),
        Err(Error::MissingRole)
    );
    set_caller(accounts().alice);
    set_time(1_149);
    assert_eq!(pool.void_attestation(0, "spam".into()), Ok(()));
    assert_eq!(
        pool.void_attestation(0, "again".into()),
        Err(Error::AlreadyVoided)
    );
    assert_eq!(
        pool.void_attestation(9, "none".into()),
        Err(Error::UnknownAttestation)
    );
    assert_eq!((pool.points_of(charlie, 0), pool.epoch_total(0)), (30, 30));
    assert_eq!(pool.attestation(0).map(|a| a.voided), Some(true));
    set_time(1_150);
    assert_eq!(
        pool.void_attestation(1, "late".into()),
        Err(Error::DisputeWindowOver)
    );
    assert_eq!(
        events::<AttestationVoided>(),
        vec![AttestationVoided {
            id: 0,
            reason: "spam".into()
        }]
    );
}

#[ink::test]
fn claims_wait_for_the_window_and_happen_once() {
    let mut pool = pool();
    let charlie = accounts().charlie;
    pool.attest(charlie, 10, [1; 32]).expect("attest");
    set_caller(charlie);
    assert_eq!(pool.claim(0), Err(Error::NotClaimableYet));
    set_time(1_149);
    assert_eq!(pool.claim(0), Err(Error::NotClaimableYet));
    set_time(1_150);
    assert_eq!(pool.claim(1), Err(Error::NotClaimableYet));
    assert_eq!(pool.claim(0), Ok(0), "emission 0 in this unit test");
    assert_eq!(pool.claim(0), Err(Error::AlreadyClaimed));
    set_caller(accounts().django);
    assert_eq!(pool.claim(0), Err(Error::NothingToClaim));
    assert_eq!(
        pool.claim_epochs(vec![0; MAX_CLAIM_EPOCHS + 1]),
        Err(Error::TooMany)
    );
    assert_eq!(events::<Claimed>().len(), 1);
}

#[ink::test]
fn signed_vouchers_are_accepted_once() {
    let mut pool = pool();
    let key = SecretKey::from_slice(&[7u8; 32]).expect("key");
    let attester = ecdsa_account(&key);
    set_caller(accounts().alice);
    pool.grant_role(ATTESTER, Some(attester)).expect("grant");
    let charlie = accounts().charlie;
    let voucher = Voucher {
        contributor: charlie,
        epoch: 0,
        points: 25,
        reference: [9; 32],
        nonce: 1,
        deadline: 1_050,
    };
    let signature = sign(&pool, &voucher, &key);
    set_caller(charlie);
    assert_eq!(pool.submit_voucher(voucher.clone(), signature), Ok(0));
    assert_eq!(pool.attester_used(attester, 0), 25);
    assert_eq!(
        pool.submit_voucher(voucher.clone(), signature),
        Err(Error::NonceUsed)
    );
    let forged = Voucher {
        points: 99,
        nonce: 2,
        ..voucher.clone()
    };
    assert_eq!(
        pool.submit_voucher(forged, signature),
        Err(Error::BadSignature)
    );
    let stranger = SecretKey::from_slice(&[8u8; 32]).expect("key");
    let unknown = Voucher {
        nonce: 3,
        ..voucher.clone()
    };
    let signed_by_stranger = sign(&pool, &unknown, &stranger);
    assert_eq!(
        pool.submit_voucher(unknown, signed_by_stranger),
        Err(Error::BadSignature)
    );
    let next_epoch = Voucher {
        epoch: 1,
        nonce: 4,
        ..voucher.clone()
    };
    let signature = sign(&pool, &next_epoch, &key);
    assert_eq!(
        pool.submit_voucher(next_epoch, signature),
        Err(Error::WrongEpoch)
    );
    set_time(1_051);
    let late = Voucher {
        nonce: 5,
        ..voucher
    };
    let signature = sign(&pool, &late, &key);
    assert_eq!(
        pool.submit_voucher(late, signature),
        Err(Error::VoucherExpired)
    );
    assert_eq!(pool.points_of(charlie, 0), 25);
}

#[ink::test]
fn limits_are_admin_settings() {
    let mut pool = pool();
    assert_eq!(pool.set_limits(1, 1), Err(Error::MissingRole));
    set_caller(accounts().alice);
    assert_eq!(pool.set_limits(5, 500), Ok(()));
    set_caller(accounts().bob);
    assert_eq!(
        pool.attest(accounts().charlie, 6, [0; 32]),
        Err(Error::OverAccountCap)
    );
    assert_eq!(
        events::<LimitsChanged>(),
        vec![LimitsChanged {
            max_points_per_account: 5,
            attester_budget: 500
        }]
    );
    assert_eq!(pool.emission(0), 0);
    assert_eq!(pool.minted(), 0);
}

#[ink::test]
fn a_pool_that_is_its_own_token_answers_a_typed_error() {
    set_caller(accounts().alice);
    set_time(1_000);
    let itself = ink::env::account_id::<ink::env::DefaultEnvironment>();
    let mut pool = MiningPool::new(
        PoolConfig {
            token: itself,
            initial_emission: 1_000,
            ..config()
        },
        accounts().alice,
    )
    .expect("config");
    pool.grant_role(ATTESTER, Some(accounts().alice))
        .expect("grant");
    pool.attest(accounts().charlie, 10, [1; 32])
        .expect("attest");
    set_caller(accounts().charlie);
    set_time(1_150);
    assert_eq!(pool.claimable(accounts().charlie, 0), 1_000);
    assert_eq!(pool.claim(0), Err(Error::MintCallFailed));
}

// The shared behaviour suites.
psp::ownable_tests!(MiningPool, new_pool);
psp::access_control_tests!(MiningPool, new_pool);
psp::upgradeable_tests!(MiningPool, new_pool);
