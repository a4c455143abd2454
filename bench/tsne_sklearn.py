#!/usr/bin/python3
"""scikit-learn baseline for bench/Pipeline.Bench.Tsne (Debian's python3-sklearn, run with /usr/bin/python3).

usage: tsne_sklearn.py DATA.f32 N D COMPONENTS PERPLEXITY OUT.f32 [CHECK.f32 CHECK_DIMS ...]
Runs TSNE(method="barnes_hut", init="pca", learning_rate="auto") on the raw row-major float32 N x D file, writes the
embedding as raw float32, and prints one JSON line with the time, KL, and sklearn.manifold.trustworthiness@10 of its
own embedding and of every CHECK embedding (to cross-check the C# implementation of the metric).
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.manifold import TSNE, trustworthiness


def main(argv):
    data_path, n, d, dims, perplexity, out_path = argv[1], int(argv[2]), int(argv[3]), int(argv[4]), float(argv[5]), argv[6]
    x = np.fromfile(data_path, dtype=np.float32).reshape(n, d)
    start, cpu_start = time.perf_counter(), time.process_time()
    tsne = TSNE(n_components=dims, perplexity=perplexity, method="barnes_hut", init="pca",
                learning_rate="auto", random_state=42)
    y = tsne.fit_transform(x)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    y.astype(np.float32).tofile(out_path)
    result = {"sklearn": sklearn.__version__, "seconds": seconds, "cpu_seconds": cpu, "kl": float(tsne.kl_divergence_),
              "trustworthiness": float(trustworthiness(x, y, n_neighbors=10))}
    checks = argv[7:]
    for path, check_dims in zip(checks[0::2], checks[1::2]):
        other = np.fromfile(path, dtype=np.float32).reshape(n, int(check_dims))
        result["check:" + path] = float(trustworthiness(x, other, n_neighbors=10))
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv)
