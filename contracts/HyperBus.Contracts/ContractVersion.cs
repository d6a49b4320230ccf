namespace HyperBus.Contracts;

/// <summary>
/// The wire contract's version (contracts/asyncapi.yaml <c>info.version</c>). Within a major version the
/// contract only grows: new optional fields and new messages, never a removed, renamed, retyped or newly
/// required field; readers ignore fields they do not know, so old and new peers interoperate.
/// </summary>
public static class ContractVersion
{
    public const string Current = "1.0.0";
}
