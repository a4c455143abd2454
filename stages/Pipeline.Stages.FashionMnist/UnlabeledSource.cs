namespace Pipeline.Stages.FashionMnist;

/// <summary>Which Fashion-MNIST images make up the <c>unlabeled</c> split (Fashion-MNIST ships none of its own).</summary>
public enum UnlabeledSource
{
    /// <summary>The train images without their labels: the usual protocol for SimCLR pre-training on Fashion-MNIST.</summary>
    Train,

    /// <summary>The train images, then the test images, all without labels (transductive: the encoder sees the test images).</summary>
    TrainAndTest,
}
