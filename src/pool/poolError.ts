/**
 * Why a pool run ended without a response. `timeout`, `crashed` and a cancel of a started run end
 * with the worker replaced. `interrupted`: the run had not started when its worker was stopped for
 * another job of its batch; it is not the job's fault and the job may run again as if never started.
 */
export type PoolFailureKind = 'timeout' | 'cancelled' | 'crashed' | 'interrupted';

/** A run that the pool settled itself, because the worker could not. */
export class PoolError extends Error {
  readonly kind: PoolFailureKind;
  constructor(kind: PoolFailureKind, message: string) {
    super(message);
    this.name = 'PoolError';
    this.kind = kind;
  }
}
