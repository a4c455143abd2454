using Pipeline.Ml.Eval;
using Pipeline.Ml.Tests.TestSupport;
using static TorchSharp.torch;

namespace Pipeline.Ml.Tests.Eval;

public sealed class ProbeAugmentationTests
{
    [Fact]
    public void The_same_seed_gives_the_same_augmented_batch()
    {
        TorchTestSetup.Seed();
        using var images = rand(16, 3, 8, 8);
        using var a = new ProbeAugmentation(7, jitterProbability: 0.5, grayscaleProbability: 0.5);
        using var b = new ProbeAugmentation(7, jitterProbability: 0.5, grayscaleProbability: 0.5);

        using var first = a.Apply(images);
        using var second = b.Apply(images);

        Assert.True(first.equal(second).all().item<bool>());
        Assert.False(first.equal(images).all().item<bool>());
        Assert.True(first.ge(0).all().item<bool>() && first.le(1).all().item<bool>());
    }

    [Fact]
    public void Zero_probabilities_leave_images_unchanged()
    {
        TorchTestSetup.Seed();
        using var images = rand(4, 3, 8, 8);
        using var augmentation = new ProbeAugmentation(1, jitterProbability: 0, grayscaleProbability: 0, flipProbability: 0);

        using var result = augmentation.Apply(images);

        Assert.True(result.equal(images).all().item<bool>());
    }

    [Fact]
    public void Flip_and_grayscale_with_certainty_mirror_and_gray_every_image()
    {
        TorchTestSetup.Seed();
        using var images = rand(3, 3, 4, 5);
        using var augmentation = new ProbeAugmentation(1, jitterProbability: 0, grayscaleProbability: 1, flipProbability: 1);

        using var result = augmentation.Apply(images);

        var data = images.data<float>().ToArray();
        var output = result.data<float>().ToArray();
        for (var n = 0; n < 3; n++)
        {
            for (var y = 0; y < 4; y++)
            {
                for (var x = 0; x < 5; x++)
                {
                    float At(int c) => data[(((n * 3) + c) * 20) + (y * 5) + (4 - x)];
                    var gray = (0.299 * At(0)) + (0.587 * At(1)) + (0.114 * At(2));
                    for (var c = 0; c < 3; c++)
                    {
                        Assert.Equal(gray, output[(((n * 3) + c) * 20) + (y * 5) + x], 5);
                    }
                }
            }
        }
    }
}
