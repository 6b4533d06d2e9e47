"""PyTorch peer for bench/trainer.ts: times one WGAN-GP generator step (nCritic critic updates with a two-sided
gradient penalty by double backpropagation, then one generator update, Adam 1e-4 (0.5, 0.9)) on one CPU thread.

Usage: python3 torch_trainer.py '<json list of {"name", "batch", "hidden", "features", "latent", "n_critic", "steps", "blocks"}>'
Prints one JSON object {name: {"ms_per_step": median over blocks, "cpu_ms_per_step": the same in process CPU time,
"blocks_ms": [...], "torch": version}}.
"""
import json
import sys
import time

import torch
import torch.nn as nn

torch.set_num_threads(1)


def mlp(n_in, hidden, n_out):
    layers, prev = [], n_in
    for h in hidden:
        layers += [nn.Linear(prev, h), nn.LeakyReLU(0.2)]
        prev = h
    layers.append(nn.Linear(prev, n_out))
    return nn.Sequential(*layers)


def run(cfg):
    torch.manual_seed(0)
    bs, feats, latent, n_critic = cfg["batch"], cfg["features"], cfg["latent"], cfg["n_critic"]
    data = torch.randn(4 * bs, feats)
    G, D = mlp(latent, cfg["hidden"], feats), mlp(feats, cfg["hidden"], 1)
    opt_g = torch.optim.Adam(G.parameters(), lr=1e-4, betas=(0.5, 0.9))
    opt_d = torch.optim.Adam(D.parameters(), lr=1e-4, betas=(0.5, 0.9))

    def step():
        for _ in range(n_critic):
            real = data[torch.randint(0, data.shape[0], (bs,))]
            with torch.no_grad():
                fake = G(torch.randn(bs, latent))
            eps = torch.rand(bs, 1)
            xh = (real + eps * (fake - real)).requires_grad_(True)
            g = torch.autograd.grad(D(xh).sum(), xh, create_graph=True)[0]
            gp = 10 * ((g.norm(dim=1) - 1) ** 2).mean()
            loss = D(fake).mean() - D(real).mean() + gp
            opt_d.zero_grad(set_to_none=True)
            loss.backward()
            opt_d.step()
        loss_g = -D(G(torch.randn(bs, latent))).mean()
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()

    for _ in range(max(5, cfg["steps"] // 4)):
        step()
    blocks, cpu = [], []
    for _ in range(cfg["blocks"]):
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(cfg["steps"]):
            step()
        blocks.append((time.perf_counter() - t0) * 1000 / cfg["steps"])
        cpu.append((time.process_time() - c0) * 1000 / cfg["steps"])
    s, sc = sorted(blocks), sorted(cpu)
    return {"ms_per_step": s[len(s) // 2], "cpu_ms_per_step": sc[len(sc) // 2], "blocks_ms": blocks, "torch": torch.__version__}


if __name__ == "__main__":
    configs = json.loads(sys.argv[1])
    print(json.dumps({c["name"]: run(c) for c in configs}))
