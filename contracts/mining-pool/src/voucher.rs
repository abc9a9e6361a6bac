//! Signed vouchers, free of storage: the digest an attester signs and the account a signature
//! recovers to. Only the lead of the voucher's project may sign it (the pool checks).
//!
//! The digest is `blake2_256` of the SCALE encoding of `(VOUCHER_TAG, domain, pool, voucher)`,
//! which is what a Polkadot.js `ecdsa` key signs when given those bytes. The signer's account is
//! `blake2_256` of its compressed secp256k1 public key, as for Substrate `ecdsa` accounts.

use crate::{PoolError, Voucher, VOUCHER_TAG};
use ink::{
    env::hash::{Blake2x256, HashOutput},
    primitives::AccountId,
    scale::Encode,
};

/// The 32 bytes an attester signs for `voucher` at the pool `pool` of deployment `domain`.
pub fn digest(domain: u32, pool: AccountId, voucher: &Voucher) -> [u8; 32] {
    blake2_256(&(VOUCHER_TAG, domain, pool, voucher).encode())
}

/// The account whose key made `signature` over `digest`; `BadSignature` if none does.
pub fn signer(signature: &[u8; 65], digest: &[u8; 32]) -> Result<AccountId, PoolError> {
    let mut public_key = [0u8; 33];
    ink::env::ecdsa_recover(signature, digest, &mut public_key)
        .map_err(|_| PoolError::BadSignature)?;
    Ok(AccountId::from(blake2_256(&public_key)))
}

fn blake2_256(input: &[u8]) -> [u8; 32] {
    let mut output = <Blake2x256 as HashOutput>::Type::default();
    ink::env::hash_bytes::<Blake2x256>(input, &mut output);
    output
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use secp256k1::{Message, Secp256k1, SecretKey};

    /// `key`'s recoverable signature over `digest`, as a Polkadot.js `ecdsa` key makes it.
    pub fn sign(digest: &[u8; 32], key: &SecretKey) -> [u8; 65] {
        let message = Message::from_digest_slice(digest).expect("32 bytes");
        let (id, compact) = Secp256k1::new()
            .sign_ecdsa_recoverable(&message, key)
            .serialize_compact();
        let mut signature = [0u8; 65];
        signature[..64].copy_from_slice(&compact);
        signature[64] = id.to_i32() as u8;
        signature
    }

    /// The Substrate `ecdsa` account of `key`.
    pub fn account_of(key: &SecretKey) -> AccountId {
        let public = key.public_key(&Secp256k1::new()).serialize();
        AccountId::from(blake2_256(&public))
    }

    fn voucher() -> Voucher {
        Voucher {
            project: 5,
            contributor: AccountId::from([3; 32]),
            epoch: 7,
            points: 25,
            reference: [9; 32],
            nonce: 1,
            deadline: 1_050,
        }
    }

    fn key(byte: u8) -> SecretKey {
        SecretKey::from_slice(&[byte; 32]).expect("key")
    }

    #[test]
    fn the_digest_is_stable_and_binds_every_field() {
        let pool = AccountId::from([0xBB; 32]);
        let digest = digest(42, pool, &voucher());
        assert_eq!(
            digest,
            blake2_256(&(&b"creator-mining-voucher"[..], 42u32, pool, voucher()).encode()),
            "tag, domain, pool and voucher, SCALE-encoded in this order"
        );
        assert_eq!(
            hex(&digest),
            "a5d2d5b74ea1dee6899c5473168cad93ab7abfb4b3cc5f5cd6cd44a4c10d4ef5",
            "a change here breaks every wallet's signatures (checked with Python's hashlib.blake2b)"
        );
        let others = [
            super::digest(43, pool, &voucher()),
            super::digest(42, AccountId::from([0xBC; 32]), &voucher()),
            super::digest(
                42,
                pool,
                &Voucher {
                    points: 26,
                    ..voucher()
                },
            ),
            super::digest(
                42,
                pool,
                &Voucher {
                    nonce: 2,
                    ..voucher()
                },
            ),
            super::digest(
                42,
                pool,
                &Voucher {
                    epoch: 8,
                    ..voucher()
                },
            ),
            super::digest(
                42,
                pool,
                &Voucher {
                    deadline: 1_051,
                    ..voucher()
                },
            ),
            super::digest(
                42,
                pool,
                &Voucher {
                    reference: [8; 32],
                    ..voucher()
                },
            ),
            super::digest(
                42,
                pool,
                &Voucher {
                    contributor: pool,
                    ..voucher()
                },
            ),
            super::digest(
                42,
                pool,
                &Voucher {
                    project: 6,
                    ..voucher()
                },
            ),
        ];
        assert!(others.iter().all(|other| *other != digest));
    }

    #[test]
    fn the_signer_is_the_key_that_signed_and_no_other() {
        let digest = digest(42, AccountId::from([0xBB; 32]), &voucher());
        let signature = sign(&digest, &key(7));
        assert_eq!(signer(&signature, &digest), Ok(account_of(&key(7))));
        assert_ne!(signer(&signature, &digest), Ok(account_of(&key(8))));
        let forged = super::digest(
            42,
            AccountId::from([0xBB; 32]),
            &Voucher {
                points: 99,
                ..voucher()
            },
        );
        assert_ne!(
            signer(&signature, &forged),
            Ok(account_of(&key(7))),
            "a signature over another voucher recovers to someone else"
        );
        // A well-formed signature whose `r` is no curve point's x: nobody signed it.
        let mut unrecoverable = [0u8; 65];
        unrecoverable[31] = 5;
        unrecoverable[63] = 1;
        assert_eq!(
            signer(&unrecoverable, &digest),
            Err(PoolError::BadSignature)
        );
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|byte| format!("{byte:02x}")).collect()
    }
}
