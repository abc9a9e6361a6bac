//! The pool's own rules on the off-chain environment: configuration, projects, attesting within
//! caps and budgets, voiding, claiming, vouchers and limits. Minting is exercised on the compiled Wasm
//! (`e2e-tests/tests/mining_pool.rs`); the shared behaviour suites run at the end.

use crate::mining_pool::MiningPool;
use crate::voucher::tests::{account_of as ecdsa_account, sign as sign_digest};
use crate::{
    AttestationVoided, Attested, Claimed, LimitsChanged, PoolConfig, PoolError as Error, Project,
    ProjectRegistered, ProjectUpdated, Voucher, MAX_BATCH, MAX_CLAIM_EPOCHS, MAX_PROJECT_URI,
};
use psp::testing::{accounts, emitted as events, set_caller, set_time};
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
        dispute_window: 50,
        domain: 42,
    }
}

/// A fresh pool with alice as admin and owner (the shape the shared suites expect).
fn new_pool() -> MiningPool {
    MiningPool::new(config(), accounts().alice).expect("config")
}

/// Project 0 ("docs", a budget of 150 points per epoch) of [`pool`].
const DOCS: u32 = 0;

/// A pool where bob leads project [`DOCS`], at t = 1,000 (epoch 0), called by bob.
fn pool() -> MiningPool {
    set_caller(accounts().alice);
    set_time(1_000);
    let mut pool = new_pool();
    pool.register_project("docs".into(), accounts().bob, 150)
        .expect("register");
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
fn the_admin_registers_and_updates_projects() {
    let mut pool = pool();
    let (alice, bob, charlie) = (accounts().alice, accounts().bob, accounts().charlie);
    assert_eq!(
        pool.register_project("art".into(), bob, 10),
        Err(Error::MissingRole)
    );
    assert_eq!(
        pool.update_project(DOCS, bob, 1, true),
        Err(Error::MissingRole)
    );
    set_caller(alice);
    let longest = "u".repeat(MAX_PROJECT_URI);
    assert_eq!(pool.register_project(longest.clone(), charlie, 10), Ok(1));
    assert_eq!(
        pool.register_project(longest + "u", charlie, 10),
        Err(Error::UriTooLong)
    );
    assert_eq!(pool.project_count(), 2);
    assert_eq!(
        pool.project(DOCS),
        Some(Project {
            uri: "docs".into(),
            lead: bob,
            budget: 150,
            active: true
        })
    );
    assert_eq!(pool.project(2), None);
    assert_eq!(pool.update_project(DOCS, charlie, 20, false), Ok(()));
    assert_eq!(
        pool.update_project(2, charlie, 20, false),
        Err(Error::UnknownProject)
    );
    assert_eq!(
        pool.project(DOCS).map(|p| (p.lead, p.budget, p.active)),
        Some((charlie, 20, false))
    );
    assert_eq!(
        events::<ProjectRegistered>(),
        vec![
            ProjectRegistered {
                id: DOCS,
                lead: bob,
                budget: 150,
                uri: "docs".into()
            },
            ProjectRegistered {
                id: 1,
                lead: charlie,
                budget: 10,
                uri: "u".repeat(MAX_PROJECT_URI)
            },
        ]
    );
    assert_eq!(
        events::<ProjectUpdated>(),
        vec![ProjectUpdated {
            id: DOCS,
            lead: charlie,
            budget: 20,
            active: false
        }]
    );
}

#[ink::test]
fn leads_record_points_within_caps_and_budgets() {
    let mut pool = pool();
    let (charlie, django, eve) = (accounts().charlie, accounts().django, accounts().eve);
    assert_eq!(pool.attest(DOCS, charlie, 60, [1; 32]), Ok(0));
    assert_eq!(
        pool.attest(DOCS, charlie, 41, [2; 32]),
        Err(Error::OverAccountCap)
    );
    assert_eq!(pool.attest(DOCS, charlie, 40, [2; 32]), Ok(1));
    assert_eq!(
        pool.attest(DOCS, django, 51, [3; 32]),
        Err(Error::OverProjectBudget)
    );
    assert_eq!(
        pool.attest(DOCS, django, 0, [3; 32]),
        Err(Error::ZeroPoints)
    );
    assert_eq!(
        pool.attest_batch(DOCS, vec![(django, 20, [4; 32]), (eve, 30, [5; 32])]),
        Ok(2)
    );
    assert_eq!(pool.points_of(charlie, 0), 100);
    assert_eq!(pool.epoch_total(0), 150);
    assert_eq!(pool.project_used(DOCS, 0), 150);
    assert_eq!(
        pool.attest_batch(DOCS, vec![(eve, 1, [6; 32])]),
        Err(Error::OverProjectBudget)
    );
    assert_eq!(
        pool.attest_batch(DOCS, vec![(eve, 1, [6; 32]); MAX_BATCH + 1]),
        Err(Error::TooMany)
    );
    // A new epoch brings fresh caps and budgets.
    set_time(1_100);
    assert_eq!(pool.attest(DOCS, charlie, 100, [7; 32]), Ok(4));
    assert_eq!(pool.points_of(charlie, 1), 100);
    let attested = events::<Attested>();
    assert_eq!(attested.len(), 5);
    assert_eq!(
        attested[0],
        Attested {
            id: 0,
            project: DOCS,
            attester: accounts().bob,
            contributor: charlie,
            epoch: 0,
            points: 60,
            reference: [1; 32]
        }
    );
    assert_eq!(pool.attestation(0).map(|a| a.project), Some(DOCS));
    set_time(999);
    assert_eq!(
        pool.attest(DOCS, charlie, 1, [0; 32]),
        Err(Error::WrongEpoch)
    );
}

#[ink::test]
fn only_the_lead_of_an_open_project_attests_for_it() {
    let mut pool = pool();
    let (alice, bob, charlie, django) = (
        accounts().alice,
        accounts().bob,
        accounts().charlie,
        accounts().django,
    );
    set_caller(alice);
    let art = pool
        .register_project("art".into(), charlie, 50)
        .expect("art");
    for stranger in [alice, charlie] {
        set_caller(stranger);
        assert_eq!(
            pool.attest(DOCS, django, 1, [0; 32]),
            Err(Error::NotProjectLead)
        );
        assert_eq!(
            pool.attest_batch(DOCS, vec![(django, 1, [0; 32])]),
            Err(Error::NotProjectLead)
        );
    }
    set_caller(bob);
    assert_eq!(
        pool.attest(art, django, 1, [0; 32]),
        Err(Error::NotProjectLead)
    );
    assert_eq!(
        pool.attest(7, django, 1, [0; 32]),
        Err(Error::UnknownProject)
    );
    // Budgets are per project; the account cap spans them.
    assert_eq!(pool.attest(DOCS, django, 70, [1; 32]), Ok(0));
    set_caller(charlie);
    assert_eq!(
        pool.attest(art, django, 31, [2; 32]),
        Err(Error::OverAccountCap)
    );
    assert_eq!(pool.attest(art, django, 30, [2; 32]), Ok(1));
    assert_eq!(
        (pool.project_used(DOCS, 0), pool.project_used(art, 0)),
        (70, 30)
    );
    assert_eq!(pool.points_of(django, 0), 100);
    set_caller(alice);
    pool.update_project(art, charlie, 50, false).expect("close");
    set_caller(charlie);
    assert_eq!(
        pool.attest(art, accounts().eve, 1, [3; 32]),
        Err(Error::ProjectClosed)
    );
}

#[ink::test]
fn admin_voids_within_the_dispute_window_only() {
    let mut pool = pool();
    let charlie = accounts().charlie;
    pool.attest(DOCS, charlie, 60, [1; 32]).expect("attest");
    pool.attest(DOCS, charlie, 30, [2; 32]).expect("attest");
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
    pool.attest(DOCS, charlie, 10, [1; 32]).expect("attest");
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
    let lead = ecdsa_account(&key);
    set_caller(accounts().alice);
    let project = pool
        .register_project("translations".into(), lead, 150)
        .expect("register");
    let charlie = accounts().charlie;
    let voucher = Voucher {
        project,
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
    assert_eq!(pool.project_used(project, 0), 25);
    assert_eq!(
        events::<Attested>().last().map(|e| (e.project, e.attester)),
        Some((project, lead))
    );
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
    // The lead of one project cannot sign for another.
    let other_project = Voucher {
        project: DOCS,
        nonce: 6,
        ..voucher.clone()
    };
    let signature = sign(&pool, &other_project, &key);
    assert_eq!(
        pool.submit_voucher(other_project, signature),
        Err(Error::BadSignature)
    );
    let nowhere = Voucher {
        project: 9,
        nonce: 7,
        ..voucher.clone()
    };
    let signature = sign(&pool, &nowhere, &key);
    assert_eq!(
        pool.submit_voucher(nowhere, signature),
        Err(Error::UnknownProject)
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
    set_time(1_000);
    set_caller(accounts().alice);
    pool.update_project(project, lead, 150, false)
        .expect("close");
    let closed = Voucher {
        nonce: 8,
        ..voucher
    };
    let signature = sign(&pool, &closed, &key);
    assert_eq!(
        pool.submit_voucher(closed, signature),
        Err(Error::ProjectClosed)
    );
}

#[ink::test]
fn limits_are_admin_settings() {
    let mut pool = pool();
    assert_eq!(pool.set_limits(1), Err(Error::MissingRole));
    set_caller(accounts().alice);
    assert_eq!(pool.set_limits(5), Ok(()));
    set_caller(accounts().bob);
    assert_eq!(
        pool.attest(DOCS, accounts().charlie, 6, [0; 32]),
        Err(Error::OverAccountCap)
    );
    assert_eq!(
        events::<LimitsChanged>(),
        vec![LimitsChanged {
            max_points_per_account: 5,
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
    pool.register_project("docs".into(), accounts().alice, 150)
        .expect("register");
    pool.attest(DOCS, accounts().charlie, 10, [1; 32])
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
