// Original file: gansweep/v1/gansweep.proto


export interface ListSweepsRequest {
}

export interface ListSweepsRequest__Output {
}
