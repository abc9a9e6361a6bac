//! The creator token on its compiled Wasm, in a real pallet-contracts runtime.

use e2e_tests::{
    actors::{creator, fan, other_fan},
    ink_id, AccountId32, Bundle, Chain, Contract, Receipt,
};
use psp::{
    access::{Paused, RoleGranted},
    psp22::{Approval, Transfer},
    AccessControlError, PSP22Error, PausableError, RoleType, BURNER, DEFAULT_ADMIN_ROLE, MINTER,
    PAUSER,
};

const CAP: u128 = 1_000_000_000 * ONE;
const ONE: u128 = 1_000_000_000_000_000_000; // 18 decimals

/// A chain with one creator token, the creator its admin.
struct Token {
    chain: Chain,
    contract: Contract,
}

impl Token {
    fn deploy() -> Self {
        let bundle = Bundle::shared("creator_token");
        let mut chain = Chain::new();
        let args = (
            Some(String::from("Creator Coin")),
            Some(String::from("CRTR")),
            18u8,
            CAP,
            ink_id(&creator()),
        );
        let contract = chain.instantiate(&bundle, args, &creator());
        Self { chain, contract }
    }

    fn balance(&mut self, who: &AccountId32) -> u128 {
        self.chain
            .read(&self.contract, "PSP22::balance_of", ink_id(who))
    }

    fn supply(&mut self) -> u128 {
        self.chain.read(&self.contract, "PSP22::total_supply", ())
    }

    fn mint(
        &mut self,
        caller: &AccountId32,
        to: &AccountId32,
        amount: u128,
    ) -> Result<(), PSP22Error> {
        self.chain
            .send(
                &self.contract,
                caller,
                "PSP22Mintable::mint",
                (ink_id(to), amount),
            )
            .0
    }

    fn transfer(
        &mut self,
        caller: &AccountId32,
        to: &AccountId32,
        value: u128,
    ) -> (Result<(), PSP22Error>, Receipt) {
        self.chain.send(
            &self.contract,
            caller,
            "PSP22::transfer",
            (ink_id(to), value, Vec::<u8>::new()),
        )
    }
}

fn custom(reason: &str) -> PSP22Error {
    PSP22Error::Custom(reason.into())
}

fn transfers(receipt: &Receipt) -> Vec<Transfer> {
    receipt.events.iter().filter_map(|e| e.decode()).collect()
}

/// (label, selector, argument names) of every standard PSP22 and PSP22Metadata message, and of
/// OpenBrush's extensions, as the standard and OpenBrush define them.
const STANDARD_MESSAGES: &[(&str, &str, &[&str])] = &[
    ("PSP22::total_supply", "0x162df8c2", &[]),
    ("PSP22::balance_of", "0x6568382f", &["owner"]),
    ("PSP22::allowance", "0x4d47d921", &["owner", "spender"]),
    ("PSP22::transfer", "0xdb20f9f5", &["to", "value", "data"]),
    (
        "PSP22::transfer_from",
        "0x54b3c76e",
        &["from", "to", "value", "data"],
    ),
    ("PSP22::approve", "0xb20f1bbd", &["spender", "value"]),
    (
        "PSP22::increase_allowance",
        "0x96d6b57a",
        &["spender", "delta_value"],
    ),
    (
        "PSP22::decrease_allowance",
        "0xfecb57d5",
        &["spender", "delta_value"],
    ),
    ("PSP22Metadata::token_name", "0x3d261bd4", &[]),
    ("PSP22Metadata::token_symbol", "0x34205be5", &[]),
    ("PSP22Metadata::token_decimals", "0x7271b782", &[]),
    ("PSP22Mintable::mint", "0xfc3c75d4", &["account", "amount"]),
    ("PSP22Burnable::burn", "0x7a9da510", &["account", "amount"]),
    ("PSP22Capped::cap", "0xf40366b4", &[]),
    ("Ownable::owner", "0x4fa43c8c", &[]),
    ("Ownable::renounce_ownership", "0x5e228753", &[]),
    ("Ownable::transfer_ownership", "0x11f43efd", &["new_owner"]),
    (
        "AccessControl::has_role",
        "0xc1d9ac18",
        &["role", "address"],
    ),
    ("AccessControl::get_role_admin", "0x83da3bb2", &["role"]),
    (
        "AccessControl::grant_role",
        "0x4ac062fd",
        &["role", "account"],
    ),
    (
        "AccessControl::revoke_role",
        "0x6e4f0991",
        &["role", "account"],
    ),
    (
        "AccessControl::renounce_role",
        "0xeaf1248a",
        &["role", "account"],
    ),
    ("Pausable::paused", "0xd123ce11", &[]),
    ("Pausable::pause", "0x81e0c604", &[]),
    ("Pausable::unpause", "0x67616649", &[]),
];

/// The suite's own extension: time-locked upgrades.
const UPGRADE_MESSAGES: &[&str] = &[
    "Upgradeable::propose_upgrade",
    "Upgradeable::execute_upgrade",
    "Upgradeable::cancel_upgrade",
    "Upgradeable::pending_upgrade",
];

#[test]
fn bundle_carries_every_standard_selector_with_standard_argument_names() {
    let bundle = Bundle::shared("creator_token");
    let messages = bundle.metadata["spec"]["messages"]
        .as_array()
        .expect("messages");
    for (label, selector, args) in STANDARD_MESSAGES {
        let message = messages
            .iter()
            .find(|m| m["label"] == *label)
            .unwrap_or_else(|| panic!("{label} missing"));
        assert_eq!(message["selector"], *selector, "{label} selector");
        let names: Vec<&str> = message["args"]
            .as_array()
            .expect("args")
            .iter()
            .map(|a| a["label"].as_str().expect("label"))
            .collect();
        assert_eq!(names, *args, "{label} argument names");
    }
    for label in UPGRADE_MESSAGES {
        assert!(messages.iter().any(|m| m["label"] == *label), "{label}");
    }
    assert_eq!(
        messages.len(),
        STANDARD_MESSAGES.len() + UPGRADE_MESSAGES.len(),
        "no unlisted message"
    );
    for message in messages {
        let docs = message["docs"].as_array().expect("docs");
        assert!(
            !docs.is_empty(),
            "{} has docs for wallets",
            message["label"]
        );
    }
    let events: Vec<&str> = bundle.metadata["spec"]["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["label"].as_str().expect("label"))
        .collect();
    for event in [
        "Transfer",
        "Approval",
        "RoleGranted",
        "RoleRevoked",
        "OwnershipTransferred",
        "Paused",
        "Unpaused",
    ] {
        assert!(events.contains(&event), "event {event}");
    }
}

#[test]
fn deploys_with_metadata_cap_and_creator_roles() {
    let mut token = Token::deploy();
    assert_eq!(
        token
            .chain
            .read::<Option<String>>(&token.contract, "PSP22Metadata::token_name", ()),
        Some("Creator Coin".into())
    );
    assert_eq!(
        token
            .chain
            .read::<Option<String>>(&token.contract, "PSP22Metadata::token_symbol", ()),
        Some("CRTR".into())
    );
    assert_eq!(
        token
            .chain
            .read::<u8>(&token.contract, "PSP22Metadata::token_decimals", ()),
        18
    );
    assert_eq!(
        token
            .chain
            .read::<u128>(&token.contract, "PSP22Capped::cap", ()),
        CAP
    );
    assert_eq!(token.supply(), 0);
    assert_eq!(
        token.chain.read::<Option<ink::primitives::AccountId>>(
            &token.contract,
            "Ownable::owner",
            ()
        ),
        Some(ink_id(&creator()))
    );
    for role in [DEFAULT_ADMIN_ROLE, MINTER, BURNER, PAUSER] {
        assert!(token.chain.read::<bool>(
            &token.contract,
            "AccessControl::has_role",
            (role, Some(ink_id(&creator())))
        ));
        assert!(!token.chain.read::<bool>(
            &token.contract,
            "AccessControl::has_role",
            (role, Some(ink_id(&fan())))
        ));
    }
}

#[test]
fn mint_then_transfer_moves_balances_and_emits_transfer() {
    let mut token = Token::deploy();
    assert_eq!(token.mint(&creator(), &creator(), 1_000 * ONE), Ok(()));
    let (result, receipt) = token.transfer(&creator(), &fan(), 250 * ONE);
    assert_eq!(result, Ok(()));
    assert_eq!(token.balance(&creator()), 750 * ONE);
    assert_eq!(token.balance(&fan()), 250 * ONE);
    assert_eq!(token.supply(), 1_000 * ONE);
    assert_eq!(
        transfers(&receipt),
        vec![Transfer {
            from: Some(ink_id(&creator())),
            to: Some(ink_id(&fan())),
            value: 250 * ONE
        }]
    );
    let event = &receipt.events[0];
    assert_eq!(event.contract, token.contract.address);
    assert_eq!(event.topics.len(), 3, "signature, from, to");
    assert_eq!(event.topics[2].as_bytes(), AsRef::<[u8]>::as_ref(&fan()));

    let (result, _) = token.transfer(&fan(), &other_fan(), 251 * ONE);
    assert_eq!(result, Err(PSP22Error::InsufficientBalance));
    assert_eq!(token.balance(&fan()), 250 * ONE);
}

#[test]
fn approve_then_transfer_from_spends_the_allowance() {
    let mut token = Token::deploy();
    token.mint(&creator(), &fan(), 100 * ONE).expect("mint");
    let (result, receipt) = token.chain.send::<(), PSP22Error>(
        &token.contract,
        &fan(),
        "PSP22::approve",
        (ink_id(&other_fan()), 60 * ONE),
    );
    assert_eq!(result, Ok(()));
    let approvals: Vec<Approval> = receipt.events.iter().filter_map(|e| e.decode()).collect();
    assert_eq!(
        approvals,
        vec![Approval {
            owner: ink_id(&fan()),
            spender: ink_id(&other_fan()),
            amount: 60 * ONE
        }]
    );

    let args = (
        ink_id(&fan()),
        ink_id(&creator()),
        45 * ONE,
        Vec::<u8>::new(),
    );
    let (result, receipt) = token.chain.send::<(), PSP22Error>(
        &token.contract,
        &other_fan(),
        "PSP22::transfer_from",
        args,
    );
    assert_eq!(result, Ok(()));
    assert_eq!(token.balance(&fan()), 55 * ONE);
    assert_eq!(token.balance(&creator()), 45 * ONE);
    let left: u128 = token.chain.read(
        &token.contract,
        "PSP22::allowance",
        (ink_id(&fan()), ink_id(&other_fan())),
    );
    assert_eq!(left, 15 * ONE);
    let approvals: Vec<Approval> = receipt.events.iter().filter_map(|e| e.decode()).collect();
    assert_eq!(
        approvals,
        vec![Approval {
            owner: ink_id(&fan()),
            spender: ink_id(&other_fan()),
            amount: 15 * ONE
        }]
    );
    assert_eq!(transfers(&receipt).len(), 1);

    let args = (
        ink_id(&fan()),
        ink_id(&creator()),
        16 * ONE,
        Vec::<u8>::new(),
    );
    let (result, _) = token.chain.send::<(), PSP22Error>(
        &token.contract,
        &other_fan(),
        "PSP22::transfer_from",
        args,
    );
    assert_eq!(result, Err(PSP22Error::InsufficientAllowance));
    assert_eq!(token.balance(&fan()), 55 * ONE);
}

#[test]
fn mint_is_refused_to_strangers_and_beyond_the_cap() {
    let mut token = Token::deploy();
    assert_eq!(
        token.mint(&fan(), &fan(), ONE),
        Err(custom(PSP22Error::MISSING_ROLE))
    );
    assert_eq!(
        token.mint(&creator(), &fan(), CAP + 1),
        Err(custom(PSP22Error::CAP_EXCEEDED))
    );
    assert_eq!(
        token.mint(&creator(), &fan(), u128::MAX),
        Err(custom(PSP22Error::CAP_EXCEEDED))
    );
    assert_eq!(token.supply(), 0);
    assert_eq!(token.mint(&creator(), &fan(), CAP), Ok(()));
    assert_eq!(
        token.mint(&creator(), &fan(), 1),
        Err(custom(PSP22Error::CAP_EXCEEDED))
    );
    assert_eq!(token.supply(), CAP);

    // A granted minter mints; the grant emits RoleGranted.
    let (granted, receipt) = token.chain.send::<(), AccessControlError>(
        &token.contract,
        &creator(),
        "AccessControl::grant_role",
        (MINTER, Some(ink_id(&fan()))),
    );
    assert_eq!(granted, Ok(()));
    let events: Vec<RoleGranted> = receipt.events.iter().filter_map(|e| e.decode()).collect();
    assert_eq!(
        events,
        vec![RoleGranted {
            role: MINTER,
            grantee: Some(ink_id(&fan())),
            grantor: Some(ink_id(&creator()))
        }]
    );
    token
        .chain
        .send::<(), PSP22Error>(
            &token.contract,
            &creator(),
            "PSP22Burnable::burn",
            (ink_id(&fan()), 10u128),
        )
        .0
        .expect("burn");
    assert_eq!(token.mint(&fan(), &other_fan(), 10), Ok(()));
    assert_eq!(token.balance(&other_fan()), 10);
}

#[test]
fn pause_stops_transfers_mint_and_burn_until_unpaused() {
    let mut token = Token::deploy();
    token.mint(&creator(), &fan(), 10 * ONE).expect("mint");
    let (paused, receipt) =
        token
            .chain
            .send::<(), PausableError>(&token.contract, &fan(), "Pausable::pause", ());
    assert_eq!(paused, Err(PausableError::MissingRole));
    assert!(receipt.reverted);
    let (paused, receipt) =
        token
            .chain
            .send::<(), PausableError>(&token.contract, &creator(), "Pausable::pause", ());
    assert_eq!(paused, Ok(()));
    let events: Vec<Paused> = receipt.events.iter().filter_map(|e| e.decode()).collect();
    assert_eq!(
        events,
        vec![Paused {
            account: ink_id(&creator())
        }]
    );
    assert!(token
        .chain
        .read::<bool>(&token.contract, "Pausable::paused", ()));

    assert_eq!(
        token.transfer(&fan(), &other_fan(), ONE).0,
        Err(custom(PSP22Error::PAUSED))
    );
    assert_eq!(
        token.mint(&creator(), &fan(), ONE),
        Err(custom(PSP22Error::PAUSED))
    );
    let burn = token
        .chain
        .send::<(), PSP22Error>(
            &token.contract,
            &creator(),
            "PSP22Burnable::burn",
            (ink_id(&fan()), ONE),
        )
        .0;
    assert_eq!(burn, Err(custom(PSP22Error::PAUSED)));
    assert_eq!(token.balance(&fan()), 10 * ONE);

    let role: RoleType = PAUSER;
    let (granted, _) = token.chain.send::<(), AccessControlError>(
        &token.contract,
        &creator(),
        "AccessControl::grant_role",
        (role, Some(ink_id(&fan()))),
    );
    assert_eq!(granted, Ok(()), "role management works while paused");
    let (unpaused, _) =
        token
            .chain
            .send::<(), PausableError>(&token.contract, &fan(), "Pausable::unpause", ());
    assert_eq!(unpaused, Ok(()));
    assert_eq!(token.transfer(&fan(), &other_fan(), ONE).0, Ok(()));
}

#[test]
fn gas_and_size_report() {
    let mut token = Token::deploy();
    token
        .mint(&creator(), &creator(), 1_000 * ONE)
        .expect("mint");
    token.mint(&creator(), &fan(), 1_000 * ONE).expect("mint");
    // Warm paths: both accounts already hold tokens, as in a typical fan-to-fan transfer.
    let (_, transfer) = token.transfer(&creator(), &fan(), ONE);
    let (_, approve) = token.chain.send::<(), PSP22Error>(
        &token.contract,
        &fan(),
        "PSP22::approve",
        (ink_id(&other_fan()), 10 * ONE),
    );
    let args = (ink_id(&fan()), ink_id(&creator()), ONE, Vec::<u8>::new());
    let (_, transfer_from) = token.chain.send::<(), PSP22Error>(
        &token.contract,
        &other_fan(),
        "PSP22::transfer_from",
        args,
    );
    println!(
        "creator_token: wasm {} bytes",
        token.contract.bundle.wasm.len()
    );
    println!(
        "{:<16} {:>14} {:>12} {:>16}",
        "message", "ref_time", "proof_size", "storage deposit"
    );
    for (name, receipt) in [
        ("transfer", &transfer),
        ("approve", &approve),
        ("transfer_from", &transfer_from),
    ] {
        assert!(!receipt.reverted);
        println!(
            "{:<16} {:>14} {:>12} {:>16}",
            name,
            receipt.gas.ref_time(),
            receipt.gas.proof_size(),
            receipt.storage_deposit
        );
        // A transfer must stay far below one block's budget (2 s of ref_time, 5 MiB of proof).
        assert!(receipt.gas.ref_time() < 20_000_000_000, "{name} ref_time");
        assert!(receipt.gas.proof_size() < 200_000, "{name} proof_size");
    }
}
