// Original file: gansweep/v1/gansweep.proto

import type { Task as _gansweep_v1_Task, Task__Output as _gansweep_v1_Task__Output } from '../../gansweep/v1/Task.ts';

export interface LeaseTaskResponse {
  'hasTask'?: (boolean);
  'task'?: (_gansweep_v1_Task | null);
  'retryAfterMs'?: (number);
}

export interface LeaseTaskResponse__Output {
  'hasTask': (boolean);
  'task': (_gansweep_v1_Task__Output | null);
  'retryAfterMs': (number);
}
