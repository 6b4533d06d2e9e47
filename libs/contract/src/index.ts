export { loadContract, createSweepClient, createWorkerClient, unary, MAX_MESSAGE_BYTES } from './contract.ts';
export type { ClientOptions } from './contract.ts';
export { GansweepError, toGrpcStatus, isGrpcStatus, isUnavailable, describeGrpcError } from './errors.ts';
export type { GansweepErrorCode } from './errors.ts';
export type { ProtoGrpcType } from './generated/gansweep.ts';
export type { SweepServiceClient, SweepServiceHandlers } from './generated/gansweep/v1/SweepService.ts';
export type { WorkerServiceClient, WorkerServiceHandlers } from './generated/gansweep/v1/WorkerService.ts';
export type { Sweep__Output as SweepMsg, Sweep } from './generated/gansweep/v1/Sweep.ts';
export type { Trial__Output as TrialMsg, Trial } from './generated/gansweep/v1/Trial.ts';
export type { Task__Output as TaskMsg, Task } from './generated/gansweep/v1/Task.ts';
export type { TaskResult__Output as TaskResultMsg, TaskResult } from './generated/gansweep/v1/TaskResult.ts';
export type { TaskCounts } from './generated/gansweep/v1/TaskCounts.ts';
export type { SweepEvent__Output as SweepEventMsg, SweepEvent } from './generated/gansweep/v1/SweepEvent.ts';
export type { BestResponse__Output as BestMsg, BestResponse } from './generated/gansweep/v1/BestResponse.ts';
export type { SamplesChunk__Output as SamplesChunkMsg, SamplesChunk } from './generated/gansweep/v1/SamplesChunk.ts';
export type { SamplesRequest__Output as SamplesRequestMsg } from './generated/gansweep/v1/SamplesRequest.ts';
export type { RegisterRequest__Output as RegisterRequestMsg } from './generated/gansweep/v1/RegisterRequest.ts';
export type { RegisterResponse__Output as RegisterResponseMsg, RegisterResponse } from './generated/gansweep/v1/RegisterResponse.ts';
export type { LeaseTaskResponse__Output as LeaseTaskResponseMsg, LeaseTaskResponse } from './generated/gansweep/v1/LeaseTaskResponse.ts';
export type { ProgressReport__Output as ProgressReportMsg, ProgressReport } from './generated/gansweep/v1/ProgressReport.ts';
export type { ProgressAck__Output as ProgressAckMsg, ProgressAck } from './generated/gansweep/v1/ProgressAck.ts';
export type { ResultAck__Output as ResultAckMsg, ResultAck } from './generated/gansweep/v1/ResultAck.ts';
export type { HeartbeatResponse__Output as HeartbeatResponseMsg, HeartbeatResponse } from './generated/gansweep/v1/HeartbeatResponse.ts';
export type {
  SubmitSweepResponse__Output as SubmitSweepResponseMsg,
  SubmitSweepResponse,
} from './generated/gansweep/v1/SubmitSweepResponse.ts';
export type { CurvePoint } from './generated/gansweep/v1/CurvePoint.ts';
export type { ListSweepsResponse__Output as ListSweepsResponseMsg } from './generated/gansweep/v1/ListSweepsResponse.ts';
export type { ReportResponse__Output as ReportResponseMsg } from './generated/gansweep/v1/ReportResponse.ts';
