using System.Diagnostics;

namespace Pipeline.EndToEnd.Tests.Mlflow;

/// <summary>
/// Where a real MLflow is: the unpacked 2.17.2 tree beside the checkout (<c>../shared/mlflow/lib</c>, run with
/// Debian's python3) or an <c>mlflow</c> that <c>python3</c> imports (a user's pip install). Null when neither.
/// </summary>
internal sealed record MlflowInstall(string Python, string? PythonPath, string Description)
{
    private static readonly Lazy<(MlflowInstall? Install, string Why)> Found = new(Find);

    public static MlflowInstall? Current => Found.Value.Install;

    /// <summary>Why no install was found (for the skip message).</summary>
    public static string Missing => Found.Value.Why;

    /// <summary>A process that runs <c>python3 args...</c> with MLflow importable.</summary>
    public ProcessStartInfo Start(params string[] args)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (PythonPath is not null)
        {
            start.Environment["PYTHONPATH"] = PythonPath;
            start.Environment["PATH"] = "/usr/bin:/bin";
        }

        start.Environment["PYTHONPYCACHEPREFIX"] = Path.Combine(Path.GetTempPath(), "mlflow-pycache");
        return start;
    }

    private static (MlflowInstall?, string) Find()
    {
        var shared = Path.GetFullPath(Path.Combine(RepoRoot.Path, "..", "shared", "mlflow", "lib"));
        if (Directory.Exists(Path.Combine(shared, "mlflow")))
        {
            var beside = new MlflowInstall("/usr/bin/python3", shared, $"MLflow from {shared}");
            return Imports(beside)
                ? (beside, string.Empty)
                : (null, $"{shared} exists but its server cannot import its dependencies: run 'bash ../shared/mlflow/install-deps.sh' as root (or scripts/install-mlflow.sh)");
        }

        var pip = new MlflowInstall("python3", null, "MLflow installed for python3");
        return Imports(pip)
            ? (pip, string.Empty)
            : (null, $"no MLflow: neither {shared} nor an 'mlflow' importable by python3 (pip install mlflow)");
    }

    private static bool Imports(MlflowInstall install)
    {
        try
        {
            using var process = Process.Start(install.Start("-c", "import mlflow.server, flask, sqlalchemy"))!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
