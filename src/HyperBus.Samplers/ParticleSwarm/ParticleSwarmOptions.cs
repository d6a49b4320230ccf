namespace HyperBus.Samplers.ParticleSwarm;

/// <summary>Options of <see cref="ParticleSwarmSampler"/>; the weights default to Clerc and Kennedy's constriction values.</summary>
/// <param name="SwarmSize">Particles; each generation moves every particle once (one trial each).</param>
/// <param name="Inertia">How much of its last move a particle keeps (w).</param>
/// <param name="Cognitive">Pull towards the particle's own best position (c1).</param>
/// <param name="Social">Pull towards the swarm's best position (c2).</param>
/// <param name="MaxVelocity">Largest move per generation on each axis, as a fraction of the axis's (normalised) range.</param>
public sealed record ParticleSwarmOptions(
    int Seed = 0,
    int SwarmSize = 20,
    double Inertia = 0.7298,
    double Cognitive = 1.49618,
    double Social = 1.49618,
    double MaxVelocity = 0.2);
