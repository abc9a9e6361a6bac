//! The desk's rules, free of storage: what a configuration must satisfy, and the time checks of
//! a submission's review window and of the open mode's pace.

// parity-scale-codec's enum derive trips `cast_possible_truncation`; see `psp::psp22`.
#![allow(clippy::cast_possible_truncation)]

use crate::CreationError;
use ink::primitives::AccountId;

/// Most submissions one account may have waiting at once (the spam bound).
pub const MAX_PENDING_LIMIT: u32 = 16;
/// Longest review window: 30 days (ms).
pub const MAX_REVIEW_WINDOW: u64 = 30 * 24 * 60 * 60 * 1_000;
/// Shortest pace of the open mode: one creation per account per hour (ms).
pub const MIN_OPEN_INTERVAL: u64 = 60 * 60 * 1_000;
/// Longest metadata URI of a creation, in bytes.
pub const MAX_URI: usize = 256;

/// How creations are accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Mode {
    /// A `CURATOR` accepts or rejects each submission within the review window.
    Curated,
    /// No curator: a submission is accepted at once, but each account at most once per
    /// `interval` ms (at least an hour), the tighter cap that stands in for the curator.
    Open { interval: u64 },
}

/// The desk's configuration (the admin may change it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Rules {
    /// Mining points an accepted creation earns its creator in the pool's current epoch
    /// (within the pool's per-account cap and the creations project's budget).
    pub points: u128,
    /// How long a curator has to review a submission (ms); after it anyone may expire it.
    pub review_window: u64,
    /// Most submissions one account may have waiting (1 to 16).
    pub max_pending: u32,
    /// Curated, or open with a pace per account.
    pub mode: Mode,
}

impl Rules {
    /// `InvalidRules` unless points are positive, the window is 1 ms to 30 days, the pending
    /// cap 1 to 16, and an open mode's interval at least an hour.
    pub fn check(self) -> Result<Self, CreationError> {
        let open_ok = match self.mode {
            Mode::Curated => true,
            Mode::Open { interval } => interval >= MIN_OPEN_INTERVAL,
        };
        let valid = self.points > 0
            && (1..=MAX_REVIEW_WINDOW).contains(&self.review_window)
            && (1..=MAX_PENDING_LIMIT).contains(&self.max_pending)
            && open_ok;
        if valid {
            Ok(self)
        } else {
            Err(CreationError::InvalidRules)
        }
    }
}

/// A creation waiting for review.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Submission {
    /// The fan who submitted it: the NFT's owner, creator and royalty receiver if accepted.
    pub creator: AccountId,
    /// The hash of the creation's content (the NFT's id if accepted).
    pub content_hash: [u8; 32],
    /// Its metadata URI.
    pub uri: ink::prelude::string::String,
    /// When it was submitted (ms).
    pub submitted_at: u64,
}

impl Submission {
    /// The last timestamp at which a curator may review it.
    pub fn review_deadline(&self, window: u64) -> u64 {
        self.submitted_at.saturating_add(window)
    }
}

/// What is known of a content hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum ContentState {
    /// Submission `0` is waiting for review.
    Pending(u64),
    /// Accepted and minted: never again.
    Minted,
}

/// Whether an open-mode creation by an account whose last one was accepted at `last` may be
/// accepted at `now`.
pub fn paced(last: Option<u64>, now: u64, interval: u64) -> bool {
    last.is_none_or(|last| now >= last.saturating_add(interval))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rules() -> Rules {
        Rules {
            points: 10,
            review_window: 1_000,
            max_pending: 3,
            mode: Mode::Curated,
        }
    }

    #[test]
    fn rules_are_checked() {
        assert_eq!(rules().check(), Ok(rules()));
        let open = Rules {
            mode: Mode::Open {
                interval: MIN_OPEN_INTERVAL,
            },
            ..rules()
        };
        assert_eq!(open.check(), Ok(open));
        for bad in [
            Rules {
                points: 0,
                ..rules()
            },
            Rules {
                review_window: 0,
                ..rules()
            },
            Rules {
                review_window: MAX_REVIEW_WINDOW + 1,
                ..rules()
            },
            Rules {
                max_pending: 0,
                ..rules()
            },
            Rules {
                max_pending: MAX_PENDING_LIMIT + 1,
                ..rules()
            },
            Rules {
                mode: Mode::Open {
                    interval: MIN_OPEN_INTERVAL - 1,
                },
                ..rules()
            },
        ] {
            assert_eq!(bad.check(), Err(CreationError::InvalidRules), "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn the_pace_allows_one_per_interval(
            last in proptest::option::of(any::<u64>()),
            now in any::<u64>(),
            interval in any::<u64>(),
        ) {
            let allowed = paced(last, now, interval);
            match last {
                None => prop_assert!(allowed),
                Some(last) => {
                    let next = (u128::from(last) + u128::from(interval)).min(u128::from(u64::MAX));
                    prop_assert_eq!(allowed, u128::from(now) >= next);
                }
            }
        }

        #[test]
        fn the_review_deadline_never_wraps(at in any::<u64>(), window in any::<u64>()) {
            let deadline = Submission {
                creator: AccountId::from([1; 32]),
                content_hash: [0; 32],
                uri: "ipfs://x".into(),
                submitted_at: at,
            }
            .review_deadline(window);
            prop_assert!(deadline >= at);
            prop_assert_eq!(u128::from(deadline), (u128::from(at) + u128::from(window)).min(u128::from(u64::MAX)));
        }
    }
}
