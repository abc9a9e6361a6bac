//! Proof-of-work mining against a node (`miner node`, feature `node`): the challenge and target
//! read from the contract over a node's RPC with subxt, solutions submitted as signed
//! `Contracts::call` extrinsics.
//!
//! Reads are dry runs through the runtime API `ContractsApi_call` (what wallets do before they
//! sign); the answer's prefix is decoded here (gas, storage deposit, debug buffer, then the
//! result: flags and data, or the dispatch error's variant), the data as the message's ink!
//! answer. A solution is dry-run first (so a stale or foreign one is reported as the contract's
//! typed error, and nothing is spent), then signed with the miner's sr25519 key and submitted
//! with the gas the dry run required plus a margin.

use std::str::FromStr;

use ink::scale::{Decode, Encode, Error as CodecError, Input};
use proof_of_work::{PowError, PowState, Settings};
use subxt::{dynamic::Value, tx::TxStatus, OnlineClient, PolkadotConfig};
use subxt_signer::{sr25519::Keypair, SecretUri};

/// What can go wrong talking to a node, in words.
pub type Failure = String;

/// `ink::selector_bytes!` of the messages the miner calls.
const STATE: [u8; 4] = ink::selector_bytes!("state");
const CONFIG: [u8; 4] = ink::selector_bytes!("config");
const MINE: [u8; 4] = ink::selector_bytes!("mine");
const BALANCE_OF: [u8; 4] = ink::selector_bytes!("PSP22::balance_of");

/// pallet-contracts' `Weight` as it crosses the runtime API (compact fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode)]
pub struct Weight {
    #[codec(compact)]
    pub ref_time: u64,
    #[codec(compact)]
    pub proof_size: u64,
}

/// The dispatch error of a failed dry run: its variant, and for `Module` the pallet and error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DispatchFailure {
    Module { pallet: u8, error: [u8; 4] },
    Other(u8),
}

impl Decode for DispatchFailure {
    fn decode<I: Input>(input: &mut I) -> Result<Self, CodecError> {
        match input.read_byte()? {
            3 => Ok(Self::Module {
                pallet: input.read_byte()?,
                error: <[u8; 4]>::decode(input)?,
            }),
            other => Ok(Self::Other(other)),
        }
    }
}

/// The prefix of `ContractsApi_call`'s answer this miner reads (the events after it are not
/// decoded).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Decode)]
pub struct DryRun {
    pub gas_consumed: Weight,
    pub gas_required: Weight,
    /// `StorageDeposit`: 0 = refund, 1 = charge, then the amount.
    pub storage_deposit: (u8, u128),
    pub debug_message: Vec<u8>,
    /// `Ok((flags, data))`: the contract returned (flag 1 = reverted) `data`.
    pub result: Result<(u32, Vec<u8>), DispatchFailure>,
}

impl DryRun {
    /// The message's answer, decoded as `T` (ink!'s `Result<T, LangError>` unwrapped).
    pub fn answer<T: Decode>(&self) -> Result<T, Failure> {
        let (_, data) = self
            .result
            .as_ref()
            .map_err(|failure| format!("the dry run failed: {failure:?}"))?;
        let answer = <Result<T, ink::LangError>>::decode(&mut &data[..])
            .map_err(|error| format!("the answer does not decode: {error}"))?;
        answer.map_err(|error| format!("the contract refused the message: {error:?}"))
    }
}

/// The SCALE arguments of `ContractsApi_call`: origin, contract, value, gas limit (none: the
/// node's maximum), storage deposit limit (none), input.
pub fn dry_run_args(origin: [u8; 32], contract: [u8; 32], input: &[u8]) -> Vec<u8> {
    (
        origin,
        contract,
        0u128,
        None::<Weight>,
        None::<u128>,
        input.to_vec(),
    )
        .encode()
}

/// A node with a proof-of-work contract, and the miner's key.
pub struct Node {
    api: OnlineClient<PolkadotConfig>,
    pow: [u8; 32],
    key: Keypair,
}

impl Node {
    /// Connects to `url` (`ws://` for a local node, `wss://` otherwise) for the contract at
    /// `pow`, signing with the sr25519 key of the secret URI `suri` (`//Alice`, a mnemonic).
    pub async fn connect(url: &str, pow: [u8; 32], suri: &str) -> Result<Self, Failure> {
        let uri = SecretUri::from_str(suri).map_err(|error| format!("secret URI: {error}"))?;
        let key = Keypair::from_uri(&uri).map_err(|error| format!("secret URI: {error}"))?;
        let api = OnlineClient::<PolkadotConfig>::from_url(url)
            .await
            .map_err(|error| format!("cannot connect to {url}: {error}"))?;
        Ok(Self { api, pow, key })
    }

    /// The miner's account: its sr25519 public key.
    pub fn miner(&self) -> [u8; 32] {
        self.key.public_key().0
    }

    /// A dry run of `input` on `contract` by the miner.
    async fn dry_run_on(&self, contract: [u8; 32], input: &[u8]) -> Result<DryRun, Failure> {
        let args = dry_run_args(self.miner(), contract, input);
        self.api
            .runtime_api()
            .at_latest()
            .await
            .map_err(|error| format!("latest block: {error}"))?
            .call_raw::<DryRun>("ContractsApi_call", Some(&args))
            .await
            .map_err(|error| format!("ContractsApi_call: {error}"))
    }

    async fn dry_run(&self, input: &[u8]) -> Result<DryRun, Failure> {
        self.dry_run_on(self.pow, input).await
    }

    /// The contract's configuration (the token it mints, the schedule, the retarget rules).
    pub async fn config(&self) -> Result<Settings, Failure> {
        self.dry_run(&CONFIG).await?.answer::<Settings>()
    }

    /// The contract's state: challenge, target and what the next solution earns.
    pub async fn state(&self) -> Result<PowState, Failure> {
        self.dry_run(&STATE).await?.answer::<PowState>()
    }

    /// Dry-runs `mine(challenge, nonce)` (the contract's typed refusal comes back as
    /// `Ok(Err(..))`), then, if it would pay, signs and submits it and waits until its
    /// block is finalized (subxt reads the next challenge and the signer's nonce there; a dev
    /// node seals a block per transaction and finalizes it a second later). Returns the reward.
    pub async fn mine(
        &self,
        challenge: [u8; 32],
        nonce: u128,
    ) -> Result<Result<u128, PowError>, Failure> {
        let mut input = MINE.to_vec();
        (challenge, nonce).encode_to(&mut input);
        let dry = self.dry_run(&input).await?;
        let answer = dry.answer::<Result<u128, PowError>>()?;
        if answer.is_err() {
            return Ok(answer);
        }
        // A margin over what the dry run needed: the state may move by a block.
        let margin = |value: u64| value.saturating_add(value / 5);
        let call = subxt::dynamic::tx(
            "Contracts",
            "call",
            vec![
                Value::unnamed_variant("Id", [Value::from_bytes(self.pow)]),
                Value::u128(0),
                Value::named_composite([
                    (
                        "ref_time",
                        Value::u128(margin(dry.gas_required.ref_time).into()),
                    ),
                    (
                        "proof_size",
                        Value::u128(margin(dry.gas_required.proof_size).into()),
                    ),
                ]),
                Value::unnamed_variant("None", []),
                Value::from_bytes(input),
            ],
        );
        let mut progress = self
            .api
            .tx()
            .sign_and_submit_then_watch_default(&call, &self.key)
            .await
            .map_err(|error| format!("submit: {error:?}"))?;
        while let Some(status) = progress.next().await {
            let in_block = match status.map_err(|error| format!("watching: {error}"))? {
                // subxt reads state and the signer's nonce at the latest finalized block:
                // the next challenge and nonce are known once this one is final.
                TxStatus::InFinalizedBlock(in_block) => in_block,
                TxStatus::Error { message }
                | TxStatus::Invalid { message }
                | TxStatus::Dropped { message } => return Err(format!("not included: {message}")),
                _ => continue,
            };
            in_block
                .wait_for_success()
                .await
                .map_err(|error| format!("the extrinsic failed: {error}"))?;
            return Ok(answer);
        }
        Err("the node stopped reporting the extrinsic".into())
    }

    /// Waits until a block later than the latest finalized one is finalized (at most two
    /// minutes: a dev node seals blocks only for transactions).
    pub async fn next_block(&self) -> Result<(), Failure> {
        let now = self
            .api
            .blocks()
            .at_latest()
            .await
            .map_err(|error| format!("latest block: {error}"))?
            .number();
        let mut blocks = self
            .api
            .blocks()
            .subscribe_finalized()
            .await
            .map_err(|error| format!("block subscription: {error}"))?;
        let wait = async {
            while let Some(block) = blocks.next().await {
                let block = block.map_err(|error| format!("block subscription: {error}"))?;
                if block.number() > now {
                    return Ok(());
                }
            }
            Err("the node stopped reporting blocks".to_string())
        };
        tokio::time::timeout(std::time::Duration::from_secs(120), wait)
            .await
            .map_err(|_| "no new block in two minutes".to_string())?
    }

    /// The miner's balance of `token`, by a dry run of `PSP22::balance_of`.
    pub async fn balance(&self, token: [u8; 32]) -> Result<u128, Failure> {
        let mut input = BALANCE_OF.to_vec();
        self.miner().encode_to(&mut input);
        self.dry_run_on(token, &input).await?.answer::<u128>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A dry run's answer as pallet-contracts encodes it: weights, deposit, debug buffer,
    /// result, then events (not read).
    #[test]
    fn a_dry_run_answer_decodes_up_to_the_result() {
        let state = PowState {
            challenge: [7; 32],
            target: 1 << 100,
            difficulty: 1 << 28,
            reward: 50,
            solutions: 3,
            era: 0,
            minted: 150,
            started: true,
        };
        let data = Ok::<_, ink::LangError>(state.clone()).encode();
        let mut bytes = (
            Weight {
                ref_time: 1_000,
                proof_size: 20,
            },
            Weight {
                ref_time: 2_000,
                proof_size: 30,
            },
            (1u8, 5u128),
            Vec::<u8>::new(),
        )
            .encode();
        bytes.push(0); // Ok
        (0u32, data).encode_to(&mut bytes);
        bytes.extend([1, 0]); // Some(no events): never read
        let dry = DryRun::decode(&mut &bytes[..]).expect("decodes");
        assert_eq!(dry.gas_required.ref_time, 2_000);
        assert_eq!(dry.answer::<PowState>(), Ok(state));
        let mut failed = Weight {
            ref_time: 1,
            proof_size: 1,
        }
        .encode();
        failed.extend(
            Weight {
                ref_time: 1,
                proof_size: 1,
            }
            .encode(),
        );
        failed.extend((0u8, 0u128).encode());
        failed.extend(Vec::<u8>::new().encode());
        failed.extend([1, 3, 8, 5, 0, 0, 0]); // Err(Module { index 8, error 5 })
        let dry = DryRun::decode(&mut &failed[..]).expect("decodes");
        assert_eq!(
            dry.result,
            Err(DispatchFailure::Module {
                pallet: 8,
                error: [5, 0, 0, 0]
            })
        );
        assert!(dry.answer::<PowState>().is_err());
        assert_eq!(STATE, ink::selector_bytes!("state"));
    }
}
