/** Which GAN formulation to train; see the package README in DESIGN terms: who the critic sees and what G is pushed to. */
export type GanVariant = 'gan-min' | 'gan-maj' | 'cgan-aux' | 'ssgan';
/** Adversarial loss: Wasserstein with two-sided (GP) or one-sided (LP) gradient penalty, or non-saturating GAN. */
export type GanLoss = 'wgan-gp' | 'wgan-lp' | 'ns';
/** Adam, or Optimistic Adam (Daskalakis et al. 2018). */
export type GanOptimizer = 'adam' | 'oadam';

/** Hyper-parameters of one GAN trainer. Defaults follow the PyTorch reference configuration. */
export interface GanOptions {
  variant: GanVariant;
  /** @default 'wgan-gp' ('ns' for ssgan, whose K+1 discriminator is a classifier) */
  loss: GanLoss;
  /** @default 'adam' */
  optimizer: GanOptimizer;
  /** @default 1e-4 */
  lr: number;
  /** @default 0.5 */
  beta1: number;
  /** @default 0.9 */
  beta2: number;
  /** Critic updates per generator update. @default 5 */
  nCritic: number;
  /** Rows per class in a batch, capped at the minority row count. @default 64 */
  batchSize: number;
  /** Hidden layer widths of generator and critic (LeakyReLU 0.2). @default [128, 128] */
  hidden: number[];
  /** @default 32 */
  latentDim: number;
  /** Penalty weight λ (wgan-gp, wgan-lp). @default 10 */
  gpWeight: number;
  /** gan-maj: share of the critic's negatives that are real majority rows. @default 0.5 */
  majorityWeight: number;
  /** cgan-aux: weight of the auxiliary classifier's loss in the generator loss. @default 1 */
  auxWeight: number;
  /** Seed of every random choice (init, batches, noise). @default 0 */
  seed: number;
}

/** Thrown for invalid option values or combinations; `field` names the offending option. */
export class GanOptionsError extends Error {
  readonly code = 'invalid-gan-options';
  readonly field: string;
  constructor(field: string, message: string) {
    super(`GanOptions.${field}: ${message}`);
    this.name = 'GanOptionsError';
    this.field = field;
  }
}

const VARIANTS: readonly GanVariant[] = ['gan-min', 'gan-maj', 'cgan-aux', 'ssgan'];
const LOSSES: readonly GanLoss[] = ['wgan-gp', 'wgan-lp', 'ns'];
const OPTIMIZERS: readonly GanOptimizer[] = ['adam', 'oadam'];

function check(ok: boolean, field: string, message: string): void {
  if (!ok) throw new GanOptionsError(field, message);
}

const isInt = (v: number, min: number) => Number.isInteger(v) && v >= min;

/** Fills defaults and validates; throws {@link GanOptionsError} on bad values or combinations. */
export function resolveGanOptions(partial: Partial<GanOptions> & Pick<GanOptions, 'variant'>): GanOptions {
  const variant = partial.variant;
  check(VARIANTS.includes(variant), 'variant', `'${String(variant)}' is not one of ${VARIANTS.join(', ')}`);
  const o: GanOptions = {
    variant,
    loss: partial.loss ?? (variant === 'ssgan' ? 'ns' : 'wgan-gp'),
    optimizer: partial.optimizer ?? 'adam',
    lr: partial.lr ?? 1e-4,
    beta1: partial.beta1 ?? 0.5,
    beta2: partial.beta2 ?? 0.9,
    nCritic: partial.nCritic ?? 5,
    batchSize: partial.batchSize ?? 64,
    hidden: [...(partial.hidden ?? [128, 128])],
    latentDim: partial.latentDim ?? 32,
    gpWeight: partial.gpWeight ?? 10,
    majorityWeight: partial.majorityWeight ?? 0.5,
    auxWeight: partial.auxWeight ?? 1,
    seed: partial.seed ?? 0,
  };
  check(LOSSES.includes(o.loss), 'loss', `'${String(o.loss)}' is not one of ${LOSSES.join(', ')}`);
  check(OPTIMIZERS.includes(o.optimizer), 'optimizer', `'${String(o.optimizer)}' is not one of ${OPTIMIZERS.join(', ')}`);
  check(Number.isFinite(o.lr) && o.lr > 0, 'lr', `must be a positive number, got ${o.lr}`);
  check(o.beta1 >= 0 && o.beta1 < 1, 'beta1', `must be in [0, 1), got ${o.beta1}`);
  check(o.beta2 >= 0 && o.beta2 < 1, 'beta2', `must be in [0, 1), got ${o.beta2}`);
  check(isInt(o.nCritic, 1), 'nCritic', `must be an integer >= 1, got ${o.nCritic}`);
  check(isInt(o.batchSize, 1), 'batchSize', `must be an integer >= 1, got ${o.batchSize}`);
  check(
    o.hidden.length >= 1 && o.hidden.every((h) => isInt(h, 1)),
    'hidden',
    `must be a non-empty list of positive integers, got [${o.hidden.join(', ')}]`,
  );
  check(isInt(o.latentDim, 1), 'latentDim', `must be an integer >= 1, got ${o.latentDim}`);
  check(Number.isFinite(o.gpWeight) && o.gpWeight >= 0, 'gpWeight', `must be >= 0, got ${o.gpWeight}`);
  check(
    o.majorityWeight >= 0 && o.majorityWeight < 1,
    'majorityWeight',
    `must be in [0, 1) so that the critic still sees generated rows, got ${o.majorityWeight}`,
  );
  check(Number.isFinite(o.auxWeight) && o.auxWeight >= 0, 'auxWeight', `must be >= 0, got ${o.auxWeight}`);
  check(Number.isFinite(o.seed), 'seed', `must be a finite number, got ${o.seed}`);
  check(
    !(variant === 'ssgan' && o.loss !== 'ns'),
    'loss',
    `ssgan trains a K+1 softmax discriminator with cross-entropy, so loss must be 'ns' (got '${o.loss}'); use gan-min/gan-maj/cgan-aux for Wasserstein losses`,
  );
  return o;
}
