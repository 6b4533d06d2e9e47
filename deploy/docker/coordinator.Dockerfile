# syntax=docker/dockerfile:1
# gansweep coordinator: no GPU, no native TensorFlow (it only samples from finished generators, on wasm).
# Build from the repository root: docker build -f deploy/docker/coordinator.Dockerfile -t gansweep/coordinator:0.1.0 .
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /opt/gansweep
COPY package.json package-lock.json tsconfig.json ./
COPY proto ./proto
COPY libs ./libs
COPY services ./services
# Install scripts are skipped: the only ones that matter download native TensorFlow, which the coordinator does not use.
RUN npm ci --omit=dev --ignore-scripts \
 && rm -rf node_modules/@tensorflow/tfjs-node node_modules/@tensorflow/tfjs-node-gpu \
 && npm cache clean --force \
 && mkdir -p /data && chown node:node /data
# Relative defaults (--store .gansweep/store, --journal .gansweep) land in /data: mount a volume there, or use
# GANSWEEP_STORE=s3://... and GANSWEEP_JOURNAL=nats://... as deploy/docker-compose.yml does.
WORKDIR /data
USER node
ENV GANSWEEP_LISTEN=0.0.0.0:7070 \
    GANSWEEP_METRICS_LISTEN=0.0.0.0:9464
# 7070 gRPC (clients and workers), 9464 Prometheus /metrics and /healthz
EXPOSE 7070 9464
ENTRYPOINT ["node", "/opt/gansweep/services/coordinator/bin/coordinator.js"]
CMD ["serve"]
