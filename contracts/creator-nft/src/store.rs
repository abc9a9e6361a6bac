//! The collection's internals, beside the messages in `lib.rs`: the one path of every change
//! to the items (`update`), the one writer of attributes, minting a drop's items in sequence,
//! and paying the proceeds out. The contract's fields are `pub(crate)` only so that this file
//! can hold them; the pure rules (`drop`, `types`) never touch storage.

use crate::creator_nft::CreatorNft;
use crate::{CollectionError, Proceeds};
use ink::{codegen::Env, prelude::vec::Vec, primitives::AccountId};
use psp::{psp34::AttributeSet, Id, PSP34Data, PSP34Error, PSP34Event, DEFAULT_ADMIN_ROLE};

type Balance = u128;

impl CreatorNft {
    /// The one path of every change to the items (mint, transfer, burn, approvals):
    /// applies `change` to the ledger and emits its events.
    pub(crate) fn update(
        &mut self,
        change: impl FnOnce(&mut PSP34Data) -> Result<Vec<PSP34Event>, PSP34Error>,
    ) -> Result<(), PSP34Error> {
        PSP34Event::emit_all(change(&mut self.nft)?);
        Ok(())
    }

    /// The one writer of attributes.
    pub(crate) fn store_attribute(&mut self, id: Id, key: Vec<u8>, data: Vec<u8>) {
        self.attributes.insert((&id, &key), &data);
        psp::emit(AttributeSet { id, key, data });
    }

    /// Never stored in practice (the constructor sets the proceeds): all to the owner.
    pub(crate) fn default_proceeds(&self) -> Proceeds {
        Proceeds::all_to(self.ownership.owner().unwrap_or(self.env().account_id()))
    }

    /// Mints the next `quantity` sequential item numbers not taken to `to`; answers the first
    /// and all ids.
    pub(crate) fn mint_sequential(
        &mut self,
        to: AccountId,
        quantity: u32,
    ) -> Result<(u64, Vec<Id>), CollectionError> {
        let mut first_id = None;
        let mut ids = Vec::new();
        for _ in 0..quantity {
            // Items minted by hand are skipped.
            let mut item = self.next_item;
            while self.nft.owner_of(&Id::U64(item)).is_some() {
                item = item.saturating_add(1);
            }
            first_id.get_or_insert(item);
            self.update(|nft| nft.mint(to, Id::U64(item)))
                .map_err(CollectionError::Token)?;
            ids.push(Id::U64(item));
            self.next_item = item.checked_add(1).ok_or(CollectionError::Overflow)?;
        }
        Ok((first_id.unwrap_or_default(), ids))
    }

    /// Pulls `total` of `token` from `buyer` to the treasury and the distributor
    /// (`PSP22::transfer_from`, the collection spending the buyer's allowance).
    pub(crate) fn pay(
        &self,
        token: AccountId,
        buyer: AccountId,
        total: Balance,
    ) -> Result<(Balance, Balance), CollectionError> {
        let proceeds = self.proceeds();
        let (to_treasury, to_distributor) = proceeds.split(total)?;
        for (recipient, amount) in [
            (proceeds.treasury, to_treasury),
            (proceeds.distributor, to_distributor),
        ] {
            if amount > 0 {
                psp::call::transfer_from(token, buyer, recipient, amount)?;
            }
        }
        Ok((to_treasury, to_distributor))
    }

    pub(crate) fn ensure_admin(&self) -> Result<(), CollectionError> {
        self.roles
            .check(DEFAULT_ADMIN_ROLE, self.env().caller())
            .map_err(|_| CollectionError::MissingRole)
    }
}
