//! The rules of Merkle reward rounds, free of storage: opening (funding must match), claiming
//! (open, unclaimed, proven, within the total), reclaiming (after the deadline, once), and the
//! claim bitmap: one bit per leaf, 128 leaves per stored word.

use crate::{Asset, DistributorError, Round, RoundClaimed, RoundOpened, RoundReclaimed};
use ink::primitives::AccountId;
use psp::merkle;

/// Where a leaf's claimed bit lives: a word of the round's bitmap and the bit in that word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// The bitmap word (the storage key beside the round id).
    pub word: u32,
    /// The leaf's bit in that word.
    mask: u128,
}

/// One word of a round's claim bitmap: the claimed bits of 128 consecutive leaves.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ClaimBitmap(pub u128);

impl ClaimBitmap {
    /// Leaves per word.
    pub const LEAVES: u32 = u128::BITS;

    /// Where leaf `index`'s bit lives.
    pub fn slot(index: u32) -> Slot {
        let bit = index.checked_rem(Self::LEAVES).unwrap_or(0);
        Slot {
            word: index.checked_div(Self::LEAVES).unwrap_or(0),
            mask: 1u128.checked_shl(bit).unwrap_or(0),
        }
    }

    /// Whether the leaf at `slot` (in this word) is claimed.
    pub fn is_set(self, slot: Slot) -> bool {
        self.0 & slot.mask != 0
    }

    /// This word with the leaf at `slot` claimed.
    pub fn set(self, slot: Slot) -> Self {
        Self(self.0 | slot.mask)
    }
}

/// Where a round lives: the distributor's address and the round's id. Both are hashed into
/// every leaf, so a proof pays only in the round and the distributor it was made for (a root
/// opened again, or in another distributor, pays no leaf twice).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoundKey {
    pub distributor: AccountId,
    pub round: u32,
}

impl RoundKey {
    /// The leaf paying `amount` to `account` at position `index` of this round:
    /// `psp::merkle::leaf(&(distributor, round, index, account, amount))`, what the
    /// `merkle-round` tool builds trees of.
    pub fn leaf(self, index: u32, account: AccountId, amount: u128) -> merkle::Hash {
        merkle::leaf(&(self.distributor, self.round, index, account, amount))
    }
}

impl Round {
    /// A round paying `total` of `asset` to the leaves under `root` until `deadline`, funded
    /// with the native `value` sent: it must be `total` for the native currency and nothing
    /// for a token (which is pulled instead).
    pub fn open(
        asset: Asset,
        root: [u8; 32],
        total: u128,
        deadline: u64,
        value: u128,
    ) -> Result<Self, DistributorError> {
        if total == 0 {
            return Err(DistributorError::ZeroAmount);
        }
        match asset {
            Asset::Native if value != total => return Err(DistributorError::ValueMismatch),
            Asset::Token(_) if value != 0 => return Err(DistributorError::ValueMismatch),
            _ => {}
        }
        Ok(Self {
            asset,
            root,
            total,
            claimed: 0,
            deadline,
            reclaimed: false,
        })
    }

    /// The event of opening this round as round `round`.
    pub fn opened(&self, round: u32) -> RoundOpened {
        RoundOpened {
            round,
            asset: self.asset,
            root: self.root,
            total: self.total,
            deadline: self.deadline,
        }
    }

    /// Admits the claim of leaf `index` of this round, the one at `key` (`amount` to `account`,
    /// with its Merkle `proof`), at `now`, given the bitmap `word` holding the leaf's bit: the
    /// round must be open, the leaf unclaimed, the proof valid and the total not exceeded,
    /// checked in that order. Books the amount; returns the word with the leaf claimed and the
    /// event.
    pub fn claim(
        &mut self,
        key: RoundKey,
        now: u64,
        (index, account, amount): (u32, AccountId, u128),
        proof: &[merkle::Hash],
        word: ClaimBitmap,
    ) -> Result<(ClaimBitmap, RoundClaimed), DistributorError> {
        if self.reclaimed || now > self.deadline {
            return Err(DistributorError::RoundClosed);
        }
        let slot = ClaimBitmap::slot(index);
        if word.is_set(slot) {
            return Err(DistributorError::AlreadyClaimed);
        }
        if !merkle::verify(&self.root, key.leaf(index, account, amount), proof) {
            return Err(DistributorError::InvalidProof);
        }
        self.claimed = self
            .claimed
            .checked_add(amount)
            .filter(|claimed| *claimed <= self.total)
            .ok_or(DistributorError::RoundOverdrawn)?;
        let event = RoundClaimed {
            round: key.round,
            account,
            index,
            amount,
        };
        Ok((word.set(slot), event))
    }

    /// Closes this round, round `round`, after its deadline; the event tells what is left for
    /// the admin.
    pub fn reclaim(&mut self, round: u32, now: u64) -> Result<RoundReclaimed, DistributorError> {
        if self.reclaimed {
            return Err(DistributorError::RoundClosed);
        }
        if now <= self.deadline {
            return Err(DistributorError::RoundStillOpen);
        }
        self.reclaimed = true;
        Ok(RoundReclaimed {
            round,
            amount: self.total.saturating_sub(self.claimed),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use psp::merkle::MerkleTree;
    use std::collections::{BTreeMap, HashSet};

    fn bob() -> AccountId {
        AccountId::from([2; 32])
    }

    /// Round `id` of a distributor at `[9; 32]`.
    fn key(id: u32) -> RoundKey {
        RoundKey {
            distributor: AccountId::from([9; 32]),
            round: id,
        }
    }

    /// Round `id` over `list`, with its tree.
    fn round(id: u32, list: &[(u32, AccountId, u128)], total: u128) -> (Round, MerkleTree) {
        let leaves = list
            .iter()
            .map(|&(index, account, amount)| key(id).leaf(index, account, amount))
            .collect();
        let tree = MerkleTree::new(leaves);
        let round = Round::open(Asset::Native, tree.root(), total, 100, total).expect("open");
        (round, tree)
    }

    #[test]
    fn slots_cover_128_leaves_per_word() {
        assert_eq!(ClaimBitmap::slot(0), Slot { word: 0, mask: 1 });
        assert_eq!(ClaimBitmap::slot(127).word, 0);
        assert_eq!(ClaimBitmap::slot(127).mask, 1 << 127);
        assert_eq!(ClaimBitmap::slot(128), Slot { word: 1, mask: 1 });
        assert_eq!(ClaimBitmap::slot(1_000).word, 7);
        assert_eq!(ClaimBitmap::slot(u32::MAX).word, u32::MAX / 128);
        assert_eq!(ClaimBitmap::slot(u32::MAX).mask, 1 << 127);
        let word = ClaimBitmap::default().set(ClaimBitmap::slot(5));
        assert!(word.is_set(ClaimBitmap::slot(5)));
        assert!(!word.is_set(ClaimBitmap::slot(4)));
        assert_eq!(
            word.set(ClaimBitmap::slot(5)),
            word,
            "setting twice changes nothing"
        );
    }

    #[test]
    fn opening_checks_the_total_and_the_funding() {
        let token = Asset::Token(AccountId::from([9; 32]));
        let open = |asset, total, value| Round::open(asset, [0; 32], total, 10, value);
        assert_eq!(open(Asset::Native, 0, 0), Err(DistributorError::ZeroAmount));
        assert_eq!(
            open(Asset::Native, 10, 9),
            Err(DistributorError::ValueMismatch)
        );
        assert_eq!(open(token, 10, 10), Err(DistributorError::ValueMismatch));
        assert_eq!(open(token, 0, 5), Err(DistributorError::ZeroAmount));
        let round = open(token, 10, 0).expect("a token round is pulled, not sent");
        assert_eq!((round.claimed, round.reclaimed), (0, false));
        assert!(open(Asset::Native, 10, 10).is_ok());
    }

    #[test]
    fn a_claim_checks_open_unclaimed_proof_and_total_in_that_order() {
        let list = [(0, bob(), 300), (1, bob(), 300)];
        let (mut state, tree) = round(7, &list, 500);
        let proof = tree.proof(0).expect("proof");
        let word = ClaimBitmap::default();
        // A wrong amount or index does not verify, and books nothing.
        assert_eq!(
            state.claim(key(7), 0, (0, bob(), 301), &proof, word),
            Err(DistributorError::InvalidProof)
        );
        assert_eq!(
            state.claim(key(7), 0, (1, bob(), 300), &proof, word),
            Err(DistributorError::InvalidProof)
        );
        assert_eq!(state.claimed, 0);
        let (word, event) = state
            .claim(key(7), 100, (0, bob(), 300), &proof, word)
            .expect("at the deadline");
        assert_eq!(
            event,
            RoundClaimed {
                round: 7,
                account: bob(),
                index: 0,
                amount: 300
            }
        );
        assert_eq!(state.claimed, 300);
        assert!(word.is_set(ClaimBitmap::slot(0)));
        // Claimed already: refused before the proof is even looked at.
        assert_eq!(
            state.claim(key(7), 0, (0, bob(), 300), &[], word),
            Err(DistributorError::AlreadyClaimed)
        );
        // The second leaf would overdraw the total of 500.
        let second = tree.proof(1).expect("proof");
        assert_eq!(
            state.claim(key(7), 0, (1, bob(), 300), &second, word),
            Err(DistributorError::RoundOverdrawn)
        );
        assert_eq!(state.claimed, 300);
        // After the deadline everything is closed, even a claimed leaf.
        assert_eq!(
            state.claim(key(7), 101, (0, bob(), 300), &proof, word),
            Err(DistributorError::RoundClosed)
        );
    }

    /// L-3 of the security review: a leaf proven for one round pays in no other round and in
    /// no other distributor, even under the same root.
    #[test]
    fn a_proof_pays_only_in_its_own_round_and_distributor() {
        let list = [(0, bob(), 100), (1, bob(), 300)];
        let (mut state, tree) = round(0, &list, 400);
        let proof = tree.proof(0).expect("proof");
        let word = ClaimBitmap::default();
        assert_eq!(
            state
                .clone()
                .claim(key(1), 0, (0, bob(), 100), &proof, word),
            Err(DistributorError::InvalidProof),
            "another round under the same root"
        );
        let elsewhere = RoundKey {
            distributor: AccountId::from([8; 32]),
            round: 0,
        };
        assert_eq!(
            state
                .clone()
                .claim(elsewhere, 0, (0, bob(), 100), &proof, word),
            Err(DistributorError::InvalidProof),
            "another distributor"
        );
        assert!(state
            .claim(key(0), 0, (0, bob(), 100), &proof, word)
            .is_ok());
    }

    #[test]
    fn reclaiming_waits_for_the_deadline_and_happens_once() {
        let list = [(0, bob(), 200)];
        let (mut state, tree) = round(3, &list, 500);
        let proof = tree.proof(0).expect("proof");
        state
            .claim(key(3), 5, (0, bob(), 200), &proof, ClaimBitmap::default())
            .expect("claim");
        assert_eq!(state.reclaim(3, 100), Err(DistributorError::RoundStillOpen));
        assert_eq!(
            state.reclaim(3, 101),
            Ok(RoundReclaimed {
                round: 3,
                amount: 300
            })
        );
        assert!(state.reclaimed);
        assert_eq!(state.reclaim(3, 200), Err(DistributorError::RoundClosed));
        assert_eq!(
            state.claim(key(3), 0, (0, bob(), 200), &proof, ClaimBitmap::default()),
            Err(DistributorError::RoundClosed),
            "a reclaimed round is closed"
        );
    }

    #[test]
    fn the_opening_event_tells_the_round() {
        let (state, tree) = round(4, &[(0, bob(), 5)], 5);
        assert_eq!(
            state.opened(4),
            RoundOpened {
                round: 4,
                asset: Asset::Native,
                root: tree.root(),
                total: 5,
                deadline: 100
            }
        );
    }

    proptest! {
        /// `set` and `is_set` over words kept per `slot(index).word` (as the contract stores
        /// them) agree with a set of claimed indexes.
        #[test]
        fn the_bitmap_agrees_with_a_set_of_indexes(
            claims in prop::collection::vec(
                prop_oneof![0u32..300, any::<u32>(), (u32::MAX - 300)..=u32::MAX],
                0..200,
            ),
            probes in prop::collection::vec(any::<u32>(), 0..50),
        ) {
            let mut words: BTreeMap<u32, ClaimBitmap> = BTreeMap::new();
            let mut model: HashSet<u32> = HashSet::new();
            for index in claims.iter().copied() {
                let slot = ClaimBitmap::slot(index);
                let word = words.get(&slot.word).copied().unwrap_or_default();
                prop_assert_eq!(word.is_set(slot), model.contains(&index));
                words.insert(slot.word, word.set(slot));
                model.insert(index);
            }
            for index in claims.iter().chain(&probes).copied() {
                let slot = ClaimBitmap::slot(index);
                let word = words.get(&slot.word).copied().unwrap_or_default();
                prop_assert_eq!(word.is_set(slot), model.contains(&index));
            }
        }
    }
}
