// Original file: gansweep/v1/gansweep.proto


export interface RegisterRequest {
  'hostname'?: (string);
  'pid'?: (number);
  /**
   * The compute backend the worker runs on: gpu | node | wasm | cpu.
   */
  'backend'?: (string);
  'slots'?: (number);
  'version'?: (string);
  /**
   * A stable name chosen by the operator, optional.
   */
  'name'?: (string);
}

export interface RegisterRequest__Output {
  'hostname': (string);
  'pid': (number);
  /**
   * The compute backend the worker runs on: gpu | node | wasm | cpu.
   */
  'backend': (string);
  'slots': (number);
  'version': (string);
  /**
   * A stable name chosen by the operator, optional.
   */
  'name': (string);
}
