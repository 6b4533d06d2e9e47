/** Codes carried by {@link ClassifierError}. */
export type ClassifierErrorCode = 'BAD_INPUT' | 'NOT_FITTED' | 'BAD_SPEC';

/** Thrown for unusable classifier input: mismatched shapes, unfitted models, invalid hyperparameters. */
export class ClassifierError extends Error {
  override readonly name = 'ClassifierError';
  constructor(
    readonly code: ClassifierErrorCode,
    message: string,
  ) {
    super(message);
  }
}
