using Pipeline.Stages.Abstractions;
using Pipeline.Stages.Pretrain.Checkpoints;

namespace Pipeline.Stages.Pretrain.Training;

/// <summary>
/// On resume, reports once the metric points of the steps and epochs a checkpoint restores, as the loop reported
/// them, so the resumed run's tracking holds every row of the history even when the killed process never got
/// its last points out. Epoch wall time and RSS describe the killed process and are not in the checkpoint.
/// </summary>
internal static class RestoredMetrics
{
    public static void Report(IStageReporter reporter, TrainingProgress progress, int logEveryNSteps)
    {
        foreach (var row in progress.History)
        {
            if (row.Step % logEveryNSteps == 0)
            {
                reporter.LogMetric("train_loss_step", row.Loss, row.Step);
                reporter.LogMetric("lr", row.Lr, row.Step);
            }
        }

        for (var epoch = 1; epoch <= progress.Epoch; epoch++)
        {
            // Summed in step order, as the loop sums, so the value is the one the loop reported.
            double sum = 0;
            var count = 0;
            foreach (var row in progress.History)
            {
                if (row.Epoch == epoch)
                {
                    sum += row.Loss;
                    count++;
                }
            }

            if (count > 0)
            {
                reporter.LogMetric("train_loss_epoch", sum / count, epoch);
            }

            if (epoch <= progress.EpochImagesPerSecond.Count)
            {
                reporter.LogMetric("images_per_second", progress.EpochImagesPerSecond[epoch - 1], epoch);
            }
        }
    }
}
