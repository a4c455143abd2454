using System.Diagnostics;
using System.Globalization;

namespace Pipeline.Bench.Train;

/// <summary>
/// The same work in PyTorch, run with the system's <c>python3</c>: the bare training step (torchvision ResNet-18
/// without fc, Linear-ReLU-Linear head, NT-Xent, plain SGD) and a pre-training epoch end to end (torchvision's
/// transforms in a 2-worker DataLoader, then that step: <c>pytorch_epoch.py</c>); null when a script fails.
/// </summary>
internal static class PyTorchBench
{
    private const string Script = """
import sys, time, statistics, torch, torch.nn as nn, torch.nn.functional as F, torchvision
batch, size, runs, threads = (int(a) for a in sys.argv[1:5])
if threads > 0: torch.set_num_threads(threads)
torch.manual_seed(0)
r = torchvision.models.resnet18(); r.fc = nn.Identity()
model = nn.Sequential(r, nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 128)); model.train()
opt = torch.optim.SGD(model.parameters(), lr=0.06)
def ntxent(a, b, t=0.5):
    n = a.shape[0]; z = F.normalize(torch.cat([a, b]), dim=1); s = z @ z.t() / t
    s = s.masked_fill(torch.eye(2 * n, dtype=torch.bool), float('-inf'))
    return F.cross_entropy(s, torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)]))
v0, v1 = torch.rand(batch, 3, size, size), torch.rand(batch, 3, size, size)
def step():
    opt.zero_grad(); l = ntxent(model(v0), model(v1)); l.backward(); opt.step()
step(); times = []
for _ in range(runs):
    t = time.perf_counter(); step(); times.append(time.perf_counter() - t)
print(batch / statistics.median(times))
""";

    public static bool Available(out string version)
    {
        var (code, output) = Python(["-c", "import torch, torchvision; print(torch.__version__)"]);
        version = output.Trim();
        return code == 0;
    }

    public static double? ImagesPerSecond(int batch, int size, int runs, int threads)
    {
        var (code, output) = Python(["-c", Script, batch.ToString(CultureInfo.InvariantCulture), size.ToString(CultureInfo.InvariantCulture),
            runs.ToString(CultureInfo.InvariantCulture), threads.ToString(CultureInfo.InvariantCulture)]);
        return code == 0 && double.TryParse(output.Trim(), CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    public static double? EpochStepImagesPerSecond(int batch, int size, int steps, int threads)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "pytorch_epoch.py");
        var (code, output) = Python([script, batch.ToString(CultureInfo.InvariantCulture), size.ToString(CultureInfo.InvariantCulture),
            steps.ToString(CultureInfo.InvariantCulture), threads.ToString(CultureInfo.InvariantCulture)]);
        return code == 0 && double.TryParse(output.Trim(), CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static (int Code, string Output) Python(IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (-1, "python3 not found");
        }
    }
}
