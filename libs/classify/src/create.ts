import type { Classifier, ClassifierSpec } from './classifier.ts';
import { ClassifierError } from './errors.ts';
import { LogisticRegression } from './logistic.ts';
import { MlpClassifier } from './mlp.ts';

/**
 * Builds the downstream classifier named by `spec`. The seed drives the MLP's init and batch order; logistic
 * regression is deterministic and ignores it.
 */
export function createClassifier(spec: ClassifierSpec, seed: number): Classifier {
  switch (spec.type) {
    case 'logistic':
      return new LogisticRegression({ C: spec.C ?? 1 });
    case 'mlp':
      return new MlpClassifier(seed, {
        hidden: spec.hidden ?? 64,
        epochs: spec.epochs ?? 300,
        lr: spec.lr ?? 1e-3,
        batchSize: spec.batchSize ?? 200,
      });
    default: {
      const t: unknown = (spec as { type?: unknown }).type;
      throw new ClassifierError('BAD_SPEC', `createClassifier: unknown classifier type ${JSON.stringify(t)}; use 'logistic' or 'mlp'`);
    }
  }
}
