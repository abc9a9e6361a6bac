//! # Creator factory and registry
//!
//! One call gives a creator a complete, wired economy: `create_creator(params)` instantiates,
//! from code hashes the admin registered, the creator's token, NFT collection, reward
//! distributor, mining pool, vesting wallet, market, proof-of-work contract and creation
//! desk, then wires them:
//!
//! * the vesting wallet receives the creator's allocation (minted once, at creation);
//! * the mining pool and the proof-of-work contract hold the token's `MINTER` role, the market
//!   `MINTER` and `BURNER` (each one's code bounds what it mints); the market sends the
//!   stakers' share of every trade's fee to the distributor;
//! * the collection pays `distributor_bps` of every sale to the distributor, the rest to the
//!   creator;
//! * creation mining: the desk holds the collection's `MINTER` role (it mints accepted
//!   creations) and leads the pool's project 0, "creations", with the budget the creator chose
//!   (it credits their points); the creator is the desk's admin and first curator;
//! * the token, by [`LaunchMode`]: in a **fair launch** (the default) nobody administers it:
//!   the creator holds only `PAUSER` (bounded pauses) and ownership (an identity without
//!   powers), so no account can mint outside the pool, proof of work and the market, burn
//!   another's tokens or upgrade it; in a **custom** launch the creator holds its admin role,
//!   `MINTER`, `BURNER` and `PAUSER`;
//! * the creator holds the admin role and ownership of the other contracts (proof of work has
//!   neither: nobody administers it; the creation desk has roles but no owner); the factory
//!   renounces all it held, so it keeps no power over any suite.
//!
//! Addresses are predictable: each instantiation is salted with
//! `blake2_256(SCALE((creator, nonce, kind)))`, where `nonce` counts the creator's suites.
//! Bad parameters are refused before anything is instantiated. The registry answers
//! `suite_of(creator)` and lists creators by page.
#![cfg_attr(not(feature = "std"), no_std, no_main)]
// ink!'s generated message enum holds `create_creator`'s arguments (the parameters and the
// expected code hashes, 544 bytes) unboxed; it is decoded once per call.
#![allow(clippy::large_enum_variant)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

pub mod params;

pub use types::*;

/// Most creators one `creators` page returns.
pub const MAX_PAGE: u32 = 100;

mod types;

#[ink::contract]
mod creator_factory {
    use super::{
        params, CodeHashes, CodeHashesChanged, CreatorParams, CreatorRegistered,
        FactoryError as Error, LaunchMode, Suite, MAX_PAGE,
    };
    use creation_mining::{CreationMiningRef, Links};
    use creator_market::CreatorMarketRef;
    use creator_nft::CreatorNftRef;
    use creator_token::CreatorTokenRef;
    use creator_vesting::CreatorVestingRef;
    use ink::{
        codegen::TraitCallBuilder,
        env::hash::{Blake2x256, HashOutput},
        prelude::{string::String, vec::Vec},
        storage::{Lazy, Mapping},
        ToAccountId,
    };
    use mining_pool::{MiningPoolRef, PoolError};
    use proof_of_work::ProofOfWorkRef;
    use psp::{
        AccessControl, AccessControlError, CallError, Ownable, OwnableError, Ownership, RoleType,
        Roles, BURNER, DEFAULT_ADMIN_ROLE, MINTER, PAUSER,
    };
    use reward_distributor::RewardDistributorRef;

    #[ink(storage)]
    pub struct CreatorFactory {
        code_hashes: Lazy<CodeHashes>,
        /// Chain or deployment id bound into the mining pools' vouchers.
        domain: u32,
        suites: Mapping<AccountId, Suite>,
        nonces: Mapping<AccountId, u32>,
        creators: Mapping<u32, AccountId>,
        creator_count: u32,
        ownership: Ownership,
        roles: Roles,
    }

    impl CreatorFactory {
        /// A factory administered by `admin`; `domain` (a chain id) is bound into every mining
        /// pool's vouchers.
        #[ink(constructor)]
        pub fn new(admin: AccountId, domain: u32) -> Self {
            let (ownership, ownership_event) = Ownership::new(admin);
            let mut factory = Self {
                code_hashes: Lazy::default(),
                domain,
                suites: Mapping::default(),
                nonces: Mapping::default(),
                creators: Mapping::default(),
                creator_count: 0,
                ownership,
                roles: Roles::default(),
            };
            psp::emit(factory.roles.setup(DEFAULT_ADMIN_ROLE, admin));
            psp::emit(ownership_event);
            factory
        }

        /// Registers the code hashes suites are instantiated from. Admin only.
        #[ink(message)]
        pub fn set_code_hashes(&mut self, hashes: CodeHashes) -> Result<(), Error> {
            self.roles
                .check(DEFAULT_ADMIN_ROLE, self.env().caller())
                .map_err(|_| Error::MissingRole)?;
            self.code_hashes.set(&hashes);
            self.env().emit_event(CodeHashesChanged { hashes });
            Ok(())
        }

        /// The registered code hashes.
        #[ink(message)]
        pub fn code_hashes(&self) -> Option<CodeHashes> {
            self.code_hashes.get()
        }

        /// Creates the caller's suite in one transaction and registers it (see the crate
        /// docs for the wiring). `expected` are the code hashes the creator reviewed (read
        /// them with `code_hashes()`): if the registered ones differ, nothing is created
        /// (`UnexpectedCodeHashes`), so no platform key can swap the code under a creator's
        /// pending call. Returns the addresses.
        #[ink(message)]
        pub fn create_creator(
            &mut self,
            mut params: CreatorParams,
            expected: CodeHashes,
        ) -> Result<Suite, Error> {
            let hashes = self.code_hashes.get().ok_or(Error::CodeHashesNotSet)?;
            if hashes != expected {
                return Err(Error::UnexpectedCodeHashes);
            }
            params::validate(&params)?;
            let creator = self.env().caller();
            let factory = self.env().account_id();
            let nonce = self.nonces.get(creator).unwrap_or_default();
            let now = self.env().block_timestamp();
            // The names go to their constructors; the numbers stay readable for the configs.
            let take = core::mem::take::<String>;

            let token = settle(
                CreatorTokenRef::new(
                    Some(take(&mut params.name)),
                    Some(take(&mut params.symbol)),
                    params.decimals,
                    params.cap,
                    factory,
                )
                .code_hash(hashes.token)
                .endowment(0)
                .salt_bytes(self.salt(creator, nonce, 0))
                .try_instantiate(),
            )?
            .to_account_id();
            let distributor = settle(
                RewardDistributorRef::new(
                    token,
                    params.reward_duration,
                    params.unstake_cooldown,
                    creator,
                )
                .code_hash(hashes.distributor)
                .endowment(0)
                .salt_bytes(self.salt(creator, nonce, 1))
                .try_instantiate(),
            )?
            .to_account_id();
            let pool = settle(
                MiningPoolRef::new(
                    params::pool_config(&params, token, now, self.domain),
                    factory,
                )
                .code_hash(hashes.pool)
                .endowment(0)
                .salt_bytes(self.salt(creator, nonce, 2))
                .try_instantiate(),
            )?
            .map_err(|_| Error::InstantiationFailed)?
            .to_account_id();
            let mut collection = settle(
                CreatorNftRef::new(
                    take(&mut params.collection_name),
                    take(&mut params.collection_symbol),
                    take(&mut params.base_uri),
                    factory,
                )
                .code_hash(hashes.collection)
                .endowment(0)
                .salt_bytes(self.salt(creator, nonce, 3))
                .try_instantiate(),
            )?;
            let vesting = settle(
                CreatorVestingRef::new(
                    token,
                    creator,
                    now,
                    params.vesting_cliff,
                    params.vesting_duration,
                )
                .code_hash(hashes.vesting)
                .endowment(0)
                .salt_bytes(self.salt(creator, nonce, 4))
                .try_instantiate(),
            )?
            .to_account_id();
            let market = settle(
                CreatorMarketRef::new(params::market_config(&params, token, creator, distributor)?)
                    .code_hash(hashes.market)
                    .endowment(0)
                    .salt_bytes(self.salt(creator, nonce, 5))
                    .try_instantiate(),
            )?
            .map_err(|_| Error::InstantiationFailed)?
            .to_account_id();
            let pow = settle(
                ProofOfWorkRef::new(params::pow_config(&params, token, now))
                    .code_hash(hashes.pow)
                    .endowment(0)
                    .salt_bytes(self.salt(creator, nonce, 6))
                    .try_instantiate(),
            )?
            .map_err(|_| Error::InstantiationFailed)?
            .to_account_id();
            // The pool's first project (id 0) is the desk's.
            let links = Links {
                collection: collection.to_account_id(),
                pool,
                project: 0,
            };
            let creations = settle(
                CreationMiningRef::new(links, params::creation_rules(&params), creator)
                    .code_hash(hashes.creations)
                    .endowment(0)
                    .salt_bytes(self.salt(creator, nonce, 7))
                    .try_instantiate(),
            )?
            .map_err(|_| Error::InstantiationFailed)?
            .to_account_id();

            // The pool: the creations project, led by the desk; then the creator takes over.
            let project = psp::call::invoke::<_, u32, PoolError>(
                pool,
                ink::selector_bytes!("register_project"),
                (
                    String::from("creations"),
                    creations,
                    params.creations.budget,
                ),
            )
            .map_err(wiring)?;
            if project != links.project {
                return Err(Error::WiringFailed);
            }
            hand_over(pool, creator, &[])?;

            // The collection: proceeds split, the desk mints creations, then the creator takes
            // over.
            collection
                .call_mut()
                .set_proceeds(
                    creator,
                    params.treasury_bps,
                    distributor,
                    params.distributor_bps,
                )
                .try_invoke()
                .map_err(|_| Error::WiringFailed)?
                .map_err(|_| Error::WiringFailed)?
                .map_err(|_| Error::WiringFailed)?;
            let collection = collection.to_account_id();
            psp::call::grant_role(collection, MINTER, creations).map_err(wiring)?;
            hand_over(collection, creator, &[MINTER])?;
            // The token: allocation to the vesting wallet, the pool mints, the market mints and
            // burns; then the creator receives what the launch mode gives.
            if params.creator_allocation > 0 {
                psp::call::mint(token, vesting, params.creator_allocation).map_err(wiring)?;
            }
            let grants = [
                (MINTER, pool),
                (MINTER, market),
                (BURNER, market),
                (MINTER, pow),
            ];
            for (role, account) in grants {
                psp::call::grant_role(token, role, account).map_err(wiring)?;
            }
            match params.mode {
                LaunchMode::Fair => {
                    psp::call::grant_role(token, PAUSER, creator).map_err(wiring)?;
                    psp::call::transfer_ownership(token, creator).map_err(wiring)?;
                    give_up(token, &[MINTER, BURNER, PAUSER, DEFAULT_ADMIN_ROLE])?;
                }
                LaunchMode::Custom => hand_over(token, creator, &[MINTER, BURNER, PAUSER])?,
            }

            let suite = Suite {
                token,
                collection,
                distributor,
                pool,
                vesting,
                market,
                pow,
                creations,
                mode: params.mode,
            };
            if !self.suites.contains(creator) {
                self.creators.insert(self.creator_count, &creator);
                self.creator_count = self.creator_count.checked_add(1).ok_or(Error::Overflow)?;
            }
            self.suites.insert(creator, &suite);
            self.nonces
                .insert(creator, &nonce.checked_add(1).ok_or(Error::Overflow)?);
            self.env().emit_event(CreatorRegistered {
                creator,
                nonce,
                suite,
            });
            Ok(suite)
        }

        /// The latest suite `creator` created.
        #[ink(message)]
        pub fn suite_of(&self, creator: AccountId) -> Option<Suite> {
            self.suites.get(creator)
        }

        /// Up to `count` (at most 100) creators from position `start`, in creation order.
        #[ink(message)]
        pub fn creators(&self, start: u32, count: u32) -> Vec<AccountId> {
            let end = start
                .saturating_add(count.min(MAX_PAGE))
                .min(self.creator_count);
            (start..end).filter_map(|i| self.creators.get(i)).collect()
        }

        /// How many creators are registered.
        #[ink(message)]
        pub fn creator_count(&self) -> u32 {
            self.creator_count
        }

        /// How many suites `creator` created (the next salt nonce).
        #[ink(message)]
        pub fn nonce_of(&self, creator: AccountId) -> u32 {
            self.nonces.get(creator).unwrap_or_default()
        }

        /// `blake2_256(SCALE((creator, nonce, kind)))`.
        fn salt(&self, creator: AccountId, nonce: u32, kind: u8) -> [u8; 32] {
            let mut salt = <Blake2x256 as HashOutput>::Type::default();
            ink::env::hash_encoded::<Blake2x256, _>(&(creator, nonce, kind), &mut salt);
            salt
        }
    }

    /// Flattens `try_instantiate`'s nested result: the factory only needs to know it failed.
    fn settle<R>(answer: Result<ink::ConstructorResult<R>, ink::env::Error>) -> Result<R, Error> {
        answer
            .map_err(|_| Error::InstantiationFailed)?
            .map_err(|_| Error::InstantiationFailed)
    }

    /// A wiring call that did not succeed, whatever the callee answered.
    fn wiring<E>(_: CallError<E>) -> Error {
        Error::WiringFailed
    }

    /// Gives `creator` the admin role, `roles` and ownership of `contract`, then renounces
    /// everything the factory held there.
    fn hand_over(contract: AccountId, creator: AccountId, roles: &[RoleType]) -> Result<(), Error> {
        for role in roles.iter().chain([DEFAULT_ADMIN_ROLE].iter()) {
            psp::call::grant_role(contract, *role, creator).map_err(wiring)?;
        }
        psp::call::transfer_ownership(contract, creator).map_err(wiring)?;
        give_up(contract, roles)?;
        give_up(contract, &[DEFAULT_ADMIN_ROLE])
    }

    /// The factory renounces `roles` on `contract`.
    fn give_up(contract: AccountId, roles: &[RoleType]) -> Result<(), Error> {
        for role in roles {
            psp::call::renounce_role(contract, *role).map_err(wiring)?;
        }
        Ok(())
    }

    impl Ownable for CreatorFactory {
        /// The factory's admin account, `None` once ownership is renounced.
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

    impl AccessControl for CreatorFactory {
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
}

#[cfg(test)]
mod tests;
