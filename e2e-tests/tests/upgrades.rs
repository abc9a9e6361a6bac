//! Time-locked upgrades on the compiled Wasm: the token moves to a second code version after
//! the delay and keeps its state.

use e2e_tests::{account, ink_id, AccountId32, Bundle, Chain};
use ink::primitives::Hash;
use psp::{
    upgrade::{PendingUpgrade, UpgradeError, Upgraded, UPGRADE_DELAY},
    PSP22Error,
};

const T0: u64 = 1_700_000_000_000;

fn creator() -> AccountId32 {
    account(1)
}
fn fan() -> AccountId32 {
    account(2)
}

#[test]
fn the_token_upgrades_after_the_delay_and_keeps_its_state() {
    let v1 = Bundle::load("creator_token").expect("v1");
    let v2_dir = e2e_tests::bundles_dir().join("../upgrade-v2/ink");
    let v2 = Bundle::load_from(&v2_dir, "creator_token").expect("v2 (scripts/build builds it)");
    assert_ne!(v1.wasm, v2.wasm, "two code versions");
    let mut chain = Chain::new();
    chain.set_time(T0);
    let args = (
        Some(String::from("Mira")),
        Some(String::from("MIRA")),
        12u8,
        1_000_000u128,
        ink_id(&creator()),
    );
    let (token, _) = chain
        .deploy(&v1, "new", args, &creator(), vec![])
        .expect("deploy v1");
    let minted: Result<(), PSP22Error> = chain
        .call(
            &v1,
            &token,
            "PSP22Mintable::mint",
            (ink_id(&fan()), 700u128),
            &creator(),
            0,
        )
        .0
        .expect("answer");
    minted.expect("mint");
    let v2_hash = Hash::from(
        chain
            .upload(&v2, &creator())
            .expect("upload v2")
            .to_fixed_bytes(),
    );

    let send = |chain: &mut Chain, caller: &AccountId32, message: &str, args: Option<Hash>| {
        let (answer, receipt) = match args {
            Some(hash) => {
                chain.call::<Result<(), UpgradeError>>(&v1, &token, message, hash, caller, 0)
            }
            None => chain.call::<Result<(), UpgradeError>>(&v1, &token, message, (), caller, 0),
        };
        (answer.expect("answer"), receipt)
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
    let pending: Option<PendingUpgrade> = chain
        .call(&v1, &token, "Upgradeable::pending_upgrade", (), &fan(), 0)
        .0
        .expect("answer");
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
    let (executed, receipt) = send(&mut chain, &creator(), "Upgradeable::execute_upgrade", None);
    assert_eq!(executed, Ok(()));
    let upgraded: Vec<Upgraded> = receipt.events.iter().filter_map(|e| e.decode()).collect();
    assert_eq!(upgraded, vec![Upgraded { code_hash: v2_hash }]);

    // The new code answers the new message; the state is intact and still works.
    let version: u32 = chain
        .call(&v2, &token, "code_version", (), &fan(), 0)
        .0
        .expect("v2 answers");
    assert_eq!(version, 2);
    let balance: u128 = chain
        .call(&v2, &token, "PSP22::balance_of", ink_id(&fan()), &fan(), 0)
        .0
        .expect("answer");
    assert_eq!(balance, 700);
    let supply: u128 = chain
        .call(&v2, &token, "PSP22::total_supply", (), &fan(), 0)
        .0
        .expect("answer");
    assert_eq!(supply, 700);
    let moved: Result<(), PSP22Error> = chain
        .call(
            &v2,
            &token,
            "PSP22::transfer",
            (ink_id(&creator()), 200u128, Vec::<u8>::new()),
            &fan(),
            0,
        )
        .0
        .expect("answer");
    assert_eq!(moved, Ok(()));
    let pending: Option<PendingUpgrade> = chain
        .call(&v2, &token, "Upgradeable::pending_upgrade", (), &fan(), 0)
        .0
        .expect("answer");
    assert_eq!(pending, None);
    // A proposal can be cancelled; an unknown code hash is a typed refusal.
    assert_eq!(
        send(
            &mut chain,
            &creator(),
            "Upgradeable::propose_upgrade",
            Some(Hash::from([9; 32]))
        )
        .0,
        Ok(())
    );
    chain.set_time(T0 + 3 * UPGRADE_DELAY);
    assert_eq!(
        send(&mut chain, &creator(), "Upgradeable::execute_upgrade", None).0,
        Err(UpgradeError::SetCodeHashFailed)
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
