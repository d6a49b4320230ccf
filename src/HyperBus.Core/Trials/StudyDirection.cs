namespace HyperBus.Core.Trials;

/// <summary>Whether the objective is to be made small or large.</summary>
public enum StudyDirection
{
    Minimize,
    Maximize,
}
