/**
 * The pieces every page uses: a card, a field, a transaction's status line, a hook that runs a
 * transaction through its states, and a hook that loads what a page shows.
 */
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';

import type { Account, TxState } from '@creator-suite/contracts/client';

import { doneView, failedView, IDLE, stepView, type TxView } from './lib/tx.js';

export function Card({ title, id, children }: { title: string; id: string; children: ComponentChildren }) {
  return (
    <section class="card" id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** A labelled value: `Balance  12.5 ALC`. */
export function Stat({ label, value, name }: { label: string; value: ComponentChildren; name: string }) {
  return (
    <div class="stat">
      <span>{label}</span>
      <strong data-stat={name}>{value}</strong>
    </div>
  );
}

export function Field({ label, name, value, onInput, placeholder }: { label: string; name: string; value: string; onInput: (value: string) => void; placeholder?: string }) {
  return (
    <label class="field">
      <span>{label}</span>
      <input name={name} value={value} placeholder={placeholder} onInput={(event) => onInput((event.target as HTMLInputElement).value)} />
    </label>
  );
}

/** A transaction's state and refusal; `data-phase` lets tests wait for it. */
export function TxStatus({ view, name }: { view: TxView; name: string }) {
  if (view.phase === 'idle') return null;
  return (
    <p class={`tx ${view.phase}`} role="status" data-tx={name} data-phase={view.phase}>
      {view.text}
    </p>
  );
}

/** A refusal or a notice, in words. */
export function Notice({ children, kind = 'info' }: { children: ComponentChildren; kind?: 'info' | 'error' }) {
  return (
    <p class={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'note'}>
      {children}
    </p>
  );
}

/** What an action sends: its step callback and finality, for the package's client. */
export type Progress = { onState: (state: TxState) => void; finalized: true };

/**
 * A transaction's view and a `run` that moves it through dry run, signing, in block and
 * finalized, shows the refusal in words, and calls `done` after a success (to reload).
 */
export function useTx(done: () => void) {
  const [view, setView] = useState<TxView>(IDLE);
  const busy = view.phase === 'dry-run' || view.phase === 'signing' || view.phase === 'in-block';
  const run = useCallback(
    async (action: (progress: Progress) => Promise<{ summary: string; blockNumber: number }>) => {
      try {
        const result = await action({ onState: (state) => state !== 'finalized' && setView(stepView(state)), finalized: true });
        setView(doneView(result.summary, result.blockNumber));
        done();
      } catch (error) {
        setView(failedView(error));
      }
    },
    [done],
  );
  return { view, busy, run };
}

/**
 * `useTx` for actions that need a signer: `act(summary, send)` runs `send` as the signer and
 * says `summary` (or what `summary` makes of the message's answer) once finalized.
 */
export function useAct(done: () => void, signer?: Signer) {
  const tx = useTx(done);
  const act = <T,>(summary: string | ((value: T) => string), send: (signer: Signer, progress: Progress) => Promise<{ value: T; blockNumber: number }>) =>
    signer
      ? tx.run(async (progress) => {
          const receipt = await send(signer, progress);
          return { summary: typeof summary === 'string' ? summary : summary(receipt.value), blockNumber: receipt.blockNumber };
        })
      : undefined;
  return { ...tx, act };
}

/** A value loaded when `deps` change: `undefined` while loading, or the error in words. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { value?: T; error?: string } {
  const [state, setState] = useState<{ value?: T; error?: string }>({});
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setState({ value }),
      (error: unknown) => live && setState({ error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return state;
}

/** The account a page signs with: the wallet's pick, with its signer. */
export type Signer = Account & { name?: string };
