/**
 * Every refusal in words. The contracts' error variants carry Rust doc comments, which
 * cargo-contract leaves out of the metadata; `scripts/package` collects them (and the `Custom`
 * reason strings of PSP22 and PSP34) into `generated/error-docs.ts`.
 */
import { CUSTOM_REASONS, ERROR_DOCS } from './generated/error-docs.js';

export { CUSTOM_REASONS, ERROR_DOCS } from './generated/error-docs.js';

/** An error value as dedot decodes it: a unit variant's name, or `{ type, value }`. */
export type ContractErrorValue = string | { type: string; value?: unknown };

/**
 * The sentence for an error value a suite contract answered, e.g. `'Slippage'` or
 * `{ type: 'Payment', value: { type: 'Custom', value: 'P::Paused' } }` ("The payment token
 * refused the transfer (...): The token is paused."). `errorType` (the Rust type's name, such
 * as `MarketError`) picks the docs when variants of two error types share a name; without it
 * the first type that has the variant answers. Unknown values are named as they are.
 */
export function errorText(error: ContractErrorValue, errorType?: string): string {
  if (typeof error === 'string') return docOf(error, errorType) ?? error;
  const own = docOf(error.type, errorType) ?? error.type;
  const inner = error.value;
  if (inner === undefined) return own;
  if (typeof inner === 'string') {
    // `Custom(String)`: one of the suite's fixed reasons, or the callee's own text.
    return `${own}: ${CUSTOM_REASONS[inner] ?? inner}`;
  }
  if (typeof inner === 'object' && inner !== null && 'type' in inner) {
    return `${own}: ${errorText(inner as ContractErrorValue)}`;
  }
  return `${own} (${String(inner)})`;
}

function docOf(variant: string, errorType?: string): string | undefined {
  if (errorType) return ERROR_DOCS[errorType]?.[variant];
  for (const variants of Object.values(ERROR_DOCS)) {
    const doc = variants[variant];
    if (doc) return doc;
  }
  return undefined;
}
