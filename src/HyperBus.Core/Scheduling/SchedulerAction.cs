namespace HyperBus.Core.Scheduling;

/// <summary>Continue a trial, stop it (pruned), or have it exploit another trial's state (PBT).</summary>
public enum SchedulerAction
{
    Continue,
    Stop,
    Exploit,
}
