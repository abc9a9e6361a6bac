/**
 * What a trade shows before the fan signs: the market's quote, the least it may return after
 * the fan's slippage, and the refund. The slippage rule is the package's `lessSlippage`, so what
 * the page promises is what the transaction asks of the contract.
 */
import type { Market } from '@creator-suite/contracts';
import { lessSlippage } from '@creator-suite/contracts/client';

export { lessSlippage };

/** The market's quotes, as the package types them from the metadata. */
export type BuyQuote = Market.CreatorMarketCurveBuyQuote;
export type SellQuote = Market.CreatorMarketCurveSellQuote;

/** A buy as the page shows it: the tokens, the least accepted, what is paid, the fee and the refund. */
export function buyPreview(pay: bigint, quote: BuyQuote, slippageBps: number) {
  return { pay, tokens: quote.tokens, minTokens: lessSlippage(quote.tokens, slippageBps), spent: quote.cost + quote.fee, fee: quote.fee, refund: quote.refund };
}

/** A sale as the page shows it: the payout, the least accepted and the fee. */
export function sellPreview(amount: bigint, quote: SellQuote, slippageBps: number) {
  return { amount, payout: quote.payout, minPayout: lessSlippage(quote.payout, slippageBps), fee: quote.fee };
}

/** The fee as a share of what is traded, in percent with two decimals (`"1.00 %"`). */
export function feeShare(fee: bigint, of: bigint): string {
  if (of === 0n) return '0.00 %';
  const hundredths = (fee * 10_000n) / of;
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')} %`;
}
