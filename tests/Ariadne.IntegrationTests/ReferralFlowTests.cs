using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>Referral intake, the duty desk, deadlines and escalation, the duplicate check and dispatch — on both databases.</summary>
public abstract class ReferralFlowTests(AriadneApp app)
{
    private Task<int> CountAsync(Func<AriadneDbContext, Task<int>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    [Fact]
    public async Task A_border_officer_refers_page_by_page_with_errors_beside_each_field_and_nothing_is_saved_until_sent_once()
    {
        await app.DutyOfficerAsync();
        var officer = await app.BorderOfficerAsync();
        using var session = await app.SessionAsync(officer);
        var before = await CountAsync(db => db.Referrals.CountAsync(r => r.ReferredBy == officer.Id));

        var page = await session.GetAsync("/Referrals/New");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        page = await session.SubmitAsync(page, "main form", new Dictionary<string, string> { ["Input.DateOfBirth.Day"] = "31", ["Input.DateOfBirth.Month"] = "2", ["Input.DateOfBirth.Year"] = "1999" });
        Assert.Equal("Enter a real date of birth, for example 12.04.1998.", page.FieldError("Input_DateOfBirth"));
        Assert.Equal("Give a name or a document number, or mark the referral as anonymous.", page.FieldError("Input_GivenName"));
        // The summary names the field of each message.
        Assert.Contains("Given name: Give a name or a document number, or mark the referral as anonymous.", page.Errors);

        page = await session.SubmitAsync(page, "main form", new Dictionary<string, string>
        {
            ["Input.GivenName"] = "Leyla",
            ["Input.FamilyName"] = "Hüseynova",
            ["Input.DateOfBirth"] = "1999-05-06",
            ["Input.Citizenship"] = "UZB",
            ["Input.DocumentNumber"] = "UZB7788991",
            ["Input.Languages"] = "Uzbek",
            ["Input.NeedsInterpreter"] = "true",
        });
        Assert.Empty(page.Errors);
        Assert.Contains("Where and what danger", page.Text, StringComparison.Ordinal);
        page = await session.SubmitAsync(page, "main form");
        Assert.Equal("Say where the person is now.", page.FieldError("Input_Whereabouts"));
        Assert.Equal("Say whether the person is in immediate danger.", page.FieldError("Input_ImmediateDanger"));
        page = await session.SubmitAsync(page, "main form", new Dictionary<string, string> { ["Input.Whereabouts"] = "Astara border post", ["Input.ImmediateDanger"] = "true" });
        Assert.Equal("Describe the immediate danger.", page.FieldError("Input_Danger"));
        page = await session.SubmitAsync(page, "main form", new Dictionary<string, string>
        { ["Input.Whereabouts"] = "Astara border post", ["Input.ImmediateDanger"] = "true", ["Input.Danger"] = "The escort waits outside" });
        page = await session.SubmitAsync(page, "main form", new Dictionary<string, string> { ["Input.Indicators"] = "not-an-indicator" });
        Assert.Equal("The value is not valid.", page.FieldError("Input_Indicators"));
        page = await session.SubmitAsync(page, "main form");
        Assert.Equal("Tick at least one indicator or describe what you observed.", page.FieldError("Input_Indicators"));
        page = await session.SubmitAsync(page, "main form", new Dictionary<string, string> { ["Input.Indicators"] = WebSession.Many("documents", "movement"), ["Input.Exploitation"] = "sexual" });
        page = await session.SubmitAsync(page, "main form");
        Assert.Equal("Say whether the person agreed to the referral.", page.FieldError("Input_Consent"));
        var review = await session.SubmitAsync(page, "main form", new Dictionary<string, string> { ["Input.Consent"] = "Given" });
        Assert.Contains("Check and send", review.Text, StringComparison.Ordinal);
        Assert.Contains("Hüseynova", review.Text, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync(db => db.Referrals.CountAsync(r => r.ReferredBy == officer.Id)));
        Assert.DoesNotContain("Hüseynova", review.Url, StringComparison.Ordinal);

        var sent = await session.SubmitAsync(review, "main form");
        var again = await session.SubmitAsync(review, "main form"); // the same form sent twice: one referral
        Assert.StartsWith("/Referrals/Detail/", sent.Path, StringComparison.Ordinal);
        Assert.Equal(sent.Path, again.Path);
        Assert.Equal(before + 1, await CountAsync(db => db.Referrals.CountAsync(r => r.ReferredBy == officer.Id)));
        var id = Guid.Parse(sent.Path.Split('/').Last());
        var referral = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Referrals.AsNoTracking().FirstAsync(r => r.Id == id));
        Assert.Equal(Urgency.Immediate, referral.Urgency);
        Assert.True(referral.NeedsInterpreter);
        Assert.Equal(referral.ReceivedAt + TimeSpan.FromMinutes(15), referral.AcknowledgeBy);
        Assert.True(referral.ContentEnc!.AsSpan().IndexOf("Hüseynova"u8) < 0, "the content is stored encrypted");
        Assert.Contains("Received, not yet acknowledged", sent.Text, StringComparison.Ordinal);
        Assert.Contains("Hüseynova", sent.Text, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(db => db.AuditEvents.CountAsync(e => e.Action == ReferralsAudit.ReferralSubmitted && e.TargetId == id)));
    }

    [Fact]
    public async Task A_person_born_five_years_ago_is_a_child_on_the_check_page_and_in_the_referral_without_the_box()
    {
        await app.DutyOfficerAsync();
        var officer = await app.BorderOfficerAsync();
        using var session = await app.SessionAsync(officer);
        var born = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime).AddYears(-5);
        var page = await session.GetAsync("/Referrals/New");
        // The date as staff type it, whole, in the day box; sex as a choice, citizenship as a code picked by name.
        page = await session.SubmitAsync(page, "main form", new Dictionary<string, string>
        {
            ["Input.GivenName"] = "Nuray",
            ["Input.FamilyName"] = "Kiçikova",
            ["Input.DateOfBirth.Day"] = born.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Sex"] = "female",
            ["Input.Citizenship"] = "AZE",
            ["Input.Languages"] = WebSession.Many("az", "ru"),
        });
        Assert.Empty(page.Errors);
        page = await session.SubmitAsync(page, "main form", new Dictionary<string, string> { ["Input.Whereabouts"] = "Gəncə", ["Input.ImmediateDanger"] = "false" });
        // Files are attached where they belong, with what was observed; they are kept (encrypted) until the referral is sent.
        var pdf = "%PDF-1.4 statement"u8.ToArray();
        using var bitmap = new SkiaSharp.SKBitmap(16, 16);
        bitmap.Erase(SkiaSharp.SKColors.Gray);
        using var encoded = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        var png = encoded.ToArray(); // a photo must decode: it is kept re-encoded, without its metadata
        page = await session.SubmitAsync(page, "main form", new Dictionary<string, string> { ["Input.Observations"] = "Begging at a market" },
            files: [("Files", "statement.pdf", pdf), ("Files", "photo.png", png)]);
        Assert.Empty(page.Errors);
        // "Back" from the consent page (as the browser would press it) returns to the files, listed by name.
        var back = page.Document.QuerySelector("main form button[formaction*='handler=Back']")!.GetAttribute("formaction")!;
        page.Document.QuerySelector("main form button[formaction*='handler=Next']")!.SetAttribute("formaction", back);
        page = await session.SubmitAsync(page, "main form", new Dictionary<string, string> { ["Input.Consent"] = "Given" });
        var kept = page.Document.QuerySelectorAll("input[name='KeepFiles']").Select(e => (Label: page.Document.QuerySelector($"label[for='{e.Id}']")!.TextContent, Value: e.GetAttribute("value")!)).ToList();
        Assert.Equal(2, kept.Count);
        Assert.Contains(kept, k => k.Label.StartsWith("statement.pdf", StringComparison.Ordinal));
        // A file of the wrong kind is refused beside the field, and nothing more is attached.
        var refused = await session.SubmitAsync(page, "main form", files: [("Files", "tool.exe", new byte[] { 0x4D, 0x5A, 0x00, 0x00, 0x90 })]);
        Assert.NotNull(refused.FieldError("Files"));
        Assert.Equal(2, await CountAsync(db => db.ReferralDraftFiles.CountAsync(d => d.OwnerUserId == officer.Id && d.ConsumedAt == null)));
        // Unticking a file removes it.
        page = await session.SubmitAsync(refused, "main form", new Dictionary<string, string>
        { ["Input.Observations"] = "Begging at a market", ["KeepFiles"] = kept.First(k => k.Label.StartsWith("statement.pdf", StringComparison.Ordinal)).Value });
        Assert.Empty(page.Errors);
        var review = await session.SubmitAsync(page, "main form", new Dictionary<string, string> { ["Input.Consent"] = "Given" });
        var observed = review.Document.QuerySelector("[data-review='Indicators']")!.TextContent;
        Assert.Contains("statement.pdf", observed, StringComparison.Ordinal);
        Assert.DoesNotContain("photo.png", observed, StringComparison.Ordinal);
        var person = review.Document.QuerySelector("[data-review='Person']")!.TextContent;
        Assert.Contains("Yes — under 18 by the date of birth", person, StringComparison.Ordinal);
        Assert.Contains("Female", person, StringComparison.Ordinal);
        Assert.Contains("Azerbaijan", person, StringComparison.Ordinal);
        Assert.Contains("Azerbaijani, Russian", person, StringComparison.Ordinal);
        // The urgency the check page shows is a child's: never less than high.
        Assert.Contains("High", review.Document.QuerySelector("[data-review='Situation']")!.TextContent, StringComparison.Ordinal);

        var sent = await session.SubmitAsync(review, "main form");
        var again = await session.SubmitAsync(review, "main form"); // sent twice: one referral, although the drafts are gone
        Assert.Equal(sent.Path, again.Path);
        var id = Guid.Parse(sent.Path.Split('/').Last());
        var referral = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Referrals.SingleAsync(r => r.Id == id));
        Assert.True(referral.Child);
        Assert.Equal(Urgency.High, referral.Urgency);
        Assert.Equal(1, await CountAsync(db => db.ReferralFiles.CountAsync(f => f.ReferralId == id)));
        // The drafts went with the referral: their content emptied and their keys destroyed, in its transaction.
        var drafts = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().ReferralDraftFiles.AsNoTracking().Where(d => d.OwnerUserId == officer.Id).ToListAsync());
        var draft = Assert.Single(drafts); // the file sent stays as an empty, marked row; the one removed is gone
        Assert.NotNull(draft.ConsumedAt);
        Assert.Empty(draft.ContentEnc);
        var draftKeys = drafts.Select(d => d.DataKeyId).ToList();
        Assert.Equal(0, await CountAsync(db => db.DataKeys.CountAsync(k => k.WrappedKey != null && draftKeys.Contains(k.Id))));
    }

    [Fact]
    public async Task An_anonymous_referral_keeps_no_identifying_detail_and_a_child_is_flagged()
    {
        await app.DutyOfficerAsync();
        var officer = await app.CreateUserAsync(InstitutionKind.Helpline, [RoleCatalog.HelplineOperator], [TrainingTopic.Helpline]);
        var input = ReferralSteps.SampleReferral("anon");
        input.Anonymous = true;
        input.Child = true;
        var referral = await app.ReferAsync(officer, input, RoleCatalog.HelplineOperator);
        Assert.True(referral.Anonymous);
        Assert.True(referral.Child);
        Assert.Null(referral.DocumentNumberIndex);
        using var session = await app.SessionAsync(officer);
        var page = await session.GetAsync($"/Referrals/Detail/{referral.Id}");
        Assert.DoesNotContain("Leylaanon", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("UZBanon445566", page.Html, StringComparison.Ordinal);
        Assert.Contains("Astara border post", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_duty_desk_hears_of_a_new_referral_over_server_sent_events_and_nobody_else_may_listen()
    {
        var duty = await app.DutyOfficerAsync();
        var officer = await app.BorderOfficerAsync();
        using var desk = await app.SessionAsync(duty);
        using var outsider = await app.SessionAsync(officer);
        using (var refused = await outsider.Client.GetAsync("/referrals/desk/events", HttpCompletionOption.ResponseHeadersRead))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await desk.Client.GetAsync("/referrals/desk/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var first = await NextEventAsync(reader, timeout.Token);
        var referral = await app.ReferAsync(officer, ReferralSteps.SampleReferral("sse"));
        var second = await NextEventAsync(reader, timeout.Token);
        Assert.Equal(first.GetProperty("waiting").GetInt32() + 1, second.GetProperty("waiting").GetInt32());
        Assert.Equal(referral.Sequence, second.GetProperty("latest").GetInt64());
        Assert.Equal(first.GetProperty("open").GetInt32() + 1, second.GetProperty("open").GetInt32());
        Assert.Equal((0, 1), (first.GetProperty("arrived").GetInt32(), second.GetProperty("arrived").GetInt32())); // what says "new" to the page
        Assert.DoesNotContain("Leyla", second.GetRawText(), StringComparison.Ordinal);

        // A newer one arrives; the first is acknowledged, then closed: each is an event. The closure of an acknowledged referral
        // below the newest changes neither the waiting count nor the newest key, but the open referrals changed and every
        // officer's table must lose it.
        var newer = await app.ReferAsync(officer, ReferralSteps.SampleReferral("sse2"));
        var third = await NextEventAsync(reader, timeout.Token);
        Assert.Equal((newer.Sequence, 1), (third.GetProperty("latest").GetInt64(), third.GetProperty("arrived").GetInt32()));
        var dutyViewer = CaseSteps.ViewerOf(duty, RoleCatalog.DutyOfficer);
        Assert.Equal(ReferralActionOutcome.Done, await app.WithScopeAsync(sp => sp.GetRequiredService<ReferralDesk>().AcknowledgeAsync(dutyViewer, referral.Id)));
        var acknowledged = await NextEventAsync(reader, timeout.Token);
        Assert.Equal((third.GetProperty("waiting").GetInt32() - 1, third.GetProperty("open").GetInt32(), 0),
            (acknowledged.GetProperty("waiting").GetInt32(), acknowledged.GetProperty("open").GetInt32(), acknowledged.GetProperty("arrived").GetInt32()));
        Assert.Equal(ReferralActionOutcome.Done, await app.WithScopeAsync(sp => sp.GetRequiredService<ReferralDispatch>().CloseAsync(dutyViewer, referral.Id, "duplicate")));
        var closed = await NextEventAsync(reader, timeout.Token);
        Assert.Equal((acknowledged.GetProperty("waiting").GetInt32(), third.GetProperty("open").GetInt32() - 1, newer.Sequence, 0),
            (closed.GetProperty("waiting").GetInt32(), closed.GetProperty("open").GetInt32(), closed.GetProperty("latest").GetInt64(), closed.GetProperty("arrived").GetInt32()));

        var rows = await desk.GetAsync("/Referrals?handler=Rows");
        Assert.Contains(referral.Number, rows.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Leyla", rows.Html, StringComparison.Ordinal);
        Assert.Equal("/Account/AccessDenied", (await outsider.GetAsync("/Referrals?handler=Rows")).Path);
    }

    private static async Task<JsonElement> NextEventAsync(StreamReader reader, CancellationToken ct)
    {
        string? data = null;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
                data = line[6..];
            else if (line.Length == 0 && data is not null)
                return JsonDocument.Parse(data).RootElement.Clone();
        }
        throw new InvalidOperationException("The stream ended.");
    }

    [Fact]
    public async Task The_desk_sees_known_people_only_among_cases_it_may_see_and_hands_the_case_to_an_investigator()
    {
        var duty = await app.DutyOfficerAsync();
        var investigator = await app.SquadInvestigatorAsync();
        var officer = await app.BorderOfficerAsync();
        var dutyViewer = CaseSteps.ViewerOf(duty, RoleCatalog.DutyOfficer);
        var visible = await app.WithScopeAsync(sp => sp.GetRequiredService<CaseService>().CreateAsync(dutyViewer, new CaseInput { GivenName = "Known", DocumentNumber = "DUP-DOC-1" }));
        var (_, hidden) = await app.NewCaseAsync(new CaseInput { GivenName = "Hidden", Phone = "+994 55 123 45 67" });
        var input = ReferralSteps.SampleReferral("dup");
        input.DocumentNumber = "dup-doc-1";
        input.Phone = "+994551234567";
        var referral = await app.ReferAsync(officer, input);

        using var desk = await app.SessionAsync(duty);
        var page = await desk.GetAsync($"/Referrals/Detail/{referral.Id}");
        Assert.Contains($"Join to case {visible.Number}", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(hidden.Number, page.Html, StringComparison.Ordinal);

        // Bad input changes nothing.
        var invalid = await desk.SubmitAsync(page, "form[action*='handler=Dispatch']", new Dictionary<string, string> { ["Target"] = "new", ["InvestigatorUserName"] = "nobody-here" });
        Assert.Equal("Choose an active investigator of your Squad.", invalid.FieldError("InvestigatorUserName"));
        var noReason = await desk.SubmitAsync(page, "form[action*='handler=Close']");
        Assert.Equal("Choose a reason.", noReason.FieldError("Reason"));
        Assert.Equal(ReferralStatus.Received, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Referrals.Where(r => r.Id == referral.Id).Select(r => r.Status).FirstAsync()));

        var done = await desk.SubmitAsync(page, "form[action*='handler=Dispatch']", new Dictionary<string, string> { ["Target"] = "new", ["InvestigatorUserName"] = investigator.UserName });
        Assert.Contains("A case was opened from the referral.", done.Text, StringComparison.Ordinal);
        var caseId = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Referrals.Where(r => r.Id == referral.Id).Select(r => r.CaseId).FirstAsync());
        Assert.NotNull(caseId);

        // The investigator has the case and the referral; the duty officer handed it over and keeps no access.
        using var investigating = await app.SessionAsync(investigator);
        var caseDetail = await investigating.GetAsync($"/Cases/Detail?id={caseId}");
        Assert.Equal(HttpStatusCode.OK, caseDetail.Status);
        Assert.Contains("Leyladup", caseDetail.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await investigating.GetAsync($"/Referrals/Detail/{referral.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await desk.GetAsync($"/Cases/Detail?id={caseId}")).Status);

        // The referrer sees where its referral stands, not the case it became.
        using var referrer = await app.SessionAsync(officer);
        var status = await referrer.GetAsync($"/Referrals/Detail/{referral.Id}");
        Assert.Contains("Taken forward by the Squad", status.Text, StringComparison.Ordinal);
        var number = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Cases.Where(c => c.Id == caseId).Select(c => c.Number).FirstAsync());
        Assert.DoesNotContain(number, status.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await referrer.GetAsync($"/Cases/Detail?id={caseId}")).Status);

        // A police officer of another body sees nothing of it.
        var police = await app.CreateUserAsync(InstitutionKind.Police, [RoleCatalog.LawEnforcementOfficer]);
        using var other = await app.SessionAsync(police);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Referrals/Detail/{referral.Id}")).Status);

        // A second referral of the same person is joined to the known case.
        var second = await app.ReferAsync(officer, input);
        var secondPage = await desk.GetAsync($"/Referrals/Detail/{second.Id}");
        await desk.SubmitAsync(secondPage, "form[action*='handler=Dispatch']", new Dictionary<string, string> { ["Target"] = visible.Id.ToString() });
        Assert.Equal(visible.Id, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Referrals.Where(r => r.Id == second.Id).Select(r => r.CaseId).FirstAsync()));
        Assert.Equal(1, await CountAsync(db => db.AuditEvents.CountAsync(e => e.Action == ReferralsAudit.ReferralDispatched && e.TargetId == second.Id)));
    }

    [Fact]
    public async Task The_desk_offers_its_own_squads_active_investigators_only()
    {
        var duty = await app.DutyOfficerAsync();
        var active = await app.SquadInvestigatorAsync();
        var disabled = await app.SquadInvestigatorAsync();
        var elsewhere = await app.SquadInvestigatorAsync();
        var colleague = await app.DutyOfficerAsync();
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var other = new Institution { Name = "Second Squad", Code = "T-SQUAD-" + Guid.NewGuid().ToString("N")[..6], Kind = InstitutionKind.AntiTraffickingSquad, CreatedAt = app.Time.GetUtcNow() };
            db.Institutions.Add(other);
            await db.SaveChangesAsync();
            await db.Users.Where(u => u.Id == elsewhere.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.InstitutionId, other.Id));
            await db.Users.Where(u => u.Id == disabled.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDisabled, true));
            return 0;
        });

        var offered = await app.WithScopeAsync(sp => sp.GetRequiredService<ReferralDesk>().InvestigatorsAsync(CaseSteps.ViewerOf(duty, RoleCatalog.DutyOfficer)));
        var names = offered.Select(o => o.UserName).ToList();
        Assert.Contains(active.UserName, names);
        Assert.Contains(offered, o => o.UserName == active.UserName && o.Name == "Test " + active.UserName);
        Assert.DoesNotContain(disabled.UserName, names);
        Assert.DoesNotContain(elsewhere.UserName, names);
        Assert.DoesNotContain(colleague.UserName, names);
        Assert.DoesNotContain(duty.UserName, names);
    }

    [Fact]
    public async Task Two_officers_dispatching_one_referral_at_once_open_one_case()
    {
        var first = await app.DutyOfficerAsync();
        var second = await app.DutyOfficerAsync();
        var officer = await app.BorderOfficerAsync();
        var referral = await app.ReferAsync(officer, ReferralSteps.SampleReferral("race"));
        var casesBefore = await CountAsync(db => db.Cases.CountAsync());
        var outcomes = await Task.WhenAll(new[] { first, second }.Select(duty => app.WithScopeAsync(sp =>
            sp.GetRequiredService<ReferralDispatch>().DispatchAsync(CaseSteps.ViewerOf(duty, RoleCatalog.DutyOfficer), referral.Id, null, null))));
        Assert.Single(outcomes, o => o.Outcome == ReferralActionOutcome.Done);
        Assert.Single(outcomes, o => o.Outcome == ReferralActionOutcome.Invalid);
        Assert.Equal(casesBefore + 1, await CountAsync(db => db.Cases.CountAsync()));
        Assert.Equal(1, await CountAsync(db => db.AuditEvents.CountAsync(e => e.Action == ReferralsAudit.ReferralDispatched && e.TargetId == referral.Id)));
    }

    [Fact]
    public async Task A_referral_made_a_case_for_an_investigator_names_who_made_it_to_the_desk_that_no_longer_sees_the_case()
    {
        var duty = await app.DutyOfficerAsync();
        var investigator = await app.SquadInvestigatorAsync();
        var officer = await app.BorderOfficerAsync();
        var referral = await app.ReferAsync(officer, ReferralSteps.SampleReferral("handed"));
        var (outcome, caseId, _) = await app.WithScopeAsync(sp => sp.GetRequiredService<ReferralDispatch>()
            .DispatchAsync(CaseSteps.ViewerOf(duty, RoleCatalog.DutyOfficer), referral.Id, investigator.UserName, null));
        Assert.Equal(ReferralActionOutcome.Done, outcome);
        // Other audited work on the case comes after the dispatch's event in the case's trail.
        Assert.NotNull(await app.WithScopeAsync(sp => sp.GetRequiredService<CaseService>()
            .ReadAsync(CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator), caseId!.Value, new AuditPurpose("test"))));

        using var desk = await app.SessionAsync(duty);
        var page = await desk.GetAsync($"/Referrals/Detail/{referral.Id}");
        var takenForward = page.Document.QuerySelector("[data-taken-forward]");
        Assert.NotNull(takenForward);
        Assert.Contains("Test " + duty.UserName, takenForward.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erasing_the_person_shreds_the_referral_they_came_through()
    {
        var duty = await app.DutyOfficerAsync();
        var officer = await app.BorderOfficerAsync();
        var referral = await app.ReferAsync(officer, ReferralSteps.SampleReferral("erase"));
        var desk = CaseSteps.ViewerOf(duty, RoleCatalog.DutyOfficer);
        var (outcome, caseId, _) = await app.WithScopeAsync(sp => sp.GetRequiredService<ReferralDispatch>().DispatchAsync(desk, referral.Id, null, null));
        Assert.Equal(ReferralActionOutcome.Done, outcome);
        var number = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Cases.Where(c => c.Id == caseId).Select(c => c.Number).FirstAsync());
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<PersonEraser>().EraseAsync(number)));

        var referrer = CaseSteps.ViewerOf(officer, RoleCatalog.LawEnforcementOfficer);
        var view = await app.WithScopeAsync(sp => sp.GetRequiredService<ReferralDesk>().ReadAsync(referrer, referral.Id, new AuditPurpose("test")));
        Assert.NotNull(view);
        Assert.Null(view.Content);
        Assert.Null(view.Referral.DocumentNumberIndex);
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().DataKeys.AnyAsync(k => k.Id == referral.DataKeyId && k.WrappedKey == null)));
    }

    [Fact]
    public async Task A_photo_attached_to_a_referral_is_kept_without_its_exif_and_one_that_does_not_decode_is_refused()
    {
        var duty = await app.DutyOfficerAsync();
        var officer = await app.CreateUserAsync(InstitutionKind.Police, [RoleCatalog.LawEnforcementOfficer]);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(officer, "referrals.write"));
        using var bitmap = new SkiaSharp.SKBitmap(64, 48);
        bitmap.Erase(SkiaSharp.SKColors.Orange);
        using var encoded = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 90);
        var plain = encoded.ToArray();
        byte[] body = [.. "Exif\0\0"u8, .. "MM\0*"u8, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, .. "GPS 40.40930N 49.86709E"u8];
        byte[] photo = [.. plain.AsSpan(0, 2), 0xFF, 0xE1, 0, (byte)(body.Length + 2), .. body, .. plain.AsSpan(2)];

        async Task<HttpResponseMessage> SendAsync(byte[] file)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/referrals")
            {
                Content = JsonContent.Create(new { referral = ReferralSteps.SampleReferral("photo"), files = new[] { new { name = "photo.jpg", content = Convert.ToBase64String(file) } } }, options: ReferralSteps.ApiJson),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            return await client.SendAsync(request);
        }

        // A file that only starts like a JPEG: refused, nothing saved.
        var before = await CountAsync(db => db.Referrals.CountAsync(r => r.ReferredBy == officer.Id));
        using (var broken = await SendAsync([0xFF, 0xD8, 0xFF, 0xE0, 0, 16, .. "JFIF"u8, 0, 1]))
            Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal(before, await CountAsync(db => db.Referrals.CountAsync(r => r.ReferredBy == officer.Id)));

        using var created = await SendAsync(photo);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        var fileId = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().ReferralFiles.Where(f => f.ReferralId == id).Select(f => f.Id).SingleAsync());
        using var desk = await app.SessionAsync(duty);
        using var download = await desk.Client.GetAsync($"/Referrals/Detail/{id}?handler=File&fileId={fileId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/jpeg", download.Content.Headers.ContentType?.MediaType);
        var kept = await download.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain("40.40930", Encoding.Latin1.GetString(kept), StringComparison.Ordinal);
        Assert.DoesNotContain("Exif", Encoding.Latin1.GetString(kept), StringComparison.Ordinal);
        using var shown = SkiaSharp.SKBitmap.Decode(kept);
        Assert.Equal((64, 48), (shown.Width, shown.Height));
    }

    [Fact]
    public async Task Referrals_through_the_API_are_idempotent_under_concurrent_retries_and_bad_input_saves_nothing()
    {
        var duty = await app.DutyOfficerAsync();
        var officer = await app.CreateUserAsync(InstitutionKind.Police, [RoleCatalog.LawEnforcementOfficer]);
        var token = await app.TokenAsync(officer, "referrals.write");
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var pdf = Convert.ToBase64String(Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF"));
        var body = new { referral = ReferralSteps.SampleReferral("api"), files = new[] { new { name = "statement.pdf", content = pdf } } };
        var key = "retry-" + Guid.NewGuid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/referrals") { Content = JsonContent.Create(body, options: ReferralSteps.ApiJson) };
            request.Headers.Add("Idempotency-Key", key);
            var response = await client.SendAsync(request);
            return (response.StatusCode, Json: await response.Content.ReadAsStringAsync());
        }));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = responses.Select(r => JsonDocument.Parse(r.Json).RootElement.GetProperty("id").GetGuid()).Distinct().ToList();
        Assert.Single(ids);
        Assert.Equal(1, await CountAsync(db => db.Referrals.CountAsync(r => r.ReferredBy == officer.Id)));
        Assert.Equal(1, await CountAsync(db => db.ReferralFiles.CountAsync(f => f.ReferralId == ids[0])));

        // A file of 3 MB: above the platform's 1 MB body limit, within the limit this endpoint declares.
        var large = new byte[3 * 1024 * 1024];
        "%PDF-1.4\n"u8.CopyTo(large);
        using (var big = new HttpRequestMessage(HttpMethod.Post, "/api/v1/referrals")
        {
            Content = JsonContent.Create(new { referral = ReferralSteps.SampleReferral("big"), files = new[] { new { name = "scan.pdf", content = Convert.ToBase64String(large) } } }, options: ReferralSteps.ApiJson),
        })
        {
            big.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(big)).StatusCode);
        }
        Assert.Equal(2, await CountAsync(db => db.Referrals.CountAsync(r => r.ReferredBy == officer.Id)));

        using (var reused = new HttpRequestMessage(HttpMethod.Post, "/api/v1/referrals") { Content = JsonContent.Create(new { referral = ReferralSteps.SampleReferral("other") }, options: ReferralSteps.ApiJson) })
        {
            reused.Headers.Add("Idempotency-Key", key);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.SendAsync(reused)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/v1/referrals", body)).StatusCode); // no key

        using (var bad = new HttpRequestMessage(HttpMethod.Post, "/api/v1/referrals")
        {
            Content = JsonContent.Create(new { referral = new { givenName = "X", citizenship = "Azerbaijan" }, files = new[] { new { name = "a.exe", content = Convert.ToBase64String([0x4D, 0x5A, 0x00, 0x01]) } } }),
        })
        {
            bad.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            bad.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("ru"));
            var response = await client.SendAsync(bad);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var errors = problem.RootElement.GetProperty("errors");
            Assert.Equal("Укажите, где человек находится сейчас.", errors.GetProperty("referral.whereabouts")[0].GetString());
            Assert.Equal("Укажите, согласился ли человек на направление.", errors.GetProperty("referral.consent")[0].GetString());
            Assert.Equal("Можно прикрепить только файлы PDF, JPEG, PNG или простой текст.", errors.GetProperty("files")[0].GetString());
        }
        foreach (var malformed in new[] { """{"referral":null,"files":null}""", """{"referral":{"indicators":null},"files":[null]}""" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/referrals") { Content = new StringContent(malformed, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(request)).StatusCode);
        }
        Assert.Equal(2, await CountAsync(db => db.Referrals.CountAsync(r => r.ReferredBy == officer.Id)));

        // The referrer reads the status; another body gets 404; a token without the scope is refused.
        var status = await client.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{ids[0]}");
        Assert.Equal("Received", status.GetProperty("status").GetString());
        var outsider = await app.CreateUserAsync(InstitutionKind.Helpline, [RoleCatalog.HelplineOperator], [TrainingTopic.Helpline]);
        using var outsiderClient = app.CreateClient();
        outsiderClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(outsider, "referrals.read"));
        Assert.Equal(HttpStatusCode.NotFound, (await outsiderClient.GetAsync($"/api/v1/referrals/{ids[0]}")).StatusCode);
        using var narrow = app.CreateClient();
        narrow.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(officer, "cases.read"));
        using (var refused = new HttpRequestMessage(HttpMethod.Post, "/api/v1/referrals") { Content = JsonContent.Create(body, options: ReferralSteps.ApiJson) })
        {
            refused.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            Assert.Equal(HttpStatusCode.Forbidden, (await narrow.SendAsync(refused)).StatusCode);
        }

        // The supporting file: the desk and the referrer download it; nobody else.
        var fileId = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().ReferralFiles.Where(f => f.ReferralId == ids[0]).Select(f => f.Id).FirstAsync());
        using var desk = await app.SessionAsync(duty);
        var download = await desk.Client.GetAsync($"/Referrals/Detail/{ids[0]}?handler=File&fileId={fileId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Convert.FromBase64String(pdf), await download.Content.ReadAsByteArrayAsync());
        using var outsiderSession = await app.SessionAsync(outsider);
        Assert.Equal(HttpStatusCode.NotFound, (await outsiderSession.Client.GetAsync($"/Referrals/Detail/{ids[0]}?handler=File&fileId={fileId}")).StatusCode);
        Assert.Equal(1, await CountAsync(db => db.AuditEvents.CountAsync(e => e.Action == ReferralsAudit.ReferralFileRead && e.TargetId == fileId)));
    }

    [Fact]
    public async Task Deadlines_follow_the_urgency_and_an_unacknowledged_referral_escalates_once_to_the_squad_chief_and_counts_for_the_coordinator()
    {
        // A deployment of its own: its clock and its queue are not shared with the other tests.
        await using var own = new AriadneApp(app.Provider).With("Referrals:AcknowledgeWithin:Standard", "02:00:00");
        await own.InitializeAsync();
        var chief = await own.SquadChiefAsync();
        var duty = await own.DutyOfficerAsync();
        var officer = await own.BorderOfficerAsync();
        var coordinator = await own.CreateUserAsync(InstitutionKind.NationalCoordinator, [RoleCatalog.Coordinator]);
        using var dutySession = await own.SessionAsync(duty);

        var urgent = await own.ReferAsync(officer, ReferralSteps.SampleReferral("urgent", danger: true));
        var standard = await own.ReferAsync(officer, ReferralSteps.SampleReferral("standard"));
        var acknowledged = await own.ReferAsync(officer, ReferralSteps.SampleReferral("acknowledged", danger: true));
        Assert.Equal(TimeSpan.FromMinutes(15), urgent.AcknowledgeBy - urgent.ReceivedAt);
        Assert.Equal(TimeSpan.FromHours(2), standard.AcknowledgeBy - standard.ReceivedAt);
        var ackPage = await dutySession.GetAsync($"/Referrals/Detail/{acknowledged.Id}");
        await dutySession.SubmitAsync(ackPage, "form[action*='handler=Acknowledge']");

        async Task<int> EscalateAsync() => await own.WithScopeAsync(sp => sp.GetRequiredService<ReferralDeadlines>().EscalateOverdueAsync());
        async Task<bool> EscalatedAsync(Guid id) => await own.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Referrals.AnyAsync(r => r.Id == id && r.EscalatedAt != null));

        own.Time.Advance(TimeSpan.FromMinutes(10));
        await EscalateAsync();
        Assert.False(await EscalatedAsync(urgent.Id));
        own.Time.Advance(TimeSpan.FromMinutes(6));
        await EscalateAsync();
        Assert.True(await EscalatedAsync(urgent.Id));
        Assert.False(await EscalatedAsync(standard.Id));
        Assert.False(await EscalatedAsync(acknowledged.Id));
        Assert.Equal(0, await EscalateAsync()); // once only

        using var chiefSession = await own.SessionAsync(chief); // signed in now: sessions end after 15 idle minutes
        using var coordination = await own.SessionAsync(coordinator);
        var notices = await chiefSession.GetAsync("/Notifications");
        Assert.Contains($"Referral {urgent.Number} was not acknowledged in time.", notices.Text, StringComparison.Ordinal);
        Assert.Equal(1, await own.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Notifications.CountAsync(n => n.Kind == "referral-overdue" && n.CaseNumber == urgent.Number)));
        Assert.Equal(1, await own.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.CountAsync(e => e.Action == ReferralsAudit.ReferralEscalated && e.TargetId == urgent.Id && e.Outcome == AuditOutcome.Allowed)));

        var dashboard = await coordination.GetAsync("/Coordination/Figures");
        Assert.Equal("1", dashboard.Document.QuerySelector("[data-overdue]")!.TextContent.Trim());
        string Figure(WebSession.Page page, string name) => page.Document.QuerySelector($"[data-{name}]")!.TextContent.Trim();
        Assert.Equal(("3", "0", "1"), (Figure(dashboard, "received"), Figure(dashboard, "late"), Figure(dashboard, "escalated")));
        Assert.DoesNotContain(urgent.Number, dashboard.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Leyla", dashboard.Html, StringComparison.Ordinal);
        Assert.Equal("/Account/AccessDenied", (await chiefSession.GetAsync("/Coordination/Figures")).Path);

        own.Time.Advance(TimeSpan.FromHours(2));
        await EscalateAsync();
        Assert.True(await EscalatedAsync(standard.Id));
        using var later = await own.SessionAsync(coordinator);
        dashboard = await later.GetAsync("/Coordination/Figures");
        Assert.Equal("2", dashboard.Document.QuerySelector("[data-overdue]")!.TextContent.Trim());
        Assert.Equal(("3", "0", "2"), (Figure(dashboard, "received"), Figure(dashboard, "late"), Figure(dashboard, "escalated")));
        // Acknowledged two hours late: late, and no longer overdue.
        using var dutyLater = await own.SessionAsync(duty);
        var lateAck = await dutyLater.GetAsync($"/Referrals/Detail/{urgent.Id}");
        await dutyLater.SubmitAsync(lateAck, "form[action*='handler=Acknowledge']");
        dashboard = await later.GetAsync("/Coordination/Figures");
        Assert.Equal(("1", "3", "1", "2"), (Figure(dashboard, "overdue"), Figure(dashboard, "received"), Figure(dashboard, "late"), Figure(dashboard, "escalated")));
        // Thirty days on, none of them is in the month's figures.
        own.Time.Advance(TimeSpan.FromDays(31));
        using var month = await own.SessionAsync(coordinator);
        dashboard = await month.GetAsync("/Coordination/Figures");
        Assert.Equal(("0", "0", "0"), (Figure(dashboard, "received"), Figure(dashboard, "late"), Figure(dashboard, "escalated")));
        // A referral received long ago and escalated within the month counts as escalated in it.
        await own.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Referrals.Where(r => r.Id == standard.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.EscalatedAt, own.Time.GetUtcNow().AddDays(-1))));
        dashboard = await month.GetAsync("/Coordination/Figures");
        Assert.Equal(("0", "0", "1"), (Figure(dashboard, "received"), Figure(dashboard, "late"), Figure(dashboard, "escalated")));
    }

}

public sealed class ReferralFlowTestsOnSqlite(SqliteApp app) : ReferralFlowTests(app), IClassFixture<SqliteApp>;

public sealed class ReferralFlowTestsOnPostgres(PostgresApp app) : ReferralFlowTests(app), IClassFixture<PostgresApp>;
