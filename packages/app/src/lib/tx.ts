/**
 * A transaction as the page shows it: each state the package's client reports (dry run,
 * signing, in block, finalized), and a refusal in words, whoever refused: the contract in its
 * dry run (a `SuiteError`, before anything is signed), the wallet (the fan cancelled), the
 * chain, or a field the fan typed.
 */
export type TxPhase = 'idle' | 'dry-run' | 'signing' | 'in-block' | 'finalized' | 'failed';

export interface TxView {
  phase: TxPhase;
  /** What the page says: the step, the result or the refusal. */
  text: string;
}

export const IDLE: TxView = { phase: 'idle', text: '' };

const STEP_TEXT: Record<Exclude<TxPhase, 'idle' | 'failed'>, string> = {
  'dry-run': 'Checking with the contract (dry run)…',
  signing: 'Waiting for your signature in the wallet…',
  'in-block': 'In a block, waiting for finality…',
  finalized: 'Finalized.',
};

/** The view of a step the client reported. */
export function stepView(phase: keyof typeof STEP_TEXT): TxView {
  return { phase, text: STEP_TEXT[phase] };
}

/** The words of whatever a transaction threw. */
export function refusalText(error: unknown): string {
  if (error && typeof error === 'object') {
    const named = error as { name?: string; text?: string; message?: string };
    // The package's SuiteError: the contract's (or the chain's) refusal in words.
    if (named.name === 'SuiteError' && named.text) return named.text;
    if (named.name === 'RangeError' && named.message) return named.message;
    const message = named.message ?? '';
    if (/cancel|reject/i.test(message)) return 'You declined to sign in the wallet; nothing was sent.';
    if (message) return message;
  }
  return String(error);
}

/** The view of a refusal. */
export function failedView(error: unknown): TxView {
  return { phase: 'failed', text: refusalText(error) };
}

/** The view once done: the block and what happened (`"Bought 12.5 ALC"`). */
export function doneView(summary: string, blockNumber: number): TxView {
  return { phase: 'finalized', text: `${summary} (block #${blockNumber}, finalized).` };
}
