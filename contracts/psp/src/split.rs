//! The hot/full code split: a fan's call loads only the code it runs.
//!
//! pallet-contracts puts the whole code of every contract a call touches into that call's
//! proof, and charges ref_time per byte to load and instantiate it. The fan's calls of a
//! contract (a transfer, a stake) need only a few of its messages, so a split contract is
//! deployed as two code blobs built from **one source, one storage struct**, each with entry
//! points of its own ([`split_entry_points!`]):
//!
//! * the **full** code (the crate built with its `full-code` feature): every message and the
//!   constructors, dispatched exactly as ink!'s own entry points do. It is uploaded, and runs
//!   only by delegate call from the hot code;
//! * the **hot** code, which the contract account runs (the `hot` feature): it dispatches a
//!   short list of hot messages through ink!'s own per-message reflection (the same callable,
//!   payment check, storage load and write-back, revert flag and `MessageResult` encoding as
//!   ink!'s dispatcher), and forwards every other selector, and its instantiation, by
//!   `delegate_call` to the full code, with the caller's input and a tail call, so the full
//!   code's answer is the contract's answer. Everything not named hot, the constructors
//!   included, is left out of the hot Wasm by the linker.
//!
//! Instantiating the hot code delegates the constructor to the full code: the full code's
//! `call` runs a constructor only while the contract has no storage root yet, which is only
//! ever true inside its instantiation (every constructor writes the root; no message removes
//! it). Wallets and frontends see one contract: its metadata is ink!'s own build of the crate
//! (every message, the selectors unchanged), and a selector that is not hot costs one
//! delegate hop.
//!
//! **No layout drift, by construction.** Both blobs are the same crate at the same commit, so
//! they share the storage struct. The hot code pins the full code's hash at compile time
//! (`SPLIT_FULL_CODE_HASH`, set by `scripts/build` from the full Wasm it just built): it can
//! only ever delegate to the exact full code it was built with. Its instantiation locks that
//! code (`lock_delegate_dependency`), so it cannot be removed while the contract lives.
//!
//! **Upgrades** replace the hot code (`set_code_hash`); the new hot code pins its own full
//! code, which must be uploaded before the upgrade is executed (the timelock's 48 hours are
//! the time to check that it is). The lock taken at instantiation keeps holding the first full
//! code.

use ink::{
    env::{DefaultEnvironment, ReturnFlags},
    prelude::vec::Vec,
    primitives::Hash,
    reflect::{
        ContractConstructorDecoder, ContractMessageDecoder, DispatchableMessageInfo,
        ExecuteDispatchable,
    },
    scale::{Decode, Encode},
    storage::traits::{Storable, StorageKey},
    LangError,
};

/// Whether a message's answer is a refusal, which ink! answers with the revert flag (and no
/// storage write-back): an `Err` of a `Result`; no other answer is.
pub trait Answer {
    /// `true` for a refusal.
    fn is_refusal(&self) -> bool {
        false
    }
}

impl<T, E> Answer for Result<T, E> {
    fn is_refusal(&self) -> bool {
        self.is_err()
    }
}

macro_rules! never_refusals {
    ($($ty:ty),*) => { $(impl Answer for $ty {})* };
}
never_refusals!(
    (),
    bool,
    u8,
    u16,
    u32,
    u64,
    u128,
    crate::Id,
    ink::primitives::AccountId,
    Hash
);
impl<T> Answer for Option<T> {}
impl<A, B> Answer for (A, B) {}
impl<T> Answer for ink::prelude::vec::Vec<T> {}

/// The 32 bytes of a code hash written as 64 hex digits, with or without `0x`; evaluated at
/// compile time, so a malformed hash is a build error.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
pub const fn code_hash(hex: &str) -> [u8; 32] {
    let bytes = hex.as_bytes();
    let start = if bytes.len() == 66 && bytes[0] == b'0' && bytes[1] == b'x' {
        2
    } else {
        0
    };
    assert!(bytes.len() == start + 64, "a code hash is 64 hex digits");
    let mut hash = [0u8; 32];
    let mut i = 0;
    while i < 32 {
        hash[i] = nibble(bytes[start + 2 * i]) * 16 + nibble(bytes[start + 2 * i + 1]);
        i += 1;
    }
    hash
}

#[allow(clippy::arithmetic_side_effects)]
const fn nibble(digit: u8) -> u8 {
    match digit {
        b'0'..=b'9' => digit - b'0',
        b'a'..=b'f' => digit - b'a' + 10,
        b'A'..=b'F' => digit - b'A' + 10,
        _ => panic!("a code hash is hex"),
    }
}

/// The selector of the call being dispatched (`None` if the input is shorter than four bytes).
pub fn selector() -> Option<u32> {
    ink::env::decode_input::<[u8; 4]>()
        .ok()
        .map(u32::from_be_bytes)
}

/// Runs hot message `ID` of contract `C` as ink!'s dispatcher does, and ends the call with its
/// answer. One difference, invisible but in gas: the storage root is written back only when
/// the message changed it (a transfer changes only balances, never the root), which saves
/// a storage write (about 0.13e9 ref_time and 0.35 KB of proof) per such call.
pub fn run<C, const ID: u32>() -> !
where
    C: DispatchableMessageInfo<ID, Storage = C> + Storable + StorageKey,
    C::Input: Decode,
    C::Output: Encode + Answer,
{
    if !C::PAYABLE && ink::env::transferred_value::<DefaultEnvironment>() != 0 {
        panic!("paid an unpayable message");
    }
    let Ok((_, input)) = ink::env::decode_input::<([u8; 4], C::Input)>() else {
        refuse_input()
    };
    let (mut contract, stored) = load_root::<C>();
    let answer = C::CALLABLE(&mut contract, input);
    answer_with(&contract, &stored, C::MUTATES, answer)
}

/// The contract's storage root, decoded, and its bytes as stored. (One copy per contract, not
/// per message: the per-message part of [`run`] stays small.)
#[inline(never)]
fn load_root<C: Storable + StorageKey>() -> (C, Vec<u8>) {
    let Ok(Some(RawValue(stored))) = ink::env::get_contract_storage::<_, RawValue>(&C::KEY) else {
        panic!("no contract storage");
    };
    let Ok(contract) = ink::storage::traits::decode_all::<C>(&mut stored.as_slice()) else {
        panic!("undecodable contract storage");
    };
    (contract, stored)
}

/// Ends the call with `answer`: a refusal reverts (nothing written); otherwise the root of a
/// message that `mutates` is written back if it differs from what was `stored`.
#[inline(never)]
fn answer_with<C, O>(contract: &C, stored: &[u8], mutates: bool, answer: O) -> !
where
    C: Storable + StorageKey,
    O: Encode + Answer,
{
    let refused = answer.is_refusal();
    if !refused && mutates {
        store_root_if_changed(contract, stored);
    }
    let flags = if refused {
        ReturnFlags::REVERT
    } else {
        ReturnFlags::empty()
    };
    ink::env::return_value::<ink::MessageResult<O>>(flags, &Ok(answer))
}

/// Writes the root back unless its encoding is still what was `stored`.
#[inline(never)]
fn store_root_if_changed<C: Storable + StorageKey>(contract: &C, stored: &[u8]) {
    let mut changed = Vec::with_capacity(stored.len());
    Storable::encode(contract, &mut changed);
    if changed != stored {
        ink::env::set_contract_storage(&C::KEY, &RawValue(changed));
    }
}

/// A storage value as its bytes, read and written whole (the root before it is decoded, and
/// after it is encoded).
struct RawValue(Vec<u8>);

impl Storable for RawValue {
    fn encode<T: ink::scale::Output + ?Sized>(&self, dest: &mut T) {
        dest.write(&self.0);
    }

    fn decode<I: ink::scale::Input>(input: &mut I) -> Result<Self, ink::scale::Error> {
        let length = input
            .remaining_len()?
            .ok_or("a storage value of unknown length")?;
        let mut bytes = ink::prelude::vec![0; length];
        input.read(&mut bytes)?;
        Ok(Self(bytes))
    }

    fn encoded_size(&self) -> usize {
        self.0.len()
    }
}

/// The selector a hot code answers, before anything else and without touching storage, with
/// the hash of the full code it pins: how an upgrade learns which full code a proposed hot
/// code needs ([`full_code_of`]). No message of a split contract may have it (the macro
/// refuses a hot label with it; `e2e-tests/tests/split.rs` checks every message).
pub const FULL_CODE_QUERY: [u8; 4] = ink::selector_bytes!("psp::split::full_code");

/// The full code a hot code pins, held as its answer to [`FULL_CODE_QUERY`]
/// (`MessageResult::<[u8; 32]>::Ok(hash)` as SCALE encodes it: a zero byte, then the hash),
/// so the hash is in the hot Wasm once. Made at compile time.
pub struct PinnedFullCode([u8; 33]);

impl PinnedFullCode {
    /// The full code `hash` (see [`code_hash`]).
    #[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
    pub const fn new(hash: [u8; 32]) -> Self {
        let mut answer = [0u8; 33];
        let mut i = 0;
        while i < 32 {
            answer[i + 1] = hash[i];
            i += 1;
        }
        Self(answer)
    }

    /// The code hash.
    pub fn hash(&self) -> &[u8] {
        self.0.split_at(1).1
    }

    /// The answer to [`FULL_CODE_QUERY`].
    pub fn answer(&self) -> &[u8] {
        &self.0
    }
}

/// Hands the call, input and value as they came, to the full code by delegate call; its
/// answer (and revert flag) is this call's answer.
#[cfg(target_arch = "wasm32")]
pub fn forward(full_code: &PinnedFullCode) -> ! {
    use pallet_contracts_uapi::{CallFlags, HostFn, HostFnImpl};
    let flags = CallFlags::FORWARD_INPUT | CallFlags::TAIL_CALL;
    // A tail call that succeeds never returns here: the full code's answer ends the call.
    let _failed = HostFnImpl::delegate_call(flags, full_code.hash(), &[], None);
    panic!("the full code is missing or trapped")
}

/// The hot code's answer to [`FULL_CODE_QUERY`].
#[cfg(target_arch = "wasm32")]
pub fn answer_full_code(full_code: &PinnedFullCode) -> ! {
    use pallet_contracts_uapi::{HostFn, HostFnImpl, ReturnFlags};
    HostFnImpl::return_value(ReturnFlags::empty(), full_code.answer())
}

/// The full code that code `code_hash` pins if it is a split contract's hot code, asked by
/// delegate call with [`FULL_CODE_QUERY`]; `None` for other code (ink!'s dispatcher refuses
/// the selector as input it cannot read). `Err` if the code is missing, traps or answers
/// anything else. The executing contract runs `code_hash`, so ask only about code it is
/// about to run anyway (an upgrade past its delay, or its own).
pub fn full_code_of(code_hash: Hash) -> Result<Option<Hash>, ink::env::Error> {
    let answer = ink::env::call::build_call::<DefaultEnvironment>()
        .delegate(code_hash)
        .exec_input(ink::env::call::ExecutionInput::new(
            ink::env::call::Selector::new(FULL_CODE_QUERY),
        ))
        .returns::<[u8; 32]>()
        .try_invoke()?;
    Ok(answer.ok().map(Hash::from))
}

/// The hot code's instantiation: locks the full code, so it cannot be removed while this
/// contract lives, and hands the constructor call to it (see [`full_call`]).
#[cfg(target_arch = "wasm32")]
pub fn deploy_through(full_code: &PinnedFullCode) -> ! {
    use pallet_contracts_uapi::{HostFn, HostFnImpl};
    HostFnImpl::lock_delegate_dependency(full_code.hash());
    forward(full_code)
}

/// Which messages and constructors of a contract accept value, as ink!'s dispatcher needs to
/// know: when none does, it refuses value before decoding anything; otherwise each unpayable
/// one refuses it. `scripts/build` reads both from the contract's metadata.
#[derive(Clone, Copy)]
pub struct Payable {
    /// Some message is payable.
    pub messages: bool,
    /// Some constructor is payable.
    pub constructors: bool,
}

impl Payable {
    /// Reads `SPLIT_PAYABLE` as `scripts/build` writes it: `<messages>,<constructors>`, each
    /// `0` or `1`; evaluated at compile time, so anything else is a build error.
    #[allow(clippy::indexing_slicing)]
    pub const fn parse(flags: &str) -> Self {
        let bytes = flags.as_bytes();
        assert!(
            bytes.len() == 3 && bytes[1] == b',',
            "SPLIT_PAYABLE is <0|1>,<0|1>"
        );
        Self {
            messages: flag(bytes[0]),
            constructors: flag(bytes[2]),
        }
    }
}

const fn flag(digit: u8) -> bool {
    match digit {
        b'0' => false,
        b'1' => true,
        _ => panic!("SPLIT_PAYABLE is <0|1>,<0|1>"),
    }
}

/// The full code's `call`, as ink!'s: decodes the message and dispatches it. Input that is no
/// message, while the contract has no storage root yet, is the hot code's instantiation
/// ([`deploy_through`]): it runs the constructor instead. (The root is looked up only then,
/// not on every message; a live contract always has its root, so it refuses such input as
/// ink! does.)
pub fn full_call<C>(payable: Payable) -> !
where
    C: ContractMessageDecoder + ContractConstructorDecoder + StorageKey,
{
    let message = ink::env::decode_input::<<C as ContractMessageDecoder>::Type>();
    if message.is_err() && ink::env::contains_contract_storage(&C::KEY).is_none() {
        construct::<C>(payable)
    }
    deny_payment_unless(payable.messages);
    match message {
        Ok(message) => dispatch(message),
        Err(_) => refuse_input(),
    }
}

/// Runs the constructor the input names, as ink!'s `deploy` does (the full code's own
/// `deploy`, and its instantiation through the hot code).
pub fn construct<C: ContractConstructorDecoder>(payable: Payable) -> ! {
    deny_payment_unless(payable.constructors);
    match ink::env::decode_input::<C::Type>() {
        Ok(constructor) => dispatch(constructor),
        Err(_) => refuse_input(),
    }
}

/// Runs a decoded message or constructor through ink!'s dispatcher, which ends the call.
fn dispatch<D: ExecuteDispatchable>(dispatchable: D) -> ! {
    let _failed = ExecuteDispatchable::execute_dispatchable(dispatchable);
    panic!("dispatch failed")
}

/// ink!'s refusal of value when nothing of the kind is payable (each unpayable dispatchable
/// refuses it itself otherwise).
fn deny_payment_unless(any_payable: bool) {
    if !any_payable && ink::env::transferred_value::<DefaultEnvironment>() != 0 {
        panic!("paid an unpayable dispatchable");
    }
}

/// ink!'s answer to input it cannot decode.
fn refuse_input() -> ! {
    ink::env::return_value::<ink::MessageResult<()>>(
        ReturnFlags::REVERT,
        &Err(LangError::CouldNotReadInput),
    )
}

/// The entry points of a split contract's two builds: `split_entry_points!(Contract,
/// "Trait::message", ...)` names its hot messages by their metadata labels (a wrong label
/// does not compile).
///
/// * With the `hot` feature: the hot messages run here; every other selector, and the
///   instantiation, go to the full code whose hash `SPLIT_FULL_CODE_HASH` held at compile
///   time.
/// * With the `full-code` feature: every message and constructor, as ink!'s dispatcher, with
///   `SPLIT_PAYABLE` saying which kinds are payable.
///
/// Invoke it once in the contract crate; both features must enable `ink-as-dependency`
/// (that removes ink!'s own entry points). `scripts/build` builds the crate three times:
/// ink!'s own build (the metadata), the full code, then the hot code pinned to it.
#[macro_export]
macro_rules! split_entry_points {
    ($contract:ty, $($label:literal),+ $(,)?) => {
        #[cfg(all(target_arch = "wasm32", feature = "hot"))]
        const _: () = {
            const FULL_CODE: $crate::split::PinnedFullCode = $crate::split::PinnedFullCode::new(
                $crate::split::code_hash(env!("SPLIT_FULL_CODE_HASH")),
            );
            const QUERY: u32 = u32::from_be_bytes($crate::split::FULL_CODE_QUERY);
            $(
                assert!(
                    ::ink::selector_id!($label) != QUERY,
                    "a hot message has psp::split's reserved selector"
                );
            )+

            #[no_mangle]
            pub extern "C" fn call() {
                let selector = $crate::split::selector();
                if selector == Some(QUERY) {
                    $crate::split::answer_full_code(&FULL_CODE);
                }
                $(
                    if selector == Some(::ink::selector_id!($label)) {
                        $crate::split::run::<$contract, { ::ink::selector_id!($label) }>();
                    }
                )+
                $crate::split::forward(&FULL_CODE)
            }

            #[no_mangle]
            pub extern "C" fn deploy() {
                $crate::split::deploy_through(&FULL_CODE)
            }
        };

        #[cfg(all(target_arch = "wasm32", feature = "full-code", not(feature = "hot")))]
        const _: () = {
            const PAYABLE: $crate::split::Payable =
                $crate::split::Payable::parse(env!("SPLIT_PAYABLE"));

            #[no_mangle]
            pub extern "C" fn call() {
                $crate::split::full_call::<$contract>(PAYABLE)
            }

            #[no_mangle]
            pub extern "C" fn deploy() {
                $crate::split::construct::<$contract>(PAYABLE)
            }
        };
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_hash_reads_hex_with_or_without_prefix() {
        let hex = "00112233445566778899aabbccddeeffFFEEDDCCBBAA99887766554433221100";
        let hash = code_hash(hex);
        assert_eq!(hash[0], 0x00);
        assert_eq!(hash[1], 0x11);
        assert_eq!(hash[15], 0xff);
        assert_eq!(hash[16], 0xff);
        assert_eq!(hash[31], 0x00);
        assert_eq!(code_hash(&format!("0x{hex}")), hash);
    }

    #[test]
    #[should_panic(expected = "64 hex digits")]
    fn code_hash_refuses_a_short_hash() {
        code_hash("0x1234");
    }

    #[test]
    #[should_panic(expected = "is hex")]
    fn code_hash_refuses_non_hex() {
        code_hash(&"g".repeat(64));
    }

    #[test]
    fn the_pinned_full_code_answers_an_encoded_message_result() {
        let hash = code_hash(&"ab".repeat(32));
        let pinned = PinnedFullCode::new(hash);
        assert_eq!(pinned.hash(), &hash[..]);
        let decoded: ink::MessageResult<[u8; 32]> =
            Decode::decode(&mut pinned.answer()).expect("decodes");
        assert_eq!(decoded, Ok(hash));
    }

    #[test]
    fn payable_flags_read_both_kinds() {
        let payable = Payable::parse("1,0");
        assert!(payable.messages && !payable.constructors);
        let payable = Payable::parse("0,1");
        assert!(!payable.messages && payable.constructors);
    }

    #[test]
    #[should_panic(expected = "SPLIT_PAYABLE")]
    fn payable_flags_refuse_anything_else() {
        Payable::parse("yes");
    }

    #[test]
    fn only_an_err_is_a_refusal() {
        assert!(Err::<(), u8>(1).is_refusal());
        assert!(!Ok::<(), u8>(()).is_refusal());
        assert!(!Some(1u8).is_refusal());
        assert!(!0u128.is_refusal());
    }
}
