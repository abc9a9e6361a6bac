//! The hot/full code split (`psp::split`) of the creator token, on the compiled Wasm: one
//! contract to wallets, both halves on one storage, the full code pinned and locked, and the
//! same answers as the full code deployed alone.

use e2e_tests::{
    actors::{creator, fan},
    ink_id, Bundle, Chain, Failure,
};
use psp::{PSP22Error, MINTER};

const ONE: u128 = 1_000_000_000_000_000_000;

fn args() -> (
    Option<String>,
    Option<String>,
    u8,
    u128,
    ink::primitives::AccountId,
) {
    (
        Some("Creator Coin".into()),
        Some("CRTR".into()),
        18,
        1_000_000 * ONE,
        ink_id(&creator()),
    )
}

fn blake2_256(bytes: &[u8]) -> String {
    let mut out = [0u8; 32];
    ink::env::hash_bytes::<ink::env::hash::Blake2x256>(bytes, &mut out);
    format!("0x{}", e2e_tests::hex(&out))
}

#[test]
fn the_bundle_is_one_contract_with_every_message_and_the_hot_code() {
    let bundle = Bundle::shared("creator_token");
    let full_wasm = bundle.full_wasm.as_ref().expect("creator_token is split");
    let full = Bundle::load_file(
        &e2e_tests::bundles_dir().join("creator_token/creator_token.full.contract"),
        "creator_token full",
    )
    .expect("the full bundle");
    for kind in ["messages", "constructors", "events"] {
        assert_eq!(
            bundle.metadata["spec"][kind], full.metadata["spec"][kind],
            "{kind}"
        );
    }
    let messages = bundle.metadata["spec"]["messages"]
        .as_array()
        .expect("messages");
    assert_eq!(messages.len(), 29);
    assert_eq!(
        bundle.metadata["source"]["hash"].as_str(),
        Some(blake2_256(&bundle.wasm).as_str())
    );
    assert_eq!(&full.wasm, full_wasm);
    assert!(
        bundle.wasm.len() * 10 < full_wasm.len() * 7,
        "the hot code is under 70 %"
    );
}

#[test]
fn the_hot_code_will_not_instantiate_without_its_full_code_on_chain() {
    let bundle = Bundle::shared("creator_token");
    let mut chain = Chain::new();
    let hot_only = Bundle {
        full_wasm: None,
        ..(*bundle).clone()
    };
    let refused = chain.deploy(&hot_only, "new", args(), &creator(), vec![]);
    assert!(refused.is_err(), "instantiated without its full code");
    // With the full code uploaded (what `Chain::deploy` does for a split bundle) it does.
    chain
        .deploy(&bundle, "new", args(), &creator(), vec![])
        .expect("instantiates");
}

#[test]
fn both_halves_share_one_storage() {
    let bundle = Bundle::shared("creator_token");
    let mut chain = Chain::new();
    let token = chain.instantiate(&bundle, args(), &creator());
    // Written by the full code (a delegate call), read by the hot code, and back.
    let granted = chain.send::<(), psp::AccessControlError>(
        &token,
        &creator(),
        "AccessControl::grant_role",
        (MINTER, Some(ink_id(&fan()))),
    );
    assert_eq!(granted.0, Ok(()));
    let minted = chain.send::<(), PSP22Error>(
        &token,
        &fan(),
        "PSP22Mintable::mint",
        (ink_id(&fan()), 5 * ONE),
    );
    assert_eq!(minted.0, Ok(()));
    assert_eq!(
        chain.read::<u128>(&token, "PSP22::balance_of", ink_id(&fan())),
        5 * ONE
    );
    assert!(chain.read::<bool>(
        &token,
        "AccessControl::has_role",
        (MINTER, Some(ink_id(&fan())))
    ));
    assert_eq!(
        chain.read::<Option<String>>(&token, "PSP22Metadata::token_symbol", ()),
        Some("CRTR".into())
    );
}

#[test]
fn split_and_unsplit_answer_alike_at_the_edges() {
    let bundle = Bundle::shared("creator_token");
    let unsplit = bundle.unsplit().expect("creator_token is split");
    let mut answers = Vec::new();
    for deployed in [&*bundle, &unsplit] {
        let mut chain = Chain::new();
        let (token, _) = chain
            .deploy(deployed, "new", args(), &creator(), vec![])
            .expect("deploys");
        let mut seen = Vec::new();
        // An unknown selector (the hot code forwards it; the full code refuses it).
        let (answer, receipt) = chain.call_raw::<()>(&token, vec![1, 2, 3, 4], &fan(), 0);
        seen.push(format!("{answer:?} reverted={}", receipt.reverted));
        // Input too short for a selector, and arguments that do not decode.
        let (answer, receipt) = chain.call_raw::<()>(&token, vec![1], &fan(), 0);
        seen.push(format!("{answer:?} reverted={}", receipt.reverted));
        let mut input = deployed.selector("PSP22::transfer").to_vec();
        input.push(7);
        let (answer, receipt) = chain.call_raw::<Result<(), PSP22Error>>(&token, input, &fan(), 0);
        seen.push(format!("{answer:?} reverted={}", receipt.reverted));
        // Value sent to an unpayable message, hot and full.
        for label in ["PSP22::total_supply", "PSP22Capped::cap"] {
            let (answer, _) = chain.call::<u128>(deployed, &token, label, (), &fan(), 1);
            seen.push(format!(
                "{label}: dispatch error {}",
                matches!(answer, Err(Failure::Dispatch(_)))
            ));
        }
        // A refusal of a hot message reverts with the typed error.
        let (answer, receipt) = chain.call::<Result<(), PSP22Error>>(
            deployed,
            &token,
            "PSP22::transfer",
            (ink_id(&creator()), ONE, Vec::<u8>::new()),
            &fan(),
            0,
        );
        seen.push(format!("{answer:?} reverted={}", receipt.reverted));
        answers.push(seen);
    }
    assert_eq!(answers[0], answers[1]);
    assert!(
        answers[0][0].contains("CouldNotReadInput"),
        "{:?}",
        answers[0]
    );
    assert!(
        answers[0][5].contains("InsufficientBalance"),
        "{:?}",
        answers[0]
    );
}
