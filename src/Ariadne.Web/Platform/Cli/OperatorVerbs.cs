using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Platform.Cli;

/// <summary>
/// The operator's verbs on keys and the audit trail, and those the modules contribute (<see cref="IOperatorVerb"/>, e.g. erasure). Each returns an exit code and one line
/// for standard output; none prints personal data.
/// </summary>
public sealed class OperatorVerbs(IServiceProvider services)
{
    public async Task<(int ExitCode, string Message)> RunAsync(string verb, string[] args)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        switch (verb, args.FirstOrDefault())
        {
            case ("audit", "verify") when VerifyOptions(args) is var (headFile, stateFile, valid) && valid:
                {
                    var result = await sp.GetRequiredService<AuditVerifier>().VerifyAsync(headFile, stateFile, CancellationToken.None);
                    if (result.Intact)
                        return (0, $"Audit trail intact: {result.Events} events, {result.Checkpoints} signed checkpoint(s) verified"
                            + (result.FromCheckpoint is { } from ? $" ({result.Checked} event(s) after checkpoint {from}, found intact earlier)" : "")
                            + (result.HeadChecked ? ", matching the head copy" : "")
                            + $"; {result.Uncovered} event(s) after the last signed checkpoint are protected by their MAC only.");
                    return result.FirstBadSequence is null
                        ? (1, $"Audit verify refused: {result.Problem}.")
                        : (1, $"Audit trail BROKEN at event #{result.FirstBadSequence}: {result.Problem}.");
                }
            case ("audit", "checkpoint"):
                {
                    var checkpoint = await sp.GetRequiredService<AuditCheckpoints>().WriteAsync();
                    return (0, checkpoint is null ? "No new events since the last checkpoint." : $"Checkpoint written over {checkpoint.TreeSize} events.");
                }
            case ("keys", "init"):
                {
                    var file = sp.GetRequiredService<IOptions<CryptoOptions>>().Value.KeyRingFile;
                    KeyRingProvider.Init(file, sp.GetRequiredService<TimeProvider>());
                    return (0, $"Key ring created at {file} (readable by its owner only). Back it up apart from the database.");
                }
            case ("keys", "rotate") when args.Length == 1:
                return await RotateAsync(sp);
            case ("keys", "rotate-signing") when args.Length == 1:
                return await RotateSigningAsync(sp);
            case ("keys", "reseal") when args.Length == 1:
                {
                    var (summary, allVerified) = await ResealAsync(sp);
                    return (allVerified ? 0 : 1, summary + ".");
                }
            case ("keys", "status") when args.Length == 1:
                return await StatusAsync(sp);
            case ("sessions", "end-all") when args.Length == 1:
                return await EndAllSessionsAsync(sp);
            default:
                var contributed = sp.GetServices<IOperatorVerb>().ToList();
                if (contributed.FirstOrDefault(v => v.Name == (verb, args.FirstOrDefault() ?? "")) is { } module
                    && await module.RunAsync(sp, args) is { } outcome)
                    return outcome;
                return (2, "Usage: audit verify [--head-file PATH] [--incremental STATEFILE] | audit checkpoint | keys init | keys rotate | keys rotate-signing | keys reseal | keys status | sessions end-all"
                    + string.Concat(contributed.Select(v => " | " + v.Usage)));
        }
    }

    /// <summary><c>audit verify</c>'s options: <c>--head-file PATH</c> and <c>--incremental STATEFILE</c>, each at most once.</summary>
    private static (string? HeadFile, string? StateFile, bool Valid) VerifyOptions(string[] args)
    {
        string? head = null, state = null;
        for (var i = 1; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
                return (null, null, false);
            switch (args[i])
            {
                case "--head-file" when head is null:
                    head = args[i + 1];
                    break;
                case "--incremental" when state is null:
                    state = args[i + 1];
                    break;
                default:
                    return (null, null, false);
            }
        }
        return (head, state, true);
    }

    /// <summary>A new master key; every data key re-wrapped under it; the old master keys then dropped from the ring.</summary>
    private static async Task<(int, string)> RotateAsync(IServiceProvider sp)
    {
        var ring = sp.GetRequiredService<KeyRing>();
        if (ring.File is null)
            return (1, $"The key ring comes from {KeyRing.EnvironmentVariable}; rotate it where it is kept, then re-run with a key file.");
        var old = ring.MasterKeyIds.ToList();
        var id = ring.AddMasterKey(sp.GetRequiredService<TimeProvider>());
        ring.Save(ring.File); // the new key is safe on disk before any data key depends on it
        var db = sp.GetRequiredService<AriadneDbContext>();
        var count = await sp.GetRequiredService<DataKeys>().RewrapAllAsync();
        // The stored Data Protection keys (sessions, antiforgery) are sealed under a master key too: sealed again under
        // the new one, so that retiring the old ones ends no session.
        foreach (var key in await db.DataProtectionKeys.Where(k => k.Xml != null).ToListAsync())
            if (KeyRingXmlEncryptor.Reseal(key.Xml!, ring) is { } resealed)
                key.Xml = resealed;
        await db.SaveChangesAsync();
        // So are the authenticator seeds and passkey keys (Security/FactorSeal): sealed again under the new one, so that
        // retiring the old ones takes no one's second factor.
        var (seeds, passkeys) = await Security.FactorSeal.ResealAllAsync(db, ring, sealClear: false, CancellationToken.None);
        foreach (var retired in old)
            if (!await db.DataKeys.AnyAsync(k => k.MasterKeyId == retired && k.WrappedKey != null))
                ring.RemoveMasterKey(retired);
        ring.Save(ring.File);
        await sp.GetRequiredService<AuditTrail>().RecordAsync(new AuditRecord(PlatformAudit.KeysRotated, Purpose: PlatformPurposes.KeysRotate));
        return (0, $"Re-wrapped {count} data key(s), {seeds} authenticator seed(s) and {passkeys} passkey(s) under master key {id}; retired {old.Count} old master key(s).");
    }

    /// <summary>
    /// A new audit signing key, run with every node stopped: the old one's public part stays in the ring to verify the checkpoints
    /// it signed; a checkpoint signed by the new key is written at once, so the trail shows where the key changed, and the
    /// evidence seals are sealed again under the new key. The events' MAC key is kept (events carry no key id). Every node is then
    /// given the new ring and started; a node left running signs no more checkpoints (<see cref="KeyRing.SigningKeyRetiredOnDisk"/>).
    /// </summary>
    private static async Task<(int, string)> RotateSigningAsync(IServiceProvider sp)
    {
        var ring = sp.GetRequiredService<KeyRing>();
        if (ring.File is null)
            return (1, $"The key ring comes from {KeyRing.EnvironmentVariable}; rotate it where it is kept, then re-run with a key file.");
        var old = ring.AuditSigningKeyId;
        var id = ring.RotateSigningKey(sp.GetRequiredService<TimeProvider>());
        ring.Save(ring.File);
        await sp.GetRequiredService<AuditTrail>().RecordAsync(new AuditRecord(PlatformAudit.SigningKeyRotated, Purpose: PlatformPurposes.KeysRotateSigning));
        var checkpoint = await sp.GetRequiredService<AuditCheckpoints>().WriteAsync();
        var (resealed, _) = await ResealAsync(sp);
        return (0, $"Audit signing key {Short(id)} is active; {Short(old)} is retired and kept to verify the checkpoints it signed ({ring.RetiredSigningKeys.Count} retired in all)"
            + (checkpoint is null ? "" : $"; checkpoint over {checkpoint.TreeSize} events signed with the new key")
            + $"; {resealed}. Give every node the new key ring, then start the nodes.");
    }

    /// <summary>What the modules sealed with a retired signing key, sealed again under the active one (<see cref="ISignedWithAuditKey"/>).</summary>
    private static async Task<(string Summary, bool AllVerified)> ResealAsync(IServiceProvider sp)
    {
        var parts = new List<string>();
        var allVerified = true;
        foreach (var records in sp.GetServices<ISignedWithAuditKey>())
        {
            var (resealed, notVerified) = await records.ResealAsync(sp, CancellationToken.None);
            allVerified &= notVerified == 0;
            parts.Add($"{resealed} {records.What} sealed again under it" + (notVerified == 0 ? "" : $", {notVerified} left as they were: their seal did not verify (run evidence verify)"));
        }
        return (parts.Count == 0 ? "nothing else sealed" : string.Join("; ", parts), allVerified);
    }

    /// <summary>
    /// The active master key's and audit signing key's age against their cryptoperiods, without a secret: exit 0 when neither is
    /// due, 3 when one is or its age is unknown (for the operator's monitoring). Data keys still wrapped under a master key other
    /// than the active one are counted (a rotation left unfinished). The blind-index key has no rotation yet (docs/asvs.md 11.2.2).
    /// </summary>
    private static async Task<(int, string)> StatusAsync(IServiceProvider sp)
    {
        var ring = sp.GetRequiredService<KeyRing>();
        var options = sp.GetRequiredService<IOptions<CryptoOptions>>().Value;
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        var db = sp.GetRequiredService<AriadneDbContext>();
        var live = await db.DataKeys.AsNoTracking().Where(k => k.WrappedKey != null)
            .GroupBy(k => k.MasterKeyId == ring.ActiveMasterKeyId).Select(g => new { Active = g.Key, Count = g.Count() }).ToListAsync();
        var due = new List<string>();
        var master = Age("master key " + ring.ActiveMasterKeyId, KeyRing.MasterKeySince(ring.ActiveMasterKeyId), options.MasterKeyCryptoperiodDays);
        var signing = Age("audit signing key " + Short(ring.AuditSigningKeyId), ring.AuditSigningKeySince, options.SigningKeyCryptoperiodDays);
        var message = $"{master}; {live.Where(l => l.Active).Sum(l => l.Count)} data key(s) under it, {live.Where(l => !l.Active).Sum(l => l.Count)} under older master keys"
            + $" ({ring.MasterKeyIds.Count - 1} older in the ring); {signing}, {ring.RetiredSigningKeys.Count} retired kept for verification"
            + (due.Count == 0 ? "; nothing due." : $"; DUE: {string.Join(", ", due)}.");
        return (due.Count == 0 ? 0 : 3, message);

        string Age(string what, DateTimeOffset? since, int periodDays)
        {
            if (since is not { } s)
            {
                // Unknown is not "fine": a key whose age cannot be told is reported due, so that the monitoring asks for a rotation.
                due.Add($"{what} has no recorded age");
                return $"{what}, age unknown (made before ages were recorded)";
            }
            var days = (int)Math.Floor((now - s).TotalDays);
            if (days >= periodDays)
                due.Add($"{what} is {days} days old (cryptoperiod {periodDays} days)");
            return $"{what}, {days} day(s) old of {periodDays}";
        }
    }

    private static string Short(string keyId) => keyId.Length > 16 ? keyId[..16] : keyId;

    /// <summary>
    /// Every session of every account ends on every node at its next request (an incident: a stolen database copy of the
    /// cookies' keys, a compromised node). Each account's security stamp changes, one by one; API tokens are not sessions
    /// and stay (revoke them on the Tokens page or by disabling accounts). Recorded in the audit trail as one event.
    /// </summary>
    private static async Task<(int, string)> EndAllSessionsAsync(IServiceProvider sp)
    {
        var users = sp.GetRequiredService<UserManager<Participants.AriadneUser>>();
        var db = sp.GetRequiredService<AriadneDbContext>();
        var ids = await db.Users.AsNoTracking().Select(u => u.Id).ToListAsync();
        var failed = 0;
        foreach (var id in ids)
            for (var attempt = 1; ; attempt++)
            {
                // An account changed meanwhile (its concurrency stamp moved) is read again and changed then.
                db.ChangeTracker.Clear();
                if (await users.FindByIdAsync(id.ToString()) is not { } user || (await users.UpdateSecurityStampAsync(user)).Succeeded)
                    break;
                if (attempt == 3)
                {
                    failed++;
                    break;
                }
            }
        await sp.GetRequiredService<AuditTrail>().RecordAsync(new AuditRecord(PlatformAudit.AccountChanged, Purpose: PlatformPurposes.SessionsEndAll));
        return failed == 0
            ? (0, $"Ended every session of {ids.Count} account(s) on every node; each signs in again. API tokens are unchanged.")
            : (1, $"Ended the sessions of {ids.Count - failed} of {ids.Count} account(s); {failed} kept changing meanwhile: run 'sessions end-all' again.");
    }
}
