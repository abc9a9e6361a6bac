//! The collection's own rules (drops, allowlists, proceeds, royalty, attributes, enumeration);
//! the pure sale rules are tested on their own in `drop.rs`.
//!
//! Hooks for the shared behaviour suites: `collection()` builds a collection whose admin, owner
//! and `MINTER` is alice, and `mint_by_hand` mints through `PSP34Mintable::mint`. Checked to
//! pass (not invoked here):
//! `psp::psp34_tests!(CreatorNft, || super::collection(), |c, a, id| mint_by_hand(c, a, id));`
//! (`super::` because the PSP34 suite defines a `collection()` of its own, which a bare
//! `collection()` would call, recursing), and `psp::ownable_tests!`,
//! `psp::access_control_tests!` and `psp::upgradeable_tests!` with `|| collection()`.

use crate::creator_nft::CreatorNft;
use crate::{
    CollectionError, CreationMinted, DropConfig, DropConfigured, DropEnded, Proceeds,
    ProceedsChanged, Purchased, RoyaltyChanged,
};
use ink::primitives::AccountId;
use psp::testing::{accounts, emitted as decode_all, set_caller, set_time};
use psp::{
    merkle::{self, MerkleTree},
    psp34::{Approval, AttributeSet, Transfer},
    AccessControl, AccessControlError, Id, Ownable, OwnableError, PSP34Burnable, PSP34Enumerable,
    PSP34Error, PSP34Metadata, PSP34Mintable, DEFAULT_ADMIN_ROLE, MINTER, PSP34,
};

/// A collection administered (and owned, and minted) by alice.
fn collection() -> CreatorNft {
    set_caller(accounts().alice);
    CreatorNft::new(
        "Mira Drops".into(),
        "MIRAD".into(),
        "ipfs://drops/".into(),
        accounts().alice,
    )
}

/// Mints `id` to `account` by hand, as alice (the `MINTER`).
#[allow(dead_code)] // the behaviour suites' mint hook
fn mint_by_hand(collection: &mut CreatorNft, account: AccountId, id: Id) {
    set_caller(accounts().alice);
    collection.mint(account, id).expect("alice mints");
}
fn free_drop(
    max_supply: u32,
    per_account: u32,
    per_call: u32,
    root: Option<[u8; 32]>,
) -> DropConfig {
    DropConfig {
        payment_token: accounts().frank,
        price: 0,
        start: 100,
        end: 200,
        max_supply,
        max_per_account: per_account,
        max_per_call: per_call,
        allowlist_root: root,
    }
}

fn ids(range: core::ops::RangeInclusive<u64>) -> Vec<Id> {
    range.map(Id::U64).collect()
}

#[ink::test]
fn constructor_sets_collection_attributes_roles_and_defaults() {
    let nft = collection();
    let alice = accounts().alice;
    let id = nft.collection_id();
    assert_eq!(
        nft.get_attribute(id.clone(), b"name".to_vec()),
        Some(b"Mira Drops".to_vec())
    );
    assert_eq!(
        nft.get_attribute(id.clone(), b"symbol".to_vec()),
        Some(b"MIRAD".to_vec())
    );
    assert_eq!(
        nft.get_attribute(id, b"baseURI".to_vec()),
        Some(b"ipfs://drops/".to_vec())
    );
    assert_eq!(nft.total_supply(), 0);
    assert_eq!(nft.owner(), Some(alice));
    assert!(nft.has_role(DEFAULT_ADMIN_ROLE, Some(alice)) && nft.has_role(MINTER, Some(alice)));
    assert_eq!(
        nft.proceeds(),
        Proceeds {
            treasury: alice,
            distributor: alice,
            distributor_bps: 0
        }
    );
    assert_eq!(nft.royalty_info(Id::U8(1), 1_000), (alice, 0));
    assert_eq!(nft.drop_info(), None);
    assert_eq!(decode_all::<AttributeSet>().len(), 3);
}

#[ink::test]
fn mint_transfer_burn_keep_enumeration_consistent() {
    let mut nft = collection();
    let (alice, bob, charlie) = (accounts().alice, accounts().bob, accounts().charlie);
    for n in 1..=4u8 {
        assert_eq!(nft.mint(bob, Id::U8(n)), Ok(()));
    }
    assert_eq!(nft.mint(bob, Id::U8(1)), Err(PSP34Error::TokenExists));
    assert_eq!(
        nft.mint(bob, Id::Bytes(vec![0; 65])),
        Err(PSP34Error::custom(PSP34Error::ID_TOO_LONG))
    );
    set_caller(bob);
    assert_eq!(
        nft.mint(bob, Id::U8(9)),
        Err(PSP34Error::custom(PSP34Error::MISSING_ROLE))
    );
    assert_eq!(nft.transfer(charlie, Id::U8(2), vec![]), Ok(()));
    assert_eq!(nft.burn(bob, Id::U8(1)), Ok(()));
    assert_eq!(nft.balance_of(bob), 2);
    assert_eq!(nft.balance_of(charlie), 1);
    assert_eq!(nft.total_supply(), 3);
    // bob's list [1, 2, 3, 4]: 2 leaves (4 fills its slot: [1, 4, 3]); 1 is burnt (3 fills
    // its slot: [3, 4]). The global list [1, 2, 3, 4] loses 1 (4 fills: [4, 2, 3]).
    let bobs: Vec<Id> = (0..2)
        .map(|i| nft.owners_token_by_index(bob, i).expect("index"))
        .collect();
    assert_eq!(bobs, vec![Id::U8(3), Id::U8(4)]);
    assert_eq!(
        nft.owners_token_by_index(bob, 2),
        Err(PSP34Error::TokenNotExists)
    );
    assert_eq!(
        nft.owners_token_by_index(bob, u128::MAX),
        Err(PSP34Error::TokenNotExists)
    );
    assert_eq!(nft.owners_token_by_index(charlie, 0), Ok(Id::U8(2)));
    let all: Vec<Id> = (0..3)
        .map(|i| nft.token_by_index(i).expect("index"))
        .collect();
    assert_eq!(all, vec![Id::U8(4), Id::U8(2), Id::U8(3)]);
    assert_eq!(nft.token_by_index(3), Err(PSP34Error::TokenNotExists));
    assert_eq!(nft.owner_of(Id::U8(1)), None);
    assert_eq!(nft.owner_of(Id::U8(4)), Some(bob));
    let transfers = decode_all::<Transfer>();
    assert_eq!(transfers.len(), 6);
    assert_eq!(
        transfers[4],
        Transfer {
            from: Some(bob),
            to: Some(charlie),
            id: Id::U8(2)
        }
    );
    assert_eq!(
        transfers[5],
        Transfer {
            from: Some(bob),
            to: None,
            id: Id::U8(1)
        }
    );
    let _ = alice;
}

#[ink::test]
fn transfer_and_burn_refusals() {
    let mut nft = collection();
    let (bob, charlie) = (accounts().bob, accounts().charlie);
    nft.mint(bob, Id::U8(1)).expect("mint");
    set_caller(charlie);
    assert_eq!(
        nft.transfer(charlie, Id::U8(1), vec![]),
        Err(PSP34Error::NotApproved)
    );
    assert_eq!(
        nft.transfer(charlie, Id::U8(7), vec![]),
        Err(PSP34Error::TokenNotExists)
    );
    assert_eq!(nft.burn(bob, Id::U8(1)), Err(PSP34Error::NotApproved));
    assert_eq!(
        nft.burn(charlie, Id::U8(1)),
        Err(PSP34Error::TokenNotExists),
        "not charlie's"
    );
    set_caller(bob);
    assert_eq!(
        nft.transfer(bob, Id::U8(1), vec![]),
        Ok(()),
        "to oneself: no-op"
    );
    assert_eq!(nft.owner_of(Id::U8(1)), Some(bob));
    assert_eq!(decode_all::<Transfer>().len(), 1, "only the mint");
}

#[ink::test]
fn approvals_for_one_item_and_for_all() {
    let mut nft = collection();
    let (bob, charlie, django) = (accounts().bob, accounts().charlie, accounts().django);
    nft.mint(bob, Id::U8(1)).expect("mint");
    nft.mint(bob, Id::U8(2)).expect("mint");
    set_caller(bob);
    assert_eq!(nft.approve(bob, None, true), Err(PSP34Error::SelfApprove));
    assert_eq!(
        nft.approve(charlie, Some(Id::U8(9)), true),
        Err(PSP34Error::TokenNotExists)
    );
    assert_eq!(nft.approve(charlie, Some(Id::U8(1)), true), Ok(()));
    assert!(nft.allowance(bob, charlie, Some(Id::U8(1))));
    assert!(!nft.allowance(bob, charlie, Some(Id::U8(2))));
    assert!(!nft.allowance(bob, charlie, None));
    set_caller(charlie);
    assert_eq!(
        nft.approve(django, Some(Id::U8(1)), true),
        Err(PSP34Error::NotApproved)
    );
    assert_eq!(nft.transfer(charlie, Id::U8(1), vec![]), Ok(()));
    assert!(
        !nft.allowance(charlie, charlie, Some(Id::U8(1))),
        "approval cleared"
    );
    set_caller(bob);
    assert_eq!(nft.approve(django, None, true), Ok(()));
    assert!(nft.allowance(bob, django, Some(Id::U8(2))));
    set_caller(django);
    assert_eq!(
        nft.approve(charlie, Some(Id::U8(2)), true),
        Ok(()),
        "an operator approves"
    );
    assert_eq!(nft.burn(bob, Id::U8(2)), Ok(()));
    set_caller(bob);
    assert_eq!(nft.approve(django, None, false), Ok(()));
    assert!(!nft.allowance(bob, django, None));
    let approvals = decode_all::<Approval>();
    assert_eq!(approvals.len(), 4);
    assert_eq!(
        approvals[2],
        Approval {
            owner: bob,
            operator: charlie,
            id: Some(Id::U8(2)),
            approved: true
        }
    );
    assert_eq!(
        approvals[3],
        Approval {
            owner: bob,
            operator: django,
            id: None,
            approved: false
        }
    );
}

#[ink::test]
fn drop_window_and_caps() {
    let mut nft = collection();
    let (alice, bob, charlie) = (accounts().alice, accounts().bob, accounts().charlie);
    assert_eq!(
        nft.buy(0, 1, u128::MAX, 0, vec![]),
        Err(CollectionError::NoActiveDrop)
    );
    assert_eq!(nft.configure_drop(free_drop(5, 3, 2, None)), Ok(0));
    set_caller(bob);
    set_time(99);
    assert_eq!(
        nft.buy(0, 1, u128::MAX, 0, vec![]),
        Err(CollectionError::NotStarted)
    );
    set_time(100);
    assert_eq!(
        nft.buy(0, 0, u128::MAX, 0, vec![]),
        Err(CollectionError::ZeroQuantity)
    );
    assert_eq!(
        nft.buy(0, 3, u128::MAX, 0, vec![]),
        Err(CollectionError::OverCallLimit)
    );
    assert_eq!(nft.buy(0, 2, u128::MAX, 0, vec![]), Ok(ids(1..=2)));
    assert_eq!(
        nft.buy(0, 2, u128::MAX, 0, vec![]),
        Err(CollectionError::OverAccountLimit)
    );
    assert_eq!(nft.buy(0, 1, u128::MAX, 0, vec![]), Ok(ids(3..=3)));
    set_caller(charlie);
    assert_eq!(nft.buy(0, 2, u128::MAX, 0, vec![]), Ok(ids(4..=5)));
    assert_eq!(
        nft.buy(0, 1, u128::MAX, 0, vec![]),
        Err(CollectionError::SoldOut)
    );
    set_time(200);
    assert_eq!(
        nft.buy(0, 1, u128::MAX, 0, vec![]),
        Err(CollectionError::Ended)
    );
    assert_eq!(nft.bought_in_drop(0, bob), 3);
    assert_eq!(nft.drop_info().map(|d| d.sold), Some(5));
    assert_eq!(nft.balance_of(bob), 3);
    assert_eq!(nft.owners_token_by_index(charlie, 1), Ok(Id::U64(5)));
    let purchases = decode_all::<Purchased>();
    assert_eq!(purchases.len(), 3);
    assert_eq!(
        (
            purchases[2].buyer,
            purchases[2].quantity,
            purchases[2].first_id
        ),
        (charlie, 2, 4)
    );
    // A new drop resets per-account counts and continues the numbering, skipping ids
    // minted by hand.
    set_caller(alice);
    nft.mint(alice, Id::U64(6)).expect("mint by hand");
    assert_eq!(nft.configure_drop(free_drop(5, 3, 3, None)), Ok(1));
    set_time(150);
    set_caller(bob);
    assert_eq!(
        nft.buy(1, 2, u128::MAX, 0, vec![]),
        Ok(vec![Id::U64(7), Id::U64(8)])
    );
    set_caller(alice);
    assert_eq!(nft.end_drop(), Ok(()));
    set_caller(bob);
    assert_eq!(
        nft.buy(1, 1, u128::MAX, 0, vec![]),
        Err(CollectionError::Ended)
    );
    assert_eq!(decode_all::<DropEnded>().len(), 1);
}

#[ink::test]
fn a_buyer_names_the_drop_and_the_most_it_pays_and_a_replaced_drop_ends() {
    let mut nft = collection();
    let bob = accounts().bob;
    set_time(150);
    assert_eq!(nft.configure_drop(free_drop(5, 3, 3, None)), Ok(0));
    set_caller(bob);
    assert_eq!(
        nft.buy(1, 1, u128::MAX, 0, vec![]),
        Err(CollectionError::WrongDrop)
    );
    assert_eq!(
        nft.buy(0, 1, 0, 0, vec![]),
        Ok(ids(1..=1)),
        "free: 0 is enough"
    );
    set_caller(accounts().alice);
    let dear = DropConfig {
        price: 7,
        ..free_drop(5, 3, 3, None)
    };
    assert_eq!(nft.configure_drop(dear), Ok(1));
    // The live drop 0 was replaced: it ends with what it sold.
    assert_eq!(
        decode_all::<DropEnded>(),
        vec![DropEnded {
            drop_id: 0,
            sold: 1
        }]
    );
    set_caller(bob);
    assert_eq!(
        nft.buy(0, 1, u128::MAX, 0, vec![]),
        Err(CollectionError::WrongDrop),
        "the drop bob agreed to is gone"
    );
    assert_eq!(
        nft.buy(1, 2, 13, 0, vec![]),
        Err(CollectionError::PriceAboveMax)
    );
    assert_eq!(
        nft.bought_in_drop(1, bob),
        0,
        "a refused buy counts nothing"
    );
    // A drop whose window has passed ends with no second event when it is replaced.
    set_time(200);
    set_caller(accounts().alice);
    assert_eq!(nft.configure_drop(free_drop(5, 3, 3, None)), Ok(2));
    assert_eq!(decode_all::<DropEnded>().len(), 1);
}

#[ink::test]
fn drop_configuration_is_validated_and_admin_only() {
    let mut nft = collection();
    let bad = [
        DropConfig {
            start: 200,
            ..free_drop(1, 1, 1, None)
        },
        free_drop(0, 1, 1, None),
        free_drop(1, 0, 1, None),
        free_drop(1, 1, 0, None),
    ];
    for config in bad {
        assert_eq!(
            nft.configure_drop(config),
            Err(CollectionError::InvalidDrop)
        );
    }
    set_caller(accounts().bob);
    assert_eq!(
        nft.configure_drop(free_drop(1, 1, 1, None)),
        Err(CollectionError::MissingRole)
    );
    assert_eq!(nft.end_drop(), Err(CollectionError::MissingRole));
    set_caller(accounts().alice);
    assert_eq!(nft.end_drop(), Err(CollectionError::NoActiveDrop));
    assert!(decode_all::<DropConfigured>().is_empty());
}

#[ink::test]
fn allowlist_proofs_gate_the_drop_and_cap_each_account() {
    let mut nft = collection();
    let (bob, charlie, django) = (accounts().bob, accounts().charlie, accounts().django);
    let list = [(bob, 2u32), (charlie, 1u32)];
    let tree = MerkleTree::new(list.iter().map(merkle::leaf).collect());
    nft.configure_drop(free_drop(10, 5, 5, Some(tree.root())))
        .expect("drop");
    set_time(150);
    let bob_proof = tree.proof(0).expect("proof");
    set_caller(bob);
    assert_eq!(
        nft.buy(0, 1, u128::MAX, 3, bob_proof.clone()),
        Err(CollectionError::NotAllowlisted),
        "claims more"
    );
    assert_eq!(
        nft.buy(0, 1, u128::MAX, 2, vec![]),
        Err(CollectionError::NotAllowlisted)
    );
    assert_eq!(
        nft.buy(0, 3, u128::MAX, 2, bob_proof.clone()),
        Err(CollectionError::OverAccountLimit)
    );
    assert_eq!(
        nft.buy(0, 2, u128::MAX, 2, bob_proof.clone()),
        Ok(ids(1..=2))
    );
    set_caller(django);
    assert_eq!(
        nft.buy(0, 1, u128::MAX, 2, bob_proof),
        Err(CollectionError::NotAllowlisted),
        "bob's proof"
    );
    set_caller(charlie);
    assert_eq!(
        nft.buy(0, 1, u128::MAX, 1, tree.proof(1).expect("proof")),
        Ok(ids(3..=3))
    );
}

#[ink::test]
fn proceeds_royalty_and_attributes_are_admin_settings() {
    let mut nft = collection();
    let (alice, bob, eve) = (accounts().alice, accounts().bob, accounts().eve);
    assert_eq!(
        nft.set_proceeds(alice, 7_000, eve, 2_000),
        Err(CollectionError::InvalidShares)
    );
    assert_eq!(
        nft.set_proceeds(alice, u16::MAX, eve, 2),
        Err(CollectionError::InvalidShares)
    );
    // I-1 of the security review: until a royalty is set it follows the treasury, so the
    // factory's hand-over of the proceeds to the creator hands the royalty over too.
    assert_eq!(nft.set_proceeds(bob, 7_000, eve, 3_000), Ok(()));
    assert_eq!(nft.royalty_info(Id::U8(1), 1_000), (bob, 0));
    assert_eq!(nft.set_proceeds(alice, 7_000, eve, 3_000), Ok(()));
    assert_eq!(
        nft.proceeds(),
        Proceeds {
            treasury: alice,
            distributor: eve,
            distributor_bps: 3_000
        }
    );
    assert_eq!(
        nft.set_royalty(bob, 10_001),
        Err(CollectionError::InvalidRoyalty)
    );
    assert_eq!(nft.set_royalty(bob, 500), Ok(()));
    assert_eq!(nft.royalty_info(Id::U8(1), 1_000), (bob, 50));
    assert_eq!(
        nft.royalty_info(Id::U8(1), u128::MAX),
        (bob, u128::MAX / 20)
    );
    nft.mint(bob, Id::U8(1)).expect("mint");
    assert_eq!(
        nft.set_attribute(Id::U8(1), b"rarity".to_vec(), b"gold".to_vec()),
        Ok(())
    );
    assert_eq!(
        nft.get_attribute(Id::U8(1), b"rarity".to_vec()),
        Some(b"gold".to_vec())
    );
    assert_eq!(
        nft.set_attribute(Id::U8(2), b"k".to_vec(), vec![]),
        Err(CollectionError::InvalidAttribute)
    );
    assert_eq!(
        nft.set_attribute(Id::U8(1), vec![0; 33], vec![]),
        Err(CollectionError::InvalidAttribute)
    );
    assert_eq!(
        nft.set_attribute(Id::U8(1), b"k".to_vec(), vec![0; 1_025]),
        Err(CollectionError::InvalidAttribute)
    );
    set_caller(bob);
    assert_eq!(
        nft.set_proceeds(bob, 10_000, bob, 0),
        Err(CollectionError::MissingRole)
    );
    assert_eq!(nft.set_royalty(bob, 1), Err(CollectionError::MissingRole));
    assert_eq!(
        nft.set_attribute(Id::U8(1), b"k".to_vec(), vec![]),
        Err(CollectionError::MissingRole)
    );
    assert_eq!(decode_all::<ProceedsChanged>().len(), 2);
    assert_eq!(decode_all::<RoyaltyChanged>().len(), 1);
}

#[ink::test]
fn roles_and_ownership() {
    let mut nft = collection();
    let (alice, bob) = (accounts().alice, accounts().bob);
    assert_eq!(nft.get_role_admin(MINTER), DEFAULT_ADMIN_ROLE);
    assert_eq!(nft.grant_role(MINTER, Some(bob)), Ok(()));
    set_caller(bob);
    assert_eq!(nft.mint(bob, Id::U8(1)), Ok(()));
    assert_eq!(
        nft.grant_role(MINTER, Some(bob)),
        Err(AccessControlError::MissingRole)
    );
    assert_eq!(nft.renounce_role(MINTER, Some(bob)), Ok(()));
    assert_eq!(
        nft.mint(bob, Id::U8(2)),
        Err(PSP34Error::custom(PSP34Error::MISSING_ROLE))
    );
    assert_eq!(
        nft.transfer_ownership(Some(bob)),
        Err(OwnableError::CallerIsNotOwner)
    );
    set_caller(alice);
    assert_eq!(
        nft.revoke_role(MINTER, Some(bob)),
        Err(AccessControlError::MissingRole)
    );
    assert_eq!(nft.transfer_ownership(Some(bob)), Ok(()));
    set_caller(bob);
    assert_eq!(nft.renounce_ownership(), Ok(()));
    assert_eq!(nft.owner(), None);
}

psp::psp34_tests!(CreatorNft, collection, mint_by_hand);
psp::ownable_tests!(CreatorNft, collection);
psp::access_control_tests!(CreatorNft, collection);
psp::upgradeable_tests!(CreatorNft, collection);

#[ink::test]
fn a_creation_is_minted_once_to_its_creator_who_receives_its_royalty() {
    let mut nft = collection();
    let (alice, bob, charlie) = (accounts().alice, accounts().bob, accounts().charlie);
    nft.set_royalty(alice, 500).expect("royalty");
    set_caller(bob);
    assert_eq!(
        nft.mint_creation(bob, [7; 32], "ipfs://art".into()),
        Err(CollectionError::MissingRole)
    );
    set_caller(alice);
    let id = Id::Bytes([7; 32].to_vec());
    assert_eq!(
        nft.mint_creation(bob, [7; 32], "ipfs://art".into()),
        Ok(id.clone())
    );
    assert_eq!(nft.owner_of(id.clone()), Some(bob));
    assert_eq!(nft.creator_of(id.clone()), Some(bob));
    assert_eq!(nft.creator_of(Id::U8(1)), None);
    assert_eq!(
        nft.get_attribute(id.clone(), b"uri".to_vec()),
        Some(b"ipfs://art".to_vec())
    );
    assert_eq!(nft.royalty_info(id.clone(), 1_000), (bob, 50));
    assert_eq!(nft.royalty_info(Id::U8(1), 1_000), (alice, 50));
    assert_eq!(
        decode_all::<CreationMinted>(),
        vec![CreationMinted {
            creator: bob,
            content_hash: [7; 32],
            uri: "ipfs://art".into()
        }]
    );
    // The same content is never minted again, not even after a burn.
    assert_eq!(
        nft.mint_creation(charlie, [7; 32], "ipfs://copy".into()),
        Err(CollectionError::Token(PSP34Error::TokenExists))
    );
    set_caller(bob);
    nft.burn(bob, id.clone()).expect("burn");
    set_caller(alice);
    assert_eq!(
        nft.mint_creation(charlie, [7; 32], "ipfs://copy".into()),
        Err(CollectionError::Token(PSP34Error::TokenExists))
    );
    // A sale moves the item, not the royalty.
    nft.mint_creation(bob, [8; 32], "ipfs://two".into())
        .expect("mint");
    set_caller(bob);
    let second = Id::Bytes([8; 32].to_vec());
    nft.transfer(charlie, second.clone(), Vec::new())
        .expect("transfer");
    assert_eq!(nft.royalty_info(second, 1_000), (bob, 50));
    set_caller(alice);
    assert_eq!(
        nft.mint_creation(bob, [9; 32], "u".repeat(crate::MAX_ATTRIBUTE_VALUE + 1)),
        Err(CollectionError::InvalidAttribute)
    );
}
