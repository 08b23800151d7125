using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Jobs;

/// <summary>
/// A named lease in the database: with several application nodes, only the holder runs the job.
/// Taking it is one conditional UPDATE (or the INSERT of a new row), so two nodes cannot both win.
/// </summary>
public sealed class JobLease
{
    public required string Name { get; set; }
    public required string Holder { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
