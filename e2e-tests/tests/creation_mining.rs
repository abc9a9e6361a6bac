//! Creation mining on the compiled Wasm of a factory-created suite: a fan's creation is
//! accepted once, minted to the fan (its creator and royalty receiver) and its points are
//! claimable after the epoch; duplicates, strangers, late reviews, budgets, the pending cap and
//! the open mode are refused as the rules say.

use creation_mining::{
    rules::{ContentState, Mode, Rules},
    Accepted, CreationError as Error, Links,
};
use creator_nft::{CollectionError, CreationMinted};
use e2e_tests::{
    account,
    actors::{creator, fan, id, other_fan},
    fixtures::{Economy, START},
    ink_id, AccountId32, BalanceAPI, ENDOWMENT,
};
use mining_pool::PoolError;
use psp::{Id, PSP34Error};

const DAY: u64 = 86_400_000;
const ONE: u128 = 1_000_000_000_000_000_000;
/// The pool's project the factory registered for the desk.
const CREATIONS: u32 = 0;

fn submit(economy: &mut Economy, who: &AccountId32, content: u8) -> Result<u64, Error> {
    let desk = economy.suite.creations.clone();
    let uri = format!("ipfs://creations/{content}");
    economy
        .chain
        .send::<u64, Error>(&desk, who, "submit", ([content; 32], uri))
        .0
}

fn review(economy: &mut Economy, who: &AccountId32, id: u64, accept: bool) -> Result<(), Error> {
    let desk = economy.suite.creations.clone();
    economy
        .chain
        .send::<(), Error>(&desk, who, "review", (id, accept))
        .0
}

/// Test account `n`, given native currency for its storage deposits.
fn endowed(economy: &mut Economy, n: u8) -> AccountId32 {
    economy
        .chain
        .sandbox
        .mint_into(&account(n), ENDOWMENT)
        .expect("endow");
    account(n)
}

fn item(content: u8) -> Id {
    Id::Bytes([content; 32].to_vec())
}

#[test]
fn the_factory_wires_the_desk_to_the_collection_and_the_pool() {
    let mut economy = Economy::fair();
    let desk = economy.suite.creations.clone();
    let links: Links = economy.chain.read(&desk, "links", ());
    assert_eq!(
        links,
        Links {
            collection: economy.ids.collection,
            pool: economy.ids.pool,
            project: CREATIONS
        }
    );
    let project: Option<mining_pool::Project> =
        economy
            .chain
            .read(&economy.suite.pool, "project", CREATIONS);
    let project = project.expect("registered");
    assert_eq!(
        (project.uri.as_str(), project.lead, project.budget),
        ("creations", economy.ids.creations, 1_000)
    );
    let minter: bool = economy.chain.read(
        &economy.suite.collection,
        "AccessControl::has_role",
        (psp::MINTER, Some(economy.ids.creations)),
    );
    assert!(minter, "the desk mints creations");
    let curator: bool = economy.chain.read(
        &desk,
        "AccessControl::has_role",
        (creation_mining::CURATOR, Some(id(creator))),
    );
    assert!(curator, "the creator is the first curator");
    let pool_admin: bool = economy.chain.read(
        &economy.suite.pool,
        "AccessControl::has_role",
        (psp::DEFAULT_ADMIN_ROLE, Some(economy.factory.id())),
    );
    assert!(!pool_admin, "the factory kept nothing");
}

#[test]
fn an_accepted_creation_is_minted_to_its_creator_and_mines_once() {
    let mut economy = Economy::fair();
    let (collection, pool, desk) = (
        economy.suite.collection.clone(),
        economy.suite.pool.clone(),
        economy.suite.creations.clone(),
    );
    assert_eq!(submit(&mut economy, &fan(), 7), Ok(0));
    let state: Option<ContentState> = economy.chain.read(&desk, "content_state", [7u8; 32]);
    assert_eq!(state, Some(ContentState::Pending(0)));
    assert_eq!(
        submit(&mut economy, &other_fan(), 7),
        Err(Error::ContentPending),
        "nobody else can take a waiting creation"
    );
    assert_eq!(
        review(&mut economy, &fan(), 0, true),
        Err(Error::MissingRole)
    );
    let (accepted, receipt) =
        economy
            .chain
            .send::<(), Error>(&desk, &creator(), "review", (0u64, true));
    assert_eq!(accepted, Ok(()));
    assert_eq!(
        receipt.events_of::<Accepted>(),
        vec![Accepted {
            id: 0,
            creator: id(fan),
            item: item(7),
            points: 100,
            curator: Some(id(creator))
        }]
    );
    assert_eq!(
        receipt.events_of::<CreationMinted>(),
        vec![CreationMinted {
            creator: id(fan),
            content_hash: [7; 32],
            uri: "ipfs://creations/7".into()
        }]
    );
    // The fan owns the item, made it and receives its royalty.
    let owner: Option<ink::primitives::AccountId> =
        economy.chain.read(&collection, "PSP34::owner_of", item(7));
    assert_eq!(owner, Some(id(fan)));
    let made_by: Option<ink::primitives::AccountId> =
        economy.chain.read(&collection, "creator_of", item(7));
    assert_eq!(made_by, Some(id(fan)));
    let (receiver, _): (ink::primitives::AccountId, u128) =
        economy
            .chain
            .read(&collection, "royalty_info", (item(7), 1_000u128));
    assert_eq!(receiver, id(fan));
    // Mined once: the desk, and the collection itself, refuse the same content again.
    assert_eq!(
        submit(&mut economy, &other_fan(), 7),
        Err(Error::ContentMinted)
    );
    assert_eq!(
        economy
            .chain
            .send::<Id, CollectionError>(
                &collection,
                &creator(),
                "mint_creation",
                (id(other_fan), [7u8; 32], String::from("ipfs://copy"))
            )
            .0,
        Err(CollectionError::Token(PSP34Error::TokenExists))
    );
    // The points are the fan's in the pool's creations project, claimable after the epoch.
    let points: u128 = economy.chain.read(&pool, "points_of", (id(fan), 0u32));
    let used: u128 = economy.chain.read(&pool, "project_used", (CREATIONS, 0u32));
    assert_eq!((points, used), (100, 100));
    economy.chain.set_time(START + 8 * DAY);
    let (claimed, _) = economy
        .chain
        .send::<u128, PoolError>(&pool, &fan(), "claim", 0u32);
    assert_eq!(claimed, Ok(100_000 * ONE), "the whole epoch 0 emission");
}

#[test]
fn reviews_keep_to_their_window_and_rejected_or_expired_content_is_free_again() {
    let mut economy = Economy::fair();
    let desk = economy.suite.creations.clone();
    assert_eq!(submit(&mut economy, &fan(), 1), Ok(0));
    assert_eq!(submit(&mut economy, &fan(), 2), Ok(1));
    assert_eq!(review(&mut economy, &creator(), 0, false), Ok(()));
    assert_eq!(submit(&mut economy, &other_fan(), 1), Ok(2), "free again");
    economy.chain.set_time(START + 3 * DAY + 1);
    assert_eq!(
        review(&mut economy, &creator(), 1, true),
        Err(Error::ReviewClosed)
    );
    let (expired, _) = economy
        .chain
        .send::<(), Error>(&desk, &other_fan(), "expire", 1u64);
    assert_eq!(expired, Ok(()));
    let pending: u32 = economy.chain.read(&desk, "pending_of", id(fan));
    assert_eq!(pending, 0);
    assert_eq!(
        economy
            .chain
            .send::<(), Error>(&desk, &other_fan(), "expire", 1u64)
            .0,
        Err(Error::UnknownSubmission)
    );
}

#[test]
fn the_pending_cap_and_the_collection_s_budget_bound_what_fans_mine() {
    let mut economy = Economy::fair();
    for content in 1..=3 {
        assert!(submit(&mut economy, &fan(), content).is_ok());
    }
    assert_eq!(submit(&mut economy, &fan(), 4), Err(Error::TooManyPending));
    // The creations project's budget (1,000 points an epoch, 100 a creation) takes ten.
    let mut ids = Vec::new();
    for n in 0..11u8 {
        let maker = endowed(&mut economy, 100 + n);
        ids.push(submit(&mut economy, &maker, 50 + n).expect("submit"));
    }
    for id in &ids[..10] {
        assert_eq!(review(&mut economy, &creator(), *id, true), Ok(()));
    }
    assert_eq!(
        review(&mut economy, &creator(), ids[10], true),
        Err(Error::Credit(PoolError::OverProjectBudget))
    );
    let owner: Option<ink::primitives::AccountId> =
        economy
            .chain
            .read(&economy.suite.collection, "PSP34::owner_of", item(60));
    assert_eq!(owner, None, "a refused acceptance mints nothing");
    // In the next epoch it is accepted, still within its review window.
    economy.chain.set_time(START + 7 * DAY - 1);
    assert_eq!(
        review(&mut economy, &creator(), ids[10], true),
        Err(Error::ReviewClosed)
    );
    let late = endowed(&mut economy, 120);
    let fresh = submit(&mut economy, &late, 99).expect("submit");
    economy.chain.set_time(START + 7 * DAY);
    assert_eq!(review(&mut economy, &creator(), fresh, true), Ok(()));
    let points: u128 = economy
        .chain
        .read(&economy.suite.pool, "points_of", (ink_id(&late), 1u32));
    assert_eq!(points, 100);
}

#[test]
fn the_open_mode_accepts_without_a_curator_at_one_creation_an_hour() {
    let mut economy = Economy::fair();
    let desk = economy.suite.creations.clone();
    let open = Rules {
        points: 10,
        review_window: DAY,
        max_pending: 1,
        mode: Mode::Open {
            interval: 3_600_000,
        },
    };
    assert_eq!(
        economy
            .chain
            .send::<(), Error>(&desk, &fan(), "set_rules", open)
            .0,
        Err(Error::MissingRole)
    );
    assert_eq!(
        economy
            .chain
            .send::<(), Error>(&desk, &creator(), "set_rules", open)
            .0,
        Ok(())
    );
    assert_eq!(submit(&mut economy, &fan(), 1), Ok(0));
    let owner: Option<ink::primitives::AccountId> =
        economy
            .chain
            .read(&economy.suite.collection, "PSP34::owner_of", item(1));
    assert_eq!(owner, Some(id(fan)), "minted at once");
    assert_eq!(submit(&mut economy, &fan(), 2), Err(Error::TooSoon));
    assert_eq!(
        submit(&mut economy, &other_fan(), 2),
        Ok(1),
        "the pace is per account"
    );
    economy.chain.set_time(START + 3_600_000);
    assert_eq!(submit(&mut economy, &fan(), 3), Ok(2));
    let points: u128 = economy
        .chain
        .read(&economy.suite.pool, "points_of", (id(fan), 0u32));
    assert_eq!(points, 20);
}
