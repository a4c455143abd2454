using Pipeline.Ml.Losses;
using Pipeline.Ml.Tests.TestSupport;
using static TorchSharp.torch;

namespace Pipeline.Ml.Tests.Losses;

public class NtXentLossTests
{
    [Theory]
    [InlineData(2, 8, 0.5, 11)]
    [InlineData(5, 16, 0.5, 12)]
    [InlineData(8, 4, 0.1, 13)]
    [InlineData(3, 32, 1.0, 14)]
    public void Matches_a_loop_reference_in_double(int n, int d, double temperature, int seed)
    {
        TorchTestSetup.Seed();
        var a = TensorData.Gaussian(n, d, seed);
        var b = TensorData.Gaussian(n, d, seed + 1000);
        using var loss = new NtXentLoss(temperature);
        using var scope = NewDisposeScope();

        var actual = loss.call(TensorData.ToTensor(a), TensorData.ToTensor(b)).item<float>();

        Assert.Equal(NtXentReference.Loss(a, b, temperature), actual, 1e-5);
    }

    [Fact]
    public void Hand_computed_two_orthogonal_images()
    {
        // z = e1, e2 (views 0) and e1, e2 (views 1). For every anchor the positive has cosine 1 and the two
        // negatives cosine 0, so with τ = 0.5: -log(e^2 / (e^2 + 2e^0)) = log(1 + 2e^-2) for all four rows.
        TorchTestSetup.Seed();
        using var loss = new NtXentLoss();
        using var scope = NewDisposeScope();
        var views = tensor(new float[] { 1, 0, 0, 1 }, [2, 2]);

        var actual = loss.call(views, views.clone()).item<float>();

        Assert.Equal(Math.Log(1 + (2 * Math.Exp(-2))), actual, 1e-6);
    }

    [Fact]
    public void One_image_has_no_negatives_and_zero_loss()
    {
        TorchTestSetup.Seed();
        using var loss = new NtXentLoss();
        using var scope = NewDisposeScope();

        var actual = loss.call(tensor(new float[] { 1, 2, 3 }, [1, 3]), tensor(new float[] { -3, 1, 0 }, [1, 3])).item<float>();

        Assert.Equal(0.0, actual, 1e-7);
    }

    [Fact]
    public void Is_invariant_to_the_scale_of_the_projections()
    {
        TorchTestSetup.Seed();
        using var loss = new NtXentLoss();
        using var scope = NewDisposeScope();
        var a = randn(4, 8);
        var b = randn(4, 8);

        Assert.Equal(loss.call(a, b).item<float>(), loss.call(a.mul(7.5), b.mul(0.2)).item<float>(), 1e-5);
    }

    [Fact]
    public void Gradients_reach_both_views()
    {
        TorchTestSetup.Seed();
        using var loss = new NtXentLoss();
        using var scope = NewDisposeScope();
        var a = randn(4, 8).requires_grad_();
        var b = randn(4, 8).requires_grad_();

        loss.call(a, b).backward();

        Assert.True(a.grad is not null && a.grad.abs().sum().item<float>() > 0);
        Assert.True(b.grad is not null && b.grad.isfinite().all().item<bool>());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void Rejects_a_temperature_that_is_not_positive(double temperature)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NtXentLoss(temperature));
    }

    [Fact]
    public void Rejects_views_of_different_shapes()
    {
        TorchTestSetup.Seed();
        using var loss = new NtXentLoss();
        using var scope = NewDisposeScope();

        var error = Assert.Throws<ArgumentException>(() => loss.call(randn(4, 8), randn(3, 8)));

        Assert.Contains("[4, 8]", error.Message);
    }
}
