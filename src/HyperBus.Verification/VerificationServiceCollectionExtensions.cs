using HyperBus.Orchestration.Verification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HyperBus.Verification;

/// <summary>Registers the artifact check and ONNX verification the optimizer host runs on every outcome.</summary>
public static class VerificationServiceCollectionExtensions
{
    public static IServiceCollection AddTrialVerification(this IServiceCollection services, Action<VerificationOptions>? configure = null)
    {
        var options = new VerificationOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton<HoldoutScorer>();
        services.TryAddSingleton<ITrialVerifier, OnnxTrialVerifier>();
        return services;
    }
}
