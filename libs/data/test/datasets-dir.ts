import { fileURLToPath } from 'node:url';

/**
 * The public benchmark collection: $GANSWEEP_DATASETS, else `shared/datasets` beside the repository checkout
 * (where the project keeps it).
 */
export const datasetsDir: string = process.env.GANSWEEP_DATASETS ?? fileURLToPath(new URL('../../../../shared/datasets', import.meta.url));
