using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Resources;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Resources and donors (issue 16 §3): totals and status follow the flows (checked against an independent sum); matching suggests
/// donors by category, region and ceiling left, with the reason; IATI export is well-formed and round-trips into a fresh app; a
/// malformed or hostile IATI file is refused with the problem named and nothing saved, and the same file again changes nothing;
/// idempotent posts; bad form input saves nothing; who may see and write.
/// </summary>
public abstract class ResourcesTests(AriadneApp app)
{
    private static readonly string[] Coordinator = [RoleCatalog.Coordinator];
    private static readonly string[] Shelter = [RoleCatalog.ShelterManager];

    private static Task<T> Ledger<T>(AriadneApp on, Func<ResourceLedger, Task<T>> call) => on.WithScopeAsync(sp => call(sp.GetRequiredService<ResourceLedger>()));

    private Task<T> Ledger<T>(Func<ResourceLedger, Task<T>> call) => Ledger(app, call);

    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    private DateOnly Today => DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);

    private static Task<string> StateAsync(AriadneApp on) => on.WithScopeAsync(sp =>
    {
        var db = sp.GetRequiredService<AriadneDbContext>();
        return Task.FromResult($"{db.Needs.Count()}|{db.Donors.Count()}|{db.DonorAreas.Count()}|{db.ResourceFlows.Count()}|{db.FlowAllocations.Count()}|"
            + string.Join(",", db.Needs.OrderBy(n => n.Id).Select(n => n.Status.ToString()).ToList()));
    });

    private Task<string> StateAsync() => StateAsync(app);

    private ResourceLedger.NeedInput NeedInput(string title, NeedCategory category = NeedCategory.Material, decimal? amount = 10_000m,
        Region region = Region.GanjaDashkasan) => new()
        {
            Category = category,
            Title = title,
            Description = "Demo: what it is for and why it matters.",
            Language = "en",
            Regions = [region],
            Amount = amount,
            Currency = amount is null ? null : Currency.AZN,
            From = Today,
            Until = Today.AddDays(100),
            Priority = NeedPriority.High,
        };

    private async Task<Guid> NeedAsync(TestUser user, string[] roles, ResourceLedger.NeedInput input)
    {
        var (id, errors) = await Ledger(l => l.RecordNeedAsync(CaseSteps.ViewerOf(user, roles), roles, input));
        Assert.Empty(errors!);
        return id!.Value;
    }

    private async Task<Guid> DonorAsync(Viewer coordinator, string name)
    {
        var (id, errors) = await Ledger(l => l.AddDonorAsync(coordinator, Coordinator, new() { Name = name }));
        Assert.Empty(errors!);
        return id!.Value;
    }

    private async Task FlowAsync(Viewer coordinator, Guid donor, FlowType type, decimal amount, Guid need, DateOnly? on = null)
    {
        var (_, errors) = await Ledger(l => l.RecordFlowAsync(coordinator, Coordinator, new()
        {
            DonorId = donor,
            Type = type,
            Currency = Currency.AZN,
            On = on ?? Today,
            Allocations = [new() { NeedId = need, Amount = amount }],
        }));
        Assert.Empty(errors!);
    }

    private static string Unique(string what) => what + " " + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Totals_and_status_follow_the_flows_as_an_independent_sum_says()
    {
        CultureInfo.CurrentUICulture = new("en");
        var shelter = await app.CreateUserAsync(InstitutionKind.Shelter, Shelter);
        var coordinatorUser = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, Coordinator);
        var coordinator = CaseSteps.ViewerOf(coordinatorUser, Coordinator);
        var need = await NeedAsync(shelter, Shelter, NeedInput(Unique("Beds")));
        var donor = await DonorAsync(coordinator, Unique("Donor"));

        async Task Check(NeedStatus expected)
        {
            var view = await Ledger(l => l.ReadAsync(CaseSteps.ViewerOf(shelter, Shelter), Shelter, need));
            // The independent sum: straight from the tables.
            var rows = await DbAsync(db => db.FlowAllocations.Where(a => a.NeedId == need)
                .Join(db.ResourceFlows, a => a.FlowId, f => f.Id, (a, f) => new { f.Type, f.Status, a.Amount }).ToListAsync());
            decimal Sum(FlowType t) => rows.Where(r => r.Type == t && r.Status == FlowStatus.Confirmed).Sum(r => r.Amount);
            Assert.Equal((Sum(FlowType.Pledge), Sum(FlowType.Commitment), Sum(FlowType.Disbursement)),
                (view!.Need.Totals.Pledged, view.Need.Totals.Committed, view.Need.Totals.Disbursed));
            Assert.Equal(expected, view.Need.Status);
            Assert.Equal(expected, await DbAsync(db => db.Needs.Where(n => n.Id == need).Select(n => n.Status).SingleAsync()));
        }

        await Check(NeedStatus.Open);
        await FlowAsync(coordinator, donor, FlowType.Pledge, 3_000, need);
        await Check(NeedStatus.PartlyMet);
        await FlowAsync(coordinator, donor, FlowType.Commitment, 6_000, need);
        await FlowAsync(coordinator, donor, FlowType.Disbursement, 2_000.50m, need);
        await Check(NeedStatus.PartlyMet);
        await FlowAsync(coordinator, donor, FlowType.Commitment, 4_000, need);
        await Check(NeedStatus.Met); // committed 10,000 of 10,000

        // Pure rule, on its own: covered is the larger of committed and disbursed; withdrawn always wins.
        Assert.Equal(NeedStatus.Met, ResourceLedger.StatusOf(100, false, new(0, 0, 100)));
        Assert.Equal(NeedStatus.PartlyMet, ResourceLedger.StatusOf(100, false, new(150, 99, 0)));
        Assert.Equal(NeedStatus.Open, ResourceLedger.StatusOf(null, false, ResourceLedger.Totals.None));
        Assert.Equal(NeedStatus.Met, ResourceLedger.StatusOf(null, false, new(0, 1, 0)));
        Assert.Equal(NeedStatus.Withdrawn, ResourceLedger.StatusOf(100, true, new(0, 100, 100)));

        // A flow in another currency, a withdrawn need, a future disbursement: refused, nothing saved.
        var before = await StateAsync();
        var (_, wrong) = await Ledger(l => l.RecordFlowAsync(coordinator, Coordinator, new()
        {
            DonorId = donor,
            Type = FlowType.Pledge,
            Currency = Currency.USD,
            On = Today,
            Allocations = [new() { NeedId = need, Amount = 5 }],
        }));
        Assert.Contains("Currency", wrong!.Keys);
        var (_, future) = await Ledger(l => l.RecordFlowAsync(coordinator, Coordinator, new()
        {
            DonorId = donor,
            Type = FlowType.Disbursement,
            Currency = Currency.AZN,
            On = Today.AddDays(3),
            Allocations = [new() { NeedId = need, Amount = 5 }],
        }));
        Assert.Contains("On", future!.Keys);
        Assert.Equal(before, await StateAsync());
        Assert.Empty((await Ledger(l => l.WithdrawAsync(CaseSteps.ViewerOf(shelter, Shelter), Shelter, need)))!);
        var (_, withdrawn) = await Ledger(l => l.RecordFlowAsync(coordinator, Coordinator, new()
        {
            DonorId = donor,
            Type = FlowType.Pledge,
            Currency = Currency.AZN,
            On = Today,
            Allocations = [new() { NeedId = need, Amount = 5 }],
        }));
        Assert.Contains("Allocations", withdrawn!.Keys);
        Assert.Equal(NeedStatus.Withdrawn, await DbAsync(db => db.Needs.Where(n => n.Id == need).Select(n => n.Status).SingleAsync()));
    }

    [Fact]
    public async Task Matching_suggests_donors_whose_areas_cover_the_need_with_ceiling_left_and_says_why()
    {
        CultureInfo.CurrentUICulture = new("en");
        var shelter = await app.CreateUserAsync(InstitutionKind.Shelter, Shelter);
        var coordinatorUser = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, Coordinator);
        var coordinator = CaseSteps.ViewerOf(coordinatorUser, Coordinator);
        var need = await NeedAsync(shelter, Shelter, NeedInput(Unique("Fund"), NeedCategory.Financial, 20_000m, Region.LankaranAstara));
        var fits = Unique("Fits");
        var wrongRegion = Unique("Elsewhere");
        var wrongCategory = Unique("Other kind");
        var spent = Unique("Spent");
        async Task<Guid> Area(string name, NeedCategory category, Region region, decimal ceiling)
        {
            var id = await DonorAsync(coordinator, name);
            Assert.Empty((await Ledger(l => l.AddAreaAsync(coordinator, Coordinator, new()
            {
                DonorId = id,
                Categories = [category],
                Regions = [region],
                From = Today.AddDays(-10),
                Until = Today.AddDays(300),
                Ceiling = ceiling,
                Currency = Currency.AZN,
            })))!);
            return id;
        }
        await Area(fits, NeedCategory.Financial, Region.LankaranAstara, 12_000);
        await Area(wrongRegion, NeedCategory.Financial, Region.Baku, 50_000);
        await Area(wrongCategory, NeedCategory.Technical, Region.Nationwide, 50_000);
        var spentId = await Area(spent, NeedCategory.Financial, Region.Nationwide, 1_000);
        var other = await NeedAsync(shelter, Shelter, NeedInput(Unique("Other fund"), NeedCategory.Financial, 1_000m, Region.Baku));
        await FlowAsync(coordinator, spentId, FlowType.Commitment, 1_000, other);

        var view = await Ledger(l => l.ReadAsync(coordinator, Coordinator, need));
        var names = view!.Suggestions.Select(s => s.Donor).ToList();
        Assert.Contains(fits, names);
        Assert.DoesNotContain(wrongRegion, names);
        Assert.DoesNotContain(wrongCategory, names);
        Assert.DoesNotContain(spent, names); // its ceiling is all committed
        var s = view.Suggestions.Single(x => x.Donor == fits);
        Assert.Equal(12_000m, s.Remaining);
        Assert.Equal("Supports financial needs in Lankaran-Astara, 12,000 AZN unpledged.", s.Reason);

        // A pledge from the suggestion lowers what is left; the shelter sees no suggestions at all.
        await FlowAsync(coordinator, s.DonorId, FlowType.Pledge, 5_000, need);
        var after = await Ledger(l => l.ReadAsync(coordinator, Coordinator, need));
        Assert.Equal(7_000m, after!.Suggestions.Single(x => x.Donor == fits).Remaining);
        Assert.Equal(NeedStatus.PartlyMet, after.Need.Status);
        Assert.Empty((await Ledger(l => l.ReadAsync(CaseSteps.ViewerOf(shelter, Shelter), Shelter, need)))!.Suggestions);
    }

    [Fact]
    public async Task The_IATI_export_is_well_formed_and_round_trips_into_a_fresh_app_and_again_without_change()
    {
        CultureInfo.CurrentUICulture = new("en");
        var shelter = await app.CreateUserAsync(InstitutionKind.Shelter, Shelter);
        var coordinatorUser = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, Coordinator);
        var coordinator = CaseSteps.ViewerOf(coordinatorUser, Coordinator);
        var need = await NeedAsync(shelter, Shelter, NeedInput(Unique("Mattresses")));
        var donor = await DonorAsync(coordinator, Unique("Round donor"));
        await FlowAsync(coordinator, donor, FlowType.Pledge, 1_500, need);
        await FlowAsync(coordinator, donor, FlowType.Commitment, 4_000.25m, need);
        await FlowAsync(coordinator, donor, FlowType.Disbursement, 1_000, need, Today.AddDays(-1));

        var doc = await app.WithScopeAsync(sp => sp.GetRequiredService<IatiExchange>().ExportAsync(coordinator, Coordinator));
        var xml = doc!.Declaration + "\n" + doc.Root;
        var parsed = XDocument.Parse(xml);
        Assert.Equal("iati-activities", parsed.Root!.Name.LocalName);
        Assert.Equal("2.03", parsed.Root.Attribute("version")!.Value);
        Assert.NotNull(parsed.Root.Attribute("generated-datetime"));
        var activity = parsed.Root.Elements("iati-activity").Single(a => a.Element("iati-identifier")!.Value.EndsWith(need.ToString(), StringComparison.Ordinal));
        Assert.Equal(["1", "11", "13"], activity.Elements("transaction").Select(t => t.Element("transaction-type")!.Attribute("code")!.Value).Order(StringComparer.Ordinal));
        Assert.Equal(3, activity.Element("title")!.Elements("narrative").Count());
        Assert.Equal("AZ", activity.Element("recipient-country")!.Attribute("code")!.Value);
        Assert.Contains(activity.Elements("participating-org"), o => o.Attribute("role")!.Value == "1");
        Assert.Contains(activity.Elements("participating-org"), o => o.Attribute("role")!.Value == "4");

        // Into the same app: nothing changes (our own identifiers, the flows already there).
        var before = await StateAsync();
        var (again, errors) = await Import(app, coordinator, xml);
        Assert.Empty(errors!);
        Assert.Equal(0, again!.FlowsAdded);
        Assert.Equal(before, await StateAsync());

        // Into a fresh app with the same institutions: the same needs, with the same totals; a second import changes nothing.
        await using var fresh = new AriadneApp(app.Provider);
        await fresh.InitializeAsync();
        var freshCoordinator = await fresh.CreateUserAsync(InstitutionKind.NationalCoordinator, Coordinator);
        await fresh.CreateUserAsync(InstitutionKind.Shelter, Shelter);
        var viewer = CaseSteps.ViewerOf(freshCoordinator, Coordinator);
        var (first, firstErrors) = await Import(fresh, viewer, xml);
        Assert.Empty(firstErrors!);
        Assert.Equal(parsed.Root.Elements("iati-activity").Count(), first!.NeedsAdded);
        var originals = await Ledger(l => l.ListAsync(coordinator, Coordinator));
        var copies = await Ledger(fresh, l => l.ListAsync(viewer, Coordinator));
        string Key(ResourceLedger.NeedRow r) => $"{r.Title}|{r.Category}|{string.Join(",", r.Regions)}|{r.Amount}|{r.Currency}|{r.Status}|{r.Totals}";
        var exported = originals!.Where(r => r.Totals.Promised > 0).Select(Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(exported, copies!.Select(Key).Order(StringComparer.Ordinal).ToList());
        var freshState = await StateAsync(fresh);
        var (second, secondErrors) = await Import(fresh, viewer, xml);
        Assert.Empty(secondErrors!);
        Assert.Equal((0, 0), (second!.NeedsAdded, second.FlowsAdded));
        Assert.Equal(freshState, await StateAsync(fresh));
    }

    private static Task<(IatiExchange.Result?, List<string>?)> Import(AriadneApp on, Viewer viewer, string xml) =>
        on.WithScopeAsync(sp => sp.GetRequiredService<IatiExchange>().ImportAsync(viewer, Coordinator, new MemoryStream(Encoding.UTF8.GetBytes(xml))));

    [Fact]
    public async Task A_malformed_or_hostile_IATI_file_is_refused_with_the_problem_named_and_nothing_saved()
    {
        CultureInfo.CurrentUICulture = new("en");
        var shelter = await app.CreateUserAsync(InstitutionKind.Shelter, Shelter);
        var coordinatorUser = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, Coordinator);
        var coordinator = CaseSteps.ViewerOf(coordinatorUser, Coordinator);
        var code = await DbAsync(db => db.Institutions.Where(i => i.Id == shelter.InstitutionId).Select(i => i.Code).SingleAsync());
        string File(string version = "2.03", string type = "13", string value = "100.00", string currency = "AZN", string tail = "") => $"""
            <?xml version="1.0" encoding="utf-8"?>
            <iati-activities version="{version}" generated-datetime="2026-11-30T09:00:00Z">
             <iati-activity default-currency="AZN">
              <iati-identifier>XM-TEST-{Guid.NewGuid():N}</iati-identifier>
              <reporting-org ref="XM-TEST" type="10"><narrative>Test</narrative></reporting-org>
              <title><narrative xml:lang="en">Imported need</narrative></title>
              <participating-org ref="{code}" role="4"><narrative>Shelter</narrative></participating-org>
              <activity-date iso-date="2026-11-01" type="1"/>
              <sector vocabulary="1" code="16010" percentage="100"/>
              <transaction>
               <transaction-type code="{type}"/>
               <transaction-date iso-date="2026-11-20"/>
               <value currency="{currency}" value-date="2026-11-20">{value}</value>
               <provider-org ref="XM-DAC-1"><narrative>Importing donor</narrative></provider-org>
              </transaction>{tail}
             </iati-activity>
            </iati-activities>
            """;
        var before = await StateAsync();
        async Task Refused(string xml, params string[] words)
        {
            var (result, errors) = await Import(app, coordinator, xml);
            Assert.Null(result);
            var all = string.Join(" | ", errors!);
            foreach (var w in words)
                Assert.Contains(w, all, StringComparison.Ordinal);
            Assert.Equal(before, await StateAsync());
        }
        await Refused("<iati-activities version=\"2.03\"><iati-activity>", "not well-formed XML", "line");
        await Refused(File(version: "1.05"), "version 1.05");
        await Refused(File(type: "4"), "transaction type \"4\"", "Line 1", "<transaction-type>");
        await Refused(File(value: "12,5O"), "amount \"12,5O\"", "<value>");
        await Refused(File(currency: "GBP"), "currency \"GBP\"");
        // Every problem is reported, not only the first: a good activity beside a bad one saves nothing either.
        await Refused(File(type: "99", value: "-1"), "transaction type \"99\"", "amount \"-1\"");
        // XXE: a DTD with an external entity is refused before anything is read.
        await Refused("""
            <?xml version="1.0"?>
            <!DOCTYPE iati-activities [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <iati-activities version="2.03"><iati-activity><iati-identifier>&xxe;</iati-identifier></iati-activity></iati-activities>
            """, "DTD");
        // The good file imports (donor created), and the same file again changes nothing.
        var good = File();
        var (ok, none) = await Import(app, coordinator, good);
        Assert.Empty(none!);
        Assert.Equal((1, 1), (ok!.NeedsAdded, ok.FlowsAdded));
        var afterFirst = await StateAsync();
        var (again, _) = await Import(app, coordinator, good);
        Assert.Equal((0, 0, 1), (again!.NeedsAdded, again.FlowsAdded, again.FlowsUnchanged));
        Assert.Equal(afterFirst, await StateAsync());
        // Only the Coordinator imports.
        var (denied, deniedErrors) = await Import(app, CaseSteps.ViewerOf(shelter, Shelter), good);
        Assert.Null(denied);
        Assert.Null(deniedErrors);
    }

    [Fact]
    public async Task The_API_posts_are_idempotent_and_a_malformed_IATI_file_is_a_400_listing_the_problems()
    {
        var shelter = await app.CreateUserAsync(InstitutionKind.Shelter, Shelter);
        var coordinatorUser = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, Coordinator);
        var shelterToken = await app.TokenAsync(shelter, "resources.read resources.write");
        var coordinatorToken = await app.TokenAsync(coordinatorUser, "resources.read resources.write");
        using var client = app.CreateClient();
        HttpRequestMessage Post(string url, string token, object body, string? key) => new HttpRequestMessage(HttpMethod.Post, url)
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
            Content = JsonContent.Create(body),
        }.WithKey(key);
        var title = Unique("API need");
        var need = new
        {
            category = "Technical",
            title,
            description = "Two laptops for the social workers.",
            language = "en",
            regions = new[] { "Baku" },
            quantity = 2,
            unit = "laptops",
            amount = 3000,
            currency = "AZN",
            from = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            until = Today.AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            priority = "Normal",
        };
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(Post("/api/v1/resources/needs", shelterToken, need, null))).StatusCode);
        var key = Guid.NewGuid().ToString();
        var first = await client.SendAsync(Post("/api/v1/resources/needs", shelterToken, need, key));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var second = await client.SendAsync(Post("/api/v1/resources/needs", shelterToken, need, key));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(1, await DbAsync(db => db.Needs.CountAsync(n => n.Title == title)));
        var otherBody = new { need.category, title = title + " other", need.description, need.language, need.regions, need.from, need.until, need.priority };
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.SendAsync(Post("/api/v1/resources/needs", shelterToken, otherBody, key))).StatusCode);
        var needId = await DbAsync(db => db.Needs.Where(n => n.Title == title).Select(n => n.Id).SingleAsync());

        var donorId = await Ledger(async l => (await l.AddDonorAsync(CaseSteps.ViewerOf(coordinatorUser, Coordinator), Coordinator, new() { Name = Unique("API donor") })).Id!.Value);
        var flow = new { donorId, type = "Commitment", currency = "AZN", on = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), allocations = new[] { new { needId, amount = 3000 } } };
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(Post("/api/v1/resources/flows", shelterToken, flow, Guid.NewGuid().ToString()))).StatusCode);
        var flowKey = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post("/api/v1/resources/flows", coordinatorToken, flow, flowKey))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post("/api/v1/resources/flows", coordinatorToken, flow, flowKey))).StatusCode);
        Assert.Equal(1, await DbAsync(db => db.FlowAllocations.CountAsync(a => a.NeedId == needId)));
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/resources/needs/{needId}") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", shelterToken) } };
        using var readDoc = JsonDocument.Parse(await (await client.SendAsync(read)).Content.ReadAsStringAsync());
        Assert.Equal("Met", readDoc.RootElement.GetProperty("need").GetProperty("status").GetString());
        Assert.Equal(3000m, readDoc.RootElement.GetProperty("need").GetProperty("committed").GetDecimal());

        // IATI: the shelter may not export; the Coordinator exports; a malformed file is a 400 naming the problem, nothing saved.
        using var shelterExport = new HttpRequestMessage(HttpMethod.Get, "/api/v1/resources/iati") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", shelterToken) } };
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(shelterExport)).StatusCode);
        using var export = new HttpRequestMessage(HttpMethod.Get, "/api/v1/resources/iati") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", coordinatorToken) } };
        var exported = await client.SendAsync(export);
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        Assert.Contains(needId.ToString(), await exported.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var before = await StateAsync();
        using var bad = new HttpRequestMessage(HttpMethod.Post, "/api/v1/resources/iati")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", coordinatorToken) },
            Content = new StringContent("<iati-activities version=\"2.01\"></iati-activities>", Encoding.UTF8, "application/xml"),
        };
        var refused = await client.SendAsync(bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("2.01", body, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task Only_participants_see_needs_and_only_the_institution_or_the_Coordinator_writes_them()
    {
        CultureInfo.CurrentUICulture = new("en");
        var shelter = await app.CreateUserAsync(InstitutionKind.Shelter, Shelter);
        var squad = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.SquadChief]);
        var auditor = await app.CreateUserAsync(InstitutionKind.Oversight, [RoleCatalog.Auditor]);
        var need = await NeedAsync(shelter, Shelter, NeedInput(Unique("Visible")));
        var nobody = new Viewer(Guid.NewGuid(), Guid.NewGuid(), []);

        Assert.NotNull(await Ledger(l => l.ReadAsync(CaseSteps.ViewerOf(squad, RoleCatalog.SquadChief), [RoleCatalog.SquadChief], need)));
        Assert.Null(await Ledger(l => l.ReadAsync(CaseSteps.ViewerOf(auditor, RoleCatalog.Auditor), [RoleCatalog.Auditor], need)));
        Assert.Null(await Ledger(l => l.ListAsync(CaseSteps.ViewerOf(auditor, RoleCatalog.Auditor), [RoleCatalog.Auditor])));
        Assert.Null(await Ledger(l => l.ListAsync(nobody, Shelter)));
        Assert.Null(await Ledger(l => l.WhoWhatWhereAsync(nobody, Shelter)));
        var before = await StateAsync();
        // Another institution cannot withdraw it, nor record for the shelter; the auditor records nothing.
        Assert.Null(await Ledger(l => l.WithdrawAsync(CaseSteps.ViewerOf(squad, RoleCatalog.SquadChief), [RoleCatalog.SquadChief], need)));
        var forOther = NeedInput(Unique("Not mine"));
        forOther.InstitutionId = shelter.InstitutionId;
        var (_, errors) = await Ledger(l => l.RecordNeedAsync(CaseSteps.ViewerOf(squad, RoleCatalog.SquadChief), [RoleCatalog.SquadChief], forOther));
        Assert.Contains("InstitutionId", errors!.Keys);
        var (_, auditorErrors) = await Ledger(l => l.RecordNeedAsync(CaseSteps.ViewerOf(auditor, RoleCatalog.Auditor), [RoleCatalog.Auditor], NeedInput(Unique("Audit"))));
        Assert.Null(auditorErrors);
        Assert.Null(await Ledger(l => l.DonorsAsync(CaseSteps.ViewerOf(shelter, Shelter), Shelter)));
        Assert.Equal(before, await StateAsync());

        using (var s = await app.SessionAsync(auditor))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await s.Client.GetAsync($"/Resources/Needs/{need}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await s.Client.GetAsync("/Resources")).StatusCode);
        }
        using (var s = await app.SessionAsync(squad))
        {
            var page = await s.GetAsync($"/Resources/Needs/{need}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Null(page.Document.QuerySelector("form[data-withdraw-form]"));
            Assert.Null(page.Document.QuerySelector("form[data-flow-form]"));
            Assert.Equal(HttpStatusCode.NotFound, (await s.Client.GetAsync("/Resources/Donors")).StatusCode);
        }
    }

    [Fact]
    public async Task Bad_input_on_the_need_form_is_shown_beside_each_field_and_nothing_is_saved_and_a_good_one_is_saved_once()
    {
        var shelter = await app.CreateUserAsync(InstitutionKind.Shelter, Shelter);
        using var s = await app.SessionAsync(shelter, "ru");
        var form = await s.GetAsync("/Resources/New");
        var before = await StateAsync();
        var bad = await s.SubmitAsync(form, "form[data-need-form]", new Dictionary<string, string>
        {
            ["Need.Title"] = "x",
            ["Need.Amount"] = "двенадцать",
        });
        Assert.Equal(HttpStatusCode.OK, bad.Status);
        Assert.NotEmpty(bad.Errors);
        Assert.Equal(before, await StateAsync());
        var bad2 = await s.SubmitAsync(form, "form[data-need-form]", new Dictionary<string, string> { ["Need.Title"] = "x", ["Need.Amount"] = "-5" });
        Assert.Contains(bad2.Errors, e => e.Contains('3', StringComparison.Ordinal));
        Assert.NotNull(bad2.FieldError("Need_Amount"));
        Assert.Equal(before, await StateAsync());

        var title = Unique("Форма");
        var fresh = await s.GetAsync("/Resources/New");
        var values = new Dictionary<string, string>
        {
            ["Need.Category"] = "Material",
            ["Need.Title"] = title,
            ["Need.Description"] = "Постельное бельё для 20 мест.",
            ["Need.Regions"] = WebSession.Many("Baku", "Karabakh"),
            ["Need.Amount"] = "1500,50",
            ["Need.Currency"] = "AZN",
            ["Need.From.Day"] = Today.Day.ToString(CultureInfo.InvariantCulture),
            ["Need.From.Month"] = Today.Month.ToString(CultureInfo.InvariantCulture),
            ["Need.From.Year"] = Today.Year.ToString(CultureInfo.InvariantCulture),
            ["Need.Until.Day"] = "1",
            ["Need.Until.Month"] = "6",
            ["Need.Until.Year"] = (Today.Year + 1).ToString(CultureInfo.InvariantCulture),
            ["Need.Priority"] = "Urgent",
        };
        var saved = await s.SubmitAsync(fresh, "form[data-need-form]", values);
        Assert.True(saved.Errors.Count == 0, string.Join(" | ", saved.Document.QuerySelectorAll("[id$='-error']").Select(e => e.Id)));
        Assert.Contains(title, saved.Text, StringComparison.Ordinal);
        await s.SubmitAsync(fresh, "form[data-need-form]", values); // the same form sent again
        Assert.Equal(1, await DbAsync(db => db.Needs.CountAsync(n => n.Title == title)));
        var need = await DbAsync(db => db.Needs.SingleAsync(n => n.Title == title));
        Assert.Equal(("Baku,Karabakh", 1500.50m, NeedPriority.Urgent, "ru"), (need.Regions, need.Amount!.Value, need.Priority, need.Language));
    }
}

internal static class ResourcesRequestExtensions
{
    public static HttpRequestMessage WithKey(this HttpRequestMessage message, string? key)
    {
        if (key is not null)
            message.Headers.Add("Idempotency-Key", key);
        return message;
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class ResourcesTestsOnPostgres(PostgresApp app) : ResourcesTests(app), IClassFixture<PostgresApp>;
