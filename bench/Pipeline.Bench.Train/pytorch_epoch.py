"""A SimCLR pre-training epoch in PyTorch, end to end, as a PyTorch user writes it: uint8 images in a Dataset,
torchvision's per-image SimCLR transforms (lightly 1.2.28 defaults) in a DataLoader with 2 workers, and the same
training step as the bare benchmark (torchvision ResNet-18 without fc, Linear-ReLU-Linear head, NT-Xent 0.5, SGD).

Run by Pipeline.Bench.Train when python3 has torch and torchvision. Prints one number: images/s of the median step
after the first (a step is the wait for the batch plus the training step), the figure the C# benchmark prints for
a simclr-pretrain epoch.
"""
import statistics
import sys
import time

import torch
import torch.nn as nn
import torchvision

from simclr_torchvision import TwoViews, ntxent


def main():
    batch, size, steps, threads = (int(a) for a in sys.argv[1:5])
    if threads > 0:
        torch.set_num_threads(threads)
    torch.manual_seed(0)
    r = torchvision.models.resnet18()
    r.fc = nn.Identity()
    model = nn.Sequential(r, nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 128))
    model.train()
    opt = torch.optim.SGD(model.parameters(), lr=0.06)
    images = torch.randint(0, 256, (batch * steps, 3, size, size), dtype=torch.uint8)
    loader = torch.utils.data.DataLoader(TwoViews(images, size), batch_size=batch, shuffle=True, num_workers=2,
                                         drop_last=True)
    times = []
    start = time.perf_counter()
    for v0, v1 in loader:
        opt.zero_grad()
        loss = ntxent(model(v0), model(v1))
        loss.backward()
        opt.step()
        loss.item()
        now = time.perf_counter()
        times.append(now - start)
        start = now
    steady = times[1:] or times
    print(batch / statistics.median(steady))


if __name__ == "__main__":
    main()
