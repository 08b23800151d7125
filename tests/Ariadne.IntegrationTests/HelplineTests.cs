using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Helpline;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using IPAddress = System.Net.IPAddress;

namespace Ariadne.IntegrationTests;

/// <summary>
/// The helpline (issue 14): contacts anonymous by default (the number only as a keyed HMAC), forwarding to the Squad through
/// the referral flow by rules (danger and children at once, a victim who declines held, deadlines that never stall, a
/// supervisor's override with a reason), the PBX webhook, the contacts API, the console — and nobody outside the helpline.
/// </summary>
public abstract class HelplineTests(AriadneApp app)
{
    private static readonly string[] Operator = [RoleCatalog.HelplineOperator];
    private static readonly string[] Supervisor = [RoleCatalog.HelplineSupervisor];

    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    private Task<T> Contacts<T>(Func<ContactService, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<ContactService>()));

    private async Task<(TestUser Operator, TestUser Supervisor)> HelplineAsync()
    {
        await app.DutyOfficerAsync(); // a Squad to forward to
        var op = await app.CreateUserAsync(InstitutionKind.Helpline, Operator, [TrainingTopic.Helpline]);
        var sup = await app.CreateUserAsync(InstitutionKind.Helpline, Supervisor, [TrainingTopic.Helpline]);
        return (op, sup);
    }

    /// <summary>An operator of a second helpline institution (CreateUserAsync reuses the first of a kind).</summary>
    private Task<TestUser> OtherHelplineOperatorAsync() => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AriadneDbContext>();
        var users = sp.GetRequiredService<UserManager<AriadneUser>>();
        var institution = new Institution { Name = "Other helpline", Code = "HL-" + Guid.NewGuid().ToString("N")[..6], Kind = InstitutionKind.Helpline, CreatedAt = app.Time.GetUtcNow() };
        db.Institutions.Add(institution);
        await db.SaveChangesAsync();
        var user = new AriadneUser { UserName = "o" + Guid.NewGuid().ToString("N")[..10], DisplayName = "Other operator", InstitutionId = institution.Id, CreatedAt = app.Time.GetUtcNow() };
        Assert.True((await users.CreateAsync(user, AriadneApp.Password)).Succeeded);
        Assert.True((await users.AddToRolesAsync(user, Operator)).Succeeded);
        return new TestUser(user.Id, user.UserName, AriadneApp.Password, null, institution.Id);
    });

    private async Task<Guid> OpenAsync(TestUser user, string? number = null)
    {
        var contact = await Contacts(c => c.OpenAsync(CaseSteps.ViewerOf(user, Operator), Operator, ContactChannel.Phone, number));
        return contact!.Id;
    }

    private async Task<HttpClient> ClientAsync(TestUser user, string scopes)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(user, scopes));
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        return client;
    }

    [Fact]
    public async Task Imminent_danger_goes_to_the_Squad_at_once_anonymous_and_only_once()
    {
        CultureInfo.CurrentUICulture = new("en");
        var (op, _) = await HelplineAsync();
        var id = await OpenAsync(op, "+994 50 555 12 34");
        var errors = await Contacts(c => c.SaveAsync(CaseSteps.ViewerOf(op, Operator), Operator, id, new ContactInput
        {
            CallerType = CallerType.ThirdParty,
            Language = "ru",
            Category = ContactCategory.SexualExploitation,
            ConsentBasis = ConsentBasis.ImminentDanger,
            Whereabouts = "Sumqayıt, 9-cu mikrorayon, kafe Ulduz",
            Summary = "Qonşu deyir ki, qızlar zirzəmidə saxlanılır",
        }));
        Assert.Empty(errors!);

        var contact = await DbAsync(db => db.HelplineContacts.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal((ForwardingRules.ImminentDanger, ContactStatus.Open), (contact.ForwardingRule, contact.Status));
        Assert.NotNull(contact.ReferralId);
        Assert.Equal(contact.ReceivedAt + TimeSpan.FromMinutes(15), contact.ForwardBy);
        var referral = await DbAsync(db => db.Referrals.AsNoTracking().SingleAsync(r => r.Id == contact.ReferralId));
        Assert.True(referral.Anonymous && referral.ImmediateDanger);
        Assert.Equal(Urgency.Immediate, referral.Urgency);
        Assert.Null(referral.PhoneIndex); // the caller's number never goes
        Assert.True(await DbAsync(db => db.Notifications.AnyAsync(n => n.CaseNumber == referral.Number && n.RecipientRole == RoleCatalog.DutyOfficer)));
        // What the Squad reads: the place and what was said, with the contact's number.
        var content = await app.WithScopeAsync(async sp => (await sp.GetRequiredService<ReferralDesk>().ReadAsync(
            CaseSteps.ViewerOf(await app.DutyOfficerAsync(), RoleCatalog.DutyOfficer) with { OnDutyDesk = true }, referral.Id, ReferralsAudit.View))?.Content);
        Assert.Contains("kafe Ulduz", content?.Whereabouts ?? "", StringComparison.Ordinal);
        Assert.Contains(contact.Number, content?.Observations ?? "", StringComparison.Ordinal);

        // The number only as the keyed HMAC; what was said sealed.
        var hmac = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<BlindIndex>().Phone("+994505551234")));
        Assert.Equal(hmac, contact.CallerHash);
        Assert.DoesNotContain("zirzəmi", Encoding.UTF8.GetString(contact.SummaryEnc!), StringComparison.Ordinal);

        // Again (the button pressed twice, the API retried): the same referral, nothing new.
        var (again, number) = await Contacts(c => c.ForwardAsync(CaseSteps.ViewerOf(op, Operator), Operator, id));
        Assert.Equal((ContactService.ForwardOutcome.AlreadyForwarded, referral.Number), (again, number));
        Assert.Equal(1, await DbAsync(db => db.Referrals.CountAsync(r => r.Id == contact.ReferralId)));
        Assert.Equal(1, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == HelplineAudit.Forwarded.Code && e.TargetId == id)));
    }

    [Fact]
    public async Task A_tip_forwarded_at_once_by_its_operator_and_a_supervisor_makes_one_referral()
    {
        // Forwarding takes no writers' lock (the referral draws its keys from sequences): the contact is claimed instead.
        var (op, sup) = await HelplineAsync();
        var opViewer = CaseSteps.ViewerOf(op, Operator);
        var tip = await OpenAsync(op);
        Assert.Empty((await Contacts(c => c.SaveAsync(opViewer, Operator, tip, new ContactInput { Category = ContactCategory.ForcedBegging, ConsentBasis = ConsentBasis.ThirdParty, Whereabouts = "Bakı, Nizami küçəsi" })))!);
        Assert.Null(await DbAsync(db => db.HelplineContacts.Where(c => c.Id == tip).Select(c => c.ReferralId).SingleAsync()));
        var referredBefore = await DbAsync(db => db.Referrals.CountAsync(r => r.ReferringInstitutionId == op.InstitutionId));
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => Contacts(c => i % 2 == 0
            ? c.ForwardAsync(opViewer, Operator, tip)
            : c.ForwardAsync(CaseSteps.ViewerOf(sup, Supervisor), Supervisor, tip)))));
        // "Forwarded" for the first, and for a twin of the same user that came after it (its Idempotency-Key replays the same
        // referral); "already forwarded" for the rest. Never a second referral.
        Assert.All(answers, a => Assert.Contains(a.Outcome, new[] { ContactService.ForwardOutcome.Forwarded, ContactService.ForwardOutcome.AlreadyForwarded }));
        var forwardedAs = Assert.Single(answers.Where(a => a.Outcome == ContactService.ForwardOutcome.Forwarded).Select(a => a.ReferralNumber).Distinct());
        var contact = await DbAsync(db => db.HelplineContacts.AsNoTracking().SingleAsync(c => c.Id == tip));
        Assert.Equal(forwardedAs, await DbAsync(db => db.Referrals.Where(r => r.Id == contact.ReferralId).Select(r => r.Number).SingleAsync()));
        Assert.Equal(referredBefore + 1, await DbAsync(db => db.Referrals.CountAsync(r => r.ReferringInstitutionId == op.InstitutionId))); // one referral, not one per forward
        Assert.Equal(1, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == HelplineAudit.Forwarded.Code && e.TargetId == tip && e.Outcome == AuditOutcome.Allowed)));
    }

    [Fact]
    public async Task Consent_decides_deadlines_never_stall_and_a_supervisor_overrides_only_with_a_reason()
    {
        CultureInfo.CurrentUICulture = new("en");
        var (op, sup) = await HelplineAsync();
        var opViewer = CaseSteps.ViewerOf(op, Operator);
        var supViewer = CaseSteps.ViewerOf(sup, Supervisor);

        // A victim who does not consent: held, no deadline, the supervisors told.
        var declined = await OpenAsync(op);
        Assert.Empty((await Contacts(c => c.SaveAsync(opViewer, Operator, declined, new ContactInput { Category = ContactCategory.ForcedLabour, ConsentBasis = ConsentBasis.VictimDeclines, Summary = "Tikintidə işləyir, pasportu götürülüb" })))!);
        var held = await DbAsync(db => db.HelplineContacts.AsNoTracking().SingleAsync(c => c.Id == declined));
        Assert.Equal((ForwardingRules.HeldNoConsent, ForwardingRules.HeldNoConsent, (DateTimeOffset?)null, (Guid?)null), (held.ForwardingRule, held.HeldReason, held.ForwardBy, held.ReferralId));
        Assert.True(await DbAsync(db => db.Notifications.AnyAsync(n => n.CaseNumber == held.Number && n.Kind == HelplineAudit.HeldNotice.Code && n.RecipientRole == RoleCatalog.HelplineSupervisor)));

        // The held report names it and why; an operator gets no report (audited as denied).
        var report = await Contacts(c => c.HeldAsync(supViewer, Supervisor));
        Assert.Equal(ForwardingRules.HeldNoConsent, report!.Single(r => r.Id == declined).HeldReason);
        Assert.Null(await Contacts(c => c.HeldAsync(opViewer, Operator)));
        Assert.True(await DbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == HelplineAudit.HeldReportViewed.Code && e.Outcome == AuditOutcome.Denied && e.ActorUserId == op.Id)));

        // An override needs a supervisor, a choice and a reason; then the tip has a deadline from the decision.
        Assert.Null(await Contacts(c => c.OverrideAsync(opViewer, Operator, declined, ForwardingOverride.Forward, "x")));
        var noReason = await Contacts(c => c.OverrideAsync(supViewer, Supervisor, declined, ForwardingOverride.Forward, " "));
        Assert.Equal("Give the reason for your decision", noReason!["Reason"][0]);
        Assert.Empty((await Contacts(c => c.OverrideAsync(supViewer, Supervisor, declined, ForwardingOverride.Forward, "Bir uşaq da orada ola bilər")))!);
        var overridden = await DbAsync(db => db.HelplineContacts.AsNoTracking().SingleAsync(c => c.Id == declined));
        Assert.Equal((ForwardingRules.SupervisorForward, (string?)null, app.Time.GetUtcNow() + TimeSpan.FromHours(24)), (overridden.ForwardingRule, overridden.HeldReason, overridden.ForwardBy));
        Assert.DoesNotContain("uşaq", Encoding.UTF8.GetString(overridden.OverrideReasonEnc!), StringComparison.Ordinal);

        // A third party's tip: 24 hours. A child: at once — and a child's tip can never be held.
        var tip = await OpenAsync(op);
        Assert.Empty((await Contacts(c => c.SaveAsync(opViewer, Operator, tip, new ContactInput { Category = ContactCategory.ForcedBegging, ConsentBasis = ConsentBasis.ThirdParty, Whereabouts = "Bakı, 28 May metrosu" })))!);
        var child = await OpenAsync(op);
        Assert.Empty((await Contacts(c => c.SaveAsync(opViewer, Operator, child, new ContactInput { Category = ContactCategory.ForcedBegging, ConsentBasis = ConsentBasis.Minor, Whereabouts = "Gəncə bazarı" })))!);
        Assert.NotNull(await DbAsync(db => db.HelplineContacts.Where(c => c.Id == child).Select(c => c.ReferralId).SingleAsync()));
        var cannotHold = await Contacts(c => c.OverrideAsync(supViewer, Supervisor, child, ForwardingOverride.Hold, "no"));
        Assert.Equal("A tip about a child or imminent danger cannot be held: it goes to the Squad at once", cannotHold!["Decision"][0]);

        var thirdParty = await DbAsync(db => db.HelplineContacts.AsNoTracking().SingleAsync(c => c.Id == tip));
        Assert.Equal((ForwardingRules.ThirdPartyTip, thirdParty.ReceivedAt + TimeSpan.FromHours(24)), (thirdParty.ForwardingRule, thirdParty.ForwardBy!.Value));

        // Nothing happens before the deadline; after it, the job forwards the tips and tells the supervisors, once.
        // (Counted on this test's own tips: another test's tip that a clock advance made overdue may still be waiting for the job.)
        await app.WithScopeAsync(sp => sp.GetRequiredService<HelplineDeadlines>().EscalateOverdueAsync());
        Assert.Equal(0, await DbAsync(db => db.HelplineContacts.CountAsync(c => (c.Id == tip || c.Id == declined) && (c.ReferralId != null || c.EscalatedAt != null))));
        // (The job also runs on the fake clock: whichever run comes first does the work, and it is done once.)
        app.Time.Advance(TimeSpan.FromHours(25));
        await app.WithScopeAsync(sp => sp.GetRequiredService<HelplineDeadlines>().EscalateOverdueAsync());
        await app.WithScopeAsync(sp => sp.GetRequiredService<HelplineDeadlines>().EscalateOverdueAsync());
        foreach (var overdue in new[] { tip, declined })
        {
            var row = await DbAsync(db => db.HelplineContacts.AsNoTracking().SingleAsync(c => c.Id == overdue));
            Assert.NotNull(row.ReferralId);
            Assert.NotNull(row.EscalatedAt);
            Assert.Equal(1, await DbAsync(db => db.Notifications.CountAsync(n => n.CaseNumber == row.Number && n.Kind == HelplineAudit.OverdueNotice.Code)));
            Assert.Equal(1, await DbAsync(db => db.Referrals.CountAsync(r => r.Id == row.ReferralId)));
        }
        Assert.DoesNotContain((await Contacts(c => c.HeldAsync(supViewer, Supervisor)))!, r => r.Id == tip || r.Id == declined || r.Id == child);
    }

    [Fact]
    public async Task Nobody_outside_the_helpline_reads_or_changes_a_contact_and_bad_input_changes_nothing()
    {
        CultureInfo.CurrentUICulture = new("en");
        var (op, _) = await HelplineAsync();
        var id = await OpenAsync(op);
        Assert.Empty((await Contacts(c => c.SaveAsync(CaseSteps.ViewerOf(op, Operator), Operator, id, new ContactInput { Category = ContactCategory.ForcedLabour, ConsentBasis = ConsentBasis.VictimDeclines, Summary = "Gizli söhbət" })))!);

        var other = await OtherHelplineOperatorAsync();
        var otherViewer = CaseSteps.ViewerOf(other, Operator);
        Assert.Null(await Contacts(c => c.ReadAsync(otherViewer, Operator, id)));
        Assert.Null(await Contacts(c => c.SaveAsync(otherViewer, Operator, id, new ContactInput { Summary = "overwritten" })));
        Assert.Equal(ContactService.ForwardOutcome.NotAllowed, (await Contacts(c => c.ForwardAsync(otherViewer, Operator, id))).Outcome);
        Assert.DoesNotContain((await Contacts(c => c.ListAsync(otherViewer, Operator)))!, r => r.Id == id);

        var investigator = await app.SquadInvestigatorAsync();
        var squad = CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator);
        Assert.Null(await Contacts(c => c.ListAsync(squad, [RoleCatalog.Investigator])));
        Assert.Null(await Contacts(c => c.ReadAsync(squad, [RoleCatalog.Investigator], id)));
        Assert.True(await DbAsync(db => db.AuditEvents.CountAsync(e => e.TargetId == id && e.Outcome == AuditOutcome.Denied
            && (e.ActorUserId == other.Id || e.ActorUserId == investigator.Id))) >= 4);

        // Through the API: 404 for a contact of another helpline, 403 for the list to the Squad.
        using var otherClient = await ClientAsync(other, HelplineModule.ContactsReadScope);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync($"/api/v1/helpline/contacts/{id}")).StatusCode);
        using var squadClient = await ClientAsync(investigator, "cases.read");
        Assert.Equal(HttpStatusCode.Forbidden, (await squadClient.GetAsync("/api/v1/helpline/contacts")).StatusCode);

        // Bad input: a clear error by field, and nothing changes.
        var before = await DbAsync(db => db.HelplineContacts.AsNoTracking().SingleAsync(c => c.Id == id));
        var bad = await Contacts(c => c.SaveAsync(CaseSteps.ViewerOf(op, Operator), Operator, id, new ContactInput
        {
            Language = "klingon",
            CallerNumber = "12",
            Summary = new string('x', 4001),
            Category = ContactCategory.ForcedLabour,
            ConsentBasis = ConsentBasis.ImminentDanger,
        }));
        Assert.Equal("Choose a language from the list", bad!["Language"][0]);
        Assert.StartsWith("Enter a phone number", bad["CallerNumber"][0], StringComparison.Ordinal);
        Assert.True(bad.ContainsKey("Summary"));
        var after = await DbAsync(db => db.HelplineContacts.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal((before.UpdatedAt, before.ConsentBasis, before.ReferralId), (after.UpdatedAt, after.ConsentBasis, after.ReferralId));
        Assert.Equal(before.SummaryEnc, after.SummaryEnc);
    }

    [Fact]
    public async Task The_console_lists_waiting_contacts_first_then_the_newest_and_marks_a_callers_repeats()
    {
        var op = await OtherHelplineOperatorAsync(); // a helpline of its own: the list holds this test's contacts only
        var start = app.Time.GetUtcNow();
        var (x, y) = (RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));
        var ids = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var (key, clear) = sp.GetRequiredService<DataKeys>().Create();
            CryptographicOperations.ZeroMemory(clear);
            HelplineContact Contact(int minutes, ContactStatus status, byte[]? caller) => new()
            {
                Number = "T" + Guid.NewGuid().ToString("N")[..12],
                InstitutionId = op.InstitutionId,
                Channel = ContactChannel.Phone,
                Status = status,
                ReceivedAt = start.AddMinutes(minutes),
                UpdatedAt = start.AddMinutes(minutes),
                CallerHash = caller,
                DataKeyId = key.Id,
            };
            var contacts = new Dictionary<string, HelplineContact>
            {
                ["x-earliest"] = Contact(0, ContactStatus.Closed, x),
                ["waiting"] = Contact(5, ContactStatus.Waiting, null),
                ["x-second"] = Contact(10, ContactStatus.Open, x),
                ["x-third"] = Contact(20, ContactStatus.Open, x),
                ["y-only"] = Contact(30, ContactStatus.Open, y),
                ["newest"] = Contact(40, ContactStatus.Closed, null),
            };
            db.HelplineContacts.AddRange(contacts.Values);
            await db.SaveChangesAsync();
            return contacts.ToDictionary(c => c.Key, c => c.Value.Id);
        });
        var viewer = CaseSteps.ViewerOf(op, Operator);
        string Name(Guid id) => ids.Single(i => i.Value == id).Key;

        // Five of six: the waiting one on top though older, then newest first. The caller x's earliest listed contact is a repeat
        // because of one the list does not show.
        var five = (await Contacts(c => c.ListAsync(viewer, Operator, take: 5)))!;
        Assert.Equal(["waiting", "newest", "y-only", "x-third", "x-second"], five.Select(r => Name(r.Id)));
        Assert.Equal(["x-third", "x-second"], five.Where(r => r.Repeat).Select(r => Name(r.Id)));
        // All six: x's first contact is no repeat; open only leaves the closed ones out.
        var all = (await Contacts(c => c.ListAsync(viewer, Operator)))!;
        Assert.Equal(["waiting", "newest", "y-only", "x-third", "x-second", "x-earliest"], all.Select(r => Name(r.Id)));
        Assert.Equal(["x-third", "x-second"], all.Where(r => r.Repeat).Select(r => Name(r.Id)));
        var open = (await Contacts(c => c.ListAsync(viewer, Operator, openOnly: true)))!;
        Assert.Equal(["waiting", "y-only", "x-third", "x-second"], open.Select(r => Name(r.Id)));
    }

    [Fact]
    public async Task The_PBX_webhook_opens_one_contact_per_call_recognises_repeat_callers_and_flags_expire()
    {
        CultureInfo.CurrentUICulture = new("en");
        var (op, _) = await HelplineAsync();
        using var pbx = await ClientAsync(op, HelplineModule.CallsScope);
        var call = "1733-" + Guid.NewGuid().ToString("N")[..8];
        async Task<JsonElement> PostAsync(object body, HttpStatusCode expected)
        {
            var response = await pbx.PostAsJsonAsync("/api/v1/helpline/calls", body);
            Assert.Equal(expected, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        }

        var first = await PostAsync(new { callId = call, from = "+994 55 777 00 11", @event = "ringing" }, HttpStatusCode.OK);
        var twice = await PostAsync(new { callId = call, from = "+994 55 777 00 11", @event = "ringing" }, HttpStatusCode.OK);
        var id = first.GetProperty("contactId").GetGuid();
        Assert.Equal(id, twice.GetProperty("contactId").GetGuid());
        Assert.Equal("Waiting", first.GetProperty("status").GetString());
        Assert.DoesNotContain("777", first.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await DbAsync(db => db.HelplineContacts.CountAsync(c => c.ExternalCallId == call)));
        var row = await DbAsync(db => db.HelplineContacts.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal((ContactChannel.Phone, ContactStatus.Waiting, (DateTimeOffset?)null), (row.Channel, row.Status, row.AnsweredAt));

        var badEvent = await PostAsync(new { callId = call, @event = "ringing; DROP TABLE" }, HttpStatusCode.BadRequest);
        Assert.Equal("event must be ringing, answered or hangup", badEvent.GetProperty("errors").GetProperty("event")[0].GetString());
        var badId = await PostAsync(new { callId = "../../etc", @event = "ringing" }, HttpStatusCode.BadRequest);
        Assert.True(badId.GetProperty("errors").TryGetProperty("callId", out _));

        await PostAsync(new { callId = call, @event = "answered" }, HttpStatusCode.OK);
        Assert.NotNull(await DbAsync(db => db.HelplineContacts.Where(c => c.Id == id).Select(c => c.AnsweredAt).SingleAsync()));

        // The same number calls again: recognised by the HMAC, and the flag set on the first call shows until it expires.
        var opViewer = CaseSteps.ViewerOf(op, Operator);
        var noKind = await Contacts(c => c.FlagAsync(opViewer, Operator, id, null, null, null));
        Assert.Equal("Choose what the flag warns of", noKind!["Kind"][0]);
        Assert.Empty((await Contacts(c => c.FlagAsync(opViewer, Operator, id, CallerFlagKind.AtRisk, "Ərinin yanında danışa bilmir", 2)))!);
        app.Time.Advance(TimeSpan.FromMinutes(10));
        var missed = "1733-" + Guid.NewGuid().ToString("N")[..8];
        var again = (await PostAsync(new { callId = missed, from = "+994557770011", @event = "ringing" }, HttpStatusCode.OK)).GetProperty("contactId").GetGuid();
        var detail = await Contacts(c => c.ReadAsync(opViewer, Operator, again));
        Assert.Equal(1, detail!.EarlierContacts);
        Assert.Equal((CallerFlagKind.AtRisk, "Ərinin yanında danışa bilmir"), (detail.Flags.Single().Kind, detail.Flags.Single().Note));
        Assert.Contains((await Contacts(c => c.ListAsync(opViewer, Operator)))!, r => r.Id == again && r.Repeat);

        // Not answered, then hung up: logged as a hang-up, closed, counted, never forwarded.
        await PostAsync(new { callId = missed, @event = "hangup" }, HttpStatusCode.OK);
        var hungUp = await DbAsync(db => db.HelplineContacts.AsNoTracking().SingleAsync(c => c.Id == again));
        Assert.Equal((NonDataKind.HangUp, ContactStatus.Closed, ForwardingRules.NonData), (hungUp.NonData, hungUp.Status, hungUp.ForwardingRule));

        app.Time.Advance(TimeSpan.FromDays(3));
        Assert.Empty((await Contacts(c => c.ReadAsync(opViewer, Operator, again)))!.Flags);

        // Another helpline's PBX cannot touch this call; a token without the scope is refused.
        var other = await OtherHelplineOperatorAsync();
        using var otherPbx = await ClientAsync(other, HelplineModule.CallsScope);
        Assert.Equal(HttpStatusCode.NotFound, (await otherPbx.PostAsJsonAsync("/api/v1/helpline/calls", new { callId = call, @event = "hangup" })).StatusCode);
        using var reader = await ClientAsync(op, HelplineModule.ContactsReadScope);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/api/v1/helpline/calls", new { callId = "x1", @event = "ringing" })).StatusCode);
        Assert.Equal(ContactStatus.Open, await DbAsync(db => db.HelplineContacts.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_contacts_API_creates_once_per_key_names_bad_fields_and_forwards_once()
    {
        var (op, _) = await HelplineAsync();
        using var client = await ClientAsync(op, HelplineModule.ContactsWriteScope);
        HttpRequestMessage Create(object body, string key) => new(HttpMethod.Post, "/api/v1/helpline/contacts")
        {
            Content = JsonContent.Create(body, options: ReferralSteps.ApiJson),
            Headers = { { "Idempotency-Key", key } },
        };

        var bad = await client.SendAsync(Create(new { channel = "Pigeon", language = "az" }, "k-" + Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badLanguage = await client.SendAsync(Create(new { channel = "Sms", language = "xx-yy" }, "k-" + Guid.NewGuid()));
        Assert.Equal("Choose a language from the list", JsonDocument.Parse(await badLanguage.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("language")[0].GetString());
        var count = await DbAsync(db => db.HelplineContacts.CountAsync(c => c.InstitutionId == op.InstitutionId));

        var key = "k-" + Guid.NewGuid();
        var body = new { channel = "Sms", callerType = "Victim", language = "ru", category = "ForcedLabour", consentBasis = "VictimConsents", summary = "Работает на стройке без оплаты", whereabouts = "Баку, Хырдалан" };
        var first = await client.SendAsync(Create(body, key));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var second = await client.SendAsync(Create(body, key));
        var doc = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        var id = doc.GetProperty("id").GetGuid();
        Assert.Equal(id, JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid());
        Assert.Equal(count + 1, await DbAsync(db => db.HelplineContacts.CountAsync(c => c.InstitutionId == op.InstitutionId)));
        Assert.Equal(("victim-consent", "T2", "Работает на стройке без оплаты"), (doc.GetProperty("forwardingRule").GetString(), doc.GetProperty("traffickingCode").GetString(), doc.GetProperty("summary").GetString()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.SendAsync(Create(new { channel = "Sms", summary = "другое" }, key))).StatusCode);

        var forward = await client.PostAsync($"/api/v1/helpline/contacts/{id}/forward", null);
        Assert.Equal(HttpStatusCode.OK, forward.StatusCode);
        var referralNumber = JsonDocument.Parse(await forward.Content.ReadAsStringAsync()).RootElement.GetProperty("referralNumber").GetString();
        var repeat = await client.PostAsync($"/api/v1/helpline/contacts/{id}/forward", null);
        Assert.Equal(HttpStatusCode.Conflict, repeat.StatusCode);
        Assert.Equal(1, await DbAsync(db => db.Referrals.CountAsync(r => r.Number == referralNumber)));
        var list = await client.GetStringAsync("/api/v1/helpline/contacts?open=true");
        Assert.Contains(id.ToString(), list, StringComparison.Ordinal);
        Assert.DoesNotContain("стройке", list, StringComparison.Ordinal); // the list carries no content
    }

    [Fact]
    public async Task The_console_opens_a_contact_in_one_keystroke_and_logs_a_silent_call_in_one()
    {
        var (op, sup) = await HelplineAsync();
        using var session = await app.SessionAsync(op);
        var console = await session.GetAsync("/Helpline");
        Assert.Equal(HttpStatusCode.OK, console.Status);
        Assert.NotNull(console.Document.QuerySelector("[data-hotkey='n']"));
        Assert.NotNull(console.Document.QuerySelector("form#helpline-new-contact")); // N from any page: the layout's form

        var silentBefore = await DbAsync(db => db.HelplineContacts.CountAsync(c => c.InstitutionId == op.InstitutionId && c.NonData == NonDataKind.Silent));
        await session.SubmitAsync(console, "form:has([data-nondata='Silent'])");
        Assert.Equal(silentBefore + 1, await DbAsync(db => db.HelplineContacts.CountAsync(c => c.InstitutionId == op.InstitutionId && c.NonData == NonDataKind.Silent)));

        var contactPage = await session.SubmitAsync(console, "form:has([data-hotkey='n'])");
        Assert.NotNull(contactPage.Document.QuerySelector("form[data-contact-form]"));
        var unreadable = await session.SubmitAsync(contactPage, "form[data-contact-form]", new Dictionary<string, string> { ["Input.Channel"] = "Phone,Sms", ["Input.Summary"] = "not saved" });
        Assert.False(string.IsNullOrEmpty(unreadable.FieldError("Input_Channel"))); // an unreadable choice is an error, not dropped
        Assert.Null(await DbAsync(db => db.HelplineContacts.Where(c => c.InstitutionId == op.InstitutionId && c.Channel == ContactChannel.Phone && c.NonData == null)
            .OrderByDescending(c => c.ReceivedAt).Select(c => c.SummaryEnc).FirstAsync()));
        var error = await session.SubmitAsync(contactPage, "form[data-contact-form]", new Dictionary<string, string> { ["Input.Close"] = "true" });
        Assert.Equal("Choose what the contact was about", error.FieldError("Input_Category"));
        var saved = await session.SubmitAsync(error, "form[data-contact-form]", new Dictionary<string, string>
        {
            ["Input.Category"] = "RiskyJobOffer",
            ["Input.CallerType"] = "Family",
            ["Input.Language"] = "az",
            ["Input.Summary"] = "Türkiyəyə iş təklifi",
        });
        Assert.NotNull(saved.Document.QuerySelector("[data-forwarding='not-trafficking']"));
        Assert.NotNull(saved.Document.QuerySelector("[data-canned-language='az']"));

        // The board is the supervisors': an operator gets 404.
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync("/Helpline/Board")).Status);
        using var supervisor = await app.SessionAsync(sup);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/Helpline/Board")).Status);
    }

    [Fact]
    public async Task The_PBX_script_posts_like_a_PBX_against_a_real_server()
    {
        if (app.Provider != "Sqlite")
            return; // one run is enough: the script talks HTTP, not SQL
        await using var server = new KestrelApp();
        server.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        server.StartServer();
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var op = await server.CreateUserAsync(InstitutionKind.Helpline, Operator, [TrainingTopic.Helpline]);
        var token = await server.TokenAsync(op, HelplineModule.CallsScope);
        var script = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../tools/pbx/helpline-call.sh"));
        var call = "asterisk-" + Guid.NewGuid().ToString("N")[..8];

        async Task<(int Code, string Out)> RunAsync(params string[] args)
        {
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(script);
            foreach (var a in args)
                start.ArgumentList.Add(a);
            start.Environment["ARIADNE_PBX_TOKEN"] = token;
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            return (process.ExitCode, output);
        }

        var (code, output) = await RunAsync(address, call, "ringing", "+994 50 222 33 44");
        Assert.Equal(0, code);
        var id = JsonDocument.Parse(output).RootElement.GetProperty("contactId").GetGuid();
        Assert.Equal(0, (await RunAsync(address, call, "ringing", "+994 50 222 33 44")).Code);
        Assert.Equal(0, (await RunAsync(address, call, "hangup")).Code);
        var (badCode, badOut) = await RunAsync(address, call, "exploded");
        Assert.Equal(1, badCode);
        Assert.Contains("event must be ringing, answered or hangup", badOut, StringComparison.Ordinal);
        var row = await server.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().HelplineContacts.AsNoTracking().SingleAsync(c => c.ExternalCallId == call));
        Assert.Equal((id, NonDataKind.HangUp, ContactStatus.Closed), (row.Id, row.NonData, row.Status));
    }

    private sealed class KestrelApp() : AriadneApp("Sqlite");
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class HelplineTestsOnPostgres(PostgresApp app) : HelplineTests(app), IClassFixture<PostgresApp>;
