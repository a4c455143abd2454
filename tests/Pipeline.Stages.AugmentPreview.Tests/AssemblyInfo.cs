// libtorch's thread pool and seed are process-wide: tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
