//! PSP34: the NFT standard of ink! chains, with OpenBrush's `Id`, extension traits and errors.
//!
//! Where OpenBrush and the PSP-34 text disagree on the wire, this follows OpenBrush (the
//! enumerable messages return `Result<Id, PSP34Error>`, not `Option<Id>`), so dApps and
//! marketplaces written for OpenBrush collections work unchanged. `get_attribute` takes and
//! returns bytes as in the text (OpenBrush's `String` has the same encoding for UTF-8 data).

use ink::{prelude::vec::Vec, primitives::AccountId};

pub use types::{Id, PSP34Error};

mod types {
    // See `psp22::errors`: the codec derive on enums trips `cast_possible_truncation`.
    #![allow(clippy::cast_possible_truncation)]
    use ink::prelude::{string::String, vec::Vec};

    /// A token id, as OpenBrush defines it (variant order is part of the wire format).
    #[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub enum Id {
        U8(u8),
        U16(u16),
        U32(u32),
        U64(u64),
        U128(u128),
        Bytes(Vec<u8>),
    }

    /// The standard PSP34 error (variant order is part of the wire format).
    #[derive(Debug, PartialEq, Eq, Clone)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum PSP34Error {
        /// An implementation-specific refusal; see the `PSP34Error::*` string constants.
        Custom(String),
        /// The caller tried to approve itself.
        SelfApprove,
        /// The caller may not move or approve this token.
        NotApproved,
        /// A token with this id already exists.
        TokenExists,
        /// No token with this id exists (or the index is out of range).
        TokenNotExists,
        /// Deprecated by the standard; never returned.
        SafeTransferCheckFailed(String),
    }
}

impl PSP34Error {
    /// `Custom` reason: the caller lacks the role the message needs.
    pub const MISSING_ROLE: &'static str = "AC::MissingRole";
    /// `Custom` reason: an `Id::Bytes` id longer than [`MAX_ID_BYTES`].
    pub const ID_TOO_LONG: &'static str = "IdTooLong";

    /// A `Custom` error with one of the reasons above.
    pub fn custom(reason: &str) -> Self {
        Self::Custom(reason.into())
    }
}

/// The longest `Id::Bytes` a collection accepts (storage keys are bounded on chain).
pub const MAX_ID_BYTES: usize = 64;

/// Whether `id` is an `Id::Bytes` longer than [`MAX_ID_BYTES`]: no collection holds one, and
/// looking one up would exceed the runtime's storage key limit (128 bytes) and trap.
pub fn id_too_long(id: &Id) -> bool {
    matches!(id, Id::Bytes(bytes) if bytes.len() > MAX_ID_BYTES)
}

/// The PSP34 standard (selectors `PSP34::*`).
#[ink::trait_definition]
pub trait PSP34 {
    /// The collection's id: `Id::Bytes` of the contract's address.
    #[ink(message)]
    fn collection_id(&self) -> Id;

    /// How many tokens `owner` holds.
    #[ink(message)]
    fn balance_of(&self, owner: AccountId) -> u32;

    /// The owner of token `id`, if it exists.
    #[ink(message)]
    fn owner_of(&self, id: Id) -> Option<AccountId>;

    /// Whether `operator` may move `owner`'s token `id` (or all of them when `id` is `None`).
    #[ink(message)]
    fn allowance(&self, owner: AccountId, operator: AccountId, id: Option<Id>) -> bool;

    /// Lets `operator` move the caller's token `id` (or all its tokens when `id` is `None`),
    /// or withdraws that permission when `approved` is false.
    #[ink(message)]
    fn approve(
        &mut self,
        operator: AccountId,
        id: Option<Id>,
        approved: bool,
    ) -> Result<(), PSP34Error>;

    /// Moves token `id` to `to`; the caller must own it or be approved. `data` is ignored.
    #[ink(message)]
    fn transfer(&mut self, to: AccountId, id: Id, data: Vec<u8>) -> Result<(), PSP34Error>;

    /// Number of tokens in existence.
    #[ink(message)]
    fn total_supply(&self) -> u128;
}

/// PSP34 metadata (selector `PSP34Metadata::get_attribute`).
#[ink::trait_definition]
pub trait PSP34Metadata {
    /// The value of attribute `key` of token `id` (collection attributes live under
    /// `collection_id()`).
    #[ink(message)]
    fn get_attribute(&self, id: Id, key: Vec<u8>) -> Option<Vec<u8>>;
}

/// PSP34 enumeration, OpenBrush's wire format (selectors `PSP34Enumerable::*`).
#[ink::trait_definition]
pub trait PSP34Enumerable {
    /// The `index`-th token of `owner`; `TokenNotExists` when out of range.
    #[ink(message)]
    fn owners_token_by_index(&self, owner: AccountId, index: u128) -> Result<Id, PSP34Error>;

    /// The `index`-th token of the collection; `TokenNotExists` when out of range.
    #[ink(message)]
    fn token_by_index(&self, index: u128) -> Result<Id, PSP34Error>;
}

/// OpenBrush's mint extension (selector `PSP34Mintable::mint`).
#[ink::trait_definition]
pub trait PSP34Mintable {
    /// Creates token `id` for `account`.
    #[ink(message)]
    fn mint(&mut self, account: AccountId, id: Id) -> Result<(), PSP34Error>;
}

/// OpenBrush's burn extension (selector `PSP34Burnable::burn`).
#[ink::trait_definition]
pub trait PSP34Burnable {
    /// Destroys `account`'s token `id`.
    #[ink(message)]
    fn burn(&mut self, account: AccountId, id: Id) -> Result<(), PSP34Error>;
}

#[cfg(feature = "psp34-collection")]
pub use collection::*;

#[cfg(feature = "psp34-collection")]
mod collection {
    use super::*;
    use ink::storage::Mapping;

    /// Emitted when a token moves; `from` is `None` on mint, `to` is `None` on burn.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct Transfer {
        /// The previous owner (`None` on mint).
        #[ink(topic)]
        pub from: Option<AccountId>,
        /// The new owner (`None` on burn).
        #[ink(topic)]
        pub to: Option<AccountId>,
        /// The token.
        #[ink(topic)]
        pub id: Id,
    }

    /// Emitted when an approval is given or withdrawn (`id: None` means all tokens).
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct Approval {
        /// The owner of the tokens.
        #[ink(topic)]
        pub owner: AccountId,
        /// The operator approved or withdrawn.
        #[ink(topic)]
        pub operator: AccountId,
        /// The token, or `None` for all of `owner`'s tokens.
        #[ink(topic)]
        pub id: Option<Id>,
        /// Whether the permission is now given.
        pub approved: bool,
    }

    /// Emitted when an attribute of token `id` (or of the collection) is set.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct AttributeSet {
        /// The token, or `collection_id()` for collection attributes.
        pub id: Id,
        /// The attribute's key.
        pub key: Vec<u8>,
        /// The attribute's new value.
        pub data: Vec<u8>,
    }

    /// An event produced by [`PSP34Data`], for the contract to emit.
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub enum PSP34Event {
        Transfer(Transfer),
        Approval(Approval),
    }

    impl PSP34Event {
        /// Emits `events` from the executing contract, in order.
        pub fn emit_all(events: ink::prelude::vec::Vec<Self>) {
            for event in events {
                match event {
                    Self::Transfer(event) => crate::emit::emit(event),
                    Self::Approval(event) => crate::emit::emit(event),
                }
            }
        }
    }

    /// Where a token is: its owner and its positions in the owner's and the global lists.
    #[derive(Debug, Clone)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    struct TokenEntry {
        owner: AccountId,
        owner_index: u32,
        global_index: u128,
    }

    /// An enumerable PSP34 ledger. Every lookup is O(1): each token knows its positions in
    /// its owner's list and the global list, and removal swaps the last entry into the gap.
    ///
    /// Methods take the acting account, check, update storage and return events to emit.
    #[ink::storage_item]
    #[derive(Debug, Default)]
    pub struct PSP34Data {
        total_supply: u128,
        tokens: Mapping<Id, TokenEntry>,
        balances: Mapping<AccountId, u32>,
        owned: Mapping<(AccountId, u32), Id>,
        all: Mapping<u128, Id>,
        token_approvals: Mapping<Id, AccountId>,
        operators: Mapping<(AccountId, AccountId), ()>,
    }

    impl PSP34Data {
        /// Number of tokens in existence.
        pub fn total_supply(&self) -> u128 {
            self.total_supply
        }

        /// How many tokens `owner` holds.
        pub fn balance_of(&self, owner: AccountId) -> u32 {
            self.balances.get(owner).unwrap_or_default()
        }

        /// The owner of `id`.
        pub fn owner_of(&self, id: &Id) -> Option<AccountId> {
            self.entry(id).map(|entry| entry.owner)
        }

        /// The ledger entry of `id`; ids too long to exist are not looked up.
        fn entry(&self, id: &Id) -> Option<TokenEntry> {
            if super::id_too_long(id) {
                return None;
            }
            self.tokens.get(id)
        }

        /// Whether `operator` may move `owner`'s token `id` (all tokens when `None`).
        pub fn allowance(&self, owner: AccountId, operator: AccountId, id: Option<&Id>) -> bool {
            if self.operators.contains((owner, operator)) {
                return true;
            }
            id.is_some_and(|id| {
                self.owner_of(id) == Some(owner) && self.token_approvals.get(id) == Some(operator)
            })
        }

        /// The `index`-th token of `owner`.
        pub fn owners_token_by_index(
            &self,
            owner: AccountId,
            index: u128,
        ) -> Result<Id, PSP34Error> {
            u32::try_from(index)
                .ok()
                .and_then(|index| self.owned.get((owner, index)))
                .ok_or(PSP34Error::TokenNotExists)
        }

        /// The `index`-th token of the collection.
        pub fn token_by_index(&self, index: u128) -> Result<Id, PSP34Error> {
            self.all.get(index).ok_or(PSP34Error::TokenNotExists)
        }

        /// `caller` approves (or withdraws) `operator` for token `id`, or for all its tokens.
        pub fn approve(
            &mut self,
            caller: AccountId,
            operator: AccountId,
            id: Option<Id>,
            approved: bool,
        ) -> Result<Vec<PSP34Event>, PSP34Error> {
            if operator == caller {
                return Err(PSP34Error::SelfApprove);
            }
            let owner = match &id {
                None => {
                    if approved {
                        self.operators.insert((caller, operator), &());
                    } else {
                        self.operators.remove((caller, operator));
                    }
                    caller
                }
                Some(id) => {
                    let owner = self.owner_of(id).ok_or(PSP34Error::TokenNotExists)?;
                    if owner != caller && !self.operators.contains((owner, caller)) {
                        return Err(PSP34Error::NotApproved);
                    }
                    if approved {
                        self.token_approvals.insert(id, &operator);
                    } else if self.token_approvals.get(id) == Some(operator) {
                        self.token_approvals.remove(id);
                    }
                    owner
                }
            };
            Ok(ink::prelude::vec![PSP34Event::Approval(Approval {
                owner,
                operator,
                id,
                approved,
            })])
        }

        /// `caller` (owner or approved) moves token `id` to `to`. Moving a token to its owner
        /// succeeds without change or event.
        pub fn transfer(
            &mut self,
            caller: AccountId,
            to: AccountId,
            id: Id,
        ) -> Result<Vec<PSP34Event>, PSP34Error> {
            let entry = self.entry(&id).ok_or(PSP34Error::TokenNotExists)?;
            let owner = entry.owner;
            if caller != owner && !self.allowance(owner, caller, Some(&id)) {
                return Err(PSP34Error::NotApproved);
            }
            if to == owner {
                return Ok(Vec::new());
            }
            self.token_approvals.remove(&id);
            self.remove_from_owner(owner, entry.owner_index)?;
            let owner_index = self.push_to_owner(to, &id)?;
            self.tokens.insert(
                &id,
                &TokenEntry {
                    owner: to,
                    owner_index,
                    global_index: entry.global_index,
                },
            );
            Ok(ink::prelude::vec![PSP34Event::Transfer(Transfer {
                from: Some(owner),
                to: Some(to),
                id,
            })])
        }

        /// Creates token `id` for `to`. The caller checks who may mint.
        pub fn mint(&mut self, to: AccountId, id: Id) -> Result<Vec<PSP34Event>, PSP34Error> {
            if super::id_too_long(&id) {
                return Err(PSP34Error::custom(PSP34Error::ID_TOO_LONG));
            }
            if self.tokens.contains(&id) {
                return Err(PSP34Error::TokenExists);
            }
            let global_index = self.total_supply;
            self.total_supply = global_index.checked_add(1).ok_or(PSP34Error::TokenExists)?;
            self.all.insert(global_index, &id);
            let owner_index = self.push_to_owner(to, &id)?;
            self.tokens.insert(
                &id,
                &TokenEntry {
                    owner: to,
                    owner_index,
                    global_index,
                },
            );
            Ok(ink::prelude::vec![PSP34Event::Transfer(Transfer {
                from: None,
                to: Some(to),
                id,
            })])
        }

        /// `caller` (the owner or an approved operator) destroys `from`'s token `id`.
        pub fn burn(
            &mut self,
            caller: AccountId,
            from: AccountId,
            id: Id,
        ) -> Result<Vec<PSP34Event>, PSP34Error> {
            let entry = self.entry(&id).ok_or(PSP34Error::TokenNotExists)?;
            if entry.owner != from {
                return Err(PSP34Error::TokenNotExists);
            }
            if caller != from && !self.allowance(from, caller, Some(&id)) {
                return Err(PSP34Error::NotApproved);
            }
            self.token_approvals.remove(&id);
            self.remove_from_owner(from, entry.owner_index)?;
            // Swap the last token of the global list into the burnt token's place.
            let last = self
                .total_supply
                .checked_sub(1)
                .ok_or(PSP34Error::TokenNotExists)?;
            if entry.global_index != last {
                let moved = self.all.get(last).ok_or(PSP34Error::TokenNotExists)?;
                let mut moved_entry = self.tokens.get(&moved).ok_or(PSP34Error::TokenNotExists)?;
                moved_entry.global_index = entry.global_index;
                self.tokens.insert(&moved, &moved_entry);
                self.all.insert(entry.global_index, &moved);
            }
            self.all.remove(last);
            self.total_supply = last;
            self.tokens.remove(&id);
            Ok(ink::prelude::vec![PSP34Event::Transfer(Transfer {
                from: Some(from),
                to: None,
                id,
            })])
        }

        /// Appends `id` to `owner`'s list; returns its position.
        fn push_to_owner(&mut self, owner: AccountId, id: &Id) -> Result<u32, PSP34Error> {
            let index = self.balance_of(owner);
            let balance = index.checked_add(1).ok_or(PSP34Error::TokenExists)?;
            self.owned.insert((owner, index), id);
            self.balances.insert(owner, &balance);
            Ok(index)
        }

        /// Removes position `index` from `owner`'s list, moving the last entry into the gap.
        fn remove_from_owner(&mut self, owner: AccountId, index: u32) -> Result<(), PSP34Error> {
            let last = self
                .balance_of(owner)
                .checked_sub(1)
                .ok_or(PSP34Error::TokenNotExists)?;
            if index != last {
                let moved = self
                    .owned
                    .get((owner, last))
                    .ok_or(PSP34Error::TokenNotExists)?;
                let mut moved_entry = self.tokens.get(&moved).ok_or(PSP34Error::TokenNotExists)?;
                moved_entry.owner_index = index;
                self.tokens.insert(&moved, &moved_entry);
                self.owned.insert((owner, index), &moved);
            }
            self.owned.remove((owner, last));
            if last == 0 {
                self.balances.remove(owner);
            } else {
                self.balances.insert(owner, &last);
            }
            Ok(())
        }
    }
}
