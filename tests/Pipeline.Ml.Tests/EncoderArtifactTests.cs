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

    [Fact]
    public void Narrow_encoder_round_trips_its_architecture_and_features()
    {
        TorchRuntime.Configure(3, 2);
        var dir = Directory.CreateTempSubdirectory("encoder-").FullName;
        try
        {
            var options = new ResNet18BackboneOptions(1, Width: 16, BlocksPerStage: 1, MaxPool: false);
            using var backbone = new ResNet18Backbone(options);
            backbone.eval();
            var info = new EncoderInfo
            {
                Architecture = EncoderInfo.ArchitectureFor(options),
                InputChannels = 1,
                Width = 16,
                BlocksPerStage = 1,
                MaxPool = false,
                FeatureDimension = options.FeatureDimension,
                InputSize = 28,
                NormalizeMean = [0.5],
                NormalizeStd = [0.25],
            };
            EncoderArtifact.Save(dir, backbone, info);
            var (loaded, readInfo) = EncoderArtifact.Load(dir);
            using (loaded)
            {
                loaded.eval();
                Assert.Equal("resnet", readInfo.Architecture);
                Assert.Equal(options, readInfo.BackboneOptions);
                Assert.Equal(options, loaded.Options);
                Assert.Equal(128, readInfo.FeatureDimension);
                using var _ = no_grad();
                using var x = rand(2, 1, 28, 28);
                using var a = backbone.call(x);
                using var b = loaded.call(x);
                Assert.Equal([2L, 128L], b.shape);
                Assert.True(a.equal(b).all().item<bool>());
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Description_without_the_new_fields_is_resnet18()
    {
        var dir = Directory.CreateTempSubdirectory("encoder-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, EncoderArtifact.InfoFile), """{ "architecture": "resnet18", "input_channels": 1, "small_image_stem": false, "feature_dimension": 512, "input_size": 32 }""");

            var info = EncoderArtifact.ReadInfo(dir);

            Assert.Equal(new ResNet18BackboneOptions(1), info.BackboneOptions);
            Assert.True(info.BackboneOptions.IsResNet18);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Feature_dimension_that_disagrees_with_the_width_is_refused()
    {
        var dir = Directory.CreateTempSubdirectory("encoder-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, EncoderArtifact.InfoFile), """{ "architecture": "resnet", "input_channels": 1, "width": 16, "feature_dimension": 512, "input_size": 28 }""");
            File.WriteAllText(Path.Combine(dir, EncoderArtifact.WeightsFile), "");

            var error = Assert.Throws<InvalidDataException>(() => EncoderArtifact.Load(dir));

            Assert.Contains("feature_dimension 512", error.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
