namespace Ariadne.Web.Platform.Cli;

/// <summary>
/// Records a module sealed with the audit signing key (e.g. evidence intake timestamps). When <c>keys rotate-signing</c> retires
/// the key, each is sealed again under the new one, after its old seal was checked: a retired key then vouches for nothing a
/// thief could backdate in the database. Checkpoints are not re-signed (they are append-only); the verifier orders them instead.
/// </summary>
public interface ISignedWithAuditKey
{
    /// <summary>What the records are, for the verb's line ("evidence item(s)").</summary>
    string What { get; }

    /// <summary>Seals again under the ring's active key every record sealed by another key whose seal verifies; counts those whose seal did not (left as they are).</summary>
    Task<(int Resealed, int NotVerified)> ResealAsync(IServiceProvider services, CancellationToken cancellationToken);
}
