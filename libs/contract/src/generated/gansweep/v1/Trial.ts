// Original file: gansweep/v1/gansweep.proto


export interface Trial {
  'trialId'?: (string);
  /**
   * A GAN variant ("gan-maj") or a baseline ("smote").
   */
  'method'?: (string);
  'paramsJson'?: (string);
  /**
   * queued | running | done | failed | pruned | cancelled
   */
  'state'?: (string);
  'foldValF1'?: (number | string)[];
  'meanValF1'?: (number | string);
  'stdValF1'?: (number | string);
  /**
   * Mean over folds of every metric reported (precision, recall, pr_auc, contam_knn, ...).
   */
  'meanMetrics'?: ({[key: string]: number | string});
  'attempts'?: (number);
  'error'?: (string);
  'baseline'?: (boolean);
  'foldsDone'?: (number);
  'foldsTotal'?: (number);
}

export interface Trial__Output {
  'trialId': (string);
  /**
   * A GAN variant ("gan-maj") or a baseline ("smote").
   */
  'method': (string);
  'paramsJson': (string);
  /**
   * queued | running | done | failed | pruned | cancelled
   */
  'state': (string);
  'foldValF1': (number)[];
  'meanValF1': (number);
  'stdValF1': (number);
  /**
   * Mean over folds of every metric reported (precision, recall, pr_auc, contam_knn, ...).
   */
  'meanMetrics': ({[key: string]: number});
  'attempts': (number);
  'error': (string);
  'baseline': (boolean);
  'foldsDone': (number);
  'foldsTotal': (number);
}
