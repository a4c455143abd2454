"""The evaluation stages' work in PyTorch, on the data of bench/pipelines/eval.yaml: Fashion-MNIST, 10,000 train and
2,000 test images (the first of each file; the stages draw a class-balanced subset of the same sizes), resized to
32 px, one input channel, through a ResNet-18 without fc (conv1 takes one channel, as ours does).

Run by Pipeline.Bench when python3 has torch and torchvision. Prints two lines, `embed <images/s>` and
`linear_eval <seconds>`:
- embed: the 12,000 images through the frozen encoder in eval mode under no_grad, batch 256, images per second;
- linear_eval: what the linear-eval stage does with augment: false: features of train and test once, a 90/10
  train/validation split, nn.Linear(512, 10) trained with Adam lr 0.001 for 100 epochs of batch 512 (validation
  loss and accuracy each epoch), test top-1/top-5, and the weighted k-NN (k 200, cosine, temperature 0.1) of the
  train features for each test feature; seconds of all of it.
"""
import gzip
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision


def read_idx(path, count):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = int.from_bytes(data[0:4], "big")
    if magic == 2051:
        rows, cols = int.from_bytes(data[8:12], "big"), int.from_bytes(data[12:16], "big")
        return np.frombuffer(data, dtype=np.uint8, offset=16)[: count * rows * cols].reshape(count, 1, rows, cols)
    return np.frombuffer(data, dtype=np.uint8, offset=8)[:count].astype(np.int64)


def preprocess(images, size):
    x = torch.from_numpy(images.copy()).float() / 255
    x = F.interpolate(x, size=(size, size), mode="bilinear", align_corners=False)
    return (x - 0.5) / 0.5


def features(model, x, batch):
    with torch.no_grad():
        return torch.cat([model(x[i:i + batch]) for i in range(0, len(x), batch)])


def main():
    root, threads = sys.argv[1], int(sys.argv[2])
    if threads > 0:
        torch.set_num_threads(threads)
    torch.manual_seed(0)
    train_x = preprocess(read_idx(f"{root}/train-images-idx3-ubyte.gz", 10000), 32)
    train_y = torch.from_numpy(read_idx(f"{root}/train-labels-idx1-ubyte.gz", 10000))
    test_x = preprocess(read_idx(f"{root}/t10k-images-idx3-ubyte.gz", 2000), 32)
    test_y = torch.from_numpy(read_idx(f"{root}/t10k-labels-idx1-ubyte.gz", 2000))
    r = torchvision.models.resnet18()
    r.conv1 = nn.Conv2d(1, 64, kernel_size=7, stride=2, padding=3, bias=False)
    r.fc = nn.Identity()
    r.eval()

    start = time.perf_counter()
    features(r, torch.cat([train_x, test_x]), 256)
    embed_seconds = time.perf_counter() - start
    print(f"embed {(len(train_x) + len(test_x)) / embed_seconds}")

    start = time.perf_counter()
    train_f, test_f = features(r, train_x, 256), features(r, test_x, 256)
    order = torch.randperm(len(train_f))
    n_val = len(train_f) // 10
    val_idx, fit_idx = order[:n_val], order[n_val:]
    fit_f, fit_y, val_f, val_y = train_f[fit_idx], train_y[fit_idx], train_f[val_idx], train_y[val_idx]
    head = nn.Linear(512, 10)
    opt = torch.optim.Adam(head.parameters(), lr=0.001)
    for _ in range(100):
        perm = torch.randperm(len(fit_f))
        for i in range(0, len(fit_f), 512):
            idx = perm[i:i + 512]
            opt.zero_grad()
            loss = F.cross_entropy(head(fit_f[idx]), fit_y[idx])
            loss.backward()
            opt.step()
        with torch.no_grad():
            logits = head(val_f)
            F.cross_entropy(logits, val_y).item()
            (logits.argmax(1) == val_y).float().mean().item()
    with torch.no_grad():
        logits = head(test_f)
        top1 = (logits.argmax(1) == test_y).float().mean().item()
        (logits.topk(5, 1).indices == test_y[:, None]).any(1).float().mean().item()
        bank, queries = F.normalize(fit_f, dim=1), F.normalize(test_f, dim=1)
        sims, idx = (queries @ bank.t()).topk(200, dim=1)
        weights = (sims / 0.1).exp()
        votes = torch.zeros(len(queries), 10).scatter_add_(1, fit_y[idx], weights)
        knn = (votes.argmax(1) == test_y).float().mean().item()
    print(f"linear_eval {time.perf_counter() - start}")
    print(f"# test top-1 {top1:.4f}, k-NN top-1 {knn:.4f} (random-init encoder)", file=sys.stderr)


if __name__ == "__main__":
    main()
