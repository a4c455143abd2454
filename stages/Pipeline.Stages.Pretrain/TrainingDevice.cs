namespace Pipeline.Stages.Pretrain;

/// <summary>Where the model trains: <c>cpu</c> or <c>cuda</c> (the first GPU; needs a CUDA build of the pipeline).</summary>
public enum TrainingDevice
{
    /// <summary>The CPU, with <c>threads</c> intra-op threads.</summary>
    Cpu,

    /// <summary>The first CUDA device.</summary>
    Cuda,
}
