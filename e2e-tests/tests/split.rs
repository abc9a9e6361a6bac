//! The hot/full code split (`psp::split`) on the compiled Wasm: one contract to wallets, both
//! halves on one storage, the full code pinned and locked, and the same answers as the full
//! code deployed alone and as ink!'s own build of the crate (its generated entry points).

use e2e_tests::{
    actors::{creator, fan},
    ink_id, Bundle, Chain, Failure,
};
use psp::{PSP22Error, MINTER};
use reward_distributor::{Asset, DistributorError as Error};

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

/// The three builds of a split contract, each deployed alone: the split contract (hot code
/// and full code), its full code, ink!'s own build.
fn three_builds(name: &str) -> [Bundle; 3] {
    let bundle = Bundle::shared(name);
    [
        (*bundle).clone(),
        bundle.unsplit().expect("split"),
        bundle
            .ink_built()
            .expect("ink!'s own build beside the bundle"),
    ]
}

#[test]
fn the_split_token_answers_as_inks_own_build_at_the_edges() {
    let mut answers = Vec::new();
    for deployed in three_builds("creator_token") {
        let mut chain = Chain::new();
        let (token, _) = chain
            .deploy(&deployed, "new", args(), &creator(), vec![])
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
            let (answer, _) = chain.call::<u128>(&deployed, &token, label, (), &fan(), 1);
            seen.push(format!(
                "{label}: dispatch error {}",
                matches!(answer, Err(Failure::Dispatch(_)))
            ));
        }
        // A refusal of a hot message reverts with the typed error.
        let (answer, receipt) = chain.call::<Result<(), PSP22Error>>(
            &deployed,
            &token,
            "PSP22::transfer",
            (ink_id(&creator()), ONE, Vec::<u8>::new()),
            &fan(),
            0,
        );
        seen.push(format!("{answer:?} reverted={}", receipt.reverted));
        // A constructor's selector sent to the live contract is not a message.
        let input = deployed.input("new", args());
        let (answer, receipt) = chain.call_raw::<()>(&token, input, &fan(), 0);
        seen.push(format!("{answer:?} reverted={}", receipt.reverted));
        // The constructor refuses value, and input it cannot decode.
        let input = deployed.input("new", args());
        let paid = chain.deploy_raw(&deployed, input, &creator(), vec![1], 1);
        seen.push(format!("paid constructor: {:?}", paid.err()));
        let mut input = deployed.selector("new").to_vec();
        input.push(1);
        let undecodable = chain.deploy_raw(&deployed, input, &creator(), vec![2], 0);
        seen.push(format!("undecodable constructor: {:?}", undecodable.err()));
        answers.push(seen);
    }
    assert_eq!(answers[0], answers[1], "split against its full code alone");
    assert_eq!(answers[0], answers[2], "split against ink!'s own build");
    let seen = &answers[0];
    assert!(seen[0].contains("CouldNotReadInput"), "{seen:?}");
    assert!(seen[5].contains("InsufficientBalance"), "{seen:?}");
    assert!(seen[6].contains("CouldNotReadInput"), "{seen:?}");
    assert!(seen[7].contains("ContractTrapped"), "{seen:?}");
    // Err(LangError::CouldNotReadInput), reverted.
    assert!(seen[8].contains("constructor reverted: 0x0101"), "{seen:?}");
}

/// A contract with payable messages: ink!'s dispatcher checks value per message there.
#[test]
fn the_split_distributor_takes_value_only_where_ink_does() {
    let mut answers = Vec::new();
    for deployed in three_builds("reward_distributor") {
        let mut chain = Chain::new();
        let token = chain.instantiate(&Bundle::shared("creator_token"), args(), &creator());
        let (distributor, _) = chain
            .deploy(
                &deployed,
                "new",
                (token.id(), 86_400_000u64, 0u64, ink_id(&creator())),
                &creator(),
                vec![],
            )
            .expect("deploys");
        let mut seen = Vec::new();
        // Payable and hot; payable and full; unpayable and hot; unpayable and full.
        let (answer, receipt) = chain.call::<Result<(), Error>>(
            &deployed,
            &distributor,
            "deposit_native",
            5u128,
            &creator(),
            5,
        );
        seen.push(format!("{answer:?} reverted={}", receipt.reverted));
        let (answer, receipt) = chain.call::<Result<u32, Error>>(
            &deployed,
            &distributor,
            "open_round",
            (Asset::Native, [7u8; 32], 3u128, u64::MAX),
            &creator(),
            2,
        );
        seen.push(format!("{answer:?} reverted={}", receipt.reverted));
        for (label, input) in [
            ("stake", deployed.input("stake", ONE)),
            ("Ownable::owner", deployed.input("Ownable::owner", ())),
        ] {
            let (answer, _) = chain.call_raw::<()>(&distributor, input, &fan(), 1);
            seen.push(format!(
                "{label}: dispatch error {}",
                matches!(answer, Err(Failure::Dispatch(_)))
            ));
        }
        answers.push(seen);
    }
    assert_eq!(answers[0], answers[1], "split against its full code alone");
    assert_eq!(answers[0], answers[2], "split against ink!'s own build");
    let seen = &answers[0];
    assert_eq!(seen[0], "Ok(Ok(())) reverted=false");
    assert_eq!(seen[1], "Ok(Err(ValueMismatch)) reverted=true");
    assert_eq!(seen[2], "stake: dispatch error true");
    assert_eq!(seen[3], "Ownable::owner: dispatch error true");
}

/// The selector the hot code answers with its full code's hash (`psp::split::FULL_CODE_QUERY`)
/// is no message's, in any split contract, and the hot code answers it with the hash of the
/// full code it runs with.
#[test]
fn the_full_code_query_is_reserved_and_answered() {
    let query = format!("0x{}", e2e_tests::hex(&psp::split::FULL_CODE_QUERY));
    for name in [
        "creator_token",
        "creator_nft",
        "reward_distributor",
        "mining_pool",
    ] {
        let bundle = Bundle::shared(name);
        let messages = bundle.metadata["spec"]["messages"]
            .as_array()
            .expect("messages");
        assert!(
            messages
                .iter()
                .all(|message| message["selector"] != query.as_str()),
            "{name} has a message with the reserved selector"
        );
    }
    let bundle = Bundle::shared("creator_token");
    let mut chain = Chain::new();
    let token = chain.instantiate(&bundle, args(), &creator());
    let (answer, receipt) = chain.call_raw::<[u8; 32]>(
        &token.address,
        psp::split::FULL_CODE_QUERY.to_vec(),
        &fan(),
        0,
    );
    let full_hash = blake2_256(bundle.full_wasm.as_ref().expect("split"));
    let answered = answer.map(|hash| format!("0x{}", e2e_tests::hex(&hash)));
    assert_eq!(answered, Ok(full_hash));
    assert!(!receipt.reverted);
}
