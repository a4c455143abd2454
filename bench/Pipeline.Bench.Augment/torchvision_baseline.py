"""torchvision's per-image SimCLR transforms (lightly 1.2.28 defaults, input 96 / 32) in a DataLoader with 2 workers.

Run by Pipeline.Bench.Augment when python3 has torch and torchvision; prints images/s (two views per image) as the
median of several runs. Same data shape as the C# benchmark: random uint8 images, batch 128.
"""
import argparse
import statistics
import time

import torch

from simclr_torchvision import TwoViews


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--batches", type=int, default=4)
    parser.add_argument("--batch-size", type=int, default=128)
    args = parser.parse_args()
    torch.set_num_threads(1)
    for size in (96, 32):
        images = torch.randint(0, 256, (args.batches * args.batch_size, 3, size, size), dtype=torch.uint8)
        loader = torch.utils.data.DataLoader(TwoViews(images, size), batch_size=args.batch_size, num_workers=2, persistent_workers=True)
        times = []
        for run in range(args.runs + 1):
            start = time.perf_counter()
            for _ in loader:
                pass
            if run > 0:
                times.append(time.perf_counter() - start)
        seconds = statistics.median(times)
        print(f"torchvision DataLoader(2 workers) {size:3d} px: {len(images) / seconds:8.0f} images/s "
              f"({2 * len(images) / seconds:.0f} views/s)")


if __name__ == "__main__":
    main()
