//! The fair economy of issue 16 on the compiled Wasm of a factory-created, fair-launch suite:
//! every holder can exit the market whoever sells first, no account can mint or burn at will,
//! and every trade pays the stakers, who are streamed their share without anyone calling
//! `sync`.

use creator_factory::LaunchMode;
use creator_market::{curve::BuyQuote, curve::SellQuote, Bought, MarketError, MarketState};
use e2e_tests::{
    actors::{attacker, creator, delegate, fan, id, nobody, other_fan, treasury},
    contribution::register_project,
    fixtures::{Economy, START},
    ink_id, AccountId32,
};
use mining_pool::PoolError;
use psp::{
    limits::{MAX_PAUSE, PAUSE_GAP},
    upgrade::UpgradeError,
    AccessControlError, PSP22Error, PausableError, BURNER, DEFAULT_ADMIN_ROLE, MINTER, PAUSER,
};
use reward_distributor::{Asset, DistributorError};

const NATIVE: u128 = 10_000_000_000; // 10 decimals, as the sandbox's endowments
const DAY: u64 = 86_400_000;

fn balance(economy: &mut Economy, who: &AccountId32) -> u128 {
    economy
        .chain
        .read(&economy.suite.token, "PSP22::balance_of", ink_id(who))
}

fn state(economy: &mut Economy) -> MarketState {
    economy
        .chain
        .send::<MarketState, MarketError>(&economy.suite.market, &nobody(), "state", ())
        .0
        .expect("state")
}

fn buy(economy: &mut Economy, who: &AccountId32, value: u128) -> BuyQuote {
    economy
        .chain
        .send_paying::<BuyQuote, MarketError>(
            &economy.suite.market,
            who,
            "buy",
            (0u128, u64::MAX, None::<ink::primitives::AccountId>),
            value,
        )
        .0
        .expect("buy")
}

fn sell_all(economy: &mut Economy, who: &AccountId32) -> SellQuote {
    let amount = balance(economy, who);
    economy
        .chain
        .send::<SellQuote, MarketError>(
            &economy.suite.market,
            who,
            "sell",
            (amount, 0u128, u64::MAX, None::<ink::primitives::AccountId>),
        )
        .0
        .unwrap_or_else(|error| panic!("{who:?} sells {amount}: {error:?}"))
}

/// The market's native balance is its reserve plus the fees it owes (plus its own deposit).
fn assert_books_balance(economy: &mut Economy, base: u128) {
    let state = state(economy);
    assert_eq!(
        economy.chain.native_balance(&economy.suite.market.address),
        base + state.reserve + state.fees_owed
    );
}

/// The done-when of issue 16: the pool's miners and the vesting beneficiary sell everything
/// first, and every fan who bought on the market still sells all their tokens; together they
/// receive exactly the reserve, each its pro-rata share.
#[test]
fn miners_and_the_vesting_beneficiary_sell_first_and_every_fan_still_exits() {
    let mut economy = Economy::fair();
    let base = economy.chain.native_balance(&economy.suite.market.address);
    let fans = [fan(), other_fan(), delegate()];
    for (i, who) in fans.iter().enumerate() {
        buy(&mut economy, who, (10 + 40 * i as u128) * NATIVE);
    }
    // Two miners earn the pool's first epoch.
    let pool = economy.suite.pool.clone();
    let project = register_project(
        &mut economy.chain,
        &pool,
        &creator(),
        "docs",
        id(creator),
        1_000,
    );
    let miners = [attacker(), treasury()];
    for (i, miner) in miners.iter().enumerate() {
        economy
            .chain
            .send::<u64, PoolError>(
                &pool,
                &creator(),
                "attest",
                (
                    project,
                    ink_id(miner),
                    100u128 * (i as u128 + 1),
                    [i as u8; 32],
                ),
            )
            .0
            .expect("attest");
    }
    economy.chain.set_time(START + 8 * DAY);
    for miner in &miners {
        economy
            .chain
            .send::<u128, PoolError>(&pool, miner, "claim", 0u32)
            .0
            .expect("mined");
    }
    // The creator's allocation vests in full.
    economy.chain.set_time(START + 366 * DAY);
    economy
        .chain
        .send::<u128, creator_vesting::VestingError>(
            &economy.suite.vesting,
            &creator(),
            "release",
            (),
        )
        .0
        .expect("released");
    let before = state(&mut economy);
    assert!(
        before.supply > 100 * before.sold,
        "outside mints dwarf what the market sold: {before:?}"
    );
    // Outsiders first, then the fans; every sale succeeds.
    let mut paid = 0;
    for who in miners.iter().chain([creator()].iter()).chain(fans.iter()) {
        let held = balance(&mut economy, who);
        let sold = sell_all(&mut economy, who);
        let share = before.reserve * held / before.supply;
        assert!(
            sold.gross + 1 >= share && sold.gross <= share + 3,
            "{who:?}: {} for a share of {share}",
            sold.gross
        );
        assert_eq!(balance(&mut economy, who), 0);
        paid += sold.gross;
        assert_books_balance(&mut economy, base);
    }
    let after = state(&mut economy);
    assert_eq!((after.supply, after.reserve), (0, 0));
    assert_eq!(
        paid, before.reserve,
        "the holders received the whole reserve"
    );
}

/// A fair launch leaves no lever over the token: minting, burning another's tokens,
/// pausing past the bound, granting roles and upgrading are all refused with typed errors.
#[test]
fn in_a_fair_launch_no_account_can_mint_burn_at_will_pause_for_long_or_upgrade() {
    let mut economy = Economy::fair();
    assert_eq!(economy.ids.mode, LaunchMode::Fair);
    let token = economy.suite.token.clone();
    buy(&mut economy, &fan(), 10 * NATIVE);
    let held = balance(&mut economy, &fan());
    // Who holds what: MINTER the pool and the market, BURNER the market, PAUSER the creator,
    // no admin at all (the factory renounced everything).
    let ids = economy.ids;
    let factory = economy.factory.id();
    for (role, holders) in [
        (MINTER, vec![ids.pool, ids.market]),
        (BURNER, vec![ids.market]),
        (PAUSER, vec![id(creator)]),
        (DEFAULT_ADMIN_ROLE, vec![]),
    ] {
        for account in [id(creator), factory, ids.pool, ids.market, id(fan)] {
            let has: bool =
                economy
                    .chain
                    .read(&token, "AccessControl::has_role", (role, Some(account)));
            assert_eq!(
                has,
                holders.contains(&account),
                "role {role} of {account:?}"
            );
        }
    }
    let owner: Option<ink::primitives::AccountId> =
        economy.chain.read(&token, "Ownable::owner", ());
    assert_eq!(
        owner,
        Some(id(creator)),
        "an identity, with no powers over the token"
    );

    let missing = PSP22Error::Custom("AC::MissingRole".into());
    let (minted, _) = economy.chain.send::<(), PSP22Error>(
        &token,
        &creator(),
        "PSP22Mintable::mint",
        (id(creator), 1u128),
    );
    assert_eq!(minted, Err(missing));
    for burner in [creator(), nobody()] {
        let (burnt, _) = economy.chain.send::<(), PSP22Error>(
            &token,
            &burner,
            "PSP22Burnable::burn",
            (id(fan), 1u128),
        );
        assert_eq!(burnt, Err(PSP22Error::InsufficientAllowance));
    }
    let (granted, _) = economy.chain.send::<(), AccessControlError>(
        &token,
        &creator(),
        "AccessControl::grant_role",
        (MINTER, Some(id(creator))),
    );
    assert_eq!(granted, Err(AccessControlError::MissingRole));
    let (proposed, _) = economy.chain.send::<(), UpgradeError>(
        &token,
        &creator(),
        "Upgradeable::propose_upgrade",
        ink::primitives::Hash::from([1; 32]),
    );
    assert_eq!(proposed, Err(UpgradeError::MissingRole));
    // The market burns only what the seller sells, from the seller.
    assert_eq!(balance(&mut economy, &fan()), held);

    // Pause: at most a day, then a day's gap; selling resumes by itself.
    let pause = |economy: &mut Economy| {
        economy
            .chain
            .send::<(), PausableError>(&token, &creator(), "Pausable::pause", ())
            .0
    };
    assert_eq!(pause(&mut economy), Ok(()));
    assert_eq!(pause(&mut economy), Err(PausableError::Paused));
    economy.chain.set_time(START + MAX_PAUSE);
    let paused: bool = economy.chain.read(&token, "Pausable::paused", ());
    assert!(!paused, "the pause ended by itself");
    assert_eq!(pause(&mut economy), Err(PausableError::TooSoon));
    economy.chain.set_time(START + MAX_PAUSE + PAUSE_GAP - 1);
    assert_eq!(pause(&mut economy), Err(PausableError::TooSoon));
    let sold = sell_all(&mut economy, &fan());
    assert!(sold.payout > 0, "the fan sold between pauses");
}

/// Every trade pays the stakers: the market sends their share to the distributor in the same
/// call, and the distributor streams it on its next touch; nobody calls `sync`.
#[test]
fn every_trade_pays_the_stakers_without_anyone_calling_sync() {
    let mut economy = Economy::fair();
    let distributor = economy.suite.distributor.clone();
    // Past the launch fee, so the split is the plain one.
    economy.chain.set_time(START + DAY);
    buy(&mut economy, &fan(), 20 * NATIVE);
    let stake = balance(&mut economy, &fan());
    economy
        .chain
        .send::<(), PSP22Error>(
            &economy.suite.token,
            &fan(),
            "PSP22::approve",
            (distributor.id(), stake),
        )
        .0
        .expect("approve");
    economy
        .chain
        .send::<(), DistributorError>(&distributor, &fan(), "stake", stake)
        .0
        .expect("stake");
    // The stake picked up the stakers' share of the fan's own buy; another fan's buy pays
    // the stakers again.
    let held_before: u128 = economy.chain.read(&distributor, "held", Asset::Native);
    assert!(
        held_before > 0,
        "the first buy's share, picked up by the stake"
    );
    let (bought, receipt) = economy.chain.send_paying::<BuyQuote, MarketError>(
        &economy.suite.market,
        &other_fan(),
        "buy",
        (0u128, u64::MAX, None::<ink::primitives::AccountId>),
        50 * NATIVE,
    );
    bought.expect("buy");
    let event = receipt.events_of::<Bought>().remove(0);
    let share = event.fee.stakers;
    assert!(share > 0 && event.fee.referrer == 0, "{event:?}");
    // A claim picks it up and starts its stream; a week later the only staker has both.
    economy
        .chain
        .send::<u128, DistributorError>(&distributor, &fan(), "claim", Asset::Native)
        .0
        .expect("claim");
    let held: u128 = economy.chain.read(&distributor, "held", Asset::Native);
    assert_eq!(held, held_before + share, "picked up, no sync");
    economy.chain.set_time(START + 9 * DAY);
    let (claimed, _) =
        economy
            .chain
            .send::<u128, DistributorError>(&distributor, &fan(), "claim", Asset::Native);
    let claimed = claimed.expect("claim");
    assert!(
        claimed + 2 >= held && claimed <= held,
        "claimed {claimed} of {held}"
    );
}
