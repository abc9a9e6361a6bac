//! Contribution mining off chain: registering a community project on the pool, and signing a
//! voucher as a project's lead with an ECDSA key in the form Polkadot.js derives it. The
//! voucher CLI (`src/bin/voucher.rs`), the demo and the tests share it.

use ink::{
    env::hash::{Blake2x256, CryptoHash},
    primitives::AccountId,
    scale::Encode,
};
use mining_pool::{PoolError, Voucher, VOUCHER_TAG};
use sp_core::{ecdsa, Pair};

use crate::{AccountId32, Chain, Contract};

/// `admin` registers project `uri` on `pool`, led by `lead` with `budget` points per epoch.
/// Returns the project id; panics if the pool refuses (tests and the demo expect it to accept).
pub fn register_project(
    chain: &mut Chain,
    pool: &Contract,
    admin: &AccountId32,
    uri: &str,
    lead: AccountId,
    budget: u128,
) -> u32 {
    chain
        .send::<u32, PoolError>(
            pool,
            admin,
            "register_project",
            (uri.to_string(), lead, budget),
        )
        .0
        .unwrap_or_else(|error| panic!("register_project {uri}: {error:?}"))
}

/// A project lead's secp256k1 key, from a secret URI as Polkadot.js reads it for an `ecdsa`
/// keypair: a mnemonic or 0x-prefixed seed, optionally followed by hard junctions (`//Alice`
/// alone means the development mnemonic's `//Alice`). Soft junctions do not exist for ECDSA.
pub struct LeadKey(ecdsa::Pair);

impl LeadKey {
    /// The key of `suri`; an error in words if it does not parse or asks for a password this
    /// tool does not take.
    pub fn from_suri(suri: &str) -> Result<Self, String> {
        ecdsa::Pair::from_string(suri, None)
            .map(Self)
            .map_err(|error| format!("cannot derive an ecdsa key from the secret URI: {error:?}"))
    }

    /// The 33-byte compressed public key.
    pub fn public(&self) -> [u8; 33] {
        self.0.public().0
    }

    /// The key's Substrate account: `blake2_256` of the compressed public key (what
    /// Polkadot.js shows for an `ecdsa` keypair, and what the pool recovers a signature to).
    pub fn account(&self) -> AccountId {
        let mut account = [0u8; 32];
        Blake2x256::hash(&self.public(), &mut account);
        AccountId::from(account)
    }

    /// The signature over `voucher` at `pool` of deployment `domain`: Polkadot.js's
    /// `pair.sign(bytes)` of the same SCALE bytes gives it (both hash with `blake2_256` and
    /// sign deterministically, RFC 6979).
    pub fn sign(&self, domain: u32, pool: AccountId, voucher: &Voucher) -> [u8; 65] {
        self.0.sign(&signed_bytes(domain, pool, voucher)).0
    }
}

/// The bytes a lead signs for `voucher`: SCALE of `(VOUCHER_TAG, domain, pool, voucher)`. The
/// pool's `voucher_digest` is their `blake2_256`.
pub fn signed_bytes(domain: u32, pool: AccountId, voucher: &Voucher) -> Vec<u8> {
    (VOUCHER_TAG, domain, pool, voucher).encode()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn voucher() -> Voucher {
        Voucher {
            project: 1,
            contributor: AccountId::from([3; 32]),
            epoch: 7,
            points: 25,
            reference: [9; 32],
            nonce: 1,
            deadline: 1_050,
        }
    }

    #[test]
    fn the_development_keys_are_the_ones_polkadot_js_derives() {
        // Polkadot.js: new Keyring({ type: 'ecdsa' }).addFromUri('//Alice').publicKey
        let alice = LeadKey::from_suri("//Alice").expect("dev key");
        assert_eq!(
            crate::hex(&alice.public()),
            "020a1091341fe5664bfa1782d5e04779689068c916b04cb365ec3153755684d9a1"
        );
        assert!(LeadKey::from_suri("//Alice/soft").is_err());
        assert!(LeadKey::from_suri("not a mnemonic").is_err());
    }

    #[test]
    fn a_signature_recovers_to_the_lead_s_account() {
        let key = LeadKey::from_suri("//Bob").expect("dev key");
        let pool = AccountId::from([0xBB; 32]);
        let signature = key.sign(42, pool, &voucher());
        let digest = mining_pool::voucher::digest(42, pool, &voucher());
        let mut public = [0u8; 33];
        ink::env::ecdsa_recover(&signature, &digest, &mut public).expect("recovers");
        assert_eq!(public, key.public());
        assert_eq!(
            key.sign(42, pool, &voucher()),
            signature,
            "deterministic (RFC 6979)"
        );
    }
}
