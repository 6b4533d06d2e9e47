// Original file: gansweep/v1/gansweep.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { HeartbeatRequest as _gansweep_v1_HeartbeatRequest, HeartbeatRequest__Output as _gansweep_v1_HeartbeatRequest__Output } from '../../gansweep/v1/HeartbeatRequest.ts';
import type { HeartbeatResponse as _gansweep_v1_HeartbeatResponse, HeartbeatResponse__Output as _gansweep_v1_HeartbeatResponse__Output } from '../../gansweep/v1/HeartbeatResponse.ts';
import type { LeaseTaskRequest as _gansweep_v1_LeaseTaskRequest, LeaseTaskRequest__Output as _gansweep_v1_LeaseTaskRequest__Output } from '../../gansweep/v1/LeaseTaskRequest.ts';
import type { LeaseTaskResponse as _gansweep_v1_LeaseTaskResponse, LeaseTaskResponse__Output as _gansweep_v1_LeaseTaskResponse__Output } from '../../gansweep/v1/LeaseTaskResponse.ts';
import type { ProgressAck as _gansweep_v1_ProgressAck, ProgressAck__Output as _gansweep_v1_ProgressAck__Output } from '../../gansweep/v1/ProgressAck.ts';
import type { ProgressReport as _gansweep_v1_ProgressReport, ProgressReport__Output as _gansweep_v1_ProgressReport__Output } from '../../gansweep/v1/ProgressReport.ts';
import type { RegisterRequest as _gansweep_v1_RegisterRequest, RegisterRequest__Output as _gansweep_v1_RegisterRequest__Output } from '../../gansweep/v1/RegisterRequest.ts';
import type { RegisterResponse as _gansweep_v1_RegisterResponse, RegisterResponse__Output as _gansweep_v1_RegisterResponse__Output } from '../../gansweep/v1/RegisterResponse.ts';
import type { ResultAck as _gansweep_v1_ResultAck, ResultAck__Output as _gansweep_v1_ResultAck__Output } from '../../gansweep/v1/ResultAck.ts';
import type { TaskResult as _gansweep_v1_TaskResult, TaskResult__Output as _gansweep_v1_TaskResult__Output } from '../../gansweep/v1/TaskResult.ts';

export interface WorkerServiceClient extends grpc.Client {
  /**
   * Keeps the worker's leases alive; the answer lists leases the worker must abandon.
   */
  Heartbeat(argument: _gansweep_v1_HeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _gansweep_v1_HeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gansweep_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _gansweep_v1_HeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _gansweep_v1_HeartbeatRequest, callback: grpc.requestCallback<_gansweep_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Keeps the worker's leases alive; the answer lists leases the worker must abandon.
   */
  heartbeat(argument: _gansweep_v1_HeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _gansweep_v1_HeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gansweep_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _gansweep_v1_HeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _gansweep_v1_HeartbeatRequest, callback: grpc.requestCallback<_gansweep_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Returns a task, or none with a hint of when to ask again.
   */
  LeaseTask(argument: _gansweep_v1_LeaseTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_LeaseTaskResponse__Output>): grpc.ClientUnaryCall;
  LeaseTask(argument: _gansweep_v1_LeaseTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gansweep_v1_LeaseTaskResponse__Output>): grpc.ClientUnaryCall;
  LeaseTask(argument: _gansweep_v1_LeaseTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_LeaseTaskResponse__Output>): grpc.ClientUnaryCall;
  LeaseTask(argument: _gansweep_v1_LeaseTaskRequest, callback: grpc.requestCallback<_gansweep_v1_LeaseTaskResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Returns a task, or none with a hint of when to ask again.
   */
  leaseTask(argument: _gansweep_v1_LeaseTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_LeaseTaskResponse__Output>): grpc.ClientUnaryCall;
  leaseTask(argument: _gansweep_v1_LeaseTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gansweep_v1_LeaseTaskResponse__Output>): grpc.ClientUnaryCall;
  leaseTask(argument: _gansweep_v1_LeaseTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_LeaseTaskResponse__Output>): grpc.ClientUnaryCall;
  leaseTask(argument: _gansweep_v1_LeaseTaskRequest, callback: grpc.requestCallback<_gansweep_v1_LeaseTaskResponse__Output>): grpc.ClientUnaryCall;
  
  Register(argument: _gansweep_v1_RegisterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  Register(argument: _gansweep_v1_RegisterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gansweep_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  Register(argument: _gansweep_v1_RegisterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  Register(argument: _gansweep_v1_RegisterRequest, callback: grpc.requestCallback<_gansweep_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  register(argument: _gansweep_v1_RegisterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  register(argument: _gansweep_v1_RegisterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gansweep_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  register(argument: _gansweep_v1_RegisterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  register(argument: _gansweep_v1_RegisterRequest, callback: grpc.requestCallback<_gansweep_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  
  ReportProgress(argument: _gansweep_v1_ProgressReport, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_ProgressAck__Output>): grpc.ClientUnaryCall;
  ReportProgress(argument: _gansweep_v1_ProgressReport, metadata: grpc.Metadata, callback: grpc.requestCallback<_gansweep_v1_ProgressAck__Output>): grpc.ClientUnaryCall;
  ReportProgress(argument: _gansweep_v1_ProgressReport, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_ProgressAck__Output>): grpc.ClientUnaryCall;
  ReportProgress(argument: _gansweep_v1_ProgressReport, callback: grpc.requestCallback<_gansweep_v1_ProgressAck__Output>): grpc.ClientUnaryCall;
  reportProgress(argument: _gansweep_v1_ProgressReport, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_ProgressAck__Output>): grpc.ClientUnaryCall;
  reportProgress(argument: _gansweep_v1_ProgressReport, metadata: grpc.Metadata, callback: grpc.requestCallback<_gansweep_v1_ProgressAck__Output>): grpc.ClientUnaryCall;
  reportProgress(argument: _gansweep_v1_ProgressReport, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_ProgressAck__Output>): grpc.ClientUnaryCall;
  reportProgress(argument: _gansweep_v1_ProgressReport, callback: grpc.requestCallback<_gansweep_v1_ProgressAck__Output>): grpc.ClientUnaryCall;
  
  ReportResult(argument: _gansweep_v1_TaskResult, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_ResultAck__Output>): grpc.ClientUnaryCall;
  ReportResult(argument: _gansweep_v1_TaskResult, metadata: grpc.Metadata, callback: grpc.requestCallback<_gansweep_v1_ResultAck__Output>): grpc.ClientUnaryCall;
  ReportResult(argument: _gansweep_v1_TaskResult, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_ResultAck__Output>): grpc.ClientUnaryCall;
  ReportResult(argument: _gansweep_v1_TaskResult, callback: grpc.requestCallback<_gansweep_v1_ResultAck__Output>): grpc.ClientUnaryCall;
  reportResult(argument: _gansweep_v1_TaskResult, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_ResultAck__Output>): grpc.ClientUnaryCall;
  reportResult(argument: _gansweep_v1_TaskResult, metadata: grpc.Metadata, callback: grpc.requestCallback<_gansweep_v1_ResultAck__Output>): grpc.ClientUnaryCall;
  reportResult(argument: _gansweep_v1_TaskResult, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_ResultAck__Output>): grpc.ClientUnaryCall;
  reportResult(argument: _gansweep_v1_TaskResult, callback: grpc.requestCallback<_gansweep_v1_ResultAck__Output>): grpc.ClientUnaryCall;
  
}

export interface WorkerServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Keeps the worker's leases alive; the answer lists leases the worker must abandon.
   */
  Heartbeat: grpc.handleUnaryCall<_gansweep_v1_HeartbeatRequest__Output, _gansweep_v1_HeartbeatResponse>;
  
  /**
   * Returns a task, or none with a hint of when to ask again.
   */
  LeaseTask: grpc.handleUnaryCall<_gansweep_v1_LeaseTaskRequest__Output, _gansweep_v1_LeaseTaskResponse>;
  
  Register: grpc.handleUnaryCall<_gansweep_v1_RegisterRequest__Output, _gansweep_v1_RegisterResponse>;
  
  ReportProgress: grpc.handleUnaryCall<_gansweep_v1_ProgressReport__Output, _gansweep_v1_ProgressAck>;
  
  ReportResult: grpc.handleUnaryCall<_gansweep_v1_TaskResult__Output, _gansweep_v1_ResultAck>;
  
}

export interface WorkerServiceDefinition extends grpc.ServiceDefinition {
  Heartbeat: MethodDefinition<_gansweep_v1_HeartbeatRequest, _gansweep_v1_HeartbeatResponse, _gansweep_v1_HeartbeatRequest__Output, _gansweep_v1_HeartbeatResponse__Output>
  LeaseTask: MethodDefinition<_gansweep_v1_LeaseTaskRequest, _gansweep_v1_LeaseTaskResponse, _gansweep_v1_LeaseTaskRequest__Output, _gansweep_v1_LeaseTaskResponse__Output>
  Register: MethodDefinition<_gansweep_v1_RegisterRequest, _gansweep_v1_RegisterResponse, _gansweep_v1_RegisterRequest__Output, _gansweep_v1_RegisterResponse__Output>
  ReportProgress: MethodDefinition<_gansweep_v1_ProgressReport, _gansweep_v1_ProgressAck, _gansweep_v1_ProgressReport__Output, _gansweep_v1_ProgressAck__Output>
  ReportResult: MethodDefinition<_gansweep_v1_TaskResult, _gansweep_v1_ResultAck, _gansweep_v1_TaskResult__Output, _gansweep_v1_ResultAck__Output>
}
