namespace HyperBus.Trainers.Functions;

/// <summary>What <see cref="GradientDescentTrainer"/> checkpoints: steps taken so far, the point and the momentum.</summary>
public sealed record DescentState(long Step, double[] X, double[] Velocity);
