// Original file: gansweep/v1/gansweep.proto


export interface CurvePoint {
  'step'?: (number);
  'valF1'?: (number | string);
  'criticLoss'?: (number | string);
  'generatorLoss'?: (number | string);
}

export interface CurvePoint__Output {
  'step': (number);
  'valF1': (number);
  'criticLoss': (number);
  'generatorLoss': (number);
}
