namespace Ariadne.Web.Platform.Crypto;

/// <summary>Where the key ring lives. Bound from the <c>Crypto</c> section.</summary>
public sealed class CryptoOptions
{
    public string KeyRingFile { get; set; } = "data/keys/ariadne-keys.json";
    /// <summary>Create a key ring on start when none exists (the demo and tests; production uses <c>keys init</c>).</summary>
    public bool CreateIfMissing { get; set; }
    /// <summary>How long a master key may serve before <c>keys status</c> reports it due (docs/operations.md, key management policy).</summary>
    public int MasterKeyCryptoperiodDays { get; set; } = 365;
    /// <summary>How long an audit signing key may serve before <c>keys status</c> reports it due.</summary>
    public int SigningKeyCryptoperiodDays { get; set; } = 730;
}
