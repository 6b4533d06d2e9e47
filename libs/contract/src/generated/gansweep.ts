import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { BestResponse as _gansweep_v1_BestResponse, BestResponse__Output as _gansweep_v1_BestResponse__Output } from './gansweep/v1/BestResponse.ts';
import type { CancelSweepRequest as _gansweep_v1_CancelSweepRequest, CancelSweepRequest__Output as _gansweep_v1_CancelSweepRequest__Output } from './gansweep/v1/CancelSweepRequest.ts';
import type { CurvePoint as _gansweep_v1_CurvePoint, CurvePoint__Output as _gansweep_v1_CurvePoint__Output } from './gansweep/v1/CurvePoint.ts';
import type { GetBestRequest as _gansweep_v1_GetBestRequest, GetBestRequest__Output as _gansweep_v1_GetBestRequest__Output } from './gansweep/v1/GetBestRequest.ts';
import type { GetReportRequest as _gansweep_v1_GetReportRequest, GetReportRequest__Output as _gansweep_v1_GetReportRequest__Output } from './gansweep/v1/GetReportRequest.ts';
import type { GetSweepRequest as _gansweep_v1_GetSweepRequest, GetSweepRequest__Output as _gansweep_v1_GetSweepRequest__Output } from './gansweep/v1/GetSweepRequest.ts';
import type { HeartbeatRequest as _gansweep_v1_HeartbeatRequest, HeartbeatRequest__Output as _gansweep_v1_HeartbeatRequest__Output } from './gansweep/v1/HeartbeatRequest.ts';
import type { HeartbeatResponse as _gansweep_v1_HeartbeatResponse, HeartbeatResponse__Output as _gansweep_v1_HeartbeatResponse__Output } from './gansweep/v1/HeartbeatResponse.ts';
import type { LeaseTaskRequest as _gansweep_v1_LeaseTaskRequest, LeaseTaskRequest__Output as _gansweep_v1_LeaseTaskRequest__Output } from './gansweep/v1/LeaseTaskRequest.ts';
import type { LeaseTaskResponse as _gansweep_v1_LeaseTaskResponse, LeaseTaskResponse__Output as _gansweep_v1_LeaseTaskResponse__Output } from './gansweep/v1/LeaseTaskResponse.ts';
import type { ListSweepsRequest as _gansweep_v1_ListSweepsRequest, ListSweepsRequest__Output as _gansweep_v1_ListSweepsRequest__Output } from './gansweep/v1/ListSweepsRequest.ts';
import type { ListSweepsResponse as _gansweep_v1_ListSweepsResponse, ListSweepsResponse__Output as _gansweep_v1_ListSweepsResponse__Output } from './gansweep/v1/ListSweepsResponse.ts';
import type { ProgressAck as _gansweep_v1_ProgressAck, ProgressAck__Output as _gansweep_v1_ProgressAck__Output } from './gansweep/v1/ProgressAck.ts';
import type { ProgressReport as _gansweep_v1_ProgressReport, ProgressReport__Output as _gansweep_v1_ProgressReport__Output } from './gansweep/v1/ProgressReport.ts';
import type { RegisterRequest as _gansweep_v1_RegisterRequest, RegisterRequest__Output as _gansweep_v1_RegisterRequest__Output } from './gansweep/v1/RegisterRequest.ts';
import type { RegisterResponse as _gansweep_v1_RegisterResponse, RegisterResponse__Output as _gansweep_v1_RegisterResponse__Output } from './gansweep/v1/RegisterResponse.ts';
import type { ReportResponse as _gansweep_v1_ReportResponse, ReportResponse__Output as _gansweep_v1_ReportResponse__Output } from './gansweep/v1/ReportResponse.ts';
import type { ResultAck as _gansweep_v1_ResultAck, ResultAck__Output as _gansweep_v1_ResultAck__Output } from './gansweep/v1/ResultAck.ts';
import type { SamplesChunk as _gansweep_v1_SamplesChunk, SamplesChunk__Output as _gansweep_v1_SamplesChunk__Output } from './gansweep/v1/SamplesChunk.ts';
import type { SamplesRequest as _gansweep_v1_SamplesRequest, SamplesRequest__Output as _gansweep_v1_SamplesRequest__Output } from './gansweep/v1/SamplesRequest.ts';
import type { SubmitSweepRequest as _gansweep_v1_SubmitSweepRequest, SubmitSweepRequest__Output as _gansweep_v1_SubmitSweepRequest__Output } from './gansweep/v1/SubmitSweepRequest.ts';
import type { SubmitSweepResponse as _gansweep_v1_SubmitSweepResponse, SubmitSweepResponse__Output as _gansweep_v1_SubmitSweepResponse__Output } from './gansweep/v1/SubmitSweepResponse.ts';
import type { Sweep as _gansweep_v1_Sweep, Sweep__Output as _gansweep_v1_Sweep__Output } from './gansweep/v1/Sweep.ts';
import type { SweepEvent as _gansweep_v1_SweepEvent, SweepEvent__Output as _gansweep_v1_SweepEvent__Output } from './gansweep/v1/SweepEvent.ts';
import type { SweepServiceClient as _gansweep_v1_SweepServiceClient, SweepServiceDefinition as _gansweep_v1_SweepServiceDefinition } from './gansweep/v1/SweepService.ts';
import type { Task as _gansweep_v1_Task, Task__Output as _gansweep_v1_Task__Output } from './gansweep/v1/Task.ts';
import type { TaskCounts as _gansweep_v1_TaskCounts, TaskCounts__Output as _gansweep_v1_TaskCounts__Output } from './gansweep/v1/TaskCounts.ts';
import type { TaskResult as _gansweep_v1_TaskResult, TaskResult__Output as _gansweep_v1_TaskResult__Output } from './gansweep/v1/TaskResult.ts';
import type { Trial as _gansweep_v1_Trial, Trial__Output as _gansweep_v1_Trial__Output } from './gansweep/v1/Trial.ts';
import type { WatchSweepRequest as _gansweep_v1_WatchSweepRequest, WatchSweepRequest__Output as _gansweep_v1_WatchSweepRequest__Output } from './gansweep/v1/WatchSweepRequest.ts';
import type { WorkerServiceClient as _gansweep_v1_WorkerServiceClient, WorkerServiceDefinition as _gansweep_v1_WorkerServiceDefinition } from './gansweep/v1/WorkerService.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  gansweep: {
    v1: {
      BestResponse: MessageTypeDefinition<_gansweep_v1_BestResponse, _gansweep_v1_BestResponse__Output>
      CancelSweepRequest: MessageTypeDefinition<_gansweep_v1_CancelSweepRequest, _gansweep_v1_CancelSweepRequest__Output>
      CurvePoint: MessageTypeDefinition<_gansweep_v1_CurvePoint, _gansweep_v1_CurvePoint__Output>
      GetBestRequest: MessageTypeDefinition<_gansweep_v1_GetBestRequest, _gansweep_v1_GetBestRequest__Output>
      GetReportRequest: MessageTypeDefinition<_gansweep_v1_GetReportRequest, _gansweep_v1_GetReportRequest__Output>
      GetSweepRequest: MessageTypeDefinition<_gansweep_v1_GetSweepRequest, _gansweep_v1_GetSweepRequest__Output>
      HeartbeatRequest: MessageTypeDefinition<_gansweep_v1_HeartbeatRequest, _gansweep_v1_HeartbeatRequest__Output>
      HeartbeatResponse: MessageTypeDefinition<_gansweep_v1_HeartbeatResponse, _gansweep_v1_HeartbeatResponse__Output>
      LeaseTaskRequest: MessageTypeDefinition<_gansweep_v1_LeaseTaskRequest, _gansweep_v1_LeaseTaskRequest__Output>
      LeaseTaskResponse: MessageTypeDefinition<_gansweep_v1_LeaseTaskResponse, _gansweep_v1_LeaseTaskResponse__Output>
      ListSweepsRequest: MessageTypeDefinition<_gansweep_v1_ListSweepsRequest, _gansweep_v1_ListSweepsRequest__Output>
      ListSweepsResponse: MessageTypeDefinition<_gansweep_v1_ListSweepsResponse, _gansweep_v1_ListSweepsResponse__Output>
      ProgressAck: MessageTypeDefinition<_gansweep_v1_ProgressAck, _gansweep_v1_ProgressAck__Output>
      ProgressReport: MessageTypeDefinition<_gansweep_v1_ProgressReport, _gansweep_v1_ProgressReport__Output>
      RegisterRequest: MessageTypeDefinition<_gansweep_v1_RegisterRequest, _gansweep_v1_RegisterRequest__Output>
      RegisterResponse: MessageTypeDefinition<_gansweep_v1_RegisterResponse, _gansweep_v1_RegisterResponse__Output>
      ReportResponse: MessageTypeDefinition<_gansweep_v1_ReportResponse, _gansweep_v1_ReportResponse__Output>
      ResultAck: MessageTypeDefinition<_gansweep_v1_ResultAck, _gansweep_v1_ResultAck__Output>
      SamplesChunk: MessageTypeDefinition<_gansweep_v1_SamplesChunk, _gansweep_v1_SamplesChunk__Output>
      SamplesRequest: MessageTypeDefinition<_gansweep_v1_SamplesRequest, _gansweep_v1_SamplesRequest__Output>
      SubmitSweepRequest: MessageTypeDefinition<_gansweep_v1_SubmitSweepRequest, _gansweep_v1_SubmitSweepRequest__Output>
      SubmitSweepResponse: MessageTypeDefinition<_gansweep_v1_SubmitSweepResponse, _gansweep_v1_SubmitSweepResponse__Output>
      Sweep: MessageTypeDefinition<_gansweep_v1_Sweep, _gansweep_v1_Sweep__Output>
      SweepEvent: MessageTypeDefinition<_gansweep_v1_SweepEvent, _gansweep_v1_SweepEvent__Output>
      SweepService: SubtypeConstructor<typeof grpc.Client, _gansweep_v1_SweepServiceClient> & { service: _gansweep_v1_SweepServiceDefinition }
      Task: MessageTypeDefinition<_gansweep_v1_Task, _gansweep_v1_Task__Output>
      TaskCounts: MessageTypeDefinition<_gansweep_v1_TaskCounts, _gansweep_v1_TaskCounts__Output>
      TaskResult: MessageTypeDefinition<_gansweep_v1_TaskResult, _gansweep_v1_TaskResult__Output>
      Trial: MessageTypeDefinition<_gansweep_v1_Trial, _gansweep_v1_Trial__Output>
      WatchSweepRequest: MessageTypeDefinition<_gansweep_v1_WatchSweepRequest, _gansweep_v1_WatchSweepRequest__Output>
      WorkerService: SubtypeConstructor<typeof grpc.Client, _gansweep_v1_WorkerServiceClient> & { service: _gansweep_v1_WorkerServiceDefinition }
    }
  }
}

