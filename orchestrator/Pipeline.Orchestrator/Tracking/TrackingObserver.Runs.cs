using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Pipeline.Engine.Caching;
using Pipeline.Engine.Execution;
using Pipeline.Engine.Ledger;
using Pipeline.Engine.Planning;
using Pipeline.Engine.Validation;
using Pipeline.Tracking;
using Pipeline.Tracking.SystemMetrics;
using Pipeline.Tracking.Tags;

namespace Pipeline.Orchestrator.Tracking;

/// <summary>The MLflow runs behind the observer's events: the background queue, starting a stage's child run, ending the parent.</summary>
public sealed partial class TrackingObserver
{
    private async Task<ITrackedRun> StartChildAsync(string stageId, string key, DateTimeOffset started)
    {
        var tags = RunTags.ForChild(stageId, stageId, _runId, _parentTags);
        tags["pipeline.key"] = key;
        var stage = _pipeline.Stages[stageId];
        tags["pipeline.stage_type"] = stage.Descriptor.TypeName;
        var child = await _tracker.StartRunAsync(stageId, _parent!.RunId, tags, started, CancellationToken.None).ConfigureAwait(false);
        foreach (var (param, value) in stage.Params.Flat)
        {
            child.LogParam(param, value);
        }

        _children[stageId] = child;
        try
        {
            await child.LogInputsAsync(StageDatasets.For(_pipeline, _store, stageId, _keys), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TrackingException or IOException)
        {
            _logger.LogWarning("tracking: could not log the dataset inputs of {Stage}: {Message}", stageId, e.Message);
        }

        return child;
    }

    private static RunStatus StatusOf(StageStatus status) => status switch
    {
        StageStatus.Succeeded or StageStatus.Cached => RunStatus.Finished,
        StageStatus.Cancelled => RunStatus.Killed,
        _ => RunStatus.Failed,
    };

    private void Enqueue(Func<Task> work) => _work.Writer.TryWrite(work);


    private async Task WorkAsync()
    {
        await foreach (var work in _work.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _logger.LogWarning("tracking: {Message}", e.Message);
            }
        }
    }

    private async Task StartStageChildAsync(string stageId, string key, string reason, bool resuming, DateTimeOffset started)
    {
        var child = await StartChildAsync(stageId, key, started).ConfigureAwait(false);
        child.SetTag("pipeline.cache", "miss");
        child.SetTag("pipeline.reason", reason);
        child.SetTag("pipeline.resumed", resuming ? "true" : "false");
        if (resuming && await ResumedRun.FindAsync(_tracker, key, child.RunId, _logger).ConfigureAwait(false) is { } previous)
        {
            child.SetTag(ResumedHistory.ResumedFromTag, previous.RunId);
            if (previous.Tags.TryGetValue(PipelineTagNames.PipelineRunId, out var pipelineRun))
            {
                child.SetTag("pipeline.resumed_from_pipeline_run", pipelineRun);
            }

            _resumed[stageId] = await ResumedHistory.LoadAsync(_tracker, previous, _logger).ConfigureAwait(false);
        }
    }

    private async Task EndParentAsync(RunRecord record, DateTimeOffset ended)
    {
        if (_parent is not null)
        {
            var status = record.Status switch
            {
                "succeeded" => RunStatus.Finished,
                "cancelled" => RunStatus.Killed,
                _ => RunStatus.Failed,
            };
            await _parent.EndAsync(status, ended, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
