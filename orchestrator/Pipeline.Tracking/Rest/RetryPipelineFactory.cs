using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Pipeline.Tracking.Rest;

/// <summary>Builds the Polly pipeline: per-attempt timeout inside bounded exponential retry with jitter.</summary>
internal static class RetryPipelineFactory
{
    public static ResiliencePipeline<HttpResponseMessage> Create(RetryOptions options, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(response => TransientFailures.IsTransient(response.StatusCode)),
                OnRetry = args =>
                {
                    var reason = args.Outcome.Exception?.GetType().Name
                        ?? ((int?)args.Outcome.Result?.StatusCode)?.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    args.Outcome.Result?.Dispose();
                    logger.LogDebug("MLflow request failed ({Reason}); retry {Attempt} in {Delay}.", reason, args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }
}
