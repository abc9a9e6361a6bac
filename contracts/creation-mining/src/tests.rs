//! The desk's own rules on the off-chain environment: submissions, the spam cap, reviews and
//! their window, expiry, rules and roles. An acceptance calls the collection and the pool, so
//! it runs on the compiled Wasm (`e2e-tests/tests/creation_mining.rs`); here the links point at
//! the desk itself, where every call is refused before it is made (`CallFailed`).

use crate::creation_mining::CreationMining;
use crate::rules::{ContentState, Mode, Rules, Submission, MAX_URI};
use crate::{CreationError as Error, Expired, Links, Rejected, RulesChanged, Submitted, CURATOR};
use psp::testing::{accounts, emitted as events, set_caller, set_time};
use psp::AccessControl;

fn rules() -> Rules {
    Rules {
        points: 10,
        review_window: 1_000,
        max_pending: 2,
        mode: Mode::Curated,
    }
}

/// A desk whose admin (and curator) is alice, at t = 5,000.
fn new_desk() -> CreationMining {
    set_time(5_000);
    let itself = ink::env::account_id::<ink::env::DefaultEnvironment>();
    let links = Links {
        collection: itself,
        pool: itself,
        project: 0,
    };
    CreationMining::new(links, rules(), accounts().alice).expect("rules")
}

fn hash(byte: u8) -> [u8; 32] {
    [byte; 32]
}

#[ink::test]
fn inconsistent_rules_are_refused() {
    set_caller(accounts().alice);
    let links = Links {
        collection: accounts().django,
        pool: accounts().eve,
        project: 3,
    };
    let bad = Rules {
        points: 0,
        ..rules()
    };
    assert!(matches!(
        CreationMining::new(links, bad, accounts().alice),
        Err(Error::InvalidRules)
    ));
    let desk = CreationMining::new(links, rules(), accounts().alice).expect("rules");
    assert_eq!(desk.links(), links);
    assert_eq!(desk.rules(), rules());
    assert!(desk.has_role(CURATOR, Some(accounts().alice)));
}

#[ink::test]
fn fans_submit_within_the_pending_cap_and_a_hash_waits_once() {
    set_caller(accounts().alice);
    let mut desk = new_desk();
    let (bob, charlie) = (accounts().bob, accounts().charlie);
    set_caller(bob);
    assert_eq!(desk.submit(hash(1), "ipfs://one".into()), Ok(0));
    assert_eq!(
        desk.submit(hash(1), "ipfs://again".into()),
        Err(Error::ContentPending)
    );
    assert_eq!(
        desk.submit(hash(2), "u".repeat(MAX_URI + 1)),
        Err(Error::UriTooLong)
    );
    assert_eq!(desk.submit(hash(2), "u".repeat(MAX_URI)), Ok(1));
    assert_eq!(
        desk.submit(hash(3), "ipfs://three".into()),
        Err(Error::TooManyPending)
    );
    assert_eq!(desk.pending_of(bob), 2);
    set_caller(charlie);
    assert_eq!(
        desk.submit(hash(1), "ipfs://copy".into()),
        Err(Error::ContentPending),
        "another fan cannot take a waiting hash"
    );
    assert_eq!(desk.submit(hash(3), "ipfs://three".into()), Ok(2));
    assert_eq!(desk.content_state(hash(1)), Some(ContentState::Pending(0)));
    assert_eq!(desk.content_state(hash(9)), None);
    assert_eq!(
        desk.submission(0),
        Some(Submission {
            creator: bob,
            content_hash: hash(1),
            uri: "ipfs://one".into(),
            submitted_at: 5_000
        })
    );
    assert_eq!(desk.submission_count(), 3);
    assert_eq!(
        events::<Submitted>().first(),
        Some(&Submitted {
            id: 0,
            creator: bob,
            content_hash: hash(1),
            uri: "ipfs://one".into()
        })
    );
}

#[ink::test]
fn curators_review_within_the_window() {
    set_caller(accounts().alice);
    let mut desk = new_desk();
    let (alice, bob, charlie) = (accounts().alice, accounts().bob, accounts().charlie);
    set_caller(bob);
    desk.submit(hash(1), "ipfs://one".into()).expect("submit");
    desk.submit(hash(2), "ipfs://two".into()).expect("submit");
    assert_eq!(desk.review(0, false), Err(Error::MissingRole));
    set_caller(alice);
    assert_eq!(desk.review(7, false), Err(Error::UnknownSubmission));
    set_time(6_000);
    assert_eq!(desk.review(0, false), Ok(()));
    assert_eq!(
        events::<Rejected>(),
        vec![Rejected {
            id: 0,
            creator: bob,
            curator: alice
        }]
    );
    assert_eq!(desk.submission(0), None);
    assert_eq!(desk.content_state(hash(1)), None, "free again");
    assert_eq!(desk.pending_of(bob), 1);
    set_time(6_001);
    assert_eq!(desk.review(1, true), Err(Error::ReviewClosed));
    // A curator the admin appoints; an acceptance calls out (refused here: see the header).
    desk.grant_role(CURATOR, Some(charlie)).expect("grant");
    set_caller(bob);
    desk.submit(hash(3), "ipfs://three".into()).expect("submit");
    set_caller(charlie);
    assert_eq!(desk.review(2, true), Err(Error::CallFailed));
}

#[ink::test]
fn anyone_expires_a_submission_after_its_window() {
    set_caller(accounts().alice);
    let mut desk = new_desk();
    let bob = accounts().bob;
    set_caller(bob);
    desk.submit(hash(1), "ipfs://one".into()).expect("submit");
    set_caller(accounts().eve);
    set_time(6_000);
    assert_eq!(desk.expire(0), Err(Error::ReviewOpen));
    set_time(6_001);
    assert_eq!(desk.expire(9), Err(Error::UnknownSubmission));
    assert_eq!(desk.expire(0), Ok(()));
    assert_eq!(desk.expire(0), Err(Error::UnknownSubmission));
    assert_eq!(
        events::<Expired>(),
        vec![Expired {
            id: 0,
            creator: bob
        }]
    );
    assert_eq!(
        (desk.pending_of(bob), desk.content_state(hash(1))),
        (0, None)
    );
    set_caller(bob);
    assert_eq!(desk.submit(hash(1), "ipfs://one".into()), Ok(1));
}

#[ink::test]
fn the_admin_sets_the_rules_and_the_open_mode_paces_each_fan() {
    set_caller(accounts().alice);
    let mut desk = new_desk();
    let open = Rules {
        mode: Mode::Open {
            interval: crate::rules::MIN_OPEN_INTERVAL,
        },
        ..rules()
    };
    set_caller(accounts().bob);
    assert_eq!(desk.set_rules(open), Err(Error::MissingRole));
    set_caller(accounts().alice);
    assert_eq!(
        desk.set_rules(Rules {
            max_pending: 0,
            ..rules()
        }),
        Err(Error::InvalidRules)
    );
    assert_eq!(desk.set_rules(open), Ok(()));
    assert_eq!(events::<RulesChanged>(), vec![RulesChanged { rules: open }]);
    assert_eq!(desk.rules(), open);
    // Open: accepted at once (the call out is refused here), nothing waits.
    set_caller(accounts().bob);
    assert_eq!(
        desk.submit(hash(1), "ipfs://one".into()),
        Err(Error::CallFailed)
    );
}

// The shared behaviour suite.
psp::access_control_tests!(CreationMining, new_desk);
