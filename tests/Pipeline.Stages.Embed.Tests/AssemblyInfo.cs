// libtorch's thread pool and seed are process-wide: tests run one at a time so thread counts and seeds hold.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
