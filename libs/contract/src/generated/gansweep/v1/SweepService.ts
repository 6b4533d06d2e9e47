// Original file: gansweep/v1/gansweep.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { BestResponse as _gansweep_v1_BestResponse, BestResponse__Output as _gansweep_v1_BestResponse__Output } from '../../gansweep/v1/BestResponse.ts';
import type { CancelSweepRequest as _gansweep_v1_CancelSweepRequest, CancelSweepRequest__Output as _gansweep_v1_CancelSweepRequest__Output } from '../../gansweep/v1/CancelSweepRequest.ts';
import type { GetBestRequest as _gansweep_v1_GetBestRequest, GetBestRequest__Output as _gansweep_v1_GetBestRequest__Output } from '../../gansweep/v1/GetBestRequest.ts';
import type { GetReportRequest as _gansweep_v1_GetReportRequest, GetReportRequest__Output as _gansweep_v1_GetReportRequest__Output } from '../../gansweep/v1/GetReportRequest.ts';
import type { GetSweepRequest as _gansweep_v1_GetSweepRequest, GetSweepRequest__Output as _gansweep_v1_GetSweepRequest__Output } from '../../gansweep/v1/GetSweepRequest.ts';
import type { ListSweepsRequest as _gansweep_v1_ListSweepsRequest, ListSweepsRequest__Output as _gansweep_v1_ListSweepsRequest__Output } from '../../gansweep/v1/ListSweepsRequest.ts';
import type { ListSweepsResponse as _gansweep_v1_ListSweepsResponse, ListSweepsResponse__Output as _gansweep_v1_ListSweepsResponse__Output } from '../../gansweep/v1/ListSweepsResponse.ts';
import type { ReportResponse as _gansweep_v1_ReportResponse, ReportResponse__Output as _gansweep_v1_ReportResponse__Output } from '../../gansweep/v1/ReportResponse.ts';
import type { SamplesChunk as _gansweep_v1_SamplesChunk, SamplesChunk__Output as _gansweep_v1_SamplesChunk__Output } from '../../gansweep/v1/SamplesChunk.ts';
import type { SamplesRequest as _gansweep_v1_SamplesRequest, SamplesRequest__Output as _gansweep_v1_SamplesRequest__Output } from '../../gansweep/v1/SamplesRequest.ts';
import type { SubmitSweepRequest as _gansweep_v1_SubmitSweepRequest, SubmitSweepRequest__Output as _gansweep_v1_SubmitSweepRequest__Output } from '../../gansweep/v1/SubmitSweepRequest.ts';
import type { SubmitSweepResponse as _gansweep_v1_SubmitSweepResponse, SubmitSweepResponse__Output as _gansweep_v1_SubmitSweepResponse__Output } from '../../gansweep/v1/SubmitSweepResponse.ts';
import type { Sweep as _gansweep_v1_Sweep, Sweep__Output as _gansweep_v1_Sweep__Output } from '../../gansweep/v1/Sweep.ts';
import type { SweepEvent as _gansweep_v1_SweepEvent, SweepEvent__Output as _gansweep_v1_SweepEvent__Output } from '../../gansweep/v1/SweepEvent.ts';
import type { WatchSweepRequest as _gansweep_v1_WatchSweepRequest, WatchSweepRequest__Output as _gansweep_v1_WatchSweepRequest__Output } from '../../gansweep/v1/WatchSweepRequest.ts';

export interface SweepServiceClient extends grpc.Client {
  CancelSweep(argument: _gansweep_v1_CancelSweepRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_Sweep__Output>): grpc.ClientUnaryCall;
  CancelSweep(argument: _gansweep_v1_CancelSweepRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gansweep_v1_Sweep__Output>): grpc.ClientUnaryCall;
  CancelSweep(argument: _gansweep_v1_CancelSweepRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_Sweep__Output>): grpc.ClientUnaryCall;
  CancelSweep(argument: _gansweep_v1_CancelSweepRequest, callback: grpc.requestCallback<_gansweep_v1_Sweep__Output>): grpc.ClientUnaryCall;
  cancelSweep(argument: _gansweep_v1_CancelSweepRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_Sweep__Output>): grpc.ClientUnaryCall;
  cancelSweep(argument: _gansweep_v1_CancelSweepRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gansweep_v1_Sweep__Output>): grpc.ClientUnaryCall;
  cancelSweep(argument: _gansweep_v1_CancelSweepRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_Sweep__Output>): grpc.ClientUnaryCall;
  cancelSweep(argument: _gansweep_v1_CancelSweepRequest, callback: grpc.requestCallback<_gansweep_v1_Sweep__Output>): grpc.ClientUnaryCall;
  
  /**
   * The winning trial and where its generator checkpoint lives.
   */
  GetBest(argument: _gansweep_v1_GetBestRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_BestResponse__Output>): grpc.ClientUnaryCall;
  GetBest(argument: _gansweep_v1_GetBestRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gansweep_v1_BestResponse__Output>): grpc.ClientUnaryCall;
  GetBest(argument: _gansweep_v1_GetBestRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_BestResponse__Output>): grpc.ClientUnaryCall;
  GetBest(argument: _gansweep_v1_GetBestRequest, callback: grpc.requestCallback<_gansweep_v1_BestResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The winning trial and where its generator checkpoint lives.
   */
  getBest(argument: _gansweep_v1_GetBestRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_BestResponse__Output>): grpc.ClientUnaryCall;
  getBest(argument: _gansweep_v1_GetBestRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gansweep_v1_BestResponse__Output>): grpc.ClientUnaryCall;
  getBest(argument: _gansweep_v1_GetBestRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_BestResponse__Output>): grpc.ClientUnaryCall;
  getBest(argument: _gansweep_v1_GetBestRequest, callback: grpc.requestCallback<_gansweep_v1_BestResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * A self-contained HTML report: leaderboard, F1-vs-step curves, losses, contamination, real-vs-synthetic marginals.
   */
  GetReport(argument: _gansweep_v1_GetReportRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_ReportResponse__Output>): grpc.ClientUnaryCall;
  GetReport(argument: _gansweep_v1_GetReportRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gansweep_v1_ReportResponse__Output>): grpc.ClientUnaryCall;
  GetReport(argument: _gansweep_v1_GetReportRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_ReportResponse__Output>): grpc.ClientUnaryCall;
  GetReport(argument: _gansweep_v1_GetReportRequest, callback: grpc.requestCallback<_gansweep_v1_ReportResponse__Output>): grpc.ClientUnaryCall;
  /**
   * A self-contained HTML report: leaderboard, F1-vs-step curves, losses, contamination, real-vs-synthetic marginals.
   */
  getReport(argument: _gansweep_v1_GetReportRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_ReportResponse__Output>): grpc.ClientUnaryCall;
  getReport(argument: _gansweep_v1_GetReportRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gansweep_v1_ReportResponse__Output>): grpc.ClientUnaryCall;
  getReport(argument: _gansweep_v1_GetReportRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_ReportResponse__Output>): grpc.ClientUnaryCall;
  getReport(argument: _gansweep_v1_GetReportRequest, callback: grpc.requestCallback<_gansweep_v1_ReportResponse__Output>): grpc.ClientUnaryCall;
  
  GetSweep(argument: _gansweep_v1_GetSweepRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_Sweep__Output>): grpc.ClientUnaryCall;
  GetSweep(argument: _gansweep_v1_GetSweepRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gansweep_v1_Sweep__Output>): grpc.ClientUnaryCall;
  GetSweep(argument: _gansweep_v1_GetSweepRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_Sweep__Output>): grpc.ClientUnaryCall;
  GetSweep(argument: _gansweep_v1_GetSweepRequest, callback: grpc.requestCallback<_gansweep_v1_Sweep__Output>): grpc.ClientUnaryCall;
  getSweep(argument: _gansweep_v1_GetSweepRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_Sweep__Output>): grpc.ClientUnaryCall;
  getSweep(argument: _gansweep_v1_GetSweepRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gansweep_v1_Sweep__Output>): grpc.ClientUnaryCall;
  getSweep(argument: _gansweep_v1_GetSweepRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_Sweep__Output>): grpc.ClientUnaryCall;
  getSweep(argument: _gansweep_v1_GetSweepRequest, callback: grpc.requestCallback<_gansweep_v1_Sweep__Output>): grpc.ClientUnaryCall;
  
  ListSweeps(argument: _gansweep_v1_ListSweepsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_ListSweepsResponse__Output>): grpc.ClientUnaryCall;
  ListSweeps(argument: _gansweep_v1_ListSweepsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gansweep_v1_ListSweepsResponse__Output>): grpc.ClientUnaryCall;
  ListSweeps(argument: _gansweep_v1_ListSweepsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_ListSweepsResponse__Output>): grpc.ClientUnaryCall;
  ListSweeps(argument: _gansweep_v1_ListSweepsRequest, callback: grpc.requestCallback<_gansweep_v1_ListSweepsResponse__Output>): grpc.ClientUnaryCall;
  listSweeps(argument: _gansweep_v1_ListSweepsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_ListSweepsResponse__Output>): grpc.ClientUnaryCall;
  listSweeps(argument: _gansweep_v1_ListSweepsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gansweep_v1_ListSweepsResponse__Output>): grpc.ClientUnaryCall;
  listSweeps(argument: _gansweep_v1_ListSweepsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_ListSweepsResponse__Output>): grpc.ClientUnaryCall;
  listSweeps(argument: _gansweep_v1_ListSweepsRequest, callback: grpc.requestCallback<_gansweep_v1_ListSweepsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Synthetic minority rows from the best generator, decoded to the dataset's columns, in chunks.
   */
  StreamSamples(argument: _gansweep_v1_SamplesRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_gansweep_v1_SamplesChunk__Output>;
  StreamSamples(argument: _gansweep_v1_SamplesRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_gansweep_v1_SamplesChunk__Output>;
  /**
   * Synthetic minority rows from the best generator, decoded to the dataset's columns, in chunks.
   */
  streamSamples(argument: _gansweep_v1_SamplesRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_gansweep_v1_SamplesChunk__Output>;
  streamSamples(argument: _gansweep_v1_SamplesRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_gansweep_v1_SamplesChunk__Output>;
  
  /**
   * Validates a sweep file, loads its dataset, splits it and queues its trials.
   */
  SubmitSweep(argument: _gansweep_v1_SubmitSweepRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_SubmitSweepResponse__Output>): grpc.ClientUnaryCall;
  SubmitSweep(argument: _gansweep_v1_SubmitSweepRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gansweep_v1_SubmitSweepResponse__Output>): grpc.ClientUnaryCall;
  SubmitSweep(argument: _gansweep_v1_SubmitSweepRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_SubmitSweepResponse__Output>): grpc.ClientUnaryCall;
  SubmitSweep(argument: _gansweep_v1_SubmitSweepRequest, callback: grpc.requestCallback<_gansweep_v1_SubmitSweepResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Validates a sweep file, loads its dataset, splits it and queues its trials.
   */
  submitSweep(argument: _gansweep_v1_SubmitSweepRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_SubmitSweepResponse__Output>): grpc.ClientUnaryCall;
  submitSweep(argument: _gansweep_v1_SubmitSweepRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_gansweep_v1_SubmitSweepResponse__Output>): grpc.ClientUnaryCall;
  submitSweep(argument: _gansweep_v1_SubmitSweepRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_gansweep_v1_SubmitSweepResponse__Output>): grpc.ClientUnaryCall;
  submitSweep(argument: _gansweep_v1_SubmitSweepRequest, callback: grpc.requestCallback<_gansweep_v1_SubmitSweepResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * A snapshot first, then one event per change until the sweep ends or the client goes away.
   */
  WatchSweep(argument: _gansweep_v1_WatchSweepRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_gansweep_v1_SweepEvent__Output>;
  WatchSweep(argument: _gansweep_v1_WatchSweepRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_gansweep_v1_SweepEvent__Output>;
  /**
   * A snapshot first, then one event per change until the sweep ends or the client goes away.
   */
  watchSweep(argument: _gansweep_v1_WatchSweepRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_gansweep_v1_SweepEvent__Output>;
  watchSweep(argument: _gansweep_v1_WatchSweepRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_gansweep_v1_SweepEvent__Output>;
  
}

export interface SweepServiceHandlers extends grpc.UntypedServiceImplementation {
  CancelSweep: grpc.handleUnaryCall<_gansweep_v1_CancelSweepRequest__Output, _gansweep_v1_Sweep>;
  
  /**
   * The winning trial and where its generator checkpoint lives.
   */
  GetBest: grpc.handleUnaryCall<_gansweep_v1_GetBestRequest__Output, _gansweep_v1_BestResponse>;
  
  /**
   * A self-contained HTML report: leaderboard, F1-vs-step curves, losses, contamination, real-vs-synthetic marginals.
   */
  GetReport: grpc.handleUnaryCall<_gansweep_v1_GetReportRequest__Output, _gansweep_v1_ReportResponse>;
  
  GetSweep: grpc.handleUnaryCall<_gansweep_v1_GetSweepRequest__Output, _gansweep_v1_Sweep>;
  
  ListSweeps: grpc.handleUnaryCall<_gansweep_v1_ListSweepsRequest__Output, _gansweep_v1_ListSweepsResponse>;
  
  /**
   * Synthetic minority rows from the best generator, decoded to the dataset's columns, in chunks.
   */
  StreamSamples: grpc.handleServerStreamingCall<_gansweep_v1_SamplesRequest__Output, _gansweep_v1_SamplesChunk>;
  
  /**
   * Validates a sweep file, loads its dataset, splits it and queues its trials.
   */
  SubmitSweep: grpc.handleUnaryCall<_gansweep_v1_SubmitSweepRequest__Output, _gansweep_v1_SubmitSweepResponse>;
  
  /**
   * A snapshot first, then one event per change until the sweep ends or the client goes away.
   */
  WatchSweep: grpc.handleServerStreamingCall<_gansweep_v1_WatchSweepRequest__Output, _gansweep_v1_SweepEvent>;
  
}

export interface SweepServiceDefinition extends grpc.ServiceDefinition {
  CancelSweep: MethodDefinition<_gansweep_v1_CancelSweepRequest, _gansweep_v1_Sweep, _gansweep_v1_CancelSweepRequest__Output, _gansweep_v1_Sweep__Output>
  GetBest: MethodDefinition<_gansweep_v1_GetBestRequest, _gansweep_v1_BestResponse, _gansweep_v1_GetBestRequest__Output, _gansweep_v1_BestResponse__Output>
  GetReport: MethodDefinition<_gansweep_v1_GetReportRequest, _gansweep_v1_ReportResponse, _gansweep_v1_GetReportRequest__Output, _gansweep_v1_ReportResponse__Output>
  GetSweep: MethodDefinition<_gansweep_v1_GetSweepRequest, _gansweep_v1_Sweep, _gansweep_v1_GetSweepRequest__Output, _gansweep_v1_Sweep__Output>
  ListSweeps: MethodDefinition<_gansweep_v1_ListSweepsRequest, _gansweep_v1_ListSweepsResponse, _gansweep_v1_ListSweepsRequest__Output, _gansweep_v1_ListSweepsResponse__Output>
  StreamSamples: MethodDefinition<_gansweep_v1_SamplesRequest, _gansweep_v1_SamplesChunk, _gansweep_v1_SamplesRequest__Output, _gansweep_v1_SamplesChunk__Output>
  SubmitSweep: MethodDefinition<_gansweep_v1_SubmitSweepRequest, _gansweep_v1_SubmitSweepResponse, _gansweep_v1_SubmitSweepRequest__Output, _gansweep_v1_SubmitSweepResponse__Output>
  WatchSweep: MethodDefinition<_gansweep_v1_WatchSweepRequest, _gansweep_v1_SweepEvent, _gansweep_v1_WatchSweepRequest__Output, _gansweep_v1_SweepEvent__Output>
}
