//! Time-locked upgrades on the compiled Wasm: the token moves to a second code version after
//! the delay and keeps its state. Both versions are split (`psp::split`): an upgrade to a hot
//! code whose full code is missing is refused, and the full code's lock follows the upgrades
//! (there and back, and on to an unsplit build).

use std::sync::Arc;

use e2e_tests::{
    actors::{creator, fan, id},
    AccountId32, Bundle, Chain, Contract,
};
use ink::primitives::Hash;
use psp::{
    upgrade::{PendingUpgrade, UpgradeError, Upgraded, UPGRADE_DELAY},
    PSP22Error,
};

const T0: u64 = 1_700_000_000_000;

#[test]
fn the_token_upgrades_after_the_delay_and_keeps_its_state() {
    let v1 = Bundle::shared("creator_token");
    let v2_dir = e2e_tests::bundles_dir().join("../upgrade-v2/ink");
    let v2 = Arc::new(
        Bundle::load_from(&v2_dir, "creator_token").expect("v2 (scripts/build builds it)"),
    );
    assert_ne!(v1.wasm, v2.wasm, "two code versions");
    let mut chain = Chain::new();
    chain.set_time(T0);
    let args = (
        Some(String::from("Mira")),
        Some(String::from("MIRA")),
        12u8,
        1_000_000u128,
        id(creator),
    );
    let token = chain.instantiate(&v1, args, &creator());
    let minted = chain
        .send::<(), PSP22Error>(
            &token,
            &creator(),
            "PSP22Mintable::mint",
            (id(fan), 700u128),
        )
        .0;
    minted.expect("mint");
    // Only v2's hot code is uploaded at first (its full code comes later, below).
    let v2_hot_only = Bundle {
        full_wasm: None,
        ..(*v2).clone()
    };
    let v2_hash = Hash::from(
        chain
            .upload(&v2_hot_only, &creator())
            .expect("upload v2's hot code")
            .to_fixed_bytes(),
    );

    let send =
        |chain: &mut Chain, caller: &AccountId32, message: &str, args: Option<Hash>| match args {
            Some(hash) => chain.send::<(), UpgradeError>(&token, caller, message, hash),
            None => chain.send::<(), UpgradeError>(&token, caller, message, ()),
        };
    assert_eq!(
        send(
            &mut chain,
            &fan(),
            "Upgradeable::propose_upgrade",
            Some(v2_hash)
        )
        .0,
        Err(UpgradeError::MissingRole)
    );
    assert_eq!(
        send(
            &mut chain,
            &creator(),
            "Upgradeable::propose_upgrade",
            Some(v2_hash)
        )
        .0,
        Ok(())
    );
    let pending: Option<PendingUpgrade> = chain.read(&token, "Upgradeable::pending_upgrade", ());
    assert_eq!(
        pending,
        Some(PendingUpgrade {
            code_hash: v2_hash,
            ready_at: T0 + UPGRADE_DELAY
        })
    );
    chain.set_time(T0 + UPGRADE_DELAY - 1);
    assert_eq!(
        send(&mut chain, &creator(), "Upgradeable::execute_upgrade", None).0,
        Err(UpgradeError::TooEarly)
    );
    chain.set_time(T0 + UPGRADE_DELAY);
    assert_eq!(
        send(&mut chain, &fan(), "Upgradeable::execute_upgrade", None).0,
        Err(UpgradeError::MissingRole)
    );
    // Moving to a hot code without its full code would leave every message that is not hot
    // (the upgrade messages too) without code: refused, and nothing changes.
    assert_eq!(
        send(&mut chain, &creator(), "Upgradeable::execute_upgrade", None).0,
        Err(UpgradeError::FullCodeMissing)
    );
    let version = chain.call::<u32>(&v2, &token.address, "code_version", (), &fan(), 0);
    assert!(version.0.is_err(), "still v1: {:?}", version.0);
    chain
        .upload(&v2, &creator())
        .expect("upload v2's full code");
    let (executed, receipt) = send(&mut chain, &creator(), "Upgradeable::execute_upgrade", None);
    assert_eq!(executed, Ok(()));
    let upgraded: Vec<Upgraded> = receipt.events_of();
    assert_eq!(upgraded, vec![Upgraded { code_hash: v2_hash }]);

    // The new code answers the new message; the state is intact and still works.
    let token_v2 = Contract::at(&v2, &token.address);
    let version: u32 = chain.read(&token_v2, "code_version", ());
    assert_eq!(version, 2);
    let balance: u128 = chain.read(&token_v2, "PSP22::balance_of", id(fan));
    assert_eq!(balance, 700);
    let supply: u128 = chain.read(&token_v2, "PSP22::total_supply", ());
    assert_eq!(supply, 700);
    let (moved, _) = chain.send::<(), PSP22Error>(
        &token_v2,
        &fan(),
        "PSP22::transfer",
        (id(creator), 200u128, Vec::<u8>::new()),
    );
    assert_eq!(moved, Ok(()));
    let pending: Option<PendingUpgrade> = chain.read(&token_v2, "Upgradeable::pending_upgrade", ());
    assert_eq!(pending, None);
    // An unknown code hash is refused when proposed (the code must be on chain, so fans can
    // review it for the whole delay); a proposal can be cancelled.
    assert_eq!(
        send(
            &mut chain,
            &creator(),
            "Upgradeable::propose_upgrade",
            Some(Hash::from([9; 32]))
        )
        .0,
        Err(UpgradeError::SetCodeHashFailed)
    );
    assert_eq!(
        send(
            &mut chain,
            &creator(),
            "Upgradeable::propose_upgrade",
            Some(v2_hash)
        )
        .0,
        Ok(())
    );
    assert_eq!(
        send(&mut chain, &creator(), "Upgradeable::cancel_upgrade", None).0,
        Ok(())
    );
    assert_eq!(
        send(&mut chain, &creator(), "Upgradeable::execute_upgrade", None).0,
        Err(UpgradeError::NothingProposed)
    );
}

/// v1 -> v2 -> v1 -> v2 as ink! builds it (unsplit): each leg after the delay, the state kept,
/// each code's messages answering, hot and not. Going back to v1 locks v1's full code again,
/// which works only because the move to v2 released it (a second lock of the same code traps).
#[test]
fn the_full_code_lock_follows_the_token_there_and_back() {
    let v1 = Bundle::shared("creator_token");
    let v2_dir = e2e_tests::bundles_dir().join("../upgrade-v2/ink");
    let v2 = Bundle::load_from(&v2_dir, "creator_token").expect("v2 (scripts/build builds it)");
    let v2_unsplit = Bundle {
        wasm: std::fs::read(v2_dir.join("creator_token/creator_token.ink.wasm"))
            .expect("v2 as ink! builds it"),
        full_wasm: None,
        ..v2.clone()
    };
    let mut chain = Chain::new();
    let mut now = T0;
    chain.set_time(now);
    let args = (
        None::<String>,
        None::<String>,
        12u8,
        1_000_000u128,
        id(creator),
    );
    let token = chain.instantiate(&v1, args, &creator());
    chain
        .send::<(), PSP22Error>(
            &token,
            &creator(),
            "PSP22Mintable::mint",
            (id(fan), 700u128),
        )
        .0
        .expect("mint");
    for (leg, (code, version)) in [(&v2, Some(2u32)), (&*v1, None), (&v2_unsplit, Some(2))]
        .into_iter()
        .enumerate()
    {
        let hash = Hash::from(
            chain
                .upload(code, &creator())
                .expect("upload")
                .to_fixed_bytes(),
        );
        let proposed = chain
            .send::<(), UpgradeError>(&token, &creator(), "Upgradeable::propose_upgrade", hash)
            .0;
        assert_eq!(proposed, Ok(()), "leg {leg}");
        now += UPGRADE_DELAY;
        chain.set_time(now);
        let executed = chain
            .send::<(), UpgradeError>(&token, &creator(), "Upgradeable::execute_upgrade", ())
            .0;
        assert_eq!(executed, Ok(()), "leg {leg}");
        // Asked with v2's metadata, which has the message: v1 refuses the selector.
        let answered = chain.call::<u32>(&v2, &token.address, "code_version", (), &fan(), 0);
        assert_eq!(answered.0.ok(), version, "leg {leg}");
        let balance: u128 = chain.read(&token, "PSP22::balance_of", id(fan));
        assert_eq!(balance, 700, "leg {leg}");
        let paused: bool = chain.read(&token, "Pausable::paused", ());
        assert!(!paused, "leg {leg}: a message that is not hot answers");
    }
}
