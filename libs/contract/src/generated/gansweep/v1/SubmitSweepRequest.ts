// Original file: gansweep/v1/gansweep.proto


export interface SubmitSweepRequest {
  /**
   * The sweep file's text (JSON).
   */
  'sweepJson'?: (string);
  /**
   * Where the sweep file came from, for error messages ("examples/sweep.json").
   */
  'sweepSource'?: (string);
  /**
   * The dataset CSV's bytes when the client read a local file; empty when dataset.path is an s3:// URI that the
   * coordinator reads itself.
   */
  'datasetCsv'?: (Buffer | Uint8Array | string);
  /**
   * The fold file's text when dataset.folds names one (read by the client like the CSV).
   */
  'foldsJson'?: (string);
}

export interface SubmitSweepRequest__Output {
  /**
   * The sweep file's text (JSON).
   */
  'sweepJson': (string);
  /**
   * Where the sweep file came from, for error messages ("examples/sweep.json").
   */
  'sweepSource': (string);
  /**
   * The dataset CSV's bytes when the client read a local file; empty when dataset.path is an s3:// URI that the
   * coordinator reads itself.
   */
  'datasetCsv': (Buffer);
  /**
   * The fold file's text when dataset.folds names one (read by the client like the CSV).
   */
  'foldsJson': (string);
}
