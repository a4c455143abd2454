using System.Text.Json;
using Microsoft.Extensions.Logging;
using Pipeline.Engine.Catalog;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Engine.Execution;

/// <summary>Runs a stage in the current process from an invocation: used by the stage process and the in-process executor.</summary>
public static class StageInvoker
{
    /// <summary>Binds the params, builds the context and runs the stage, mapping exceptions to an outcome.</summary>
    public static async Task<StageOutcome> InvokeAsync(StageCatalog catalog, StageInvocation invocation, Action<StageEvent> sink, CancellationToken cancellationToken)
    {
        var logger = new EventLogger(sink);
        try
        {
            var stage = catalog.Get(invocation.StageType);
            var parameters = JsonSerializer.Deserialize(invocation.ParamsJson, stage.Descriptor.ParamsType, ParamsJson.Options)
                ?? throw new InvalidOperationException("params are null");
            Directory.CreateDirectory(invocation.OutputDirectory);
            Directory.CreateDirectory(invocation.CheckpointDirectory);
            var context = new StageContext(
                invocation.StageId,
                invocation.RunId,
                invocation.Seed,
                invocation.Inputs,
                invocation.OutputDirectory,
                invocation.CheckpointDirectory,
                logger,
                new EventReporter(sink))
            {
                StopGrace = invocation.StopGraceSeconds is { } grace ? TimeSpan.FromSeconds(grace) : null,
            };
            await stage.RunAsync(context, parameters, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return StageOutcome.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new StageOutcome(StageOutcomeKind.Cancelled, "cancelled", 130);
        }
        catch (StageCancelledException e)
        {
            return new StageOutcome(StageOutcomeKind.Cancelled, e.Message, 130);
        }
        catch (StageFailedException e)
        {
            logger.LogError("{Message}", e.Message);
            return new StageOutcome(StageOutcomeKind.Failed, e.Message, 1);
        }
        catch (Exception e)
        {
            logger.LogError(e, "stage '{Stage}' crashed", invocation.StageId);
            return new StageOutcome(StageOutcomeKind.Failed, $"{e.GetType().Name}: {e.Message}", 1);
        }
    }
}
