//! The off-chain side of Merkle reward rounds: a CSV of `account,amount` lines becomes the
//! root to open the round with and, for every line, the `(index, account, amount, proof)` that
//! `claim_round` takes. Leaves are `RoundKey::leaf`:
//! `psp::merkle::leaf(&(distributor, round, index, account, amount))`, so a plan is made for one
//! round of one distributor (its `next_round()` before opening) and pays nowhere else.
//!
//! Accounts are SS58 addresses or `0x`-prefixed 32-byte hex; blank lines, `#` comments and a
//! header line starting with `account` are skipped.

use ink::primitives::AccountId;
use ink_sandbox::{AccountId32, Ss58Codec};
use psp::merkle::{Hash, MerkleTree};
pub use reward_distributor::rounds::RoundKey;

/// One claim of a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub index: u32,
    pub account: AccountId,
    pub amount: u128,
    pub proof: Vec<Hash>,
}

/// A whole round: where it opens, its root, total and claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundPlan {
    pub key: RoundKey,
    pub root: Hash,
    pub total: u128,
    pub claims: Vec<Claim>,
}

/// Parses an account given as SS58 or 0x-hex.
pub fn parse_account(text: &str) -> Result<AccountId, String> {
    let text = text.trim();
    if let Some(hex) = text.strip_prefix("0x") {
        let bytes: Vec<u8> = (0..hex.len())
            .step_by(2)
            .map(|i| {
                hex.get(i..i + 2)
                    .and_then(|pair| u8::from_str_radix(pair, 16).ok())
            })
            .collect::<Option<_>>()
            .ok_or_else(|| format!("bad hex account {text}"))?;
        let bytes: [u8; 32] = bytes
            .try_into()
            .map_err(|_| format!("account {text} is not 32 bytes"))?;
        return Ok(AccountId::from(bytes));
    }
    let account =
        AccountId32::from_ss58check(text).map_err(|e| format!("bad SS58 {text}: {e:?}"))?;
    Ok(AccountId::from(<[u8; 32]>::from(account)))
}

/// Builds round `key` (a distributor and the id its round will get) from CSV text.
pub fn from_csv(csv: &str, key: RoundKey) -> Result<RoundPlan, String> {
    let mut entries = Vec::new();
    for (number, line) in csv.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.to_lowercase().starts_with("account") {
            continue;
        }
        let (account, amount) = line
            .split_once(',')
            .ok_or_else(|| format!("line {}: expected account,amount", number + 1))?;
        let account = parse_account(account).map_err(|e| format!("line {}: {e}", number + 1))?;
        let amount: u128 = amount
            .trim()
            .replace('_', "")
            .parse()
            .map_err(|e| format!("line {}: bad amount: {e}", number + 1))?;
        entries.push((account, amount));
    }
    if entries.is_empty() {
        return Err("no claims".into());
    }
    let total = entries
        .iter()
        .try_fold(0u128, |sum, (_, amount)| sum.checked_add(*amount))
        .ok_or("total overflows u128")?;
    let leaves: Vec<Hash> = entries
        .iter()
        .enumerate()
        .map(|(index, (account, amount))| key.leaf(index as u32, *account, *amount))
        .collect();
    let tree = MerkleTree::new(leaves);
    let claims = entries
        .into_iter()
        .enumerate()
        .map(|(index, (account, amount))| Claim {
            index: index as u32,
            account,
            amount,
            proof: tree.proof(index).unwrap_or_default(),
        })
        .collect();
    Ok(RoundPlan {
        key,
        root: tree.root(),
        total,
        claims,
    })
}

/// The plan as JSON (hex hashes, SS58 accounts, decimal amounts as strings).
pub fn to_json(plan: &RoundPlan) -> serde_json::Value {
    let hex = |hash: &Hash| format!("0x{}", crate::hex(hash));
    let ss58 =
        |account: &AccountId| AccountId32::new(*AsRef::<[u8; 32]>::as_ref(account)).to_ss58check();
    serde_json::json!({
        "distributor": ss58(&plan.key.distributor),
        "round": plan.key.round,
        "root": hex(&plan.root),
        "total": plan.total.to_string(),
        "claims": plan.claims.iter().map(|claim| serde_json::json!({
            "index": claim.index,
            "account": ss58(&claim.account),
            "amount": claim.amount.to_string(),
            "proof": claim.proof.iter().map(hex).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(round: u32) -> RoundKey {
        RoundKey {
            distributor: AccountId::from([9; 32]),
            round,
        }
    }

    #[test]
    fn csv_to_verifiable_claims() {
        let alice = AccountId32::new([1; 32]).to_ss58check();
        let csv = format!(
            "account,amount\n{alice},1_000\n# a comment\n\n0x{},250\n",
            "02".repeat(32)
        );
        let plan = from_csv(&csv, key(3)).expect("plan");
        assert_eq!(plan.total, 1_250);
        assert_eq!(plan.claims.len(), 2);
        for claim in &plan.claims {
            let leaf = key(3).leaf(claim.index, claim.account, claim.amount);
            assert!(psp::merkle::verify(&plan.root, leaf, &claim.proof));
            let elsewhere = key(4).leaf(claim.index, claim.account, claim.amount);
            assert!(!psp::merkle::verify(&plan.root, elsewhere, &claim.proof));
        }
        assert_ne!(from_csv(&csv, key(4)).expect("plan").root, plan.root);
        assert_eq!(plan.claims[1].account, AccountId::from([2; 32]));
        assert!(from_csv("", key(0)).is_err());
        assert!(from_csv("nonsense", key(0)).is_err());
        assert!(from_csv("0x1234,5", key(0)).is_err());
        assert!(from_csv(&format!("{alice},-5"), key(0)).is_err());
        let json = to_json(&plan);
        assert_eq!(json["claims"][0]["account"], alice);
        assert_eq!(json["round"], 3);
    }
}
