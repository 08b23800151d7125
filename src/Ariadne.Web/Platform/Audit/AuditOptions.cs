using Ariadne.Web.Platform.Jobs;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Platform.Audit;

public sealed class AuditOptions
{
    /// <summary>The longest time a new event waits for a signed checkpoint.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A checkpoint is written as soon as this many events are uncovered, before the interval is up.</summary>
    public long CheckpointEveryEvents { get; set; } = 10_000;

    /// <summary>How often the job looks whether a checkpoint is due.</summary>
    public TimeSpan CheckpointPollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How many chains concurrent appends spread over on PostgreSQL (each under its own lock, see <see cref="AuditTrail"/>);
    /// 1 serialises every append as before chains. SQLite has one writer at a time and always appends to chain 0.
    /// </summary>
    public int Chains { get; set; } = 16;

    /// <summary>The node's name in each event it writes (ASVS 16.2.1 "where"); unset: the machine's name. At most 64 characters.</summary>
    public string? NodeName { get; set; }

    /// <summary>Where each checkpoint is also written, outside the database (optional; for <c>audit verify --head-file</c>).</summary>
    public string? HeadCopyFile { get; set; }
}
