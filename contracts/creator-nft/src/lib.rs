//! # Creator NFT collection
//!
//! A creator's collection of digital items: a standard, enumerable PSP34 that marketplaces and
//! wallets read blindly, plus **drops sold for the creator's own PSP22 token**.
//!
//! * Roles (OpenBrush `AccessControl`): `DEFAULT_ADMIN_ROLE` configures drops, the proceeds
//!   split, royalties and attributes, and grants roles; `MINTER` mints items by hand. The
//!   `admin` given at construction holds both and is the `Ownable` owner.
//! * A drop sells `Id::U64` items with sequential numbers (skipping ids minted by hand) for a
//!   unit price in a PSP22 token, inside a time window, under a total cap, a per-account cap, a
//!   per-call cap and an optional Merkle allowlist. `buy` pulls the payment straight from the
//!   buyer to the creator's treasury and the reward distributor with
//!   `PSP22::transfer_from` (the buyer approves the collection first); if any payment fails,
//!   nothing is minted.
//! * Allowlist leaves are `blake2_256(blake2_256(SCALE((account, allowance))))`, pairs sorted
//!   (see `psp::merkle`); `allowance` caps what that account may buy in the drop.
//! * Item metadata lives at `baseURI` + id (collection attribute `baseURI`); per-item
//!   attributes can be set by the admin.
//! * Fans' creations (`mint_creation`, called by the creation-mining contract as `MINTER`):
//!   the item's id is `Id::Bytes` of its content hash, so the same content is never minted
//!   twice; the fan is recorded as its creator (`creator_of`), and is its royalty receiver at
//!   the collection's rate.
//! * Times are the chain's block timestamps (milliseconds on pallet-timestamp chains).
#![cfg_attr(not(feature = "std"), no_std, no_main)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

pub mod drop;
mod store;
mod types;

pub use types::*;

#[ink::contract]
mod creator_nft {
    use super::{
        CollectionError, CreationMinted, Drop, DropConfig, DropConfigured, Proceeds,
        ProceedsChanged, Purchased, Royalty, RoyaltyChanged, MAX_ATTRIBUTE_KEY,
        MAX_ATTRIBUTE_VALUE,
    };
    use ink::{
        prelude::{string::String, vec::Vec},
        storage::{Lazy, Mapping},
    };
    use psp::upgrade::{PendingUpgrade, UpgradeError, UpgradeTimelock, Upgradeable};
    use psp::{
        AccessControl, AccessControlError, Id, Ownable, OwnableError, Ownership, PSP34Burnable,
        PSP34Data, PSP34Enumerable, PSP34Error, PSP34Metadata, PSP34Mintable, RoleType, Roles,
        DEFAULT_ADMIN_ROLE, MINTER, PSP34,
    };

    /// An attribute's address: the item (or collection) id and the key.
    pub(crate) type AttributeKey = (Id, Vec<u8>);

    /// The fields are `pub(crate)` only so that `store.rs` can hold the internals.
    #[ink(storage)]
    pub struct CreatorNft {
        pub(crate) nft: PSP34Data,
        pub(crate) ownership: Ownership,
        pub(crate) roles: Roles,
        pub(crate) attributes: Mapping<AttributeKey, Vec<u8>>,
        pub(crate) drop: Lazy<Drop>,
        pub(crate) bought: Mapping<(u32, AccountId), u32>,
        pub(crate) next_drop_id: u32,
        pub(crate) next_item: u64,
        pub(crate) proceeds: Lazy<Proceeds>,
        pub(crate) royalty: Lazy<Royalty>,
        pub(crate) upgrades: UpgradeTimelock,
        /// The fan who made each creation (`mint_creation`): its royalty receiver.
        pub(crate) creators: Mapping<Id, AccountId>,
    }

    impl CreatorNft {
        /// Creates the collection. `admin` gets every role and ownership, and is the initial
        /// treasury (all proceeds to it). Until `set_royalty`, the royalty is 0 % to whoever
        /// is the treasury, so a factory that hands the proceeds to the creator hands the
        /// royalty over with them.
        #[ink(constructor)]
        pub fn new(name: String, symbol: String, base_uri: String, admin: AccountId) -> Self {
            let (ownership, ownership_event) = Ownership::new(admin);
            let mut collection = Self {
                nft: PSP34Data::default(),
                ownership,
                roles: Roles::default(),
                upgrades: UpgradeTimelock::default(),
                attributes: Mapping::default(),
                drop: Lazy::default(),
                bought: Mapping::default(),
                next_drop_id: 0,
                next_item: 1,
                proceeds: Lazy::default(),
                royalty: Lazy::default(),
                creators: Mapping::default(),
            };
            for role in [DEFAULT_ADMIN_ROLE, MINTER] {
                psp::emit(collection.roles.setup(role, admin));
            }
            psp::emit(ownership_event);
            let id = collection.collection_id();
            for (key, value) in [
                (&b"name"[..], name),
                (&b"symbol"[..], symbol),
                (&b"baseURI"[..], base_uri),
            ] {
                collection.store_attribute(id.clone(), key.to_vec(), value.into_bytes());
            }
            collection.proceeds.set(&Proceeds::all_to(admin));
            collection
        }

        /// Opens a new drop under a new id (replacing any current one, which ends with a
        /// `DropEnded`; per-account counts start afresh). Admin only. `InvalidDrop` if
        /// `start >= end` or any cap is zero.
        #[ink(message)]
        pub fn configure_drop(&mut self, config: DropConfig) -> Result<u32, CollectionError> {
            self.ensure_admin()?;
            config.check()?;
            let drop_id = self.next_drop_id;
            self.next_drop_id = drop_id.checked_add(1).ok_or(CollectionError::Overflow)?;
            if let Some(replaced) = self.drop.get() {
                if !replaced.has_ended(self.env().block_timestamp()) {
                    psp::emit(replaced.ended_event());
                }
            }
            self.drop.set(&Drop::open(drop_id, config.clone()));
            psp::emit(DropConfigured { drop_id, config });
            Ok(drop_id)
        }

        /// Ends the current drop now. Admin only.
        #[ink(message)]
        pub fn end_drop(&mut self) -> Result<(), CollectionError> {
            self.ensure_admin()?;
            let drop = self.drop.get().ok_or(CollectionError::NoActiveDrop)?;
            let event = drop.ended_event();
            self.drop.set(&drop.ended_at(self.env().block_timestamp()));
            psp::emit(event);
            Ok(())
        }

        /// The current drop with its sales so far, if one was configured.
        #[ink(message)]
        pub fn drop_info(&self) -> Option<Drop> {
            self.drop.get()
        }

        /// How many items `account` bought in drop `drop_id`.
        #[ink(message)]
        pub fn bought_in_drop(&self, drop_id: u32, account: AccountId) -> u32 {
            self.bought.get((drop_id, account)).unwrap_or_default()
        }

        /// Buys `quantity` items of drop `drop_id` (the current one) for the caller, paying
        /// `quantity * price` of the drop's payment token, split between the treasury and the
        /// reward distributor. The caller must have approved the collection for that amount.
        /// `WrongDrop` if the current drop is another one, `PriceAboveMax` if the total is
        /// above `max_total_price`: an admin reconfiguring the drop cannot charge more than
        /// the buyer agreed to. With an allowlist, `allowance` and `proof` are the caller's
        /// leaf and Merkle proof (otherwise pass 0 and an empty proof). Returns the minted ids.
        #[ink(message)]
        pub fn buy(
            &mut self,
            drop_id: u32,
            quantity: u32,
            max_total_price: u128,
            allowance: u32,
            proof: Vec<[u8; 32]>,
        ) -> Result<Vec<Id>, CollectionError> {
            // Checks: the buyer's terms, then the drop's admission rules (`Drop::admit`).
            let buyer = self.env().caller();
            let mut drop = self.drop.get().ok_or(CollectionError::NoActiveDrop)?;
            drop.expect_id(drop_id)?;
            let already_bought = self.bought_in_drop(drop.id, buyer);
            let now = self.env().block_timestamp();
            let admission = drop
                .admit(now, buyer, quantity, already_bought, allowance, &proof)?
                .within(max_total_price)?;

            // Effects: count the sale and mint, then pull the payment; a failed payment
            // returns an error, which reverts everything above.
            drop.sold = admission.sold;
            self.bought.insert((drop.id, buyer), &admission.bought);
            self.drop.set(&drop);
            let (first_id, ids) = self.mint_sequential(buyer, quantity)?;
            let (treasury_amount, distributor_amount) =
                self.pay(drop.config.payment_token, buyer, admission.total_price)?;
            psp::emit(Purchased {
                buyer,
                drop_id: drop.id,
                quantity,
                first_id,
                treasury_amount,
                distributor_amount,
            });
            Ok(ids)
        }

        /// Where sale proceeds go.
        #[ink(message)]
        pub fn proceeds(&self) -> Proceeds {
            self.proceeds
                .get()
                .unwrap_or_else(|| self.default_proceeds())
        }

        /// Sets the proceeds split: `treasury_bps` to `treasury`, `distributor_bps` to the
        /// reward `distributor`. Admin only; the shares must sum to 10,000.
        #[ink(message)]
        pub fn set_proceeds(
            &mut self,
            treasury: AccountId,
            treasury_bps: u16,
            distributor: AccountId,
            distributor_bps: u16,
        ) -> Result<(), CollectionError> {
            self.ensure_admin()?;
            let proceeds =
                Proceeds::from_shares(treasury, treasury_bps, distributor, distributor_bps)?;
            self.proceeds.set(&proceeds);
            psp::emit(ProceedsChanged { proceeds });
            Ok(())
        }

        /// The royalty on a secondary sale of item `id` at `sale_price`: who receives it and
        /// how much (EIP-2981 style). One rate for every item; the receiver is the fan who
        /// made the item if it is a creation, else the collection's receiver.
        #[ink(message)]
        pub fn royalty_info(&self, id: Id, sale_price: Balance) -> (AccountId, Balance) {
            let royalty = self.royalty.get();
            let royalty = royalty.unwrap_or_else(|| Royalty::none(self.proceeds().treasury));
            let receiver = self.creator_of(id).unwrap_or(royalty.receiver);
            (receiver, royalty.on(sale_price))
        }

        /// Mints a fan's accepted creation to `creator`: item `Id::Bytes(content_hash)`, with
        /// attribute `uri` = `uri` (at most 1,024 bytes), `creator` recorded as the item's
        /// creator and royalty receiver. `MINTER` only (the creation-mining contract). A
        /// content hash minted before is refused (`Token(TokenExists)`), even after a burn.
        #[ink(message)]
        pub fn mint_creation(
            &mut self,
            creator: AccountId,
            content_hash: [u8; 32],
            uri: String,
        ) -> Result<Id, CollectionError> {
            if !self.roles.has(MINTER, self.env().caller()) {
                return Err(CollectionError::MissingRole);
            }
            if uri.len() > MAX_ATTRIBUTE_VALUE {
                return Err(CollectionError::InvalidAttribute);
            }
            let id = Id::Bytes(content_hash.to_vec());
            if self.creators.contains(&id) {
                return Err(CollectionError::Token(PSP34Error::TokenExists));
            }
            self.update(|nft| nft.mint(creator, id.clone()))
                .map_err(CollectionError::Token)?;
            self.creators.insert(&id, &creator);
            self.store_attribute(id.clone(), b"uri".to_vec(), uri.clone().into_bytes());
            psp::emit(CreationMinted {
                creator,
                content_hash,
                uri,
            });
            Ok(id)
        }

        /// The fan who made item `id`, if it is a creation (`mint_creation`).
        #[ink(message)]
        pub fn creator_of(&self, id: Id) -> Option<AccountId> {
            if psp::psp34::id_too_long(&id) {
                return None;
            }
            self.creators.get(id)
        }

        /// Sets the royalty receiver and rate. Admin only; at most 10,000 basis points.
        #[ink(message)]
        pub fn set_royalty(
            &mut self,
            receiver: AccountId,
            bps: u16,
        ) -> Result<(), CollectionError> {
            self.ensure_admin()?;
            let royalty = Royalty::from_bps(receiver, bps)?;
            self.royalty.set(&royalty);
            psp::emit(RoyaltyChanged { royalty });
            Ok(())
        }

        /// Sets attribute `key` of item `id` (or of the collection, under `collection_id()`).
        /// Admin only; keys up to 32 bytes, values up to 1,024 bytes, existing ids only.
        #[ink(message)]
        pub fn set_attribute(
            &mut self,
            id: Id,
            key: Vec<u8>,
            data: Vec<u8>,
        ) -> Result<(), CollectionError> {
            self.ensure_admin()?;
            let exists = id == self.collection_id() || self.nft.owner_of(&id).is_some();
            if !exists || key.len() > MAX_ATTRIBUTE_KEY || data.len() > MAX_ATTRIBUTE_VALUE {
                return Err(CollectionError::InvalidAttribute);
            }
            self.store_attribute(id, key, data);
            Ok(())
        }
    }

    impl PSP34 for CreatorNft {
        /// The collection's id: `Id::Bytes` of the contract's address.
        #[ink(message)]
        fn collection_id(&self) -> Id {
            Id::Bytes(<_ as AsRef<[u8]>>::as_ref(&self.env().account_id()).to_vec())
        }

        /// How many items `owner` holds.
        #[ink(message)]
        fn balance_of(&self, owner: AccountId) -> u32 {
            self.nft.balance_of(owner)
        }

        /// The owner of item `id`, if it exists.
        #[ink(message)]
        fn owner_of(&self, id: Id) -> Option<AccountId> {
            self.nft.owner_of(&id)
        }

        /// Whether `operator` may move `owner`'s item `id` (all items when `id` is `None`).
        #[ink(message)]
        fn allowance(&self, owner: AccountId, operator: AccountId, id: Option<Id>) -> bool {
            self.nft.allowance(owner, operator, id.as_ref())
        }

        /// Lets `operator` move the caller's item `id` (all its items when `None`), or
        /// withdraws that when `approved` is false. An all-items operator may approve single
        /// items of the owner.
        #[ink(message)]
        fn approve(
            &mut self,
            operator: AccountId,
            id: Option<Id>,
            approved: bool,
        ) -> Result<(), PSP34Error> {
            let caller = self.env().caller();
            self.update(|nft| nft.approve(caller, operator, id, approved))
        }

        /// Moves item `id` to `to`; the caller must own it or be approved. `data` is ignored.
        /// Moving an item to its owner succeeds without change.
        #[ink(message)]
        fn transfer(&mut self, to: AccountId, id: Id, data: Vec<u8>) -> Result<(), PSP34Error> {
            let _ = data; // named `data`, not `_data`, so the metadata shows the standard's name
            let caller = self.env().caller();
            self.update(|nft| nft.transfer(caller, to, id))
        }

        /// Number of items in existence.
        #[ink(message)]
        fn total_supply(&self) -> Balance {
            self.nft.total_supply()
        }
    }

    impl PSP34Metadata for CreatorNft {
        /// Attribute `key` of item `id`; the collection's `name`, `symbol` and `baseURI` live
        /// under `collection_id()`.
        #[ink(message)]
        fn get_attribute(&self, id: Id, key: Vec<u8>) -> Option<Vec<u8>> {
            // Longer ids and keys are never stored, and their storage key would exceed the
            // runtime's limit and trap.
            if psp::psp34::id_too_long(&id) || key.len() > MAX_ATTRIBUTE_KEY {
                return None;
            }
            self.attributes.get((id, key))
        }
    }

    impl PSP34Enumerable for CreatorNft {
        /// The `index`-th item of `owner` (OpenBrush's `Result` wire format).
        #[ink(message)]
        fn owners_token_by_index(&self, owner: AccountId, index: u128) -> Result<Id, PSP34Error> {
            self.nft.owners_token_by_index(owner, index)
        }

        /// The `index`-th item of the collection (OpenBrush's `Result` wire format).
        #[ink(message)]
        fn token_by_index(&self, index: u128) -> Result<Id, PSP34Error> {
            self.nft.token_by_index(index)
        }
    }

    impl PSP34Mintable for CreatorNft {
        /// Mints item `id` to `account` outside any drop. `MINTER` only.
        #[ink(message)]
        fn mint(&mut self, account: AccountId, id: Id) -> Result<(), PSP34Error> {
            if !self.roles.has(MINTER, self.env().caller()) {
                return Err(PSP34Error::custom(PSP34Error::MISSING_ROLE));
            }
            self.update(|nft| nft.mint(account, id))
        }
    }

    impl PSP34Burnable for CreatorNft {
        /// Burns `account`'s item `id`. The owner, or an operator approved for the item.
        #[ink(message)]
        fn burn(&mut self, account: AccountId, id: Id) -> Result<(), PSP34Error> {
            let caller = self.env().caller();
            self.update(|nft| nft.burn(caller, account, id))
        }
    }

    impl Ownable for CreatorNft {
        /// The creator's account, `None` once ownership is renounced.
        #[ink(message)]
        fn owner(&self) -> Option<AccountId> {
            self.ownership.owner()
        }

        /// Gives up ownership for good. Owner only.
        #[ink(message)]
        fn renounce_ownership(&mut self) -> Result<(), OwnableError> {
            psp::emit_ok(self.ownership.renounce(self.env().caller()))
        }

        /// Hands ownership to `new_owner`. Owner only; `None` is refused.
        #[ink(message)]
        fn transfer_ownership(&mut self, new_owner: Option<AccountId>) -> Result<(), OwnableError> {
            psp::emit_ok(self.ownership.transfer(self.env().caller(), new_owner))
        }
    }

    impl AccessControl for CreatorNft {
        /// Whether `address` has `role`.
        #[ink(message)]
        fn has_role(&self, role: RoleType, address: Option<AccountId>) -> bool {
            address.is_some_and(|account| self.roles.has(role, account))
        }

        /// The role administering `role`: always `DEFAULT_ADMIN_ROLE` (0).
        #[ink(message)]
        fn get_role_admin(&self, role: RoleType) -> RoleType {
            let _ = role; // named `role` for the metadata: every role has the same admin
            DEFAULT_ADMIN_ROLE
        }

        /// Gives `role` to `account`. Admin only.
        #[ink(message)]
        fn grant_role(
            &mut self,
            role: RoleType,
            account: Option<AccountId>,
        ) -> Result<(), AccessControlError> {
            psp::emit_ok(self.roles.grant(self.env().caller(), role, account))
        }

        /// Takes `role` from `account`. Admin only.
        #[ink(message)]
        fn revoke_role(
            &mut self,
            role: RoleType,
            account: Option<AccountId>,
        ) -> Result<(), AccessControlError> {
            psp::emit_ok(self.roles.revoke(self.env().caller(), role, account))
        }

        /// The caller gives up its own `role`; `account` must be the caller.
        #[ink(message)]
        fn renounce_role(
            &mut self,
            role: RoleType,
            account: Option<AccountId>,
        ) -> Result<(), AccessControlError> {
            psp::emit_ok(self.roles.renounce(self.env().caller(), role, account))
        }
    }

    impl Upgradeable for CreatorNft {
        /// Proposes moving to `code_hash`, executable after 48 hours (fans see it coming).
        /// Admin only; replaces an earlier proposal.
        #[ink(message)]
        fn propose_upgrade(&mut self, code_hash: Hash) -> Result<(), UpgradeError> {
            self.upgrades
                .propose_by(&self.roles, self.env().caller(), code_hash)
        }

        /// Moves to the proposed code once its delay has passed; storage stays. Admin only.
        #[ink(message)]
        fn execute_upgrade(&mut self) -> Result<(), UpgradeError> {
            self.upgrades.execute_by(&self.roles, self.env().caller())
        }

        /// Withdraws the proposed upgrade. Admin only.
        #[ink(message)]
        fn cancel_upgrade(&mut self) -> Result<(), UpgradeError> {
            self.upgrades.cancel_by(&self.roles, self.env().caller())
        }

        /// The proposed upgrade and when it can be executed, if any.
        #[ink(message)]
        fn pending_upgrade(&self) -> Option<PendingUpgrade> {
            self.upgrades.pending()
        }
    }
}

/// The typed reference other contracts instantiate and call this contract through (with the
/// `ink-as-dependency` feature): the factory builds `CreatorNftRef::new(..)`, so a changed
/// constructor is a compile error there.
pub use crate::creator_nft::CreatorNftRef;

// The hot code (`psp::split`): drop purchases, transfers and accepted creations.
psp::split_entry_points!(
    creator_nft::CreatorNft,
    "buy",
    "PSP34::transfer",
    "PSP34::approve",
    "PSP34::owner_of",
    "PSP34::balance_of",
    "PSP34::allowance",
    "royalty_info",
    "mint_creation",
);

#[cfg(test)]
mod tests;
