using System.Globalization;
using System.Text;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Investigation;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Probes of the read-only grant a granted connection request gives (issue 15 §3): another Squad's investigator asks the
/// owner of a file their phone number also appears in, is granted, and then tries to act on the file they may only read —
/// record a custody event or take an item's custody, download an exhibit, ask further owners from the file's entities, and
/// list the file's requests to foreign law enforcement. Each is refused, nothing changes, and the file's own Squad still can.
/// </summary>
public abstract class AttackInvestigationReadOnly(AriadneApp app)
{
    private static readonly string[] Investigator = [RoleCatalog.Investigator];

    private Task<T> Files<T>(Func<CriminalFiles, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<CriminalFiles>()));

    private Task<T> Links<T>(Func<LinkAnalysis, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<LinkAnalysis>()));

    private Task<T> Locker<T>(Func<EvidenceLocker, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<EvidenceLocker>()));

    private Task<T> Requests<T>(Func<CooperationRequests, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<CooperationRequests>()));

    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    private DateOnly Today => DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);

    private static string NewTag() => Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private Task<TestUser> UserAsync(InstitutionKind kind, string[] roles) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AriadneDbContext>();
        var users = sp.GetRequiredService<UserManager<AriadneUser>>();
        var institution = new Institution { Name = "RO " + kind + " " + NewTag(), Code = "RO-" + NewTag(), Kind = kind, CreatedAt = app.Time.GetUtcNow() };
        db.Institutions.Add(institution);
        await db.SaveChangesAsync();
        var user = new AriadneUser { UserName = "ro" + NewTag().ToLowerInvariant(), DisplayName = "Read-only user", InstitutionId = institution.Id, CreatedAt = app.Time.GetUtcNow() };
        Assert.True((await users.CreateAsync(user, AriadneApp.Password)).Succeeded);
        Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
        return new TestUser(user.Id, user.UserName, AriadneApp.Password, null, institution.Id);
    });

    private static byte[] Pdf(string text) => Encoding.ASCII.GetBytes(
        $"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]>>endobj\ntrailer<</Root 1 0 R>>\n% {text}\n%%EOF\n");

    /// <summary>
    /// Squad A's file with an exhibit, a victim standing for a protection case and a request abroad; Squad B's investigator,
    /// whose own file holds the same phone, granted a read-only look at file A through a connection request.
    /// </summary>
    private sealed record World(Viewer A, Viewer B, TestUser LeadB, Guid FileA, Guid ItemA, Guid VictimEntityA, Guid RequestA);

    private async Task<World> WorldAsync()
    {
        CultureInfo.CurrentUICulture = new("en");
        var tag = NewTag();
        var phone = "+99451" + Random.Shared.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
        var (leadA, protection) = await app.NewCaseAsync();
        var a = CaseSteps.ViewerOf(leadA, Investigator);
        var (fileA, openErrors) = await Files(f => f.OpenAsync(a, Investigator, new CriminalFiles.OpenInput { Title = "RO file A " + tag, Offences = ["144-1.1"] }));
        Assert.Empty(openErrors);
        Assert.Empty((await Files(f => f.AddPartyAsync(a, fileA!.Value, new() { Role = PartyRole.Victim, Name = "RO victim " + tag, CaseNumber = protection.Number })))!);
        Assert.Empty((await Files(f => f.AddPartyAsync(a, fileA!.Value, new() { Role = PartyRole.Suspect, Name = "RO suspect " + tag })))!);
        var parties = (await Files(f => f.ReadAsync(a, fileA!.Value)))!.Parties;
        var (itemA, intakeErrors) = await Locker(l => l.TakeInAsync(a, fileA!.Value, new() { Description = "RO exhibit " + tag, Location = "Locker 1" }, "exhibit.pdf", "application/pdf", Pdf(tag)));
        Assert.Empty(intakeErrors!);
        var (phoneA, _) = await Links(l => l.AddEntityAsync(a, fileA!.Value, new() { Kind = EntityKind.Phone, Value = phone, Source = "s", Reliability = "B2", Handling = "H3" }));
        var (victimA, _) = await Links(l => l.AddEntityAsync(a, fileA!.Value, new()
        {
            Kind = EntityKind.Person,
            Value = "RO victim " + tag,
            PartyId = parties.Single(p => p.Role == PartyRole.Victim).Id,
            Source = "s",
            Reliability = "B2",
            Handling = "H3",
        }));
        Assert.NotNull(phoneA);
        Assert.NotNull(victimA);
        var (requestA, draftErrors) = await Requests(r => r.CreateAsync(a, fileA!.Value, new()
        {
            Country = "TUR",
            Authority = "Interpol NCB Ankara",
            Channel = CooperationChannel.Interpol,
            Assistance = AssistanceKind.Information,
            Urgency = CooperationUrgency.Urgent,
            Purpose = "RO purpose " + tag,
            Deadline = Today.AddDays(10),
        }));
        Assert.Empty(draftErrors!);

        var leadB = await UserAsync(InstitutionKind.AntiTraffickingSquad, Investigator);
        var b = CaseSteps.ViewerOf(leadB, Investigator);
        var (fileB, _) = await Files(f => f.OpenAsync(b, Investigator, new CriminalFiles.OpenInput { Title = "RO file B " + tag, Offences = ["144-1.1"] }));
        var (phoneB, _) = await Links(l => l.AddEntityAsync(b, fileB!.Value, new() { Kind = EntityKind.Phone, Value = phone, Source = "s", Reliability = "B2", Handling = "H3" }));
        Assert.Empty((await Links(l => l.AskOwnerAsync(b, new() { EntityId = phoneB, Reason = "same phone" })))!);
        var (incoming, _) = await Links(l => l.RequestsAsync(a));
        var asked = Assert.Single(incoming, r => r.Status == ConnectionRequestStatus.Pending);
        Assert.Empty((await Links(l => l.DecideAsync(a, asked.Id, new() { Grant = true })))!);
        var rights = await app.WithScopeAsync(sp => sp.GetRequiredService<Ariadne.Web.Features.Investigation.FileAccess>().RightsAsync(b, fileA!.Value));
        Assert.True(rights is { ReadsOnly: true, HandlesEvidence: false });
        return new World(a, b, leadB, fileA!.Value, itemA!.Value, victimA!.Value, requestA!.Value);
    }

    private Task<string> EvidenceStateAsync(Guid itemId) => DbAsync(async db =>
    {
        var item = await db.EvidenceItems.AsNoTracking().SingleAsync(x => x.Id == itemId);
        return string.Join("|", item.HolderInstitutionId, item.HolderUserId, item.Location, item.CustodyCount, await db.CustodyEvents.CountAsync(x => x.ItemId == itemId));
    });

    [Fact]
    public async Task A_read_only_reader_records_no_custody_event_takes_no_custody_and_downloads_no_exhibit()
    {
        var w = await WorldAsync();
        var before = await EvidenceStateAsync(w.ItemA);
        // They read the item (the file is theirs to read)...
        Assert.NotNull(await Locker(l => l.ReadAsync(w.B, w.ItemA)));
        // ... but a transfer of custody to their own institution, an examination and a disclosure are refused.
        foreach (var custody in new EvidenceLocker.CustodyInput[]
                 {
                     new() { Kind = CustodyKind.Transfer, ToInstitutionId = w.LeadB.InstitutionId, Location = "Squad B safe", Reason = "taking it" },
                     new() { Kind = CustodyKind.Examination, Location = "Squad B lab", Reason = "looking" },
                     new() { Kind = CustodyKind.DisclosureToDefence, Location = "Squad B", Reason = "disclosing" },
                 })
        {
            var refused = await Locker(l => l.RecordCustodyAsync(w.B, w.ItemA, custody));
            Assert.NotNull(refused);
            Assert.Contains("", refused.Keys);
        }
        // The exhibit's content is not theirs to take either (a download is a custody event).
        var (outcome, served) = await Locker(l => l.DownloadAsync(w.B, w.ItemA));
        Assert.NotEqual(EvidenceLocker.DownloadOutcome.Served, outcome);
        Assert.Null(served);
        Assert.Equal(before, await EvidenceStateAsync(w.ItemA));
        // The Squad keeping the file still records custody and downloads.
        Assert.Empty((await Locker(l => l.RecordCustodyAsync(w.A, w.ItemA, new() { Kind = CustodyKind.Examination, Location = "Lab", Reason = "forensics" })))!);
        Assert.Equal(EvidenceLocker.DownloadOutcome.Served, (await Locker(l => l.DownloadAsync(w.A, w.ItemA))).Outcome);
    }

    [Fact]
    public async Task A_read_only_reader_asks_no_owner_from_the_file_they_only_read()
    {
        var w = await WorldAsync();
        // The victim's protection case is hidden from Squad B: the chart says a connection exists, but offers no asking from a file read only...
        var graph = await Links(l => l.GraphAsync(w.B, w.FileA, 2));
        Assert.Contains(graph!.Nodes, n => n.Hidden);
        Assert.DoesNotContain(graph.AskFrom, x => x.EntityId == w.VictimEntityA);
        var before = await DbAsync(db => db.ConnectionRequests.CountAsync(r => r.RequestedBy == w.B.UserId));
        // ... but asking its owner from a file read through a connection grant (in a relation the reader does not hold) is refused.
        var refused = await Links(l => l.AskOwnerAsync(w.B, new() { EntityId = w.VictimEntityA, Reason = "chain further" }));
        Assert.NotNull(refused);
        Assert.Contains("", refused.Keys);
        Assert.Equal(before, await DbAsync(db => db.ConnectionRequests.CountAsync(r => r.RequestedBy == w.B.UserId)));
        Assert.False(await DbAsync(db => db.ConnectionRequests.AnyAsync(r => r.RequestedBy == w.B.UserId && r.Relation == Relation.Court)));
    }

    [Fact]
    public async Task A_read_only_reader_in_the_investigator_relation_lists_none_of_the_files_requests_abroad()
    {
        var w = await WorldAsync();
        // The Squad keeping the file lists its request.
        Assert.Contains(await Requests(r => r.ListAsync(w.A, Investigator)), r => r.Id == w.RequestA);
        // The reader opens none of it, and lists none of it, on the list, the file's list or the home panel.
        Assert.Null(await Requests(r => r.ReadAsync(w.B, Investigator, w.RequestA)));
        Assert.DoesNotContain(await Requests(r => r.ListAsync(w.B, Investigator)), r => r.FileId == w.FileA);
        Assert.Empty(await Requests(r => r.ListAsync(w.B, Investigator, w.FileA)));
        var (pending, overdue, returned) = await Requests(r => r.DueAsync(w.B, Investigator));
        Assert.DoesNotContain(pending.Concat(overdue).Concat(returned), r => r.FileId == w.FileA);
    }
}

// On SQLite only: what this class tests (HTTP, settings, page plumbing) does not depend on the database; the sweep of every
// handler (SweepTests) runs its pages on PostgreSQL too.
public sealed class AttackInvestigationReadOnlyOnSqlite(SqliteApp app) : AttackInvestigationReadOnly(app), IClassFixture<SqliteApp>;
