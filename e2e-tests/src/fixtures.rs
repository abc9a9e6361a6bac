//! The suite most tests start from: the platform deploys the factory, the creator creates a
//! suite, and the test gets a [`Contract`] handle for each part. [`Economy::new`] is a custom
//! launch ([`economy::custom_params`]), in which the creator can mint the balances a test
//! needs; [`Economy::fair`] is the fair launch every real deployment uses.

use creator_factory::{CreatorParams, FactoryError, Suite};

use crate::{
    actors::{creator, platform},
    economy::{self, Bundles},
    sandbox_id, AccountId32, Chain, Contract, Receipt,
};

/// The block time the fixture starts at (2023-11-14, milliseconds).
pub const START: u64 = 1_700_000_000_000;
/// The domain (chain id) the fixture's factory binds into vouchers.
pub const DOMAIN: u32 = 42;

/// One creator's contracts, as handles.
#[derive(Clone, Debug)]
pub struct SuiteContracts {
    pub token: Contract,
    pub collection: Contract,
    pub distributor: Contract,
    pub pool: Contract,
    pub vesting: Contract,
    pub market: Contract,
    pub pow: Contract,
    pub creations: Contract,
}

impl SuiteContracts {
    /// Handles for the addresses the factory answered.
    pub fn of(bundles: &Bundles, suite: &Suite) -> Self {
        Self {
            token: Contract::at(&bundles.token, &sandbox_id(&suite.token)),
            collection: Contract::at(&bundles.collection, &sandbox_id(&suite.collection)),
            distributor: Contract::at(&bundles.distributor, &sandbox_id(&suite.distributor)),
            pool: Contract::at(&bundles.pool, &sandbox_id(&suite.pool)),
            vesting: Contract::at(&bundles.vesting, &sandbox_id(&suite.vesting)),
            market: Contract::at(&bundles.market, &sandbox_id(&suite.market)),
            pow: Contract::at(&bundles.pow, &sandbox_id(&suite.pow)),
            creations: Contract::at(&bundles.creations, &sandbox_id(&suite.creations)),
        }
    }
}

/// A chain at [`START`] where the [`platform`] deployed the factory (domain [`DOMAIN`]) and
/// registered the suite's code, before any creator: what [`Economy`] starts from, for tests
/// of the factory itself.
pub struct Platform {
    pub chain: Chain,
    pub bundles: Bundles,
    pub factory: Contract,
}

impl Platform {
    /// Loads the bundles and deploys the factory; panics if either fails.
    pub fn new() -> Self {
        let bundles = Bundles::load().unwrap_or_else(|error| panic!("{error}"));
        let mut chain = Chain::new();
        chain.set_time(START);
        let factory = economy::deploy_factory(&mut chain, &bundles, &platform(), DOMAIN)
            .unwrap_or_else(|failure| panic!("deploy the factory: {failure:?}"));
        Self {
            factory: Contract::at(&bundles.factory, &factory),
            chain,
            bundles,
        }
    }

    /// `creator` calls `create_creator(params)` ([`economy::create_suite`]).
    pub fn create_suite(
        &mut self,
        creator: &AccountId32,
        params: CreatorParams,
    ) -> (Result<Suite, FactoryError>, Receipt) {
        economy::create_suite(
            &mut self.chain,
            &self.bundles,
            &self.factory.address,
            creator,
            params,
        )
    }
}

impl Default for Platform {
    fn default() -> Self {
        Self::new()
    }
}

/// A chain with the factory and one creator's suite, at [`START`].
pub struct Economy {
    pub chain: Chain,
    pub bundles: Bundles,
    pub factory: Contract,
    /// The addresses as the factory answered them.
    pub ids: Suite,
    pub suite: SuiteContracts,
    /// What `create_creator` cost and emitted.
    pub created: Receipt,
}

impl Economy {
    /// The [`creator`]'s suite with `economy::custom_params("MIRA")`.
    pub fn new() -> Self {
        Self::with(economy::custom_params("MIRA"))
    }

    /// The [`creator`]'s fair-launch suite, `economy::params("MIRA")`.
    pub fn fair() -> Self {
        Self::with(economy::params("MIRA"))
    }

    /// The [`creator`]'s suite with `params`; panics if the factory refuses them.
    pub fn with(params: CreatorParams) -> Self {
        let mut setup = Platform::new();
        let (ids, created) = setup.create_suite(&creator(), params);
        let ids = ids.unwrap_or_else(|error| panic!("create_creator: {error:?}"));
        let Platform {
            chain,
            bundles,
            factory,
        } = setup;
        Self {
            suite: SuiteContracts::of(&bundles, &ids),
            chain,
            bundles,
            factory,
            ids,
            created,
        }
    }
}

impl Default for Economy {
    fn default() -> Self {
        Self::new()
    }
}
