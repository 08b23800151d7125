using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Helpline;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Probes of the helpline (issue 14) as users of other institutions and roles: another helpline's operator and supervisor, the
/// Squad (investigator, duty officer), a shelter manager, the Coordinator, an auditor, an anonymous visitor and a visitor with
/// another chat's token. Every probe asserts the safe behaviour: refused, nothing changed, no 5xx, and no response, page or log
/// line carries a contact's summary, whereabouts, the caller's number (any normalization), a flag note or an override reason.
/// </summary>
public abstract class AttackHelpline(AriadneApp app)
{
    private static readonly string[] Operator = [RoleCatalog.HelplineOperator];
    private static readonly string[] Supervisor = [RoleCatalog.HelplineSupervisor];
    private const string AllScopes = HelplineModule.ContactsReadScope + " " + HelplineModule.ContactsWriteScope + " " + HelplineModule.CallsScope;

    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    private Task<T> Contacts<T>(Func<ContactService, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<ContactService>()));

    private Task<T> With<TService, T>(Func<TService, Task<T>> call) where TService : notnull => app.WithScopeAsync(sp => call(sp.GetRequiredService<TService>()));

    /// <summary>A contact held by the first helpline, full of unique secrets: the number, summary, whereabouts, a flag note, an override reason.</summary>
    private sealed record Held(TestUser Op, TestUser Sup, Guid Id, string[] Secrets);

    private async Task<Held> HeldAsync()
    {
        CultureInfo.CurrentUICulture = new("en");
        await app.DutyOfficerAsync();
        var op = await app.CreateUserAsync(InstitutionKind.Helpline, Operator, [TrainingTopic.Helpline]);
        var sup = await app.CreateUserAsync(InstitutionKind.Helpline, Supervisor, [TrainingTopic.Helpline]);
        var tag = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var digits = Random.Shared.Next(1000000, 9999999).ToString(CultureInfo.InvariantCulture);
        var number = $"+994 50 {digits[..3]} {digits[3..5]} {digits[5..]}";
        var opViewer = CaseSteps.ViewerOf(op, Operator);
        var contact = await Contacts(c => c.OpenAsync(opViewer, Operator, ContactChannel.Phone, number));
        var id = contact!.Id;
        Assert.Empty((await Contacts(c => c.SaveAsync(opViewer, Operator, id, new ContactInput
        {
            Category = ContactCategory.ForcedLabour,
            ConsentBasis = ConsentBasis.VictimDeclines,
            CallerType = CallerType.Victim,
            Summary = "AHSUM" + tag + " passport taken",
            Whereabouts = "AHWHERE" + tag + " Xirdalan",
        })))!);
        Assert.Empty((await Contacts(c => c.FlagAsync(opViewer, Operator, id, CallerFlagKind.AtRisk, "AHFLAG" + tag, 30)))!);
        Assert.Empty((await Contacts(c => c.OverrideAsync(CaseSteps.ViewerOf(sup, Supervisor), Supervisor, id, ForwardingOverride.Hold, "AHWHY" + tag)))!);
        string[] secrets =
        [
            "AHSUM" + tag, "AHWHERE" + tag, "AHFLAG" + tag, "AHWHY" + tag,
            "99450" + digits, "050" + digits, "50" + digits, $"{digits[..3]} {digits[3..5]} {digits[5..]}", $"{digits[..3]}-{digits[3..5]}-{digits[5..]}",
        ];
        return new Held(op, sup, id, secrets);
    }

    /// <summary>A second helpline institution (its code sorts after the first, so the public chat stays with the first) with an operator and a supervisor.</summary>
    private Task<(TestUser Operator, TestUser Supervisor)> OtherHelplineAsync() => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AriadneDbContext>();
        var users = sp.GetRequiredService<UserManager<AriadneUser>>();
        var institution = new Institution { Name = "Rival helpline", Code = "ZZ-" + Guid.NewGuid().ToString("N")[..6], Kind = InstitutionKind.Helpline, CreatedAt = app.Time.GetUtcNow() };
        db.Institutions.Add(institution);
        await db.SaveChangesAsync();
        async Task<TestUser> UserAsync(string[] roles)
        {
            var user = new AriadneUser { UserName = "r" + Guid.NewGuid().ToString("N")[..10], DisplayName = "Rival", InstitutionId = institution.Id, CreatedAt = app.Time.GetUtcNow() };
            user.Trainings.Add(new TrainingRecord { Topic = TrainingTopic.Helpline, Course = "Course", Provider = "Provider", CompletedOn = new DateOnly(2026, 1, 10), RecordedAt = app.Time.GetUtcNow() });
            Assert.True((await users.CreateAsync(user, AriadneApp.Password)).Succeeded);
            Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
            Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
            var key = await users.GetAuthenticatorKeyAsync(user);
            Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
            return new TestUser(user.Id, user.UserName, AriadneApp.Password, key, institution.Id);
        }
        return (await UserAsync(Operator), await UserAsync(Supervisor));
    });

    /// <summary>Everyone outside the holding helpline, each with the one role it acts in.</summary>
    private async Task<List<(string Who, TestUser User, string Role)>> StrangersAsync()
    {
        var (rivalOp, rivalSup) = await OtherHelplineAsync();
        return
        [
            ("rival operator", rivalOp, RoleCatalog.HelplineOperator),
            ("rival supervisor", rivalSup, RoleCatalog.HelplineSupervisor),
            ("investigator", await app.SquadInvestigatorAsync(), RoleCatalog.Investigator),
            ("duty officer", await app.DutyOfficerAsync(), RoleCatalog.DutyOfficer),
            ("shelter manager", await app.ShelterManagerAsync(), RoleCatalog.ShelterManager),
            ("coordinator", await app.CreateUserAsync(InstitutionKind.NationalCoordinator, [RoleCatalog.Coordinator]), RoleCatalog.Coordinator),
            ("auditor", await app.CreateUserAsync(InstitutionKind.Oversight, [RoleCatalog.Auditor]), RoleCatalog.Auditor),
        ];
    }

    private async Task<HttpClient> ApiAsync(TestUser user, string scopes)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(user, scopes));
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        return client;
    }

    /// <summary>Every body seen, to search for the secrets at the end; and no 5xx, ever.</summary>
    private sealed class Seen
    {
        private readonly StringBuilder _all = new();

        public string Last { get; private set; } = "";

        public async Task<(HttpStatusCode Status, string Body)> Add(string probe, HttpResponseMessage response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Last = $"{probe}: {(int)response.StatusCode} {response.Headers.Location?.OriginalString}";
            _all.Append(probe).Append('\n').Append(body).Append('\n').Append(response.Headers.Location?.OriginalString).Append('\n');
            Assert.True((int)response.StatusCode < 500, $"{probe}: {(int)response.StatusCode} {body[..Math.Min(400, body.Length)]}");
            return (response.StatusCode, body);
        }

        public void Clean(IEnumerable<string> secrets, string logs)
        {
            var all = _all.ToString();
            foreach (var secret in secrets)
            {
                Assert.False(all.Contains(secret, StringComparison.OrdinalIgnoreCase), $"a response carries {secret}");
                Assert.False(logs.Contains(secret, StringComparison.OrdinalIgnoreCase), $"a log line carries {secret}");
            }
        }
    }

    private string Logs() => string.Join("\n", app.Logs.GetSnapshot().Select(r => r.Message + " " + r.Exception + " " + string.Join(" ", r.StructuredState?.Select(p => p.Value) ?? [])));

    private static async Task<string?> CsrfAsync(WebSession session, string url)
    {
        var page = await session.GetAsync(url);
        return page.Document.QuerySelector("input[name=__csrf]")?.GetAttribute("value");
    }

    private static Task<HttpResponseMessage> PostFormAsync(WebSession session, string? token, string url, Dictionary<string, string> fields)
    {
        if (token is not null)
            fields["__csrf"] = token;
        return session.Client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>Refused: 404, 403, 400, or a redirect to sign-in / access denied — never the page.</summary>
    private static void Refused(string probe, HttpStatusCode status, HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        Assert.True(status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized
            || (status == HttpStatusCode.Redirect && (location.Contains("/Account/AccessDenied", StringComparison.Ordinal) || location.Contains("/Account/SignIn", StringComparison.Ordinal))),
            $"{probe}: {(int)status} {location}");
    }

    private Task<(DateTimeOffset UpdatedAt, byte[]? Summary, Guid? Referral, string? Rule, int Flags)> StateAsync(Guid id) => DbAsync(async db =>
    {
        var c = await db.HelplineContacts.AsNoTracking().SingleAsync(x => x.Id == id);
        var flags = await db.CallerFlags.CountAsync(f => f.CallerHash == c.CallerHash);
        return (c.UpdatedAt, c.SummaryEnc, c.ReferralId, c.ForwardingRule, flags);
    });

    // ---------------------------------------------------------------- a contact by id: services, API, pages

    [Fact]
    public async Task Nobody_outside_the_holding_helpline_reads_changes_forwards_overrides_or_flags_a_contact_anywhere()
    {
        var h = await HeldAsync();
        var before = await StateAsync(h.Id);
        var strangers = await StrangersAsync();
        var seen = new Seen();

        foreach (var (who, user, role) in strangers)
        {
            var viewer = CaseSteps.ViewerOf(user, role);
            string[] roles = [role];
            // The services, directly (P1–P7).
            Assert.Null(await Contacts(c => c.ReadAsync(viewer, roles, h.Id)));
            Assert.Null(await Contacts(c => c.SaveAsync(viewer, roles, h.Id, new ContactInput { Summary = "AH-OVERWRITE", ConsentBasis = ConsentBasis.ImminentDanger, Whereabouts = "x" })));
            Assert.Equal(ContactService.ForwardOutcome.NotAllowed, (await Contacts(c => c.ForwardAsync(viewer, roles, h.Id))).Outcome);
            Assert.Null(await Contacts(c => c.OverrideAsync(viewer, roles, h.Id, ForwardingOverride.Forward, "AH-FORCE")));
            Assert.Null(await Contacts(c => c.FlagAsync(viewer, roles, h.Id, CallerFlagKind.Abusive, "AH-FLAG2", 365)));
            Assert.DoesNotContain(await Contacts(c => c.ListAsync(viewer, roles)) ?? [], r => r.Id == h.Id);
            Assert.DoesNotContain(await Contacts(c => c.HeldAsync(viewer, roles)) ?? [], r => r.Id == h.Id);

            // The API, with every helpline scope on the token (P8–P11).
            using (var api = await ApiAsync(user, AllScopes))
            {
                Assert.Equal(HttpStatusCode.NotFound, (await seen.Add($"{who} GET contact", await api.GetAsync($"/api/v1/helpline/contacts/{h.Id}"))).Status);
                Assert.Equal(HttpStatusCode.NotFound, (await seen.Add($"{who} POST forward", await api.PostAsync($"/api/v1/helpline/contacts/{h.Id}/forward", null))).Status);
                var (listStatus, list) = await seen.Add($"{who} GET list", await api.GetAsync("/api/v1/helpline/contacts?open=false"));
                Assert.True(listStatus is HttpStatusCode.Forbidden or HttpStatusCode.OK, who);
                Assert.DoesNotContain(h.Id.ToString(), list, StringComparison.OrdinalIgnoreCase);
                // IDOR by a guessed id: the same 404 as a real one of another helpline.
                Assert.Equal(HttpStatusCode.NotFound, (await seen.Add($"{who} GET guessed", await api.GetAsync($"/api/v1/helpline/contacts/{Guid.NewGuid()}"))).Status);
            }

            // The pages, signed in (P12–P18): reading, and forging each handler with the stranger's own antiforgery token.
            using var session = await app.SessionAsync(user);
            foreach (var url in new[] { $"/Helpline/Contact/{h.Id}", "/Helpline/Board", "/Helpline?handler=Rows", "/Helpline" })
            {
                var response = await session.Client.GetAsync(url);
                var (status, body) = await seen.Add($"{who} GET {url}", response);
                if (!(url == "/Helpline" || url.Contains("Rows", StringComparison.Ordinal)) || role is not (RoleCatalog.HelplineOperator or RoleCatalog.HelplineSupervisor))
                {
                    if (!(url == "/Helpline/Board" && role == RoleCatalog.HelplineSupervisor))
                        Refused($"{who} GET {url}", status, response);
                }
                Assert.DoesNotContain(h.Id.ToString(), body, StringComparison.OrdinalIgnoreCase);
            }
            var csrf = await CsrfAsync(session, "/");
            foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
            {
                ("", new() { ["Input.Summary"] = "AH-OVERWRITE", ["Input.Close"] = "true", ["Input.Category"] = "ForcedLabour", ["Input.ConsentBasis"] = "ThirdParty" }),
                ("?handler=Forward", []),
                ("?handler=Override", new() { ["Override.Decision"] = "Forward", ["Override.Reason"] = "AH-FORCE" }),
                ("?handler=Flag", new() { ["Flag.Kind"] = "Abusive", ["Flag.Note"] = "AH-FLAG2", ["Flag.Days"] = "365" }),
            })
            {
                var response = await PostFormAsync(session, csrf, $"/Helpline/Contact/{h.Id}{handler}", fields);
                var (status, _) = await seen.Add($"{who} POST contact{handler}", response);
                Refused($"{who} POST contact{handler}", status, response);
            }
        }

        // Nothing changed: no overwrite, no referral, no override, no second flag.
        var after = await StateAsync(h.Id);
        Assert.Equal((before.UpdatedAt, before.Referral, before.Rule, before.Flags), (after.UpdatedAt, after.Referral, after.Rule, after.Flags));
        Assert.Equal(before.Summary, after.Summary);
        Assert.False(await DbAsync(db => db.Referrals.AnyAsync(r => r.Id == after.Referral)));

        // An anonymous caller: 401 on the API, the sign-in page for the pages (P19).
        using (var anonymous = app.CreateClient(new() { AllowAutoRedirect = false }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await seen.Add("anon GET contact", await anonymous.GetAsync($"/api/v1/helpline/contacts/{h.Id}"))).Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await seen.Add("anon POST calls", await anonymous.PostAsJsonAsync("/api/v1/helpline/calls", new { callId = "anon-1", @event = "ringing" }))).Status);
            foreach (var url in new[] { $"/Helpline/Contact/{h.Id}", "/Helpline/Board", "/Helpline/Roster", "/Helpline/Statistics", "/Helpline/Chats", "/Helpline/Guide", "/helpline/events", "/helpline/chats/stream" })
            {
                var response = await anonymous.GetAsync(url);
                var (status, _) = await seen.Add("anon GET " + url, response);
                Refused("anon GET " + url, status, response);
            }
        }
        seen.Clean(h.Secrets.Append("AH-OVERWRITE").Append("AH-FORCE"), Logs());
    }

    // ---------------------------------------------------------------- the API: enum/number tricks, bodies, idempotency, webhook

    [Fact]
    public async Task The_API_refuses_enum_tricks_oversized_and_malformed_bodies_replayed_keys_and_injected_call_ids()
    {
        var h = await HeldAsync();
        var (rivalOp, _) = await OtherHelplineAsync();
        var seen = new Seen();
        using var api = await ApiAsync(h.Op, AllScopes);
        using var rival = await ApiAsync(rivalOp, AllScopes);
        HttpRequestMessage Create(string json, string? key) => new(HttpMethod.Post, "/api/v1/helpline/contacts")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
            Headers = { { "Idempotency-Key", key ?? "" } },
        };
        var count = await DbAsync(db => db.HelplineContacts.CountAsync());

        // Enum and number tricks (P20): flags, integers, out of range, case — all 400, nothing made.
        foreach (var json in new[]
        {
            """{"channel":"Phone,Sms"}""", """{"channel":"Phone, Sms"}""", """{"channel":999}""", """{"channel":1}""", """{"channel":"-1"}""",
            """{"channel":"Sms","consentBasis":"Minor,ImminentDanger"}""", """{"channel":"Sms","category":999}""", """{"channel":"Sms","callerType":"Victim|Family"}""",
            """{"channel":"Sms","close":"yes"}""", """{"channel":"Sms","language":"../../etc"}""",
        })
        {
            var (status, body) = await seen.Add("create " + json, await api.SendAsync(Create(json, "k-" + Guid.NewGuid())));
            Assert.True(status == HttpStatusCode.BadRequest, $"{json}: {(int)status} {body}");
        }
        // Oversized and malformed bodies (P21): 400 or 413, never a 500.
        var huge = JsonSerializer.Serialize(new { channel = "Sms", summary = new string('x', 4001) });
        Assert.Equal(HttpStatusCode.BadRequest, (await seen.Add("create 4001", await api.SendAsync(Create(huge, "k-" + Guid.NewGuid())))).Status);
        var giant = JsonSerializer.Serialize(new { channel = "Sms", summary = new string('x', 3_000_000) });
        var (giantStatus, _) = await seen.Add("create 3MB", await api.SendAsync(Create(giant, "k-" + Guid.NewGuid())));
        Assert.True(giantStatus is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"3MB: {giantStatus}");
        foreach (var json in new[] { "{", "[]", "null", "\"x\"", """{"channel":"Sms","summary":{"$ne":1}}""", """{"channel":"Sms","summary":"a\u0000b"}""" })
        {
            var (status, _) = await seen.Add("create " + json, await api.SendAsync(Create(json, "k-" + Guid.NewGuid())));
            Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.Created, $"{json}: {(int)status}");
        }
        var textPlain = new HttpRequestMessage(HttpMethod.Post, "/api/v1/helpline/contacts") { Content = new StringContent("""{"channel":"Sms"}""", Encoding.UTF8, "text/plain"), Headers = { { "Idempotency-Key", "k-" + Guid.NewGuid() } } };
        var (plainStatus, _) = await seen.Add("create text/plain", await api.SendAsync(textPlain));
        Assert.True(plainStatus is HttpStatusCode.UnsupportedMediaType or HttpStatusCode.BadRequest, $"text/plain: {plainStatus}");
        Assert.Equal(HttpStatusCode.BadRequest, (await seen.Add("create no key", await api.SendAsync(Create("""{"channel":"Sms"}""", null)))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await seen.Add("create long key", await api.SendAsync(Create("""{"channel":"Sms"}""", new string('k', 5000))))).Status);
        Assert.True(count + 1 >= await DbAsync(db => db.HelplineContacts.CountAsync()), "bad bodies made contacts"); // the NUL summary may be stored

        // Replayed idempotency keys (P22): another body → 422; another helpline with the same key and body gets its own contact, never ours.
        var key = "k-" + Guid.NewGuid();
        var replayBody = """{"channel":"Sms","category":"ForcedLabour","consentBasis":"VictimDeclines","summary":"AHREPLAY-SECRET","whereabouts":"AHREPLAY-WHERE"}""";
        var (firstStatus, first) = await seen.Add("create once", await api.SendAsync(Create(replayBody, key)));
        Assert.Equal(HttpStatusCode.Created, firstStatus);
        var ours = JsonDocument.Parse(first).RootElement.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await seen.Add("replay other body", await api.SendAsync(Create(replayBody.Replace("AHREPLAY-SECRET", "changed", StringComparison.Ordinal), key)))).Status);
        var rivalSeen = new Seen();
        var (rivalStatus, rivalBody) = await rivalSeen.Add("rival replay", await rival.SendAsync(Create(replayBody, key)));
        Assert.True(rivalStatus is HttpStatusCode.Created or HttpStatusCode.UnprocessableEntity, $"rival replay: {rivalStatus}");
        Assert.DoesNotContain(ours.ToString(), rivalBody, StringComparison.OrdinalIgnoreCase);
        var (rivalOther, rivalOtherBody) = await rivalSeen.Add("rival replay other body", await rival.SendAsync(Create("""{"channel":"Sms"}""", key)));
        Assert.DoesNotContain(ours.ToString(), rivalOtherBody, StringComparison.OrdinalIgnoreCase);
        Assert.True(rivalOther is HttpStatusCode.Created or HttpStatusCode.UnprocessableEntity, $"rival other body: {rivalOther}");
        var (_, rivalList) = await rivalSeen.Add("rival list", await rival.GetAsync("/api/v1/helpline/contacts"));
        Assert.DoesNotContain(ours.ToString(), rivalList, StringComparison.OrdinalIgnoreCase);

        // The webhook (P23): injected call ids refused; the rival's PBX reusing our call id gets its own contact and cannot hang ours up.
        var call = "pbx-" + Guid.NewGuid().ToString("N")[..8];
        var (ringStatus, ring) = await seen.Add("ring", await api.PostAsJsonAsync("/api/v1/helpline/calls", new { callId = call, from = "+994 50 000 11 22", @event = "ringing" }));
        Assert.Equal(HttpStatusCode.OK, ringStatus);
        var ringId = JsonDocument.Parse(ring).RootElement.GetProperty("contactId").GetGuid();
        foreach (var bad in new[] { "x' OR '1'='1", "a\r\nX-Injected: 1", "<script>", new string('a', 101), "", " ", "%00", "a/b" })
            Assert.Equal(HttpStatusCode.BadRequest, (await seen.Add("call " + bad, await api.PostAsJsonAsync("/api/v1/helpline/calls", new { callId = bad, @event = "ringing" }))).Status);
        foreach (var ev in new[] { "RINGING,hangup", "999", "hang up", "Hangup\u0000" })
            Assert.Equal(HttpStatusCode.BadRequest, (await seen.Add("event " + ev, await api.PostAsJsonAsync("/api/v1/helpline/calls", new { callId = call, @event = ev }))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await seen.Add("from 31", await api.PostAsJsonAsync("/api/v1/helpline/calls", new { callId = call, from = new string('1', 31), @event = "ringing" }))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await seen.Add("calls []", await api.PostAsync("/api/v1/helpline/calls", new StringContent("[1,2]", Encoding.UTF8, "application/json")))).Status);
        var (rivalRing, rivalRingBody) = await rivalSeen.Add("rival ring", await rival.PostAsJsonAsync("/api/v1/helpline/calls", new { callId = call, @event = "ringing" }));
        Assert.Equal(HttpStatusCode.OK, rivalRing);
        Assert.NotEqual(ringId, JsonDocument.Parse(rivalRingBody).RootElement.GetProperty("contactId").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await rivalSeen.Add("rival hangup ours", await rival.PostAsJsonAsync("/api/v1/helpline/calls", new { callId = "pbx-" + Guid.NewGuid().ToString("N")[..8], @event = "hangup" }))).Status);
        Assert.Equal(ContactStatus.Waiting, await DbAsync(db => db.HelplineContacts.Where(c => c.Id == ringId).Select(c => c.Status).SingleAsync()));
        // A non-helpline user with the calls scope opens nothing anywhere.
        using (var squad = await ApiAsync(await app.SquadInvestigatorAsync(), AllScopes))
        {
            var before = await DbAsync(db => db.HelplineContacts.CountAsync());
            var (squadStatus, _) = await seen.Add("squad ring", await squad.PostAsJsonAsync("/api/v1/helpline/calls", new { callId = call, from = "+994 50 000 11 22", @event = "ringing" }));
            Assert.True(squadStatus is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"squad ring: {squadStatus}");
            Assert.Equal(before, await DbAsync(db => db.HelplineContacts.CountAsync()));
            Assert.Equal(HttpStatusCode.Forbidden, (await seen.Add("squad create", await squad.SendAsync(Create("""{"channel":"Sms"}""", "k-" + Guid.NewGuid())))).Status);
        }

        // Flag days out of range (P24): by field, nothing stored.
        var opViewer = CaseSteps.ViewerOf(h.Op, Operator);
        var flags = (await StateAsync(h.Id)).Flags;
        foreach (var days in new int?[] { -5, 0, 366, 999, int.MaxValue, int.MinValue })
            Assert.True((await Contacts(c => c.FlagAsync(opViewer, Operator, h.Id, CallerFlagKind.AtRisk, "n", days)))!.ContainsKey("Days"), $"days {days}");
        Assert.True((await Contacts(c => c.FlagAsync(opViewer, Operator, h.Id, (CallerFlagKind)999, "n", 3)))!.ContainsKey("Kind"));
        Assert.True((await Contacts(c => c.OverrideAsync(CaseSteps.ViewerOf(h.Sup, Supervisor), Supervisor, h.Id, (ForwardingOverride)999, "r")))!.ContainsKey("Decision"));
        Assert.Equal(flags, (await StateAsync(h.Id)).Flags);

        // (The rival posted the same words itself, so only our contact's id and the held contact's secrets count here.)
        rivalSeen.Clean([ours.ToString(), ringId.ToString(), .. h.Secrets, "000 11 22", "994500001122"], Logs());
        seen.Clean([.. h.Secrets, "994500001122"], Logs());
    }

    // ---------------------------------------------------------------- roster, statistics, CSRF

    [Fact]
    public async Task Roster_and_statistics_stay_with_their_helpline_take_no_garbage_and_page_posts_need_the_antiforgery_token()
    {
        var h = await HeldAsync();
        var (rivalOp, rivalSup) = await OtherHelplineAsync();
        var seen = new Seen();
        var supViewer = CaseSteps.ViewerOf(h.Sup, Supervisor);
        var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);
        var shiftErrors = await With<RosterService, Dictionary<string, string[]>?>(r => r.SaveShiftAsync(supViewer, Supervisor,
            new RosterService.ShiftInput { UserId = h.Op.Id, Day = today.AddDays(2), Start = "08:00", Hours = 8 }));
        Assert.Empty(shiftErrors!);
        var shiftId = await DbAsync(db => db.HelplineShifts.Where(s => s.UserId == h.Op.Id).OrderByDescending(s => s.CreatedAt).Select(s => s.Id).FirstAsync());
        var shifts = await DbAsync(db => db.HelplineShifts.CountAsync());

        // The rival supervisor: cannot schedule, remove or profile our operator (P25).
        using (var rival = await app.SessionAsync(rivalSup))
        {
            var page = await rival.GetAsync("/Helpline/Roster");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.DoesNotContain(h.Op.Id.ToString(), page.Html, StringComparison.OrdinalIgnoreCase);
            var csrf = page.Document.QuerySelector("input[name=__csrf]")?.GetAttribute("value");
            Assert.NotNull(csrf);
            var day = today.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var (s1, _) = await seen.Add("rival shift ours", await PostFormAsync(rival, csrf, "/Helpline/Roster?handler=Shift", new() { ["Shift.UserId"] = h.Op.Id.ToString(), ["Shift.Day"] = day, ["Shift.Start"] = "08:00", ["Shift.Hours"] = "8" }));
            Assert.False(s1 == HttpStatusCode.Redirect && !seen.Last.Contains("AccessDenied", StringComparison.Ordinal), seen.Last);
            var remove = await PostFormAsync(rival, csrf, "/Helpline/Roster?handler=Remove", new() { ["shiftId"] = shiftId.ToString() });
            Assert.Equal(HttpStatusCode.NotFound, (await seen.Add("rival remove ours", remove)).Status);
            var (s3, _) = await seen.Add("rival profile ours", await PostFormAsync(rival, csrf, "/Helpline/Roster?handler=Profile", new() { ["Profile.UserId"] = h.Op.Id.ToString(), ["Profile.Languages"] = "xx", ["Profile.Skills"] = "chat" }));
            Assert.False(s3 == HttpStatusCode.Redirect && !seen.Last.Contains("AccessDenied", StringComparison.Ordinal), seen.Last);
            // Garbage in the rival's own roster (P26): by field, never a 500.
            foreach (var (hours, start, d) in new[] { ("999", "08:00", day), ("-1", "08:00", day), ("8", "25:99", day), ("8", "08:00", "9999-12-31"), ("8", "08:00", "0001-01-01"), ("8", "'; DROP", "x"), ("2147483648", "08:00", day) })
            {
                var (st, _) = await seen.Add($"rival garbage {hours} {start} {d}", await PostFormAsync(rival, csrf, "/Helpline/Roster?handler=Shift", new() { ["Shift.UserId"] = rivalOp.Id.ToString(), ["Shift.Day"] = d, ["Shift.Start"] = start, ["Shift.Hours"] = hours }));
                Assert.True(st != HttpStatusCode.Redirect, seen.Last);
            }
            // The rival's statistics: its own, never ours (P27).
            var stats = await rival.GetAsync("/Helpline/Statistics");
            Assert.Equal(HttpStatusCode.OK, stats.Status);
            Assert.DoesNotContain(h.Id.ToString(), stats.Html, StringComparison.OrdinalIgnoreCase);
            var (st2, _) = await seen.Add("rival stats institution", await rival.Client.GetAsync($"/Helpline/Statistics?institutionId={h.Op.InstitutionId}&InstitutionId={h.Op.InstitutionId}"));
            Assert.Equal(HttpStatusCode.OK, st2);
        }
        Assert.Equal(shifts, await DbAsync(db => db.HelplineShifts.CountAsync()));
        Assert.True(await DbAsync(db => db.HelplineShifts.AnyAsync(s => s.Id == shiftId)));
        Assert.False(await DbAsync(db => db.OperatorProfiles.AnyAsync(p => p.UserId == h.Op.Id && p.Languages.Contains("xx"))));

        // The roster and statistics refused to operators and outsiders (P28); the Coordinator reads aggregate statistics only.
        foreach (var user in new[] { h.Op, await app.SquadInvestigatorAsync(), await app.CreateUserAsync(InstitutionKind.Oversight, [RoleCatalog.Auditor]) })
        {
            using var session = await app.SessionAsync(user);
            foreach (var url in new[] { "/Helpline/Roster", "/Helpline/Statistics" })
            {
                var response = await session.Client.GetAsync(url);
                var (status, _) = await seen.Add($"{user.UserName} {url}", response);
                Refused($"{user.UserName} {url}", status, response);
            }
        }
        using (var coordinator = await app.SessionAsync(await app.CreateUserAsync(InstitutionKind.NationalCoordinator, [RoleCatalog.Coordinator])))
        {
            var (status, _) = await seen.Add("coordinator stats", await coordinator.Client.GetAsync("/Helpline/Statistics"));
            Assert.Equal(HttpStatusCode.OK, status);
        }
        seen.Clean(h.Secrets, Logs());

        // CSRF (P29): the holding helpline's own staff, posting without the antiforgery token, change nothing.
        var before = await StateAsync(h.Id);
        var contactsBefore = await DbAsync(db => db.HelplineContacts.CountAsync());
        using (var op = await app.SessionAsync(h.Op))
        {
            foreach (var (url, fields) in new (string, Dictionary<string, string>)[]
            {
                ($"/Helpline/Contact/{h.Id}", new() { ["Input.Summary"] = "AH-CSRF", ["Input.Category"] = "ForcedLabour" }),
                ($"/Helpline/Contact/{h.Id}?handler=Forward", []),
                ($"/Helpline/Contact/{h.Id}?handler=Flag", new() { ["Flag.Kind"] = "Abusive", ["Flag.Days"] = "3" }),
                ("/Helpline?handler=New", []),
                ("/Helpline?handler=NonData", new() { ["kind"] = "Silent" }),
            })
            {
                var response = await PostFormAsync(op, null, url, fields);
                Assert.Equal(HttpStatusCode.BadRequest, (await seen.Add("csrf " + url, response)).Status);
            }
        }
        using (var sup = await app.SessionAsync(h.Sup))
        {
            foreach (var (url, fields) in new (string, Dictionary<string, string>)[]
            {
                ($"/Helpline/Contact/{h.Id}?handler=Override", new() { ["Override.Decision"] = "Forward", ["Override.Reason"] = "AH-CSRF" }),
                ("/Helpline/Roster?handler=Remove", new() { ["shiftId"] = shiftId.ToString() }),
                ("/Helpline/Roster?handler=Shift", new() { ["Shift.UserId"] = h.Op.Id.ToString(), ["Shift.Day"] = today.AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Shift.Start"] = "08:00", ["Shift.Hours"] = "4" }),
            })
            {
                var response = await PostFormAsync(sup, null, url, fields);
                Assert.Equal(HttpStatusCode.BadRequest, (await seen.Add("csrf " + url, response)).Status);
            }
        }
        var after = await StateAsync(h.Id);
        Assert.Equal((before.UpdatedAt, before.Referral, before.Rule, before.Flags), (after.UpdatedAt, after.Referral, after.Rule, after.Flags));
        Assert.Equal(before.Summary, after.Summary);
        Assert.Equal(contactsBefore, await DbAsync(db => db.HelplineContacts.CountAsync()));
        Assert.Equal(shifts, await DbAsync(db => db.HelplineShifts.CountAsync()));
    }

    [Fact] // found by probing: a 500 before the days were clamped
    public async Task Statistics_dates_at_the_edges_of_the_calendar_never_answer_500()
    {
        CultureInfo.CurrentUICulture = new("en");
        var sup = await app.CreateUserAsync(InstitutionKind.Helpline, Supervisor, [TrainingTopic.Helpline]);
        using var session = await app.SessionAsync(sup);
        var failures = new List<string>();
        foreach (var query in new[] { "To=9999-12-31", "From=9999-12-31&To=9999-12-31", "From=0001-01-01&To=0001-01-01", "From=0001-01-01", "From=2026-12-01&To=2020-01-01", "From=garbage&To=-5", "From=2026-02-30" })
        {
            var response = await session.Client.GetAsync("/Helpline/Statistics?" + query);
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.BadRequest))
                failures.Add($"{query}: {(int)response.StatusCode}");
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Garbage_in_the_holding_helplines_own_forms_and_queries_is_refused_never_a_500_and_changes_nothing()
    {
        var h = await HeldAsync();
        var seen = new Seen();
        var before = await StateAsync(h.Id);
        var contacts = await DbAsync(db => db.HelplineContacts.CountAsync());
        using (var op = await app.SessionAsync(h.Op))
        {
            var csrf = await CsrfAsync(op, $"/Helpline/Contact/{h.Id}");
            Assert.NotNull(csrf);
            var saved = new List<string>();
            foreach (var fields in new Dictionary<string, string>[]
            {
                new() { ["Input.Summary"] = new string('x', 4001) },
                new() { ["Input.CallerNumber"] = "+994 50 " + new string('1', 40) },
            })
            {
                var first = fields.First();
                var (status, _) = await seen.Add($"own garbage save {first.Key}={first.Value[..Math.Min(40, first.Value.Length)]}", await PostFormAsync(op, csrf, $"/Helpline/Contact/{h.Id}", fields));
                if (status is not (HttpStatusCode.OK or HttpStatusCode.BadRequest))
                    saved.Add(seen.Last);
            }
            Assert.Empty(saved);
            foreach (var (days, kind) in new[] { ("-5", "AtRisk"), ("366", "AtRisk") })
            {
                var (status, _) = await seen.Add($"own flag {days} {kind}", await PostFormAsync(op, csrf, $"/Helpline/Contact/{h.Id}?handler=Flag", new() { ["Flag.Kind"] = kind, ["Flag.Days"] = days, ["Flag.Note"] = "AH-GARBAGE" }));
                Assert.True(status is HttpStatusCode.OK or HttpStatusCode.BadRequest, seen.Last);
            }
            foreach (var (kind, channel) in new[] { ("999", "Phone"), ("Silent,HangUp", "Phone"), ("Silent", "999"), ("", "") })
            {
                var (status, _) = await seen.Add($"own nondata {kind} {channel}", await PostFormAsync(op, csrf, "/Helpline?handler=NonData", new() { ["kind"] = kind, ["channel"] = channel }));
                Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound || (status == HttpStatusCode.Redirect && kind.StartsWith("Silent", StringComparison.Ordinal)), seen.Last);
            }
            var (newStatus, _) = await seen.Add("own new 999", await PostFormAsync(op, csrf, "/Helpline?handler=New", new() { ["channel"] = "999" }));
            Assert.True(newStatus is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Redirect, seen.Last); // dropped: a phone contact
            foreach (var url in new[] { $"/Helpline/Contact/{h.Id}?handler=Nope", "/Helpline/Contact/not-a-guid", "/Helpline/Contact/00000000-0000-0000-0000-000000000000", "/helpline/events?x=%00" })
            {
                if (url.StartsWith("/helpline/events", StringComparison.Ordinal))
                    continue; // a stream: read by the chat probes
                var (status, _) = await seen.Add("own " + url, await op.Client.GetAsync(url));
                Assert.True(status is HttpStatusCode.NotFound or HttpStatusCode.OK or HttpStatusCode.BadRequest, seen.Last);
            }
        }
        using (var sup = await app.SessionAsync(h.Sup))
        {
            var csrf = await CsrfAsync(sup, $"/Helpline/Contact/{h.Id}");
            foreach (var decision in new[] { "999", "Forward,Hold", "-1", "" })
            {
                var (status, _) = await seen.Add("own override " + decision, await PostFormAsync(sup, csrf, $"/Helpline/Contact/{h.Id}?handler=Override", new() { ["Override.Decision"] = decision, ["Override.Reason"] = new string('r', 5000) }));
                Assert.True(status is HttpStatusCode.OK or HttpStatusCode.BadRequest, seen.Last);
            }
        }
        using (var api = await ApiAsync(h.Op, HelplineModule.ContactsReadScope))
        {
            foreach (var url in new[] { "/api/v1/helpline/contacts?open=maybe", "/api/v1/helpline/contacts/not-a-guid", "/api/v1/helpline/contacts?open=true&open=false", $"/api/v1/helpline/contacts/{h.Id}/forward" })
            {
                var (status, _) = await seen.Add("api " + url, await api.GetAsync(url));
                Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.OK, seen.Last);
            }
            Assert.Equal(HttpStatusCode.Forbidden, (await seen.Add("read scope forwards", await api.PostAsync($"/api/v1/helpline/contacts/{h.Id}/forward", null))).Status);
        }
        var after = await StateAsync(h.Id);
        Assert.Equal((before.UpdatedAt, before.Referral, before.Rule, before.Flags), (after.UpdatedAt, after.Referral, after.Rule, after.Flags));
        Assert.Equal(before.Summary, after.Summary);
        Assert.True(await DbAsync(db => db.HelplineContacts.CountAsync()) <= contacts + 3); // an unparsable kind or channel is dropped: a silent call on the phone
        var odd = (await DbAsync(db => db.HelplineContacts.AsNoTracking().Select(c => new { c.Number, c.Channel, c.NonData }).ToListAsync()))
            .Where(c => !Enum.IsDefined(c.Channel) || (c.NonData is { } k && !Enum.IsDefined(k))).Select(c => $"{c.Number} {(int)c.Channel} {(int?)c.NonData}").ToList();
        Assert.True(odd.Count == 0, string.Join(" | ", odd));
    }

    [Fact]
    public async Task An_enum_or_number_trick_in_the_contact_form_is_never_saved_as_another_value()
    {
        var h = await HeldAsync();
        using var op = await app.SessionAsync(h.Op);
        var csrf = await CsrfAsync(op, $"/Helpline/Contact/{h.Id}");
        var problems = new List<string>();
        foreach (var (field, raw) in new[]
        {
            ("Input.ConsentBasis", "VictimConsents,VictimDeclines"), ("Input.Category", "ForcedLabour,SexualExploitation"),
            ("Input.ConsentBasis", "-1"), ("Input.Channel", "999"), ("Input.CallerType", "2147483648"),
        })
        {
            var fields = new Dictionary<string, string>
            {
                ["Input.Category"] = "ForcedLabour",
                ["Input.ConsentBasis"] = "VictimDeclines",
                ["Input.Channel"] = "Phone",
                ["Input.CallerType"] = "Victim",
                ["Input.Summary"] = "AH-TRICK",
                [field] = raw,
            };
            var response = await PostFormAsync(op, csrf, $"/Helpline/Contact/{h.Id}", fields);
            var row = await DbAsync(db => db.HelplineContacts.AsNoTracking().SingleAsync(c => c.Id == h.Id));
            Assert.True((int)response.StatusCode < 500, field);
            // (The binder drops a value it cannot parse and the rest is saved: the field keeps what it had — never a value made of two.)
            if ((row.Category, row.ConsentBasis, row.Channel, row.CallerType) != (ContactCategory.ForcedLabour, ConsentBasis.VictimDeclines, ContactChannel.Phone, CallerType.Victim))
                problems.Add($"{field}={raw}: {(int)response.StatusCode} saved as category {row.Category}, consent {row.ConsentBasis}, channel {row.Channel}, caller {row.CallerType}, rule {row.ForwardingRule}");
        }
        foreach (var (days, kind) in new[] { ("99999999999", "AtRisk"), ("3", "AtRisk,FollowUp"), ("3", "999") })
        {
            var flags = (await StateAsync(h.Id)).Flags;
            var response = await PostFormAsync(op, csrf, $"/Helpline/Contact/{h.Id}?handler=Flag", new() { ["Flag.Kind"] = kind, ["Flag.Days"] = days });
            Assert.True((int)response.StatusCode < 500, kind);
            var flag = await DbAsync(db => db.CallerFlags.AsNoTracking().OrderByDescending(f => f.SetAt).FirstAsync());
            if (flag.Kind != CallerFlagKind.AtRisk || flag.ExpiresAt > app.Time.GetUtcNow().AddDays(366))
            {
                problems.Add($"Flag.Kind={kind} Flag.Days={days}: 302, flags {flags} -> {(await StateAsync(h.Id)).Flags}, saved as {flag.Kind} until {flag.ExpiresAt:yyyy-MM-dd}");
            }
        }
        Assert.True(problems.Count == 0, string.Join(" | ", problems));
    }

    [Fact]
    public async Task A_non_data_contact_posted_as_two_kinds_is_not_logged_as_a_third()
    {
        var h = await HeldAsync();
        using var op = await app.SessionAsync(h.Op);
        var csrf = await CsrfAsync(op, "/Helpline");
        var abusive = await DbAsync(db => db.HelplineContacts.CountAsync(c => c.InstitutionId == h.Op.InstitutionId && c.NonData == NonDataKind.Abusive));
        var response = await PostFormAsync(op, csrf, "/Helpline?handler=NonData", new() { ["kind"] = "Silent,HangUp" });
        Assert.True((int)response.StatusCode < 500);
        Assert.Equal(abusive, await DbAsync(db => db.HelplineContacts.CountAsync(c => c.InstitutionId == h.Op.InstitutionId && c.NonData == NonDataKind.Abusive)));
    }

    // ---------------------------------------------------------------- chats and live streams

    private static HttpRequestMessage ChatRequest(HttpMethod method, string url, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (token is not null)
            request.Headers.Add(ChatEndpoints.TokenHeader, token);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        return request;
    }

    private static async Task<string> StartChatAsync(HttpClient client)
    {
        var request = ChatRequest(HttpMethod.Post, "/chat/start", null, new { language = "en" });
        request.Headers.Add(ChatEndpoints.StartHeader, "1");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>The first server-sent event of a stream, read with a deadline (the stream itself lives for minutes).</summary>
    private static async Task<(HttpStatusCode Status, string First)> FirstEventAsync(HttpClient client, string url)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        if (response.StatusCode != HttpStatusCode.OK)
            return (response.StatusCode, await response.Content.ReadAsStringAsync(cts.Token));
        await using var stream = await response.Content.ReadAsStreamAsync(cts.Token);
        var buffer = new byte[4096];
        var text = new StringBuilder();
        while (!text.ToString().Contains("\n\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cts.Token);
            if (read == 0)
                break;
            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
        return (response.StatusCode, text.ToString());
    }

    [Fact]
    public async Task A_chat_is_reachable_only_with_its_token_and_by_its_helpline_and_the_live_streams_stay_with_their_helpline()
    {
        var h = await HeldAsync();
        var (rivalOp, _) = await OtherHelplineAsync();
        var seen = new Seen();
        var secret = "AHCHAT" + Guid.NewGuid().ToString("N")[..8];
        using var visitorA = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var visitorB = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var tokenA = await StartChatAsync(visitorA);
        Assert.Equal(HttpStatusCode.OK, (await new Seen().Add("A send", await visitorA.SendAsync(ChatRequest(HttpMethod.Post, "/chat/send", tokenA, new { clientMessageId = "a1", text = secret + " please help" })))).Status);
        var sessionA = await DbAsync(db => db.ChatSessions.AsNoTracking().Where(s => s.TokenHash == ChatService.Hash(tokenA)).Select(s => s.Id).SingleAsync());
        var tokenB = await StartChatAsync(visitorB);

        // Visitor B (P30): its own token reads only its chat; a guessed, truncated or altered token, none; no header, 401; a token in the query, 401.
        var chatSeen = new Seen();
        var (own, ownBody) = await chatSeen.Add("B own", await visitorB.SendAsync(ChatRequest(HttpMethod.Get, "/chat/messages?after=-999", tokenB)));
        Assert.Equal(HttpStatusCode.OK, own);
        foreach (var forged in new[] { ChatService.NewToken(), tokenA[..^1], string.Equals(tokenA.ToUpperInvariant(), tokenA, StringComparison.Ordinal) ? tokenA.ToLowerInvariant() : tokenA.ToUpperInvariant(), tokenA + "x", " " + tokenB + "," + tokenA })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await chatSeen.Add("B forged read", await visitorB.SendAsync(ChatRequest(HttpMethod.Get, "/chat/messages?after=0", forged)))).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await chatSeen.Add("B forged send", await visitorB.SendAsync(ChatRequest(HttpMethod.Post, "/chat/send", forged, new { clientMessageId = "b1", text = "AH-INJECT" })))).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await chatSeen.Add("B forged end", await visitorB.SendAsync(ChatRequest(HttpMethod.Post, "/chat/end", forged, new { keep = true })))).Status);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await chatSeen.Add("B no header", await visitorB.SendAsync(ChatRequest(HttpMethod.Get, "/chat/messages", null)))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await chatSeen.Add("B query token", await visitorB.SendAsync(ChatRequest(HttpMethod.Get, $"/chat/messages?token={Uri.EscapeDataString(tokenA)}", null)))).Status);
        // Bad chat bodies (P31): never a 500.
        foreach (var json in new[] { "{", "[]", """{"text":12}""", """{"clientMessageId":"x","text":""}""", """{"clientMessageId":"" ,"text":"hi"}""", "{\"clientMessageId\":\"" + new string('i', 500) + "\",\"text\":\"hi\"}", "{\"clientMessageId\":\"big\",\"text\":\"" + new string('t', 200_000) + "\"}" })
        {
            var request = ChatRequest(HttpMethod.Post, "/chat/send", tokenB);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            var (status, _) = await chatSeen.Add("B body " + json[..Math.Min(40, json.Length)], await visitorB.SendAsync(request));
            Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.TooManyRequests, $"{json[..Math.Min(40, json.Length)]}: {status}");
        }
        Assert.DoesNotContain(secret, ownBody, StringComparison.Ordinal);
        chatSeen.Clean([secret], "");
        Assert.Equal(HttpStatusCode.OK, (await new Seen().Add("A still reads", await visitorA.SendAsync(ChatRequest(HttpMethod.Get, "/chat/messages", tokenA)))).Status);
        var (_, aBody) = await new Seen().Add("A reads again", await visitorA.SendAsync(ChatRequest(HttpMethod.Get, "/chat/messages", tokenA)));
        Assert.DoesNotContain("AH-INJECT", aBody, StringComparison.Ordinal);

        // The rival helpline's operator (P32): not in its queue, no transcript, cannot take, reply or end it.
        using (var rival = await app.SessionAsync(rivalOp))
        {
            var queue = await rival.GetAsync("/Helpline/Chats");
            Assert.Equal(HttpStatusCode.OK, queue.Status);
            Assert.DoesNotContain(sessionA.ToString(), queue.Html, StringComparison.OrdinalIgnoreCase);
            var csrf = queue.Document.QuerySelector("input[name=__csrf]")?.GetAttribute("value") ?? await CsrfAsync(rival, "/");
            Assert.Equal(HttpStatusCode.NotFound, (await seen.Add("rival read", await rival.Client.GetAsync($"/Helpline/Chats?id={sessionA}"))).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await seen.Add("rival messages", await rival.Client.GetAsync($"/Helpline/Chats?handler=Messages&id={sessionA}&after=-1"))).Status);
            var take = new HttpRequestMessage(HttpMethod.Post, $"/Helpline/Chats?handler=Take&id={sessionA}") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__csrf"] = csrf! }) };
            take.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            Assert.Equal(HttpStatusCode.Conflict, (await seen.Add("rival take", await rival.Client.SendAsync(take))).Status);
            var (replyStatus, _) = await seen.Add("rival reply", await PostFormAsync(rival, csrf, $"/Helpline/Chats?handler=Reply&id={sessionA}", new() { ["text"] = "AH-RIVAL" }));
            Assert.True(replyStatus == HttpStatusCode.NotFound, seen.Last);
            Assert.Equal(HttpStatusCode.NotFound, (await seen.Add("rival end", await PostFormAsync(rival, csrf, $"/Helpline/Chats?handler=End&id={sessionA}", []))).Status);
            // Its streams (P33) carry its own counts: nothing waiting, nothing open.
            var (eventsStatus, events) = await FirstEventAsync(rival.Client, "/helpline/events");
            Assert.Equal(HttpStatusCode.OK, eventsStatus);
            Assert.Contains("\"waiting\":0,\"open\":0,\"latest\":0", events, StringComparison.Ordinal);
            var (chatsStatus, chatStream) = await FirstEventAsync(rival.Client, "/helpline/chats/stream");
            Assert.Equal(HttpStatusCode.OK, chatsStatus);
            Assert.Contains("\"waiting\":0", chatStream, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, events + chatStream, StringComparison.Ordinal);
        }
        var row = await DbAsync(db => db.ChatSessions.AsNoTracking().SingleAsync(s => s.Id == sessionA));
        Assert.Null(row.TakenAt);
        Assert.Null(row.EndedAt);

        // Outsiders (P34): the console and the streams refused.
        foreach (var user in new[] { await app.SquadInvestigatorAsync(), await app.ShelterManagerAsync(), await app.CreateUserAsync(InstitutionKind.NationalCoordinator, [RoleCatalog.Coordinator]) })
        {
            using var session = await app.SessionAsync(user);
            foreach (var url in new[] { "/Helpline/Chats", $"/Helpline/Chats?id={sessionA}", $"/Helpline/Chats?handler=Messages&id={sessionA}", "/Helpline/Chats?handler=Queue" })
            {
                var response = await session.Client.GetAsync(url);
                var (status, _) = await seen.Add($"{user.UserName} {url}", response);
                Refused($"{user.UserName} {url}", status, response);
            }
            foreach (var url in new[] { "/helpline/events", "/helpline/chats/stream" })
                Assert.Equal(HttpStatusCode.Forbidden, (await FirstEventAsync(session.Client, url)).Status);
        }
        seen.Clean([secret, .. h.Secrets], "");
        // Logs: the chat's words and the held contact's secrets appear in no log line.
        var logs = Logs();
        Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        foreach (var s in h.Secrets)
            Assert.DoesNotContain(s, logs, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class AttackHelplineOnSqlite(SqliteApp app) : AttackHelpline(app), IClassFixture<SqliteApp>;
