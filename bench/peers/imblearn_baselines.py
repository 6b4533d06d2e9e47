#!/usr/bin/env python3
"""Peer figures for bench/agreement.ts: the classic baselines run with imbalanced-learn + scikit-learn.

Reads one JSON job on stdin:
  {"csv": path, "label": str, "minority": str, "features": {col: "numeric"|"categorical"},
   "folds": path, "foldKey": "seed0", "methods": [...], "classifier": "logistic"|"mlp", "seed": int}
and prints {"versions": {...}, "results": {method: {metric: [per fold], "error": str?}}} with metrics f1, precision,
recall, pr_auc (average precision), roc_auc, contam_knn (synthetic rows; null when a method makes none),
contam_knn_real (the real minority training rows, each leaving itself out) and contam (= contam_knn, kept for
bench/agreement.ts). bench/quality.ts shows these beside its own figures.

Preprocessing follows BENCHMARK.md, fitted on the training part only: numeric columns z-scored (zero spread
divided by 1, missing -> training mean), categorical columns one-hot with unseen/missing categories all zeros.
k = min(5, n_min - 1) for every k-NN method, m = 10 for borderline-SMOTE, 1:1 balance, threshold 0.5.
"""
import csv
import json
import sys

import numpy as np
import imblearn
import sklearn
from imblearn.over_sampling import ADASYN, SMOTE, BorderlineSMOTE, RandomOverSampler
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score, precision_score, recall_score, roc_auc_score
from sklearn.neighbors import NearestNeighbors
from sklearn.neural_network import MLPClassifier

MISSING = {"", "?", "NA", "nan", "NaN"}


def encode(rows, cols, kinds, train_idx, idx):
    blocks = []
    for j, col in enumerate(cols):
        cells = [rows[i][j] for i in idx]
        train = [rows[i][j] for i in train_idx]
        if kinds[col] == "numeric":
            tv = np.array([float(c) for c in train if c not in MISSING])
            mean = tv.mean() if tv.size else 0.0
            sd = tv.std() if tv.size else 0.0
            sd = sd if sd > 1e-12 * max(1.0, abs(mean)) else 1.0
            v = np.array([(float(c) - mean) / sd if c not in MISSING else 0.0 for c in cells])
            blocks.append(v[:, None])
        else:
            levels = sorted({c for c in train if c not in MISSING})
            pos = {lv: k for k, lv in enumerate(levels)}
            b = np.zeros((len(cells), len(levels)))
            for r, c in enumerate(cells):
                if c in pos:
                    b[r, pos[c]] = 1.0
            blocks.append(b)
    return np.hstack(blocks) if blocks else np.zeros((len(idx), 0))


def contam(synth, X, y, k=5, at_least=3):
    if len(synth) == 0:
        return None
    nn = NearestNeighbors(n_neighbors=k).fit(X)
    ind = nn.kneighbors(synth, return_distance=False)
    return float(np.mean((y[ind] == 0).sum(axis=1) >= at_least))


def contam_real(X, y, k=5, at_least=3):
    nn = NearestNeighbors(n_neighbors=k).fit(X)
    ind = nn.kneighbors(return_distance=False)  # X=None: each row's own index is left out
    mine = np.flatnonzero(y == 1)
    if mine.size == 0:
        return None
    return float(np.mean((y[ind[mine]] == 0).sum(axis=1) >= at_least))


METRICS = ("f1", "precision", "recall", "pr_auc", "roc_auc", "contam_knn", "contam_knn_real", "contam")


def classifier(name, seed):
    if name == "logistic":
        return LogisticRegression(C=1.0, max_iter=10000)
    return MLPClassifier(hidden_layer_sizes=(64,), max_iter=300, random_state=seed)


def run_method(method, Xtr, ytr, Xte, yte, clf_name, seed):
    n_min = int(ytr.sum())
    k = min(5, n_min - 1)
    weights = None
    if method in ("none", "class-weight"):
        Xr, yr = Xtr, ytr
        if method == "class-weight":
            counts = np.bincount(ytr, minlength=2)
            weights = len(ytr) / (2.0 * counts[ytr])
    else:
        sampler = {
            "ros": lambda: RandomOverSampler(random_state=seed),
            "smote": lambda: SMOTE(k_neighbors=k, random_state=seed),
            "borderline-smote": lambda: BorderlineSMOTE(k_neighbors=k, m_neighbors=10, kind="borderline-1", random_state=seed),
            "adasyn": lambda: ADASYN(n_neighbors=k, random_state=seed),
        }[method]()
        Xr, yr = sampler.fit_resample(Xtr, ytr)
    synth = Xr[len(Xtr):]
    clf = classifier(clf_name, seed)
    if weights is not None and clf_name == "logistic":
        clf.fit(Xr, yr, sample_weight=weights)
    else:
        clf.fit(Xr, yr)  # sklearn's MLP takes no sample weights
    proba = clf.predict_proba(Xte)[:, 1]
    pred = (proba > 0.5).astype(int)  # strictly above, as predict() does
    c = contam(synth, Xtr, ytr)
    return {
        "f1": float(f1_score(yte, pred, zero_division=0)),
        "precision": float(precision_score(yte, pred, zero_division=0)),
        "recall": float(recall_score(yte, pred, zero_division=0)),
        "pr_auc": float(average_precision_score(yte, proba)),
        "roc_auc": float(roc_auc_score(yte, proba)),
        "contam_knn": c,
        "contam": c,
    }


def main():
    job = json.load(sys.stdin)
    with open(job["csv"], newline="") as fh:
        table = list(csv.reader(fh))
    head, body = table[0], [r for r in table[1:] if r]
    li = head.index(job["label"])
    cols = [c for c in head if c in job["features"]]
    ci = [head.index(c) for c in cols]
    rows = [[r[j].strip() for j in ci] for r in body]
    y = np.array([1 if r[li].strip() == job["minority"] else 0 for r in body])
    with open(job["folds"]) as fh:
        fold = np.array(json.load(fh)[job.get("foldKey", "seed0")])
    k = int(fold.max()) + 1
    seed = int(job.get("seed", 0))
    results = {m: {name: [] for name in METRICS} for m in job["methods"]}
    for f in range(k):
        tr = np.flatnonzero(fold != f)
        te = np.flatnonzero(fold == f)
        Xtr = encode(rows, cols, job["features"], tr, tr)
        Xte = encode(rows, cols, job["features"], tr, te)
        real = contam_real(Xtr, y[tr])
        for m in job["methods"]:
            try:
                out = run_method(m, Xtr, y[tr], Xte, y[te], job["classifier"], seed + f)
                out["contam_knn_real"] = real
            except (RuntimeError, ValueError) as err:  # e.g. ADASYN with no majority neighbours
                out = {name: None for name in METRICS}
                results[m]["error"] = str(err)
            for name in METRICS:
                results[m][name].append(out.get(name))
    versions = {"imblearn": imblearn.__version__, "sklearn": sklearn.__version__, "numpy": np.__version__}
    json.dump({"versions": versions, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
