using Pipeline.Ml.Augment;
using Pipeline.Ml.Tests.TestSupport;
using static TorchSharp.torch;

namespace Pipeline.Ml.Tests.Augment;

public class LumaTests
{
    [Fact]
    public void Grayscale_is_the_ITU_R_601_luma_in_every_channel()
    {
        TorchTestSetup.Seed();
        using var scope = NewDisposeScope();
        // Two pixels: pure red and (0.2, 0.4, 0.6).
        var image = tensor(new float[] { 1.0f, 0.2f, 0.0f, 0.4f, 0.0f, 0.6f }, [1, 3, 1, 2]);
        const double red = 0.299;
        const double mixed = (0.299 * 0.2) + (0.587 * 0.4) + (0.114 * 0.6);

        var grey = Luma.ToGrayscale(image);

        TensorAssert.Close(tensor(new[] { red, mixed, red, mixed, red, mixed }, [1, 3, 1, 2]), grey, 1e-6);
    }
}
