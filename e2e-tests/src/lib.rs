//! Runs the suite's compiled contracts in a real pallet-contracts runtime, in-process.
//!
//! [`Chain`] wraps `ink_sandbox`'s `DefaultSandbox` (the runtime behind ink_e2e's sandbox
//! backend and drink) with typed calls: arguments are SCALE-encoded Rust values, results decode
//! into the `psp` crate's types, and every call reports its gas, storage deposit and events.
//!
//! A test reads like one written for ink_e2e or drink: named [`actors`] call [`Contract`]
//! handles with [`Chain::send`] (which asserts that an `Err` reverted and emitted nothing) and
//! [`Chain::read`]; [`fixtures::Economy`] is the factory-created suite most tests start from.
//!
//! ```ignore
//! let mut economy = Economy::new();
//! let (token, market) = (economy.suite.token.clone(), economy.suite.market.clone());
//! let (bought, receipt) = economy.chain.send_paying::<BuyQuote, MarketError>(
//!     &market, &fan(), "buy", (0u128, u64::MAX), 1_000_000_000,
//! );
//! let balance: u128 = economy.chain.read(&token, "PSP22::balance_of", id(fan));
//! ```

pub mod actors;
pub mod contribution;
pub mod economy;
pub mod fixtures;
pub mod layout;
pub mod merkle_round;
#[cfg(feature = "node")]
pub mod node_mining;
pub mod pow_mining;
pub mod sweep;

use std::{
    collections::HashMap,
    fmt::Debug,
    path::{Path, PathBuf},
    sync::{Arc, Mutex, OnceLock},
};

use ink::scale::{Decode, Encode};
pub use ink_sandbox::{
    api::prelude::*,
    macros::{DefaultSandbox, DefaultSandboxRuntime, RuntimeEvent},
    pallet_contracts, AccountId32, DispatchError, Sandbox, Weight, H256,
};
use pallet_contracts::{Determinism, StorageDeposit};

/// Generous limits for one call, as a wallet's dry-run would estimate them.
pub const GAS_LIMIT: Weight = Weight::from_parts(100_000_000_000, 3 * 1024 * 1024);
/// Native balance every test account starts with.
pub const ENDOWMENT: u128 = 1_000_000_000_000_000;

/// The test account numbered `n` (`[n; 32]`); account 1 is the sandbox's funded default.
pub fn account(n: u8) -> AccountId32 {
    AccountId32::new([n; 32])
}

/// The same account as ink! sees it.
pub fn ink_id(account: &AccountId32) -> ink::primitives::AccountId {
    ink::primitives::AccountId::from(<[u8; 32]>::from(account.clone()))
}

/// The sandbox account of an ink! account id (the inverse of [`ink_id`]).
pub fn sandbox_id(account: &ink::primitives::AccountId) -> AccountId32 {
    AccountId32::new(*AsRef::<[u8; 32]>::as_ref(account))
}

/// `target/ink`, where `scripts/build` puts the bundles (override with `INK_BUNDLES_DIR`).
pub fn bundles_dir() -> PathBuf {
    std::env::var_os("INK_BUNDLES_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/ink"))
}

/// A compiled contract: its Wasm and its metadata (from `<name>.contract`), and for a split
/// contract (`psp::split`) the full code its hot code delegates to (`<name>.full.wasm`).
#[derive(Clone)]
pub struct Bundle {
    pub name: String,
    pub wasm: Vec<u8>,
    pub metadata: serde_json::Value,
    pub full_wasm: Option<Vec<u8>>,
}

impl Bundle {
    /// Loads `target/ink/<name>/<name>.contract`; run `scripts/build` first.
    pub fn load(name: &str) -> Result<Self, String> {
        Self::load_from(&bundles_dir(), name)
    }

    /// The bundle `name` from `target/ink`, loaded and parsed once per test process and shared
    /// (a bundle is about 650 KB of JSON). Panics with the cause when it is missing.
    pub fn shared(name: &str) -> Arc<Self> {
        Self::try_shared(name).unwrap_or_else(|error| panic!("{error}"))
    }

    /// [`Bundle::shared`], answering why when the bundle is missing.
    pub fn try_shared(name: &str) -> Result<Arc<Self>, String> {
        static LOADED: OnceLock<Mutex<HashMap<String, Arc<Bundle>>>> = OnceLock::new();
        let mut loaded = LOADED
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(bundle) = loaded.get(name) {
            return Ok(bundle.clone());
        }
        let bundle = Arc::new(Self::load(name)?);
        loaded.insert(name.to_string(), bundle.clone());
        Ok(bundle)
    }

    /// Loads `<dir>/<name>/<name>.contract`.
    pub fn load_from(dir: &Path, name: &str) -> Result<Self, String> {
        Self::load_file(&dir.join(name).join(format!("{name}.contract")), name)
    }

    /// Loads the `.contract` file at `path`, naming the bundle `name`.
    pub fn load_file(path: &Path, name: &str) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|error| format!("{}: {error}; run scripts/build first", path.display()))?;
        let metadata: serde_json::Value =
            serde_json::from_str(&text).map_err(|error| format!("{}: {error}", path.display()))?;
        let hex = metadata["source"]["wasm"]
            .as_str()
            .and_then(|hex| hex.strip_prefix("0x"))
            .ok_or_else(|| format!("{}: no source.wasm", path.display()))?;
        let wasm = decode_hex(hex).ok_or_else(|| format!("{}: bad wasm hex", path.display()))?;
        let full_wasm = std::fs::read(path.with_file_name(format!("{name}.full.wasm"))).ok();
        Ok(Self {
            name: name.into(),
            wasm,
            metadata,
            full_wasm,
        })
    }

    /// A split contract's full code deployed alone, as one unsplit contract (for comparisons).
    pub fn unsplit(&self) -> Option<Self> {
        Some(Self {
            name: format!("{} (unsplit)", self.name),
            wasm: self.full_wasm.clone()?,
            metadata: self.metadata.clone(),
            full_wasm: None,
        })
    }

    /// A split contract as ink!'s own build of the crate (`<name>.ink.wasm`, its entry points
    /// generated by ink!), deployed alone: what both halves must answer like.
    pub fn ink_built(&self) -> Option<Self> {
        self.full_wasm.as_ref()?;
        let path = bundles_dir()
            .join(&self.name)
            .join(format!("{}.ink.wasm", self.name));
        Some(Self {
            name: format!("{} (ink! entry points)", self.name),
            wasm: std::fs::read(path).ok()?,
            metadata: self.metadata.clone(),
            full_wasm: None,
        })
    }

    /// The input of message or constructor `label`: its selector, then `args` SCALE-encoded.
    pub fn input(&self, label: &str, args: impl Encode) -> Vec<u8> {
        let mut input = self.selector(label).to_vec();
        args.encode_to(&mut input);
        input
    }

    /// The selector of the message or constructor labelled `label` (e.g. `PSP22::transfer`).
    pub fn selector(&self, label: &str) -> [u8; 4] {
        let spec = &self.metadata["spec"];
        let found = ["messages", "constructors"].iter().find_map(|kind| {
            spec[kind].as_array()?.iter().find_map(|entry| {
                (entry["label"] == label).then(|| entry["selector"].as_str().map(String::from))?
            })
        });
        let hex = found.unwrap_or_else(|| panic!("{}: no message {label}", self.name));
        let bytes = decode_hex(hex.trim_start_matches("0x")).expect("selector hex");
        bytes.try_into().expect("4-byte selector")
    }
}

fn decode_hex(hex: &str) -> Option<Vec<u8>> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect()
}

/// An event a contract emitted: its address, topics and SCALE data.
#[derive(Clone, Debug)]
pub struct ContractEvent {
    pub contract: AccountId32,
    pub topics: Vec<H256>,
    pub data: Vec<u8>,
}

impl ContractEvent {
    /// Decodes the event as `E` if its signature topic is `E`'s.
    pub fn decode<E: ink::env::Event + Decode>(&self) -> Option<E> {
        let signature = E::SIGNATURE_TOPIC?;
        (self.topics.first()?.as_bytes() == signature.as_slice())
            .then(|| E::decode(&mut &self.data[..]).ok())?
    }
}

/// What a call cost and emitted.
#[derive(Clone, Debug)]
pub struct Receipt {
    /// Weight consumed (ref_time in picoseconds, proof_size in bytes).
    pub gas: Weight,
    /// Storage deposit charged (positive) or refunded (negative), in the chain's native unit.
    pub storage_deposit: i128,
    /// Whether the contract reverted (every change it made was rolled back).
    pub reverted: bool,
    /// Events emitted by contracts (empty when reverted).
    pub events: Vec<ContractEvent>,
}

impl Receipt {
    /// The events of type `E` the call emitted, in order.
    pub fn events_of<E: ink::env::Event + Decode>(&self) -> Vec<E> {
        self.events
            .iter()
            .filter_map(ContractEvent::decode)
            .collect()
    }
}

/// A deployed contract: its address and the bundle that names its messages.
#[derive(Clone)]
pub struct Contract {
    pub bundle: Arc<Bundle>,
    pub address: AccountId32,
}

impl Contract {
    /// The contract `bundle` deployed at `address` (one the factory instantiated, say).
    pub fn at(bundle: &Arc<Bundle>, address: &AccountId32) -> Self {
        Self {
            bundle: bundle.clone(),
            address: address.clone(),
        }
    }

    /// Its address as ink! sees it (an argument to other contracts' messages).
    pub fn id(&self) -> ink::primitives::AccountId {
        ink_id(&self.address)
    }
}

impl Debug for Contract {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}@0x{}", self.bundle.name, hex(self.address.as_ref()))
    }
}

/// A call that did not reach a decodable answer: a trap, out of gas, or undecodable output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The runtime refused or the contract trapped (e.g. a panic).
    Dispatch(String),
    /// ink! could not dispatch the input (unknown selector, bad arguments).
    Lang(ink::LangError),
    /// The output did not decode as the expected type.
    Decode(String),
}

/// The sandboxed chain with typed helpers.
pub struct Chain {
    pub sandbox: DefaultSandbox,
    /// The weight limit every call and deployment gets.
    pub gas_limit: Weight,
}

impl Default for Chain {
    fn default() -> Self {
        Self::new()
    }
}

impl Chain {
    /// A fresh chain; accounts 1..=9 hold [`ENDOWMENT`] of the native currency.
    pub fn new() -> Self {
        let mut sandbox = DefaultSandbox::default();
        for n in 2..=9 {
            sandbox
                .mint_into(&account(n), ENDOWMENT)
                .expect("endow test account");
        }
        Self {
            sandbox,
            gas_limit: GAS_LIMIT,
        }
    }

    /// Uploads `bundle`'s code by `caller` (a split contract's full code first); returns the
    /// code hash of the code the contract runs.
    pub fn upload(&mut self, bundle: &Bundle, caller: &AccountId32) -> Result<H256, Failure> {
        self.upload_full_code(bundle, caller)?;
        self.upload_wasm(bundle.wasm.clone(), caller)
    }

    /// Uploads a split contract's full code, which its hot code's instantiation locks (nothing
    /// for an unsplit contract).
    fn upload_full_code(&mut self, bundle: &Bundle, caller: &AccountId32) -> Result<(), Failure> {
        match &bundle.full_wasm {
            Some(full) => self.upload_wasm(full.clone(), caller).map(drop),
            None => Ok(()),
        }
    }

    fn upload_wasm(&mut self, wasm: Vec<u8>, caller: &AccountId32) -> Result<H256, Failure> {
        self.sandbox
            .upload_contract(wasm, caller.clone(), None, Determinism::Enforced)
            .map(|uploaded| uploaded.code_hash)
            .map_err(|error| Failure::Dispatch(format!("{error:?}")))
    }

    /// Instantiates `bundle` by `caller` with constructor `constructor` and encoded `args`.
    pub fn deploy(
        &mut self,
        bundle: &Bundle,
        constructor: &str,
        args: impl Encode,
        caller: &AccountId32,
        salt: Vec<u8>,
    ) -> Result<(AccountId32, Receipt), Failure> {
        self.deploy_raw(bundle, bundle.input(constructor, args), caller, salt, 0)
    }

    /// Instantiates `bundle` with `input` as it comes (a constructor's selector and its
    /// arguments, or anything else), sending `value`, as [`Chain::deploy`] does.
    pub fn deploy_raw(
        &mut self,
        bundle: &Bundle,
        input: Vec<u8>,
        caller: &AccountId32,
        salt: Vec<u8>,
        value: u128,
    ) -> Result<(AccountId32, Receipt), Failure> {
        self.upload_full_code(bundle, caller)?;
        // The runtime reports every event of the block; start empty so a receipt has this call's.
        self.sandbox.reset_events();
        let result = self.sandbox.deploy_contract(
            bundle.wasm.clone(),
            value,
            input,
            salt,
            caller.clone(),
            self.gas_limit,
            None,
        );
        let receipt = receipt(
            result.gas_consumed,
            &result.storage_deposit,
            result
                .result
                .as_ref()
                .is_ok_and(|ok| ok.result.did_revert()),
            result.events.as_deref(),
        );
        let instantiated = result
            .result
            .map_err(|error| Failure::Dispatch(format!("{error:?}")))?;
        if instantiated.result.did_revert() {
            return Err(Failure::Dispatch(format!(
                "constructor reverted: 0x{}",
                hex(&instantiated.result.data)
            )));
        }
        Ok((instantiated.account_id, receipt))
    }

    /// Calls `message` (a metadata label) on `contract` as `caller`, sending `value`, and
    /// decodes the answer as `R` (the message's declared return type).
    pub fn call<R: Decode>(
        &mut self,
        bundle: &Bundle,
        contract: &AccountId32,
        message: &str,
        args: impl Encode,
        caller: &AccountId32,
        value: u128,
    ) -> (Result<R, Failure>, Receipt) {
        self.call_raw(contract, bundle.input(message, args), caller, value)
    }

    /// Calls `contract` with raw `input` (selector and arguments).
    pub fn call_raw<R: Decode>(
        &mut self,
        contract: &AccountId32,
        input: Vec<u8>,
        caller: &AccountId32,
        value: u128,
    ) -> (Result<R, Failure>, Receipt) {
        self.sandbox.reset_events();
        let result = self.sandbox.call_contract(
            contract.clone(),
            value,
            input,
            caller.clone(),
            self.gas_limit,
            None,
            Determinism::Enforced,
        );
        let reverted = result.result.as_ref().is_ok_and(|ok| ok.did_revert());
        let receipt = receipt(
            result.gas_consumed,
            &result.storage_deposit,
            reverted,
            result.events.as_deref(),
        );
        let answer = match result.result {
            Err(error) => Err(Failure::Dispatch(format!("{error:?}"))),
            Ok(output) => match Result::<R, ink::LangError>::decode(&mut &output.data[..]) {
                Ok(Ok(value)) => Ok(value),
                Ok(Err(error)) => Err(Failure::Lang(error)),
                Err(error) => Err(Failure::Decode(format!("{error}"))),
            },
        };
        (answer, receipt)
    }

    /// Deploys `bundle` with its `new(args)` constructor as `caller` (no salt); panics if the
    /// constructor is refused, so a test's setup reads as one line.
    pub fn instantiate(
        &mut self,
        bundle: &Arc<Bundle>,
        args: impl Encode,
        caller: &AccountId32,
    ) -> Contract {
        let (address, _) = self
            .deploy(bundle, "new", args, caller, vec![])
            .unwrap_or_else(|failure| panic!("{}::new: {failure:?}", bundle.name));
        Contract::at(bundle, &address)
    }

    /// Reads `message` (a `&self` message) as [`actors::nobody`] and decodes its answer as `R`.
    /// Panics if the call does not answer, reverts or emits an event: a read changes nothing.
    /// (ink! reverts a message that answers `Err`, even a `&self` one: send those.)
    pub fn read<R: Decode>(&mut self, contract: &Contract, message: &str, args: impl Encode) -> R {
        let (answer, receipt) = self.call::<R>(
            &contract.bundle,
            &contract.address,
            message,
            args,
            &actors::nobody(),
            0,
        );
        let answer = answer.unwrap_or_else(|failure| panic!("{contract:?}.{message}: {failure:?}"));
        assert!(
            !receipt.reverted && receipt.events.is_empty(),
            "{contract:?}.{message} is a read: it neither reverts nor emits"
        );
        answer
    }

    /// `caller` sends `message` to `contract`, which answers `Result<T, E>`. Asserts the
    /// rule every message keeps: an `Err` reverts the call and emits nothing, an `Ok` does not
    /// revert. Panics if the call traps or its answer does not decode (use [`Chain::call`] to
    /// test those).
    pub fn send<T: Decode + Debug, E: Decode + Debug>(
        &mut self,
        contract: &Contract,
        caller: &AccountId32,
        message: &str,
        args: impl Encode,
    ) -> (Result<T, E>, Receipt) {
        self.send_paying(contract, caller, message, args, 0)
    }

    /// [`Chain::send`] with `value` of the native currency transferred to a payable message.
    pub fn send_paying<T: Decode + Debug, E: Decode + Debug>(
        &mut self,
        contract: &Contract,
        caller: &AccountId32,
        message: &str,
        args: impl Encode,
        value: u128,
    ) -> (Result<T, E>, Receipt) {
        let (answer, receipt) = self.call::<Result<T, E>>(
            &contract.bundle,
            &contract.address,
            message,
            args,
            caller,
            value,
        );
        let result = answer.unwrap_or_else(|failure| panic!("{contract:?}.{message}: {failure:?}"));
        assert_eq!(
            receipt.reverted,
            result.is_err(),
            "{contract:?}.{message} answered {result:?}: an Err reverts, an Ok does not"
        );
        if result.is_err() {
            assert!(
                receipt.events.is_empty(),
                "{contract:?}.{message} was refused ({result:?}) yet emitted events"
            );
        }
        (result, receipt)
    }

    /// Runs `f` with every call and deployment limited to `limit`, then restores the limit.
    pub fn with_gas_limit<T>(&mut self, limit: Weight, f: impl FnOnce(&mut Self) -> T) -> T {
        let previous = std::mem::replace(&mut self.gas_limit, limit);
        let output = f(self);
        self.gas_limit = previous;
        output
    }

    /// Builds a block and moves the clock `block_time` ms on (building a block alone would set
    /// the sandbox's clock to the wall clock).
    pub fn next_block(&mut self, block_time: u64) {
        let now = self.now();
        self.sandbox.build_block();
        self.set_time(now.saturating_add(block_time));
    }

    /// The block timestamp (milliseconds) contracts see.
    pub fn now(&mut self) -> u64 {
        self.sandbox.get_timestamp()
    }

    /// The current block's number.
    pub fn block_number(&mut self) -> u32 {
        self.sandbox.block_number()
    }

    /// Sets the block timestamp (milliseconds) seen by contracts from now on.
    pub fn set_time(&mut self, timestamp: u64) {
        self.sandbox.set_timestamp(timestamp);
    }

    /// Free native balance of `account`.
    pub fn native_balance(&mut self, account: &AccountId32) -> u128 {
        self.sandbox.free_balance(account)
    }
}

fn receipt(
    gas: Weight,
    deposit: &StorageDeposit<u128>,
    reverted: bool,
    events: Option<&[ink_sandbox::EventRecordOf<DefaultSandboxRuntime>]>,
) -> Receipt {
    let storage_deposit = match deposit {
        StorageDeposit::Charge(amount) => i128::try_from(*amount).unwrap_or(i128::MAX),
        StorageDeposit::Refund(amount) => -i128::try_from(*amount).unwrap_or(i128::MAX),
    };
    let events = events
        .unwrap_or_default()
        .iter()
        .filter_map(|record| match &record.event {
            RuntimeEvent::Contracts(pallet_contracts::Event::ContractEmitted {
                contract,
                data,
            }) => Some(ContractEvent {
                contract: contract.clone(),
                topics: record.topics.clone(),
                data: data.clone(),
            }),
            _ => None,
        })
        .collect();
    Receipt {
        gas,
        storage_deposit,
        reverted,
        events,
    }
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}
