# syntax=docker/dockerfile:1
# gansweep worker for NVIDIA GPU nodes: CUDA runtime + cuDNN, Node 20, @tensorflow/tfjs-node-gpu.
# Build from the repository root: docker build -f deploy/docker/worker.Dockerfile -t gansweep/worker:0.1.0 .
# Run: docker run --gpus 1 -e GANSWEEP_COORDINATOR=HOST:7070 -e GANSWEEP_TOKEN=... gansweep/worker:0.1.0
# tfjs-node-gpu 4.x loads libtensorflow 2.9 (built for CUDA 11.2 / cuDNN 8); CUDA 11.8 runs it via minor-version
# compatibility and needs an NVIDIA driver >= 520 on the host.

FROM node:20-bookworm AS build
WORKDIR /opt/gansweep
COPY package.json package-lock.json tsconfig.json ./
COPY proto ./proto
COPY libs ./libs
COPY services ./services
RUN npm ci --omit=dev
# tfjs-node-gpu is an optional dependency, which npm drops silently when its libtensorflow download fails. Install it
# explicitly so the build fails loudly instead, and check that its native binding is really there.
RUN npm install --no-save --omit=dev @tensorflow/tfjs-node-gpu@4.22.0 \
 && test -n "$(find node_modules/@tensorflow/tfjs-node-gpu -name tfjs_binding.node | head -n 1)" \
 && npm cache clean --force

FROM nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04
COPY --from=node:20-bookworm-slim /usr/local/bin/node /usr/local/bin/node
COPY --from=build /opt/gansweep /opt/gansweep
RUN useradd --create-home --uid 1000 gansweep
USER gansweep
WORKDIR /home/gansweep
ENV NODE_ENV=production \
    GANSWEEP_BACKEND=gpu \
    GANSWEEP_METRICS_LISTEN=0.0.0.0:9465
# 9465 Prometheus /metrics and /healthz (the worker only makes outgoing connections otherwise)
EXPOSE 9465
ENTRYPOINT ["node", "/opt/gansweep/services/worker/bin/worker.js"]
