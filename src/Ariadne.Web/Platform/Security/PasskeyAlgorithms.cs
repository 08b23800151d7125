namespace Ariadne.Web.Platform.Security;

/// <summary>
/// The COSE signature algorithms a new passkey may use (IANA COSE registry): those ASVS 5.0 Appendix C approves. An
/// authenticator offering only RSASSA-PKCS1-v1_5 (RS256, -257) cannot register; the user adds another (a FIDO2 key).
/// </summary>
public static class PasskeyAlgorithms
{
    /// <summary>ES256, ES384, ES512 (ECDSA), EdDSA, PS256, PS384, PS512 (RSASSA-PSS).</summary>
    public static readonly IReadOnlySet<int> Approved = new HashSet<int> { -7, -35, -36, -8, -37, -38, -39 };

    public static bool IsApproved(int coseAlgorithm) => Approved.Contains(coseAlgorithm);
}
