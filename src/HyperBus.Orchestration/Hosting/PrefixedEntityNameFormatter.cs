using MassTransit;

namespace HyperBus.Orchestration.Hosting;

/// <summary>Names a published message type's exchange as MassTransit would, behind a <see cref="PrivateTopology"/>'s prefix.</summary>
public sealed class PrefixedEntityNameFormatter(PrivateTopology topology, IEntityNameFormatter inner) : IEntityNameFormatter
{
    public string FormatEntityName<T>()
    {
        var name = topology.Prefix + inner.FormatEntityName<T>();
        topology.RecordExchange(name);
        return name;
    }
}
