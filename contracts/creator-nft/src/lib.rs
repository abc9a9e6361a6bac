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

pub use types::*;

/// The collection's public types, outside the contract module so that off-chain code (tests,
/// tools) can use them without building the contract.
mod types {
    // parity-scale-codec's enum derive trips `cast_possible_truncation`; see `psp::psp22`.
    #![allow(clippy::cast_possible_truncation)]
    use ink::primitives::AccountId;
    use psp::{PSP22Error, PSP34Error};

    /// Why a collection message was refused. Every refusal leaves no trace.
    #[derive(Debug, PartialEq, Eq, Clone)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum CollectionError {
        /// The caller lacks the role the message needs.
        MissingRole,
        /// No drop is configured, or it was ended.
        NoActiveDrop,
        /// The drop's window has not opened yet.
        NotStarted,
        /// The drop's window has closed.
        Ended,
        /// `quantity` is zero.
        ZeroQuantity,
        /// More items than one call may buy.
        OverCallLimit,
        /// Fewer items are left in the drop than asked for.
        SoldOut,
        /// The buyer would exceed its cap for this drop (per-account or allowlist allowance).
        OverAccountLimit,
        /// The allowlist proof does not match the drop's root.
        NotAllowlisted,
        /// The drop configuration is inconsistent (empty window, zero caps).
        InvalidDrop,
        /// Proceeds shares do not sum to 10,000 basis points.
        InvalidShares,
        /// Royalty above 10,000 basis points.
        InvalidRoyalty,
        /// Attribute key or value too long, or no such token.
        InvalidAttribute,
        /// The price of the purchase does not fit in a `u128`.
        Overflow,
        /// The payment token refused the transfer (e.g. insufficient balance or allowance).
        Payment(PSP22Error),
        /// The payment token could not be called or answered nonsense.
        PaymentCallFailed,
        /// The NFT ledger refused (e.g. an id already exists).
        Token(PSP34Error),
    }

    /// What an admin sets for a drop.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct DropConfig {
        /// The PSP22 token buyers pay with (the creator's token).
        pub payment_token: AccountId,
        /// Price of one item, in the payment token's smallest unit (0 makes a free claim).
        pub price: u128,
        /// First timestamp at which `buy` works.
        pub start: u64,
        /// First timestamp at which `buy` no longer works.
        pub end: u64,
        /// How many items the drop sells in all.
        pub max_supply: u32,
        /// How many items one account may buy in the drop.
        pub max_per_account: u32,
        /// How many items one `buy` call may buy.
        pub max_per_call: u32,
        /// Merkle root of `(account, allowance)` leaves; `None` lets anyone buy.
        pub allowlist_root: Option<[u8; 32]>,
    }

    /// A configured drop and how far it has sold.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Drop {
        /// Increases with every `configure_drop`; per-account counts are kept per drop.
        pub id: u32,
        /// The configuration.
        pub config: DropConfig,
        /// Items sold so far.
        pub sold: u32,
    }

    /// Where sale proceeds go.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Proceeds {
        /// The creator's treasury.
        pub treasury: AccountId,
        /// The reward distributor, sharing with stakers.
        pub distributor: AccountId,
        /// The distributor's share in basis points; the treasury gets the rest.
        pub distributor_bps: u16,
    }

    /// Royalty for secondary sales (EIP-2981 style).
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Royalty {
        /// Who receives royalties.
        pub receiver: AccountId,
        /// The royalty in basis points of the sale price.
        pub bps: u16,
    }

    /// Emitted when an admin configures (or replaces) the drop.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct DropConfigured {
        #[ink(topic)]
        pub drop_id: u32,
        pub config: DropConfig,
    }

    /// Emitted when an admin ends the drop early.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct DropEnded {
        #[ink(topic)]
        pub drop_id: u32,
        pub sold: u32,
    }

    /// Emitted when a fan buys items; `Transfer` events name the ids.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct Purchased {
        #[ink(topic)]
        pub buyer: AccountId,
        #[ink(topic)]
        pub drop_id: u32,
        pub quantity: u32,
        pub first_id: u64,
        /// Paid to the treasury.
        pub treasury_amount: u128,
        /// Paid to the reward distributor.
        pub distributor_amount: u128,
    }

    /// Emitted when the proceeds split changes.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct ProceedsChanged {
        pub proceeds: Proceeds,
    }

    /// Emitted when the royalty changes.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct RoyaltyChanged {
        pub royalty: Royalty,
    }
}

#[ink::contract]
mod creator_nft {
    use super::{
        CollectionError, Drop, DropConfig, DropConfigured, DropEnded, Proceeds, ProceedsChanged,
        Purchased, Royalty, RoyaltyChanged,
    };
    use ink::{
        env::call::{build_call, ExecutionInput, Selector},
        prelude::{string::String, vec::Vec},
        storage::{Lazy, Mapping},
    };
    use psp::upgrade::{PendingUpgrade, UpgradeError, UpgradeTimelock, Upgradeable, Upgraded};
    use psp::{
        merkle, psp34::AttributeSet, AccessControl, AccessControlError, Id, Ownable, OwnableError,
        Ownership, PSP22Error, PSP34Burnable, PSP34Data, PSP34Enumerable, PSP34Error, PSP34Event,
        PSP34Metadata, PSP34Mintable, RoleType, Roles, DEFAULT_ADMIN_ROLE, MINTER, PSP34,
    };

    /// The basis-point denominator: 10,000 = 100 %.
    pub const BPS: u16 = 10_000;
    /// The longest attribute key.
    pub const MAX_ATTRIBUTE_KEY: usize = 32;
    /// The longest attribute value.
    pub const MAX_ATTRIBUTE_VALUE: usize = 1_024;

    /// An attribute's address: the item (or collection) id and the key.
    type AttributeKey = (Id, Vec<u8>);

    #[ink(storage)]
    pub struct CreatorNft {
        nft: PSP34Data,
        ownership: Ownership,
        roles: Roles,
        attributes: Mapping<AttributeKey, Vec<u8>>,
        drop: Lazy<Drop>,
        bought: Mapping<(u32, AccountId), u32>,
        next_drop_id: u32,
        next_item: u64,
        proceeds: Lazy<Proceeds>,
        royalty: Lazy<Royalty>,
        upgrades: UpgradeTimelock,
    }

    impl CreatorNft {
        /// Creates the collection. `admin` gets every role and ownership, and is the initial
        /// treasury and royalty receiver (royalty 0 %, all proceeds to the treasury).
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
            };
            for role in [DEFAULT_ADMIN_ROLE, MINTER] {
                let event = collection.roles.setup(role, admin);
                collection.env().emit_event(event);
            }
            collection.env().emit_event(ownership_event);
            let id = collection.collection_id();
            for (key, value) in [
                (&b"name"[..], name),
                (&b"symbol"[..], symbol),
                (&b"baseURI"[..], base_uri),
            ] {
                collection.store_attribute(id.clone(), key.to_vec(), value.into_bytes());
            }
            collection.proceeds.set(&Proceeds {
                treasury: admin,
                distributor: admin,
                distributor_bps: 0,
            });
            collection.royalty.set(&Royalty {
                receiver: admin,
                bps: 0,
            });
            collection
        }

        /// Opens a new drop (replacing any current one; per-account counts start afresh).
        /// Admin only. `InvalidDrop` if `start >= end` or any cap is zero.
        #[ink(message)]
        pub fn configure_drop(&mut self, config: DropConfig) -> Result<u32, CollectionError> {
            self.ensure_admin()?;
            if config.start >= config.end
                || config.max_supply == 0
                || config.max_per_account == 0
                || config.max_per_call == 0
            {
                return Err(CollectionError::InvalidDrop);
            }
            let id = self.next_drop_id;
            self.next_drop_id = id.checked_add(1).ok_or(CollectionError::Overflow)?;
            self.drop.set(&Drop {
                id,
                config: config.clone(),
                sold: 0,
            });
            self.env().emit_event(DropConfigured {
                drop_id: id,
                config,
            });
            Ok(id)
        }

        /// Ends the current drop now. Admin only.
        #[ink(message)]
        pub fn end_drop(&mut self) -> Result<(), CollectionError> {
            self.ensure_admin()?;
            let drop = self.drop.get().ok_or(CollectionError::NoActiveDrop)?;
            self.drop.set(&Drop {
                config: DropConfig {
                    end: self.env().block_timestamp(),
                    ..drop.config
                },
                ..drop
            });
            self.env().emit_event(DropEnded {
                drop_id: drop.id,
                sold: drop.sold,
            });
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

        /// Buys `quantity` items of the current drop for the caller, paying
        /// `quantity * price` of the drop's payment token, split between the treasury and the
        /// reward distributor. The caller must have approved the collection for that amount.
        /// With an allowlist, `allowance` and `proof` are the caller's leaf and Merkle proof
        /// (otherwise pass 0 and an empty proof). Returns the minted ids.
        #[ink(message)]
        pub fn buy(
            &mut self,
            quantity: u32,
            allowance: u32,
            proof: Vec<[u8; 32]>,
        ) -> Result<Vec<Id>, CollectionError> {
            let buyer = self.env().caller();
            let mut drop = self.drop.get().ok_or(CollectionError::NoActiveDrop)?;
            let config = &drop.config;
            let now = self.env().block_timestamp();
            if now < config.start {
                return Err(CollectionError::NotStarted);
            }
            if now >= config.end {
                return Err(CollectionError::Ended);
            }
            if quantity == 0 {
                return Err(CollectionError::ZeroQuantity);
            }
            if quantity > config.max_per_call {
                return Err(CollectionError::OverCallLimit);
            }
            let sold = drop
                .sold
                .checked_add(quantity)
                .filter(|sold| *sold <= config.max_supply)
                .ok_or(CollectionError::SoldOut)?;
            let mut account_cap = config.max_per_account;
            if let Some(root) = &config.allowlist_root {
                if !merkle::verify(root, merkle::leaf(&(buyer, allowance)), &proof) {
                    return Err(CollectionError::NotAllowlisted);
                }
                account_cap = account_cap.min(allowance);
            }
            let bought = self
                .bought_in_drop(drop.id, buyer)
                .checked_add(quantity)
                .filter(|bought| *bought <= account_cap)
                .ok_or(CollectionError::OverAccountLimit)?;
            let total_price = config
                .price
                .checked_mul(Balance::from(quantity))
                .ok_or(CollectionError::Overflow)?;
            let payment_token = config.payment_token;

            // Effects: count the sale and mint, then pull the payment; a failed payment
            // returns an error, which reverts everything above.
            drop.sold = sold;
            self.bought.insert((drop.id, buyer), &bought);
            let drop_id = drop.id;
            self.drop.set(&drop);
            let mut first_id = None;
            let mut ids = Vec::new();
            for _ in 0..quantity {
                let item = self.next_free_item();
                first_id.get_or_insert(item);
                let events = self
                    .nft
                    .mint(buyer, Id::U64(item))
                    .map_err(CollectionError::Token)?;
                self.emit(events);
                ids.push(Id::U64(item));
                self.next_item = item.checked_add(1).ok_or(CollectionError::Overflow)?;
            }
            let (treasury_amount, distributor_amount) =
                self.pay(payment_token, buyer, total_price)?;
            self.env().emit_event(Purchased {
                buyer,
                drop_id,
                quantity,
                first_id: first_id.unwrap_or_default(),
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
            if treasury_bps.checked_add(distributor_bps) != Some(BPS) {
                return Err(CollectionError::InvalidShares);
            }
            let proceeds = Proceeds {
                treasury,
                distributor,
                distributor_bps,
            };
            self.proceeds.set(&proceeds);
            self.env().emit_event(ProceedsChanged { proceeds });
            Ok(())
        }

        /// The royalty on a secondary sale of item `id` at `sale_price`: who receives it and
        /// how much (EIP-2981 style; the same for every item).
        #[ink(message)]
        pub fn royalty_info(&self, id: Id, sale_price: Balance) -> (AccountId, Balance) {
            let _ = id;
            let royalty = self.royalty.get().unwrap_or(Royalty {
                receiver: self.default_proceeds().treasury,
                bps: 0,
            });
            let amount = psp::math::mul_div_floor(
                sale_price,
                Balance::from(royalty.bps),
                Balance::from(BPS),
            )
            .unwrap_or_default();
            (royalty.receiver, amount)
        }

        /// Sets the royalty receiver and rate. Admin only; at most 10,000 basis points.
        #[ink(message)]
        pub fn set_royalty(
            &mut self,
            receiver: AccountId,
            bps: u16,
        ) -> Result<(), CollectionError> {
            self.ensure_admin()?;
            if bps > BPS {
                return Err(CollectionError::InvalidRoyalty);
            }
            let royalty = Royalty { receiver, bps };
            self.royalty.set(&royalty);
            self.env().emit_event(RoyaltyChanged { royalty });
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

        fn store_attribute(&mut self, id: Id, key: Vec<u8>, data: Vec<u8>) {
            self.attributes.insert((&id, &key), &data);
            self.env().emit_event(AttributeSet { id, key, data });
        }

        fn default_proceeds(&self) -> Proceeds {
            let admin = self.ownership.owner().unwrap_or(self.env().account_id());
            Proceeds {
                treasury: admin,
                distributor: admin,
                distributor_bps: 0,
            }
        }

        /// The first sequential item number not taken (items minted by hand are skipped).
        fn next_free_item(&self) -> u64 {
            let mut item = self.next_item;
            while self.nft.owner_of(&Id::U64(item)).is_some() {
                item = item.saturating_add(1);
            }
            item
        }

        /// Pulls `total` of `token` from `buyer` to the treasury and the distributor.
        fn pay(
            &self,
            token: AccountId,
            buyer: AccountId,
            total: Balance,
        ) -> Result<(Balance, Balance), CollectionError> {
            let proceeds = self.proceeds();
            let to_distributor = psp::math::mul_div_floor(
                total,
                Balance::from(proceeds.distributor_bps),
                Balance::from(BPS),
            )
            .ok_or(CollectionError::Overflow)?;
            // Cannot underflow: the distributor's share is at most the total.
            let to_treasury = total.saturating_sub(to_distributor);
            for (recipient, amount) in [
                (proceeds.treasury, to_treasury),
                (proceeds.distributor, to_distributor),
            ] {
                if amount > 0 {
                    self.transfer_from(token, buyer, recipient, amount)?;
                }
            }
            Ok((to_treasury, to_distributor))
        }

        /// `PSP22::transfer_from(from, to, value, [])` on `token`, every failure typed.
        fn transfer_from(
            &self,
            token: AccountId,
            from: AccountId,
            to: AccountId,
            value: Balance,
        ) -> Result<(), CollectionError> {
            // Calling itself would be refused by the runtime as re-entrance, a trap.
            if token == self.env().account_id() {
                return Err(CollectionError::PaymentCallFailed);
            }
            build_call::<Environment>()
                .call(token)
                .exec_input(
                    ExecutionInput::new(Selector::new(ink::selector_bytes!(
                        "PSP22::transfer_from"
                    )))
                    .push_arg(from)
                    .push_arg(to)
                    .push_arg(value)
                    .push_arg(Vec::<u8>::new()),
                )
                .returns::<Result<(), PSP22Error>>()
                .try_invoke()
                .map_err(|_| CollectionError::PaymentCallFailed)?
                .map_err(|_| CollectionError::PaymentCallFailed)?
                .map_err(CollectionError::Payment)
        }

        fn emit(&self, events: Vec<PSP34Event>) {
            for event in events {
                match event {
                    PSP34Event::Transfer(event) => self.env().emit_event(event),
                    PSP34Event::Approval(event) => self.env().emit_event(event),
                }
            }
        }

        fn ensure_admin(&self) -> Result<(), CollectionError> {
            self.roles
                .check(DEFAULT_ADMIN_ROLE, self.env().caller())
                .map_err(|_| CollectionError::MissingRole)
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
            let events = self
                .nft
                .approve(self.env().caller(), operator, id, approved)?;
            self.emit(events);
            Ok(())
        }

        /// Moves item `id` to `to`; the caller must own it or be approved. `data` is ignored.
        /// Moving an item to its owner succeeds without change.
        #[ink(message)]
        fn transfer(&mut self, to: AccountId, id: Id, data: Vec<u8>) -> Result<(), PSP34Error> {
            let _ = data;
            let events = self.nft.transfer(self.env().caller(), to, id)?;
            self.emit(events);
            Ok(())
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
            let events = self.nft.mint(account, id)?;
            self.emit(events);
            Ok(())
        }
    }

    impl PSP34Burnable for CreatorNft {
        /// Burns `account`'s item `id`. The owner, or an operator approved for the item.
        #[ink(message)]
        fn burn(&mut self, account: AccountId, id: Id) -> Result<(), PSP34Error> {
            let events = self.nft.burn(self.env().caller(), account, id)?;
            self.emit(events);
            Ok(())
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
            let event = self.ownership.renounce(self.env().caller())?;
            self.env().emit_event(event);
            Ok(())
        }

        /// Hands ownership to `new_owner`. Owner only; `None` is refused.
        #[ink(message)]
        fn transfer_ownership(&mut self, new_owner: Option<AccountId>) -> Result<(), OwnableError> {
            let event = self.ownership.transfer(self.env().caller(), new_owner)?;
            self.env().emit_event(event);
            Ok(())
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
            let _ = role;
            DEFAULT_ADMIN_ROLE
        }

        /// Gives `role` to `account`. Admin only.
        #[ink(message)]
        fn grant_role(
            &mut self,
            role: RoleType,
            account: Option<AccountId>,
        ) -> Result<(), AccessControlError> {
            let event = self.roles.grant(self.env().caller(), role, account)?;
            self.env().emit_event(event);
            Ok(())
        }

        /// Takes `role` from `account`. Admin only.
        #[ink(message)]
        fn revoke_role(
            &mut self,
            role: RoleType,
            account: Option<AccountId>,
        ) -> Result<(), AccessControlError> {
            let event = self.roles.revoke(self.env().caller(), role, account)?;
            self.env().emit_event(event);
            Ok(())
        }

        /// The caller gives up its own `role`; `account` must be the caller.
        #[ink(message)]
        fn renounce_role(
            &mut self,
            role: RoleType,
            account: Option<AccountId>,
        ) -> Result<(), AccessControlError> {
            let event = self.roles.renounce(self.env().caller(), role, account)?;
            self.env().emit_event(event);
            Ok(())
        }
    }
    impl Upgradeable for CreatorNft {
        /// Proposes moving to `code_hash`, executable after 48 hours (fans see it coming).
        /// Admin only; replaces an earlier proposal.
        #[ink(message)]
        fn propose_upgrade(&mut self, code_hash: Hash) -> Result<(), UpgradeError> {
            self.roles
                .check(DEFAULT_ADMIN_ROLE, self.env().caller())
                .map_err(|_| UpgradeError::MissingRole)?;
            let event = self
                .upgrades
                .propose(code_hash, self.env().block_timestamp());
            self.env().emit_event(event);
            Ok(())
        }

        /// Moves to the proposed code once its delay has passed; storage stays. Admin only.
        #[ink(message)]
        fn execute_upgrade(&mut self) -> Result<(), UpgradeError> {
            self.roles
                .check(DEFAULT_ADMIN_ROLE, self.env().caller())
                .map_err(|_| UpgradeError::MissingRole)?;
            let code_hash = self.upgrades.take_ready(self.env().block_timestamp())?;
            self.env()
                .set_code_hash(&code_hash)
                .map_err(|_| UpgradeError::SetCodeHashFailed)?;
            self.env().emit_event(Upgraded { code_hash });
            Ok(())
        }

        /// Withdraws the proposed upgrade. Admin only.
        #[ink(message)]
        fn cancel_upgrade(&mut self) -> Result<(), UpgradeError> {
            self.roles
                .check(DEFAULT_ADMIN_ROLE, self.env().caller())
                .map_err(|_| UpgradeError::MissingRole)?;
            let event = self.upgrades.cancel()?;
            self.env().emit_event(event);
            Ok(())
        }

        /// The proposed upgrade and when it can be executed, if any.
        #[ink(message)]
        fn pending_upgrade(&self) -> Option<PendingUpgrade> {
            self.upgrades.pending()
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use ink::env::{
            test::{self, DefaultAccounts},
            DefaultEnvironment,
        };
        use psp::testing::emitted as decode_all;
        use psp::{
            merkle::{self, MerkleTree},
            psp34::{Approval, Transfer},
        };

        fn accounts() -> DefaultAccounts<DefaultEnvironment> {
            test::default_accounts::<DefaultEnvironment>()
        }

        fn set_caller(account: AccountId) {
            test::set_caller::<DefaultEnvironment>(account);
        }

        fn set_time(timestamp: Timestamp) {
            test::set_block_timestamp::<DefaultEnvironment>(timestamp);
        }

        fn collection() -> CreatorNft {
            set_caller(accounts().alice);
            CreatorNft::new(
                "Mira Drops".into(),
                "MIRAD".into(),
                "ipfs://drops/".into(),
                accounts().alice,
            )
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
            assert!(
                nft.has_role(DEFAULT_ADMIN_ROLE, Some(alice)) && nft.has_role(MINTER, Some(alice))
            );
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
            assert_eq!(nft.buy(1, 0, vec![]), Err(CollectionError::NoActiveDrop));
            assert_eq!(nft.configure_drop(free_drop(5, 3, 2, None)), Ok(0));
            set_caller(bob);
            set_time(99);
            assert_eq!(nft.buy(1, 0, vec![]), Err(CollectionError::NotStarted));
            set_time(100);
            assert_eq!(nft.buy(0, 0, vec![]), Err(CollectionError::ZeroQuantity));
            assert_eq!(nft.buy(3, 0, vec![]), Err(CollectionError::OverCallLimit));
            assert_eq!(nft.buy(2, 0, vec![]), Ok(ids(1..=2)));
            assert_eq!(
                nft.buy(2, 0, vec![]),
                Err(CollectionError::OverAccountLimit)
            );
            assert_eq!(nft.buy(1, 0, vec![]), Ok(ids(3..=3)));
            set_caller(charlie);
            assert_eq!(nft.buy(2, 0, vec![]), Ok(ids(4..=5)));
            assert_eq!(nft.buy(1, 0, vec![]), Err(CollectionError::SoldOut));
            set_time(200);
            assert_eq!(nft.buy(1, 0, vec![]), Err(CollectionError::Ended));
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
            assert_eq!(nft.buy(2, 0, vec![]), Ok(vec![Id::U64(7), Id::U64(8)]));
            set_caller(alice);
            assert_eq!(nft.end_drop(), Ok(()));
            set_caller(bob);
            assert_eq!(nft.buy(1, 0, vec![]), Err(CollectionError::Ended));
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
                nft.buy(1, 3, bob_proof.clone()),
                Err(CollectionError::NotAllowlisted),
                "claims more"
            );
            assert_eq!(nft.buy(1, 2, vec![]), Err(CollectionError::NotAllowlisted));
            assert_eq!(
                nft.buy(3, 2, bob_proof.clone()),
                Err(CollectionError::OverAccountLimit)
            );
            assert_eq!(nft.buy(2, 2, bob_proof.clone()), Ok(ids(1..=2)));
            set_caller(django);
            assert_eq!(
                nft.buy(1, 2, bob_proof),
                Err(CollectionError::NotAllowlisted),
                "bob's proof"
            );
            set_caller(charlie);
            assert_eq!(nft.buy(1, 1, tree.proof(1).expect("proof")), Ok(ids(3..=3)));
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
            assert_eq!(decode_all::<ProceedsChanged>().len(), 1);
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
    }
}
