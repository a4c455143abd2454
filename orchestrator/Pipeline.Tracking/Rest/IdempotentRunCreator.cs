using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Pipeline.Tracking.Rest;

/// <summary>
/// Creates a run at most once although a reply can be lost after the server committed it: every new run carries
/// an identity tag (<c>pipeline.client_run_id</c>, a client-generated id), and before any retry of runs/create, and
/// before the first try when asked (a replay), it searches the experiment for a run carrying that tag.
/// </summary>
internal sealed class IdempotentRunCreator
{
    private readonly MlflowRestClient _client;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _retry;

    public IdempotentRunCreator(MlflowRestClient client, RetryOptions options, ILogger logger)
    {
        _client = client;
        _logger = logger;
        var builder = new ResiliencePipelineBuilder();
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,

                // 401/403 will not change on a retry; the caller spools.
                ShouldHandle = new PredicateBuilder().Handle<MlflowUnavailableException>(e => e is not MlflowAuthenticationException),
            });
        }

        _retry = builder.Build();
    }

    /// <summary>
    /// The run whose tag <paramref name="identityTag"/> is <paramref name="identity"/>: found, or created with
    /// <paramref name="request"/> (whose tags must carry that identity). Throws <see cref="MlflowUnavailableException"/>
    /// when the server stays unreachable; the run may then exist, and a later call with the same identity finds it.
    /// </summary>
    public async Task<MlflowRun> FindOrCreateAsync(
        CreateRunRequest request, string identityTag, string identity, bool searchFirst, CancellationToken cancellationToken)
    {
        var filter = RunInfoMapper.TagFilter(identityTag, identity);
        var attempt = 0;
        return await _retry.ExecuteAsync(
            async ct =>
            {
                if (searchFirst || attempt > 0)
                {
                    var existing = await _client.SearchRunsAsync(request.ExperimentId, filter, ct).ConfigureAwait(false);
                    if (existing.Count > 0)
                    {
                        if (attempt > 0)
                        {
                            _logger.LogInformation("Run '{RunName}' was created by an earlier attempt whose reply was lost: {RunId}.", request.RunName, existing[0].Info.RunId);
                        }

                        return existing.OrderBy(r => r.Info.StartTime).ThenBy(r => r.Info.RunId, StringComparer.Ordinal).First();
                    }
                }

                attempt++;
                return await _client.CreateRunOnceAsync(request, ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }
}
