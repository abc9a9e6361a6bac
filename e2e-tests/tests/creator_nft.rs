//! The NFT collection and the creator token on their compiled Wasm: drops sold for the token.

use creator_nft::{CollectionError, DropConfig, Purchased};
use e2e_tests::{
    account,
    actors::{creator, delegate, fan, id, other_fan, treasury},
    ink_id, AccountId32, Bundle, Chain, Contract, Receipt,
};
use ink::primitives::AccountId;
use psp::{
    merkle::{self, MerkleTree},
    psp22, psp34, Id, PSP22Error, PSP34Error,
};

const ONE: u128 = 1_000_000_000_000;
const PRICE: u128 = 10 * ONE;

/// The second proceeds recipient (an account standing for the reward distributor).
fn distributor() -> AccountId32 {
    delegate()
}

/// A creator token and a standalone collection selling drops for it.
struct Suite {
    chain: Chain,
    token: Contract,
    nft: Contract,
}

impl Suite {
    /// Token (fans hold 1,000 each), collection with a 70/30 treasury/distributor split.
    fn new() -> Self {
        let mut chain = Chain::new();
        let args = (
            Some(String::from("Mira")),
            Some(String::from("MIRA")),
            12u8,
            u128::MAX,
            id(creator),
        );
        let token = chain.instantiate(&Bundle::shared("creator_token"), args, &creator());
        let args = (
            String::from("Mira Drops"),
            String::from("MDROP"),
            String::from("ipfs://mira/"),
            id(creator),
        );
        let nft = chain.instantiate(&Bundle::shared("creator_nft"), args, &creator());
        for who in [fan(), other_fan()] {
            chain
                .send::<(), PSP22Error>(
                    &token,
                    &creator(),
                    "PSP22Mintable::mint",
                    (ink_id(&who), 1_000 * ONE),
                )
                .0
                .expect("mint");
        }
        let split = (id(treasury), 7_000u16, id(distributor), 3_000u16);
        chain
            .send::<(), CollectionError>(&nft, &creator(), "set_proceeds", split)
            .0
            .expect("proceeds");
        Self { chain, token, nft }
    }

    fn balance(&mut self, who: &AccountId32) -> u128 {
        self.chain
            .read(&self.token, "PSP22::balance_of", ink_id(who))
    }

    fn approve(&mut self, who: &AccountId32, amount: u128) {
        self.chain
            .send::<(), PSP22Error>(&self.token, who, "PSP22::approve", (self.nft.id(), amount))
            .0
            .expect("approve");
    }

    fn drop_config(&self, root: Option<[u8; 32]>) -> DropConfig {
        DropConfig {
            payment_token: self.token.id(),
            price: PRICE,
            start: 1_000,
            end: 2_000,
            max_supply: 25,
            max_per_account: 12,
            max_per_call: 10,
            allowlist_root: root,
        }
    }

    fn configure_drop(
        &mut self,
        caller: &AccountId32,
        config: DropConfig,
    ) -> Result<u32, CollectionError> {
        self.chain
            .send(&self.nft, caller, "configure_drop", config)
            .0
    }

    fn open_drop(&mut self, config: DropConfig) {
        self.configure_drop(&creator(), config)
            .expect("configure drop");
        self.chain.set_time(1_500);
    }

    /// `who` buys from the current drop as a client does: naming the drop it reads and
    /// exactly `quantity * price` as the most it pays.
    fn buy(
        &mut self,
        who: &AccountId32,
        quantity: u32,
        allowance: u32,
        proof: Vec<[u8; 32]>,
    ) -> (Result<Vec<Id>, CollectionError>, Receipt) {
        let drop: Option<creator_nft::Drop> = self.chain.read(&self.nft, "drop_info", ());
        let (drop_id, price) = drop.map_or((0, 0), |drop| (drop.id, drop.config.price));
        let max_total_price = price.saturating_mul(u128::from(quantity));
        let args = (drop_id, quantity, max_total_price, allowance, proof);
        self.chain.send(&self.nft, who, "buy", args)
    }

    fn nft_balance(&mut self, who: &AccountId32) -> u32 {
        self.chain.read(&self.nft, "PSP34::balance_of", ink_id(who))
    }

    fn nft_supply(&mut self) -> u128 {
        self.chain.read(&self.nft, "PSP34::total_supply", ())
    }

    /// Token balances of fan, other fan, treasury and distributor, and the NFT supply.
    fn snapshot(&mut self) -> ([u128; 4], u128) {
        let balances =
            [fan(), other_fan(), treasury(), distributor()].map(|who| self.balance(&who));
        (balances, self.nft_supply())
    }
}

fn ids(range: core::ops::RangeInclusive<u64>) -> Vec<Id> {
    range.map(Id::U64).collect()
}

const STANDARD_MESSAGES: &[(&str, &str, &[&str])] = &[
    ("PSP34::collection_id", "0xffa27a5f", &[]),
    ("PSP34::balance_of", "0xcde7e55f", &["owner"]),
    ("PSP34::owner_of", "0x1168624d", &["id"]),
    (
        "PSP34::allowance",
        "0x4790f55a",
        &["owner", "operator", "id"],
    ),
    (
        "PSP34::approve",
        "0x1932a8b0",
        &["operator", "id", "approved"],
    ),
    ("PSP34::transfer", "0x3128d61b", &["to", "id", "data"]),
    ("PSP34::total_supply", "0x628413fe", &[]),
    ("PSP34Metadata::get_attribute", "0xf19d48d1", &["id", "key"]),
    (
        "PSP34Enumerable::owners_token_by_index",
        "0x3bcfb511",
        &["owner", "index"],
    ),
    ("PSP34Enumerable::token_by_index", "0xcd0340d0", &["index"]),
    ("PSP34Mintable::mint", "0x6c41f2ec", &["account", "id"]),
    ("PSP34Burnable::burn", "0x63c9877a", &["account", "id"]),
];

#[test]
fn bundle_carries_every_standard_psp34_selector_with_standard_argument_names() {
    let bundle = Bundle::shared("creator_nft");
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
    for message in messages {
        assert!(
            !message["docs"].as_array().expect("docs").is_empty(),
            "{} has docs",
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
        "AttributeSet",
        "Purchased",
        "DropConfigured",
    ] {
        assert!(events.contains(&event), "event {event}");
    }
    assert_eq!(
        events.iter().filter(|e| **e == "Transfer").count(),
        1,
        "no PSP22 events leak in"
    );
}

#[test]
fn a_fan_buys_items_with_the_creator_token_in_one_call() {
    let mut suite = Suite::new();
    let config = suite.drop_config(None);
    suite.open_drop(config);
    suite.approve(&fan(), 3 * PRICE);
    let (bought, receipt) = suite.buy(&fan(), 3, 0, vec![]);
    assert_eq!(bought, Ok(ids(1..=3)));
    // 30 tokens: 21 to the treasury, 9 to the distributor, exactly.
    assert_eq!(
        suite.snapshot(),
        ([970 * ONE, 1_000 * ONE, 21 * ONE, 9 * ONE], 3)
    );
    let allowance: u128 =
        suite
            .chain
            .read(&suite.token, "PSP22::allowance", (id(fan), suite.nft.id()));
    assert_eq!(allowance, 0);

    // Events: 3 PSP34 mints and the purchase from the collection, 2 PSP22 payments from the token.
    let nft_transfers: Vec<psp34::Transfer> = receipt
        .events
        .iter()
        .filter(|e| e.contract == suite.nft.address)
        .filter_map(|e| e.decode())
        .collect();
    assert_eq!(
        nft_transfers,
        ids(1..=3)
            .into_iter()
            .map(|id| psp34::Transfer {
                from: None,
                to: Some(ink_id(&fan())),
                id
            })
            .collect::<Vec<_>>()
    );
    let purchases: Vec<Purchased> = receipt.events_of();
    assert_eq!(
        purchases,
        vec![Purchased {
            buyer: ink_id(&fan()),
            drop_id: 0,
            quantity: 3,
            first_id: 1,
            treasury_amount: 21 * ONE,
            distributor_amount: 9 * ONE
        }]
    );
    let payments: Vec<psp22::Transfer> = receipt
        .events
        .iter()
        .filter(|e| e.contract == suite.token.address)
        .filter_map(|e| e.decode())
        .collect();
    assert_eq!(payments.len(), 2);

    // Enumeration after buy, transfer and burn.
    let (moved, _) = suite.chain.send::<(), PSP34Error>(
        &suite.nft,
        &fan(),
        "PSP34::transfer",
        (id(other_fan), Id::U64(1), Vec::<u8>::new()),
    );
    assert_eq!(moved, Ok(()));
    let (burnt, _) = suite.chain.send::<(), PSP34Error>(
        &suite.nft,
        &fan(),
        "PSP34Burnable::burn",
        (id(fan), Id::U64(2)),
    );
    assert_eq!(burnt, Ok(()));
    let fan_items: Vec<Id> = (0..suite.nft_balance(&fan()))
        .map(|i| {
            suite
                .chain
                .read::<Result<Id, PSP34Error>>(
                    &suite.nft,
                    "PSP34Enumerable::owners_token_by_index",
                    (id(fan), u128::from(i)),
                )
                .expect("index")
        })
        .collect();
    assert_eq!(fan_items, vec![Id::U64(3)]);
    let owner: Option<AccountId> = suite.chain.read(&suite.nft, "PSP34::owner_of", Id::U64(1));
    assert_eq!(owner, Some(ink_id(&other_fan())));
    let all: Vec<Id> = (0..suite.nft_supply())
        .map(|i| {
            suite
                .chain
                .read::<Result<Id, PSP34Error>>(&suite.nft, "PSP34Enumerable::token_by_index", i)
                .expect("index")
        })
        .collect();
    assert_eq!(all, vec![Id::U64(1), Id::U64(3)]);
    let uri: Option<Vec<u8>> = suite.chain.read(
        &suite.nft,
        "PSP34Metadata::get_attribute",
        (
            Id::Bytes(AsRef::<[u8]>::as_ref(&suite.nft.address).to_vec()),
            b"baseURI".to_vec(),
        ),
    );
    assert_eq!(uri, Some(b"ipfs://mira/".to_vec()));
}

#[test]
fn refused_purchases_leave_balances_and_items_unchanged() {
    let mut suite = Suite::new();
    let config = suite.drop_config(None);
    let configured = suite.configure_drop(&creator(), config.clone());
    configured.expect("drop");
    suite.approve(&fan(), 1_000 * ONE);
    let before = suite.snapshot();
    let refusals = [
        (999, 1, CollectionError::NotStarted),
        (2_000, 1, CollectionError::Ended),
        (1_500, 0, CollectionError::ZeroQuantity),
        (1_500, 11, CollectionError::OverCallLimit),
    ];
    for (time, quantity, error) in refusals {
        suite.chain.set_time(time);
        assert_eq!(suite.buy(&fan(), quantity, 0, vec![]).0, Err(error));
    }
    // Payment refused by the token: no allowance (other fan), then not enough balance.
    assert_eq!(
        suite.buy(&other_fan(), 1, 0, vec![]).0,
        Err(CollectionError::Payment(PSP22Error::InsufficientAllowance))
    );
    let (burn, _) = suite.chain.send::<(), PSP22Error>(
        &suite.token,
        &creator(),
        "PSP22Burnable::burn",
        (id(fan), 995 * ONE),
    );
    burn.expect("burn");
    assert_eq!(
        suite.buy(&fan(), 1, 0, vec![]).0,
        Err(CollectionError::Payment(PSP22Error::InsufficientBalance))
    );
    let after_burn = suite.snapshot();
    assert_eq!(
        after_burn,
        ([5 * ONE, before.0[1], 0, 0], 0),
        "nothing moved, nothing minted"
    );
    // A payment token that is not a contract.
    let bogus = DropConfig {
        payment_token: ink_id(&account(9)),
        ..config
    };
    let configured = suite.configure_drop(&creator(), bogus);
    configured.expect("drop");
    assert_eq!(
        suite.buy(&fan(), 1, 0, vec![]).0,
        Err(CollectionError::PaymentCallFailed)
    );
    assert_eq!(suite.nft_supply(), 0);
    // Strangers cannot configure drops.
    let config = suite.drop_config(None);
    let refused = suite.configure_drop(&fan(), config);
    assert_eq!(refused, Err(CollectionError::MissingRole));
}

#[test]
fn caps_and_sell_out() {
    let mut suite = Suite::new();
    let config = DropConfig {
        max_supply: 5,
        max_per_account: 3,
        ..suite.drop_config(None)
    };
    suite.open_drop(config);
    suite.approve(&fan(), 1_000 * ONE);
    suite.approve(&other_fan(), 1_000 * ONE);
    assert_eq!(suite.buy(&fan(), 3, 0, vec![]).0, Ok(ids(1..=3)));
    assert_eq!(
        suite.buy(&fan(), 1, 0, vec![]).0,
        Err(CollectionError::OverAccountLimit)
    );
    assert_eq!(
        suite.buy(&other_fan(), 3, 0, vec![]).0,
        Err(CollectionError::SoldOut)
    );
    assert_eq!(suite.buy(&other_fan(), 2, 0, vec![]).0, Ok(ids(4..=5)));
    assert_eq!(
        suite.buy(&other_fan(), 1, 0, vec![]).0,
        Err(CollectionError::SoldOut)
    );
    assert_eq!(
        suite.snapshot(),
        ([970 * ONE, 980 * ONE, 35 * ONE, 15 * ONE], 5)
    );
}

#[test]
fn allowlisted_drop_accepts_only_valid_proofs() {
    let mut suite = Suite::new();
    let list = [
        (ink_id(&fan()), 2u32),
        (ink_id(&account(9)), 5u32),
        (ink_id(&account(10)), 1u32),
    ];
    let tree = MerkleTree::new(list.iter().map(merkle::leaf).collect());
    let config = suite.drop_config(Some(tree.root()));
    suite.open_drop(config);
    suite.approve(&fan(), 1_000 * ONE);
    suite.approve(&other_fan(), 1_000 * ONE);
    let proof = tree.proof(0).expect("proof");
    assert_eq!(
        suite.buy(&other_fan(), 1, 2, proof.clone()).0,
        Err(CollectionError::NotAllowlisted)
    );
    assert_eq!(
        suite.buy(&fan(), 1, 5, proof.clone()).0,
        Err(CollectionError::NotAllowlisted)
    );
    assert_eq!(
        suite.buy(&fan(), 3, 2, proof.clone()).0,
        Err(CollectionError::OverAccountLimit)
    );
    assert_eq!(suite.buy(&fan(), 2, 2, proof).0, Ok(ids(1..=2)));
    assert_eq!(suite.nft_balance(&fan()), 2);
    assert_eq!(suite.nft_balance(&other_fan()), 0);
}

#[test]
fn gas_and_size_report() {
    let mut suite = Suite::new();
    let config = DropConfig {
        max_supply: 100,
        max_per_account: 50,
        ..suite.drop_config(None)
    };
    suite.open_drop(config);
    suite.approve(&fan(), 1_000 * ONE);
    let (_, buy_one) = suite.buy(&fan(), 1, 0, vec![]);
    let (_, buy_ten) = suite.buy(&fan(), 10, 0, vec![]);
    let (minted, mint) = suite.chain.send::<(), PSP34Error>(
        &suite.nft,
        &creator(),
        "PSP34Mintable::mint",
        (ink_id(&fan()), Id::U64(1_000)),
    );
    minted.expect("mint");
    let (moved, transfer) = suite.chain.send::<(), PSP34Error>(
        &suite.nft,
        &fan(),
        "PSP34::transfer",
        (ink_id(&other_fan()), Id::U64(5), Vec::<u8>::new()),
    );
    moved.expect("transfer");
    let (burnt, burn) = suite.chain.send::<(), PSP34Error>(
        &suite.nft,
        &other_fan(),
        "PSP34Burnable::burn",
        (ink_id(&other_fan()), Id::U64(5)),
    );
    burnt.expect("burn");
    println!("creator_nft: wasm {} bytes", suite.nft.bundle.wasm.len());
    println!(
        "{:<10} {:>14} {:>12} {:>16} {:>16}",
        "message", "ref_time", "proof_size", "storage deposit", "ref_time/item"
    );
    for (name, receipt, items) in [
        ("mint", &mint, 1),
        ("transfer", &transfer, 1),
        ("burn", &burn, 1),
        ("buy(1)", &buy_one, 1),
        ("buy(10)", &buy_ten, 10),
    ] {
        assert!(!receipt.reverted, "{name}");
        println!(
            "{:<10} {:>14} {:>12} {:>16} {:>16}",
            name,
            receipt.gas.ref_time(),
            receipt.gas.proof_size(),
            receipt.storage_deposit,
            receipt.gas.ref_time() / items
        );
    }
    assert!(
        buy_ten.gas.ref_time() / 10 < buy_one.gas.ref_time(),
        "batching amortises the payment"
    );
}
