using Pipeline.Ml.Backbones;
using Pipeline.Ml.Native;
using static TorchSharp.torch;

namespace Pipeline.Ml.Tests;

public sealed class EncoderArtifactTests
{
    [Fact]
    public void Saved_encoder_loads_back_with_identical_features()
    {
        TorchRuntime.Configure(3, 2);
        var dir = Directory.CreateTempSubdirectory("encoder-").FullName;
        try
        {
            using var backbone = new ResNet18Backbone(new ResNet18BackboneOptions(1, SmallImageStem: true));
            backbone.eval();
            var info = new EncoderInfo { InputChannels = 1, SmallImageStem = true, InputSize = 28, NormalizeMean = [0.5], NormalizeStd = [0.25] };
            EncoderArtifact.Save(dir, backbone, info);
            var (loaded, readInfo) = EncoderArtifact.Load(dir);
            using (loaded)
            {
                loaded.eval();
                Assert.Equal(info.InputSize, readInfo.InputSize);
                Assert.Equal([0.5], readInfo.NormalizeMean);
                using var _ = no_grad();
                using var x = rand(2, 1, 28, 28);
                using var a = backbone.call(x);
                using var b = loaded.call(x);
                Assert.True(a.equal(b).all().item<bool>());
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
