/** Why a pool run ended without a response. Each one ends with the worker replaced. */
export type PoolFailureKind = 'timeout' | 'cancelled' | 'crashed';

/** A run that the pool settled itself, because the worker could not. */
export class PoolError extends Error {
  readonly kind: PoolFailureKind;
  constructor(kind: PoolFailureKind, message: string) {
    super(message);
    this.name = 'PoolError';
    this.kind = kind;
  }
}
