#!/usr/bin/env bash
# Regenerates the TypeScript types of proto/gansweep/v1/gansweep.proto (run after editing the .proto; the output is
# committed so that builds need no generator step).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$here/src/generated"
rm -rf "$out"
cd "$root/proto"
npx proto-loader-gen-types gansweep/v1/gansweep.proto --longs=Number --enums=String --defaults --arrays --objects \
  --oneofs --includeComments --grpcLib=@grpc/grpc-js --importFileExtension=.ts --outDir="$out"
