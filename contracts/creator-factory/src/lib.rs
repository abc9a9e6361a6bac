//! # Creator factory and registry
//!
//! One call gives a creator a complete, wired economy: `create_creator(params)` instantiates,
//! from code hashes the admin registered, the creator's token, NFT collection, reward
//! distributor, mining pool, vesting wallet and bonding-curve market, then wires them:
//!
//! * the vesting wallet receives the creator's allocation (minted once, at creation);
//! * the mining pool holds the token's `MINTER` role, the market `MINTER` and `BURNER`;
//! * the collection pays `distributor_bps` of every sale to the distributor, the rest to the
//!   creator;
//! * the creator holds every admin role and ownership of everything; the factory renounces all
//!   it held, so it keeps no power over any suite.
//!
//! Addresses are predictable: each instantiation is salted with
//! `blake2_256(SCALE((creator, nonce, kind)))`, where `nonce` counts the creator's suites.
//! Bad parameters are refused before anything is instantiated. The registry answers
//! `suite_of(creator)` and lists creators by page.
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

pub mod params;

pub use types::*;

/// Most creators one `creators` page returns.
pub const MAX_PAGE: u32 = 100;

mod types;

#[ink::contract]
mod creator_factory {
    use super::{
        params, CodeHashes, CodeHashesChanged, CreatorParams, CreatorRegistered,
        FactoryError as Error, Suite, MAX_PAGE,
    };
    use ink::{
        env::{
            call::{build_call, build_create, ExecutionInput, FromAccountId, Selector},
            hash::{Blake2x256, HashOutput},
            ContractEnv,
        },
        prelude::{string::String, vec::Vec},
        scale::{Decode, Encode},
        storage::{Lazy, Mapping},
    };
    use psp::{
        AccessControl, AccessControlError, Ownable, OwnableError, Ownership, RoleType, Roles,
        BURNER, DEFAULT_ADMIN_ROLE, MINTER, PAUSER,
    };

    /// The address of a freshly instantiated contract (any of the suite's).
    struct Instantiated(AccountId);

    impl ContractEnv for Instantiated {
        type Env = Environment;
    }

    impl FromAccountId<Environment> for Instantiated {
        fn from_account_id(account_id: AccountId) -> Self {
            Self(account_id)
        }
    }

    const CONSTRUCTOR_NEW: [u8; 4] = ink::selector_bytes!("new");

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
        /// docs for the wiring). Returns the addresses.
        #[ink(message)]
        pub fn create_creator(&mut self, mut params: CreatorParams) -> Result<Suite, Error> {
            let hashes = self.code_hashes.get().ok_or(Error::CodeHashesNotSet)?;
            params::validate(&params)?;
            let creator = self.env().caller();
            let factory = self.env().account_id();
            let nonce = self.nonces.get(creator).unwrap_or_default();
            let now = self.env().block_timestamp();
            // The names go to their constructors; the numbers stay readable for the configs.
            let take = core::mem::take::<String>;

            let token = self.instantiate(
                hashes.token,
                (
                    Some(take(&mut params.name)),
                    Some(take(&mut params.symbol)),
                    params.decimals,
                    params.cap,
                    factory,
                ),
                self.salt(creator, nonce, 0),
            )?;
            let distributor = self.instantiate(
                hashes.distributor,
                (
                    token,
                    params.reward_duration,
                    params.unstake_cooldown,
                    creator,
                ),
                self.salt(creator, nonce, 1),
            )?;
            let pool_config = params::pool_config(&params, token, now, self.domain);
            let pool = build_create::<Instantiated>()
                .code_hash(hashes.pool)
                .endowment(0)
                .exec_input(
                    ExecutionInput::new(Selector::new(CONSTRUCTOR_NEW))
                        .push_arg(pool_config)
                        .push_arg(creator),
                )
                .salt_bytes(self.salt(creator, nonce, 2))
                .returns::<Result<Instantiated, Ignored>>()
                .try_instantiate()
                .map_err(|_| Error::InstantiationFailed)?
                .map_err(|_| Error::InstantiationFailed)?
                .map_err(|_| Error::InstantiationFailed)?
                .0;
            let collection = self.instantiate(
                hashes.collection,
                (
                    take(&mut params.collection_name),
                    take(&mut params.collection_symbol),
                    take(&mut params.base_uri),
                    factory,
                ),
                self.salt(creator, nonce, 3),
            )?;
            let vesting = self.instantiate(
                hashes.vesting,
                (
                    token,
                    creator,
                    now,
                    params.vesting_cliff,
                    params.vesting_duration,
                ),
                self.salt(creator, nonce, 4),
            )?;
            let market_config = params::market_config(&params, token, creator)?;
            let market = build_create::<Instantiated>()
                .code_hash(hashes.market)
                .endowment(0)
                .exec_input(
                    ExecutionInput::new(Selector::new(CONSTRUCTOR_NEW)).push_arg(market_config),
                )
                .salt_bytes(self.salt(creator, nonce, 5))
                .returns::<Result<Instantiated, Ignored>>()
                .try_instantiate()
                .map_err(|_| Error::InstantiationFailed)?
                .map_err(|_| Error::InstantiationFailed)?
                .map_err(|_| Error::InstantiationFailed)?
                .0;

            // The collection: proceeds split, then the creator takes over.
            self.call(
                collection,
                ink::selector_bytes!("set_proceeds"),
                (
                    creator,
                    params.treasury_bps,
                    distributor,
                    params.distributor_bps,
                ),
            )?;
            self.hand_over(collection, creator, &[MINTER])?;
            // The token: allocation to the vesting wallet, the pool mints, the creator takes
            // over every role.
            if params.creator_allocation > 0 {
                self.call(
                    token,
                    ink::selector_bytes!("PSP22Mintable::mint"),
                    (vesting, params.creator_allocation),
                )?;
            }
            for (role, account) in [(MINTER, pool), (MINTER, market), (BURNER, market)] {
                self.grant(token, role, account)?;
            }
            self.hand_over(token, creator, &[MINTER, BURNER, PAUSER])?;

            let suite = Suite {
                token,
                collection,
                distributor,
                pool,
                vesting,
                market,
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

        /// Instantiates `code_hash` with its `new(args)` constructor.
        fn instantiate(
            &self,
            code_hash: Hash,
            args: impl Encode,
            salt: [u8; 32],
        ) -> Result<AccountId, Error> {
            build_create::<Instantiated>()
                .code_hash(code_hash)
                .endowment(0)
                .exec_input(ExecutionInput::new(Selector::new(CONSTRUCTOR_NEW)).push_arg(args))
                .salt_bytes(salt)
                .returns::<Instantiated>()
                .try_instantiate()
                .map_err(|_| Error::InstantiationFailed)?
                .map_err(|_| Error::InstantiationFailed)
                .map(|instantiated| instantiated.0)
        }

        /// Calls a message returning `Result<(), E>` on one of the new contracts.
        fn call(
            &self,
            contract: AccountId,
            selector: [u8; 4],
            args: impl Encode,
        ) -> Result<(), Error> {
            build_call::<Environment>()
                .call(contract)
                .exec_input(ExecutionInput::new(Selector::new(selector)).push_arg(args))
                .returns::<Result<(), Ignored>>()
                .try_invoke()
                .map_err(|_| Error::WiringFailed)?
                .map_err(|_| Error::WiringFailed)?
                .map_err(|_| Error::WiringFailed)
        }

        /// `AccessControl::grant_role(role, Some(account))` on `contract`.
        fn grant(
            &self,
            contract: AccountId,
            role: RoleType,
            account: AccountId,
        ) -> Result<(), Error> {
            let grant = ink::selector_bytes!("AccessControl::grant_role");
            self.call(contract, grant, (role, Some(account)))
        }

        /// Gives `creator` the admin role, `roles` and ownership of `contract`, then
        /// renounces everything the factory held there.
        fn hand_over(
            &self,
            contract: AccountId,
            creator: AccountId,
            roles: &[RoleType],
        ) -> Result<(), Error> {
            let factory = self.env().account_id();
            let renounce = ink::selector_bytes!("AccessControl::renounce_role");
            for role in roles.iter().chain([DEFAULT_ADMIN_ROLE].iter()) {
                self.grant(contract, *role, creator)?;
            }
            self.call(
                contract,
                ink::selector_bytes!("Ownable::transfer_ownership"),
                Some(creator),
            )?;
            for role in roles.iter().chain([DEFAULT_ADMIN_ROLE].iter()) {
                self.call(contract, renounce, (*role, Some(factory)))?;
            }
            Ok(())
        }
    }

    /// Any error a wired contract may return: the factory only needs to know it failed.
    struct Ignored;

    impl Decode for Ignored {
        fn decode<I: ink::scale::Input>(input: &mut I) -> Result<Self, ink::scale::Error> {
            // Consume the rest of the encoded error so that decoding succeeds.
            while input.read_byte().is_ok() {}
            Ok(Ignored)
        }
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
