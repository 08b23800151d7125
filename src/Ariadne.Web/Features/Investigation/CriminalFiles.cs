using System.Security.Cryptography;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// The criminal file (issue 15 §1): opened by the Squad, moved through its stages by the investigator, the prosecutor
/// and the court (each recording only their own steps), with its offences, parties, coercive measures and non-punishment
/// decisions. Every read and write goes through <see cref="FileAccess"/>; a file the viewer may not see answers null
/// (a 404) and the attempt is audited. Errors come back by field (the empty key: a refusal).
/// </summary>
public sealed class CriminalFiles(
    AriadneDbContext db, FileAccess access, CaseAccess caseAccess, DataKeys dataKeys, AuditedWrites writes, AuditTrail audit,
    TimeProvider time, UiTime uiTime, IStringLocalizer<SharedResource> text)
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public const int MaxText = 2000;

    public static string NewNumber(DateTimeOffset now) => $"CF-{now.UtcDateTime.Year}-{new string(RandomNumberGenerator.GetItems<char>(Alphabet, 6))}";

    /// <summary>The roles that open criminal files: the Squad's investigators and its chief.</summary>
    public static bool MayOpen(IReadOnlyCollection<string> roles) =>
        roles.Contains(RoleCatalog.Investigator) || roles.Contains(RoleCatalog.SquadChief);

    public sealed class OpenInput
    {
        public string? Title { get; set; }
        public string? Summary { get; set; }
        public string? OfficialNumber { get; set; }
        public List<string> Offences { get; set; } = [];
    }

    public sealed class StageInput
    {
        public FileStage? Stage { get; set; }
        public DateOnly? On { get; set; }
        public string? Note { get; set; }
        public string? OfficialNumber { get; set; }
        /// <summary>The court the file goes to (indictment).</summary>
        public Guid? CourtInstitutionId { get; set; }
    }

    public sealed class PartyInput
    {
        public PartyRole? Role { get; set; }
        public string? Name { get; set; }
        public string? Detail { get; set; }
        public PartySex? Sex { get; set; }
        public int? BirthYear { get; set; }
        public string? Citizenship { get; set; }
        /// <summary>The victim's or witness's protection case, by its number (only a case the viewer may see).</summary>
        public string? CaseNumber { get; set; }
    }

    public sealed class OutcomeInput
    {
        public Guid? PartyId { get; set; }
        public SuspectOutcome? Outcome { get; set; }
        public int? SentenceMonths { get; set; }
    }

    public sealed class MeasureInput
    {
        public Guid? PartyId { get; set; }
        public MeasureKind? Kind { get; set; }
        public MeasureAuthority? OrderedBy { get; set; }
        public DateOnly? From { get; set; }
        public DateOnly? Until { get; set; }
        public string? Note { get; set; }
    }

    public sealed class NonPunishmentInput
    {
        public Guid? PartyId { get; set; }
        public string? Offence { get; set; }
        public NonPunishmentDecision? Decision { get; set; }
        public DateOnly? DecidedOn { get; set; }
    }

    public sealed class ShareInput
    {
        public Guid? InstitutionId { get; set; }
        public DateOnly? Until { get; set; }
        public string? Reason { get; set; }
    }

    public sealed record Row(Guid Id, string Number, string? OfficialNumber, string Title, FileStage Stage, DateTimeOffset UpdatedAt, string Relation);

    public sealed record StageView(FileStage Stage, DateOnly On, DateTimeOffset RecordedAt, string By, string? Note, string? Court);

    public sealed record PartyView(Guid Id, PartyRole Role, string Name, string? Detail, PartySex Sex, int? BirthYear, string? Citizenship,
        SuspectOutcome? Outcome, int? SentenceMonths, string? CaseNumber, Guid? CaseId, bool CaseLinkedButHidden);

    public sealed record MeasureView(Guid Id, string Party, MeasureKind Kind, MeasureAuthority OrderedBy, DateOnly From, DateOnly? Until, string? Note);

    public sealed record NonPunishmentView(Guid Id, string Party, string? Offence, NonPunishmentDecision Decision, DateOnly? DecidedOn);

    public sealed record GrantView(Guid Id, string Grantee, Relation Relation, DateTimeOffset? ValidUntil, string Reason);

    public sealed record EvidenceRow(Guid Id, string Number, string Description, string ContentType, long Size, DateTimeOffset ReceivedAt, string Location, int Custody);

    public sealed record FileView(
        Guid Id, string Number, string? OfficialNumber, string Title, string? Summary, FileStage Stage, DateTimeOffset OpenedAt, string Owner,
        FileRights Rights, IReadOnlyList<Offence> Offences, IReadOnlyList<StageView> Stages, IReadOnlyList<PartyView> Parties,
        IReadOnlyList<MeasureView> Measures, IReadOnlyList<NonPunishmentView> NonPunishment, IReadOnlyList<GrantView> Grants,
        IReadOnlyList<EvidenceRow> Evidence);

    /// <summary>The Squad opens a file: the lead investigator's own grant, and the Squad chief's through the institution.</summary>
    public async Task<(Guid? Id, Dictionary<string, string[]> Errors)> OpenAsync(Viewer viewer, IReadOnlyCollection<string> roles, OpenInput input,
        IdempotentRequest? request = null, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (!MayOpen(roles) || !await db.Institutions.AnyAsync(i => i.Id == viewer.InstitutionId && i.Kind == InstitutionKind.AntiTraffickingSquad, ct))
            return (null, new() { [""] = [text["File_OpenNotAllowed"]] });
        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title))
            errors[nameof(OpenInput.Title)] = [text["File_TitleRequired"]];
        else if (title.Length > 200)
            errors[nameof(OpenInput.Title)] = [text["Validation_TooLong", 200]];
        if (input.Summary?.Trim().Length > MaxText)
            errors[nameof(OpenInput.Summary)] = [text["Validation_TooLong", MaxText]];
        if (input.OfficialNumber?.Trim().Length > 40)
            errors[nameof(OpenInput.OfficialNumber)] = [text["Validation_TooLong", 40]];
        var codes = (input.Offences ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count == 0)
            errors[nameof(OpenInput.Offences)] = [text["File_OffenceRequired"]];
        else if (codes.Any(c => Offences.Find(c) is null))
            errors[nameof(OpenInput.Offences)] = [text["File_OffenceUnknown"]];
        if (errors.Count > 0)
            return (null, errors);
        async Task<Audited<Guid>> Work(CancellationToken ct)
        {
            var now = time.GetUtcNow();
            var (keyEntity, key) = dataKeys.Create();
            var file = new CriminalFile
            {
                Number = NewNumber(now),
                OfficialNumber = NullIfEmpty(input.OfficialNumber),
                OwnerInstitutionId = viewer.InstitutionId,
                LeadInvestigatorId = viewer.UserId,
                OpenedAt = now,
                UpdatedAt = now,
                DataKeyId = keyEntity.Id,
            };
            file.TitleEnc = db.Seal(file, f => f.TitleEnc, title, key, keyEntity.Id);
            file.SummaryEnc = db.Seal(file, f => f.SummaryEnc, NullIfEmpty(input.Summary), key, keyEntity.Id);
            db.CriminalFiles.Add(file);
            db.FileOffences.AddRange(codes.Select(c => new FileOffence { FileId = file.Id, Code = c }));
            db.FileStageEvents.Add(new FileStageEvent
            {
                FileId = file.Id,
                Stage = FileStage.OperationalInvestigation,
                On = uiTime.DayOf(now),
                RecordedAt = now,
                RecordedBy = viewer.UserId,
                RecordedByInstitutionId = viewer.InstitutionId,
            });
            db.FileGrants.Add(new FileGrant
            {
                FileId = file.Id,
                GranteeUserId = viewer.UserId,
                Relation = Relation.Investigator,
                ValidFrom = now,
                GrantedBy = viewer.UserId,
                Reason = "lead investigator",
            });
            db.FileGrants.Add(new FileGrant
            {
                FileId = file.Id,
                GranteeInstitutionId = viewer.InstitutionId,
                Relation = Relation.SquadSupervisor,
                ValidFrom = now,
                GrantedBy = viewer.UserId,
                Reason = "the Squad's supervision",
            });
            await db.SaveChangesAsync(ct);
            return new Audited<Guid>(file.Id, new AuditRecord(InvestigationAudit.FileOpened, TargetType: InvestigationAudit.File, TargetId: file.Id,
                Relation: nameof(Relation.Investigator), Purpose: InvestigationAudit.Investigate), file.Id);
        }
        if (request is null)
            return (await writes.RunAsync(viewer, Work, ct), errors);
        var once = await writes.RunOnceAsync(viewer, request, Work, (id, _) => Task.FromResult(id), ct);
        return once.Outcome == OnceOutcome.KeyConflict ? (null, new() { [""] = [text["Api_IdempotencyKeyReused"]] }) : (once.Result, errors);
    }

    /// <summary>The viewer's visible files, most recently changed first.</summary>
    public async Task<IReadOnlyList<Row>> ListAsync(Viewer viewer, int take = 200, CancellationToken ct = default)
    {
        var visible = access.ActiveGrants(viewer);
        var files = await db.CriminalFiles.AsNoTracking().Where(f => visible.Any(g => g.FileId == f.Id))
            .OrderByDescending(f => f.UpdatedAt).Take(take).ToListAsync(ct);
        var ids = files.Select(f => f.Id).ToList();
        var relations = (await visible.Where(g => ids.Contains(g.FileId)).Select(g => new { g.FileId, g.Relation, g.ReadOnly }).ToListAsync(ct))
            .GroupBy(g => g.FileId).ToDictionary(g => g.Key, g => new FileRights(g.Where(x => !x.ReadOnly).Select(x => x.Relation).ToHashSet()) { ReadsOnly = g.All(x => x.ReadOnly) }.Relation);
        var keys = await dataKeys.UnwrapManyAsync(files.Select(f => f.DataKeyId).Distinct(), ct);
        return files.Select(f => new Row(f.Id, f.Number, f.OfficialNumber,
            keys.TryGetValue(f.DataKeyId, out var key) ? db.Open(f, x => x.TitleEnc, key, f.DataKeyId) ?? "" : "",
            f.Stage, f.UpdatedAt, relations.GetValueOrDefault(f.Id, ""))).ToList();
    }

    /// <summary>The file as the viewer may see it; null (and the attempt audited) when it is not visible.</summary>
    public async Task<FileView?> ReadAsync(Viewer viewer, Guid id, CancellationToken ct = default)
    {
        var rights = await access.RightsAsync(viewer, id, ct);
        if (rights is null)
        {
            await DeniedAsync(viewer, id, ct);
            return null;
        }
        var file = await db.CriminalFiles.AsNoTracking().FirstAsync(f => f.Id == id, ct);
        var key = await dataKeys.UnwrapAsync(file.DataKeyId, ct) ?? throw new InvalidOperationException("The file's key is gone.");
        string? Open<T>(T row, System.Linq.Expressions.Expression<Func<T, byte[]?>> p) where T : class => db.Open(row, p, key, file.DataKeyId);

        var now = time.GetUtcNow();
        var stageRows = await db.FileStageEvents.AsNoTracking().Where(s => s.FileId == id).OrderBy(s => s.RecordedAt).ToListAsync(ct);
        var grantRows = await db.FileGrants.AsNoTracking().Where(g => g.FileId == id).Where(FileAccess.InForce(now)).OrderBy(g => g.ValidFrom).ToListAsync(ct);
        var userIds = stageRows.Select(s => s.RecordedBy).Concat(grantRows.Where(g => g.GranteeUserId is not null).Select(g => g.GranteeUserId!.Value)).Distinct().ToList();
        var institutionIds = stageRows.Select(s => s.RecordedByInstitutionId).Concat(stageRows.Where(s => s.CourtInstitutionId is not null).Select(s => s.CourtInstitutionId!.Value))
            .Concat(grantRows.Where(g => g.GranteeInstitutionId is not null).Select(g => g.GranteeInstitutionId!.Value)).Append(file.OwnerInstitutionId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var institutions = await db.Institutions.AsNoTracking().Where(i => institutionIds.Contains(i.Id)).Select(i => new { i.Id, i.Name }).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        var offences = (await db.FileOffences.AsNoTracking().Where(o => o.FileId == id).Select(o => o.Code).ToListAsync(ct))
            .Select(Offences.Find).OfType<Offence>().ToList();
        var stages = stageRows.Select(s => new StageView(s.Stage, s.On, s.RecordedAt, $"{names.GetValueOrDefault(s.RecordedBy, "—")} ({institutions.GetValueOrDefault(s.RecordedByInstitutionId, "—")})",
                Open(s, x => x.NoteEnc), s.CourtInstitutionId is { } c ? institutions.GetValueOrDefault(c) : null)).ToList();
        var partyRows = await db.FileParties.AsNoTracking().Where(p => p.FileId == id).OrderBy(p => p.Role).ThenBy(p => p.AddedAt).ToListAsync(ct);
        var caseIds = partyRows.Where(p => p.CaseId is not null).Select(p => p.CaseId!.Value).ToList();
        var visibleCases = await caseAccess.VisibleCases(viewer).Where(c => caseIds.Contains(c.Id)).Select(c => new { c.Id, c.Number }).ToDictionaryAsync(c => c.Id, c => c.Number, ct);
        var parties = partyRows.Select(p => new PartyView(p.Id, p.Role, Open(p, x => x.NameEnc) ?? "", Open(p, x => x.DetailEnc), p.Sex, p.BirthYear,
            p.Citizenship, p.Outcome, p.SentenceMonths, p.CaseId is { } cid ? visibleCases.GetValueOrDefault(cid) : null,
            p.CaseId is { } vc && visibleCases.ContainsKey(vc) ? vc : null, p.CaseId is { } hc && !visibleCases.ContainsKey(hc))).ToList();
        var partyName = parties.ToDictionary(p => p.Id, p => p.Name);
        var measures = (await db.CoerciveMeasures.AsNoTracking().Where(m => m.FileId == id).OrderBy(m => m.From).ToListAsync(ct))
            .Select(m => new MeasureView(m.Id, partyName.GetValueOrDefault(m.PartyId, ""), m.Kind, m.OrderedBy, m.From, m.Until, Open(m, x => x.NoteEnc))).ToList();
        var nonPunishment = (await db.NonPunishmentRecords.AsNoTracking().Where(n => n.FileId == id).OrderBy(n => n.RecordedAt).ToListAsync(ct))
            .Select(n => new NonPunishmentView(n.Id, partyName.GetValueOrDefault(n.PartyId, ""), Open(n, x => x.OffenceEnc), n.Decision, n.DecidedOn)).ToList();
        var grants = grantRows.Select(g => new GrantView(g.Id, g.GranteeUserId is { } u ? names.GetValueOrDefault(u, "—") : institutions.GetValueOrDefault(g.GranteeInstitutionId ?? Guid.Empty, "—"),
                g.Relation, g.ValidUntil, g.Reason)).ToList();
        var evidence = (await db.EvidenceItems.AsNoTracking().Where(e => e.FileId == id).OrderBy(e => e.ReceivedAt).ToListAsync(ct))
            .Select(e => new EvidenceRow(e.Id, e.Number, Open(e, x => x.DescriptionEnc) ?? "", e.ContentType, e.Size, e.ReceivedAt, e.Location, e.CustodyCount)).ToList();
        await audit.RecordAsync(new AuditRecord(InvestigationAudit.FileViewed, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
            TargetType: InvestigationAudit.File, TargetId: id, Relation: rights.Relation, Purpose: PurposeOf(rights)), ct);
        return new FileView(file.Id, file.Number, file.OfficialNumber, Open(file, x => x.TitleEnc) ?? "", Open(file, x => x.SummaryEnc), file.Stage,
            file.OpenedAt, institutions.GetValueOrDefault(file.OwnerInstitutionId, "—"), rights, offences, stages, parties, measures, nonPunishment, grants, evidence);
    }

    /// <summary>The courts a file may be sent to.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> InstitutionsAsync(InstitutionKind kind, CancellationToken ct = default) =>
        (await db.Institutions.AsNoTracking().Where(i => i.IsActive && i.Kind == kind).OrderBy(i => i.Name).Select(i => new { i.Id, i.Name }).ToListAsync(ct))
        .Select(i => (i.Id, i.Name)).ToList();

    /// <summary>A step of the procedure, by whoever records that stage; an indictment sends the file to a court (its grant).</summary>
    public async Task<Dictionary<string, string[]>?> RecordStageAsync(Viewer viewer, Guid id, StageInput input, IdempotentRequest? request = null,
        CancellationToken ct = default)
    {
        if (await RightsOrDeniedAsync(viewer, id, ct) is not { } rights)
            return null;
        // A retry of a stage already recorded is answered as done (before the order check it would now fail).
        if (Seen(await writes.SeenAsync(viewer, request, ct)) is { } seen)
            return seen;
        var errors = new Dictionary<string, string[]>();
        var today = Today;
        if (input.Stage is not { } stage || !Enum.IsDefined(stage) || stage == FileStage.OperationalInvestigation)
        {
            errors[nameof(StageInput.Stage)] = [text["File_StageRequired"]];
            return errors;
        }
        if (!rights.MayRecord(stage))
            return new() { [""] = [text["File_StageNotYours"]] };
        var file = await db.CriminalFiles.FirstAsync(f => f.Id == id, ct);
        if (file.Stage == FileStage.Closed)
            return new() { [""] = [text["File_Closed"]] };
        // Forward only, except an appeal (after a verdict) and closing (at any stage).
        var allowed = stage switch
        {
            FileStage.Appeal => file.Stage is FileStage.Verdict,
            FileStage.Closed => true,
            _ => stage > file.Stage,
        };
        if (!allowed)
            errors[nameof(StageInput.Stage)] = [text["File_StageOrder"]];
        if (input.On is not { } on)
            errors[nameof(StageInput.On)] = [text["File_StageDateRequired"]];
        else if (on > today || on < uiTime.DayOf(file.OpenedAt).AddYears(-5))
            errors[nameof(StageInput.On)] = [text["File_StageDateInvalid"]];
        if (input.Note?.Trim().Length > MaxText)
            errors[nameof(StageInput.Note)] = [text["Validation_TooLong", MaxText]];
        if (input.OfficialNumber?.Trim().Length > 40)
            errors[nameof(StageInput.OfficialNumber)] = [text["Validation_TooLong", 40]];
        if (stage == FileStage.IndictmentToCourt
            && (input.CourtInstitutionId is not { } courtId || !await db.Institutions.AnyAsync(i => i.Id == courtId && i.IsActive && i.Kind == InstitutionKind.Court, ct)))
            errors[nameof(StageInput.CourtInstitutionId)] = [text["File_CourtRequired"]];
        if (stage == FileStage.CriminalCaseOpened && string.IsNullOrWhiteSpace(input.OfficialNumber) && file.OfficialNumber is null)
            errors[nameof(StageInput.OfficialNumber)] = [text["File_OfficialNumberRequired"]];
        if (errors.Count > 0)
            return errors;
        return await OnceAsync(viewer, request, async ct =>
        {
            var now = time.GetUtcNow();
            var key = await KeyAsync(file, ct);
            var step = new FileStageEvent
            {
                FileId = id,
                Stage = stage,
                On = input.On!.Value,
                RecordedAt = now,
                RecordedBy = viewer.UserId,
                RecordedByInstitutionId = viewer.InstitutionId,
                CourtInstitutionId = stage == FileStage.IndictmentToCourt ? input.CourtInstitutionId : null,
            };
            step.NoteEnc = db.Seal(step, s => s.NoteEnc, NullIfEmpty(input.Note), key, file.DataKeyId);
            db.FileStageEvents.Add(step);
            if (stage != FileStage.Appeal || file.Stage == FileStage.Verdict)
                file.Stage = stage;
            if (NullIfEmpty(input.OfficialNumber) is { } official)
                file.OfficialNumber = official;
            file.UpdatedAt = now;
            var suspects = await db.FileParties.Where(p => p.FileId == id && p.Role == PartyRole.Suspect).ToListAsync(ct);
            foreach (var s in suspects)
            {
                if (stage == FileStage.Charged && s.Outcome is null or SuspectOutcome.UnderInvestigation)
                    s.Outcome = SuspectOutcome.Charged;
                if (stage == FileStage.IndictmentToCourt && s.Outcome is SuspectOutcome.Charged)
                    s.Outcome = SuspectOutcome.Indicted;
            }
            if (stage == FileStage.IndictmentToCourt)
            {
                var court = input.CourtInstitutionId!.Value;
                db.FileGrants.Add(new FileGrant
                {
                    FileId = id,
                    GranteeInstitutionId = court,
                    Relation = Relation.Court,
                    ValidFrom = now,
                    GrantedBy = viewer.UserId,
                    Reason = "indictment to court",
                });
                db.Notifications.Add(new Notification
                {
                    RecipientInstitutionId = court,
                    RecipientRole = RoleCatalog.CourtClerk,
                    Kind = InvestigationAudit.SharedNotice.Code,
                    CaseNumber = file.Number,
                    CreatedAt = now,
                });
            }
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(InvestigationAudit.StageRecorded, TargetType: InvestigationAudit.File, TargetId: id,
                Relation: rights.Relation, Purpose: PurposeOf(rights)), step.Id);
        }, ct);
    }

    /// <summary>A suspect, victim or witness, by the file's keepers.</summary>
    public async Task<Dictionary<string, string[]>?> AddPartyAsync(Viewer viewer, Guid id, PartyInput input, IdempotentRequest? request = null,
        CancellationToken ct = default)
    {
        if (await RightsOrDeniedAsync(viewer, id, ct) is not { } rights)
            return null;
        if (Seen(await writes.SeenAsync(viewer, request, ct)) is { } seen)
            return seen;
        if (!rights.Keeps)
            return new() { [""] = [text["File_KeepersOnly"]] };
        var errors = new Dictionary<string, string[]>();
        if (input.Role is not { } role || !Enum.IsDefined(role))
            errors[nameof(PartyInput.Role)] = [text["Party_RoleRequired"]];
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name))
            errors[nameof(PartyInput.Name)] = [text["Party_NameRequired"]];
        else if (name.Length > 200)
            errors[nameof(PartyInput.Name)] = [text["Validation_TooLong", 200]];
        if (input.Detail?.Trim().Length > MaxText)
            errors[nameof(PartyInput.Detail)] = [text["Validation_TooLong", MaxText]];
        if (input.Sex is { } sex && !Enum.IsDefined(sex))
            errors[nameof(PartyInput.Sex)] = [text["Party_SexInvalid"]];
        if (input.BirthYear is { } year && (year < 1900 || year > Today.Year))
            errors[nameof(PartyInput.BirthYear)] = [text["Party_BirthYearInvalid"]];
        var citizenship = NullIfEmpty(input.Citizenship)?.ToUpperInvariant();
        if (citizenship is not null && !Platform.Ui.Countries.IsKnown(citizenship))
            errors[nameof(PartyInput.Citizenship)] = [text["Party_CitizenshipInvalid"]];
        Guid? caseId = null;
        if (NullIfEmpty(input.CaseNumber) is { } caseNumber)
        {
            if (input.Role == PartyRole.Suspect)
                errors[nameof(PartyInput.CaseNumber)] = [text["Party_CaseForSuspect"]];
            else if (await caseAccess.VisibleCases(viewer).Where(c => c.Number == caseNumber).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct) is { } found)
                caseId = found;
            else
                errors[nameof(PartyInput.CaseNumber)] = [text["Party_CaseNotFound"]];
        }
        if (errors.Count > 0)
            return errors;
        return await OnceAsync(viewer, request, async ct =>
        {
            var file = await db.CriminalFiles.FirstAsync(f => f.Id == id, ct);
            var key = await KeyAsync(file, ct);
            var now = time.GetUtcNow();
            var party = new FileParty
            {
                FileId = id,
                Role = input.Role!.Value,
                Sex = input.Sex ?? PartySex.Unknown,
                BirthYear = input.BirthYear,
                Citizenship = citizenship,
                CaseId = caseId,
                Outcome = input.Role == PartyRole.Suspect ? SuspectOutcome.UnderInvestigation : null,
                AddedAt = now,
                AddedBy = viewer.UserId,
            };
            party.NameEnc = db.Seal(party, p => p.NameEnc, name, key, file.DataKeyId);
            party.DetailEnc = db.Seal(party, p => p.DetailEnc, NullIfEmpty(input.Detail), key, file.DataKeyId);
            db.FileParties.Add(party);
            file.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(InvestigationAudit.PartyRecorded, TargetType: InvestigationAudit.File, TargetId: id,
                CaseId: caseId, Relation: rights.Relation, Purpose: InvestigationAudit.Investigate), party.Id);
        }, ct);
    }

    /// <summary>Where a suspect ends: the court convicts or acquits (with the sentence); the investigator or prosecutor discontinues.</summary>
    public async Task<Dictionary<string, string[]>?> RecordOutcomeAsync(Viewer viewer, Guid id, OutcomeInput input, CancellationToken ct = default)
    {
        if (await RightsOrDeniedAsync(viewer, id, ct) is not { } rights)
            return null;
        var errors = new Dictionary<string, string[]>();
        var party = input.PartyId is { } pid ? await db.FileParties.FirstOrDefaultAsync(p => p.Id == pid && p.FileId == id && p.Role == PartyRole.Suspect, ct) : null;
        if (party is null)
            errors[nameof(OutcomeInput.PartyId)] = [text["Party_SuspectRequired"]];
        if (input.Outcome is not { } outcome || outcome is not (SuspectOutcome.Convicted or SuspectOutcome.Acquitted or SuspectOutcome.Discontinued))
        {
            errors[nameof(OutcomeInput.Outcome)] = [text["Outcome_Required"]];
            return errors;
        }
        var mayRecord = outcome == SuspectOutcome.Discontinued ? rights.Keeps || rights.Prosecutes : rights.Judges;
        if (!mayRecord)
            return new() { [""] = [text["Outcome_NotYours"]] };
        if (outcome == SuspectOutcome.Convicted && input.SentenceMonths is not (>= 0 and <= 600))
            errors[nameof(OutcomeInput.SentenceMonths)] = [text["Outcome_SentenceInvalid"]];
        if (outcome != SuspectOutcome.Convicted && input.SentenceMonths is not null)
            errors[nameof(OutcomeInput.SentenceMonths)] = [text["Outcome_SentenceOnlyConvicted"]];
        if (errors.Count > 0)
            return errors;
        await writes.RunAsync(viewer, async ct =>
        {
            party!.Outcome = outcome;
            party.SentenceMonths = outcome == SuspectOutcome.Convicted ? input.SentenceMonths : null;
            var file = await db.CriminalFiles.FirstAsync(f => f.Id == id, ct);
            file.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(InvestigationAudit.StageRecorded, TargetType: InvestigationAudit.File, TargetId: id,
                Relation: rights.Relation, Purpose: PurposeOf(rights)));
        }, ct);
        return errors;
    }

    public async Task<Dictionary<string, string[]>?> RecordMeasureAsync(Viewer viewer, Guid id, MeasureInput input, IdempotentRequest? request = null,
        CancellationToken ct = default)
    {
        if (await RightsOrDeniedAsync(viewer, id, ct) is not { } rights)
            return null;
        if (Seen(await writes.SeenAsync(viewer, request, ct)) is { } seen)
            return seen;
        if (!rights.RecordsMeasures)
            return new() { [""] = [text["Coercive_NotYours"]] };
        var errors = new Dictionary<string, string[]>();
        var party = input.PartyId is { } pid ? await db.FileParties.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid && p.FileId == id && p.Role == PartyRole.Suspect, ct) : null;
        if (party is null)
            errors[nameof(MeasureInput.PartyId)] = [text["Party_SuspectRequired"]];
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
            errors[nameof(MeasureInput.Kind)] = [text["Coercive_KindRequired"]];
        if (input.OrderedBy is not { } by || !Enum.IsDefined(by))
            errors[nameof(MeasureInput.OrderedBy)] = [text["Coercive_AuthorityRequired"]];
        if (input.From is not { } from || from > Today || from < Today.AddYears(-20))
            errors[nameof(MeasureInput.From)] = [text["Coercive_FromRequired"]];
        else if (input.Until is { } until && until < from)
            errors[nameof(MeasureInput.Until)] = [text["Coercive_UntilBeforeFrom"]];
        if (input.Note?.Trim().Length > MaxText)
            errors[nameof(MeasureInput.Note)] = [text["Validation_TooLong", MaxText]];
        if (errors.Count > 0)
            return errors;
        return await OnceAsync(viewer, request, async ct =>
        {
            var file = await db.CriminalFiles.FirstAsync(f => f.Id == id, ct);
            var key = await KeyAsync(file, ct);
            var now = time.GetUtcNow();
            var measure = new CoerciveMeasure
            {
                FileId = id,
                PartyId = party!.Id,
                Kind = input.Kind!.Value,
                OrderedBy = input.OrderedBy!.Value,
                From = input.From!.Value,
                Until = input.Until,
                RecordedAt = now,
                RecordedBy = viewer.UserId,
            };
            measure.NoteEnc = db.Seal(measure, m => m.NoteEnc, NullIfEmpty(input.Note), key, file.DataKeyId);
            db.CoerciveMeasures.Add(measure);
            file.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(InvestigationAudit.MeasureRecorded, TargetType: InvestigationAudit.File, TargetId: id,
                Relation: rights.Relation, Purpose: PurposeOf(rights)), measure.Id);
        }, ct);
    }

    public async Task<Dictionary<string, string[]>?> RecordNonPunishmentAsync(Viewer viewer, Guid id, NonPunishmentInput input,
        IdempotentRequest? request = null, CancellationToken ct = default)
    {
        if (await RightsOrDeniedAsync(viewer, id, ct) is not { } rights)
            return null;
        if (Seen(await writes.SeenAsync(viewer, request, ct)) is { } seen)
            return seen;
        if (!rights.RecordsNonPunishment)
            return new() { [""] = [text["NonPunishment_NotYours"]] };
        var errors = new Dictionary<string, string[]>();
        var party = input.PartyId is { } pid ? await db.FileParties.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid && p.FileId == id && p.Role == PartyRole.Victim, ct) : null;
        if (party is null)
            errors[nameof(NonPunishmentInput.PartyId)] = [text["NonPunishment_VictimRequired"]];
        var offence = input.Offence?.Trim();
        if (string.IsNullOrEmpty(offence))
            errors[nameof(NonPunishmentInput.Offence)] = [text["NonPunishment_OffenceRequired"]];
        else if (offence.Length > 500)
            errors[nameof(NonPunishmentInput.Offence)] = [text["Validation_TooLong", 500]];
        if (input.Decision is not { } decision || !Enum.IsDefined(decision))
            errors[nameof(NonPunishmentInput.Decision)] = [text["NonPunishment_DecisionRequired"]];
        else if (decision != NonPunishmentDecision.Pending && input.DecidedOn is null)
            errors[nameof(NonPunishmentInput.DecidedOn)] = [text["NonPunishment_DateRequired"]];
        if (input.DecidedOn is { } on && (on > Today || on < Today.AddYears(-20)))
            errors[nameof(NonPunishmentInput.DecidedOn)] = [text["NonPunishment_DateInvalid"]];
        if (errors.Count > 0)
            return errors;
        return await OnceAsync(viewer, request, async ct =>
        {
            var file = await db.CriminalFiles.FirstAsync(f => f.Id == id, ct);
            var key = await KeyAsync(file, ct);
            var now = time.GetUtcNow();
            var record = new NonPunishmentRecord
            {
                FileId = id,
                PartyId = party!.Id,
                Decision = input.Decision!.Value,
                DecidedOn = input.Decision == NonPunishmentDecision.Pending ? null : input.DecidedOn,
                RecordedAt = now,
                RecordedBy = viewer.UserId,
            };
            record.OffenceEnc = db.Seal(record, r => r.OffenceEnc, offence, key, file.DataKeyId);
            db.NonPunishmentRecords.Add(record);
            file.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(InvestigationAudit.NonPunishmentRecorded, TargetType: InvestigationAudit.File, TargetId: id,
                CaseId: party.CaseId, Relation: rights.Relation, Purpose: PurposeOf(rights)), record.Id);
        }, ct);
    }

    /// <summary>
    /// Shares the file with a prosecutor's office (the Prosecutor relation) or a court (the Court relation), per file. The Squad
    /// shares with prosecutors; a prosecutor sends to court. Time-limited when asked; notified to the receiving institution.
    /// </summary>
    public async Task<Dictionary<string, string[]>?> ShareAsync(Viewer viewer, Guid id, ShareInput input, CancellationToken ct = default)
    {
        if (await RightsOrDeniedAsync(viewer, id, ct) is not { } rights)
            return null;
        if (!rights.Shares)
            return new() { [""] = [text["File_ShareNotAllowed"]] };
        var errors = new Dictionary<string, string[]>();
        var target = input.InstitutionId is { } iid ? await db.Institutions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == iid && i.IsActive, ct) : null;
        var relation = target?.Kind switch
        {
            InstitutionKind.Prosecution when rights.Keeps || rights.Supervises => Relation.Prosecutor,
            InstitutionKind.Court when rights.Prosecutes || rights.Keeps || rights.Supervises => Relation.Court,
            _ => (Relation?)null,
        };
        if (relation is null)
            errors[nameof(ShareInput.InstitutionId)] = [text["File_ShareTargetInvalid"]];
        if (input.Until is { } until && (until <= Today || until > Today.AddYears(10)))
            errors[nameof(ShareInput.Until)] = [text["File_ShareUntilInvalid"]];
        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
            errors[nameof(ShareInput.Reason)] = [text["File_ShareReasonRequired"]];
        else if (reason.Length > 500)
            errors[nameof(ShareInput.Reason)] = [text["Validation_TooLong", 500]];
        if (errors.Count > 0)
            return errors;
        var now = time.GetUtcNow();
        if (await db.FileGrants.Where(FileAccess.InForce(now)).AnyAsync(g => g.FileId == id && g.GranteeInstitutionId == target!.Id && g.Relation == relation, ct))
            return new() { [nameof(ShareInput.InstitutionId)] = [text["File_AlreadyShared"]] };
        await writes.RunAsync(viewer, async ct =>
        {
            var file = await db.CriminalFiles.FirstAsync(f => f.Id == id, ct);
            db.FileGrants.Add(new FileGrant
            {
                FileId = id,
                GranteeInstitutionId = target!.Id,
                Relation = relation!.Value,
                ValidFrom = now,
                GrantedBy = viewer.UserId,
                Reason = reason!,
                ValidUntil = input.Until is { } u ? new DateTimeOffset(u.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            });
            db.Notifications.Add(new Notification
            {
                RecipientInstitutionId = target.Id,
                RecipientRole = relation == Relation.Court ? RoleCatalog.CourtClerk : RoleCatalog.Prosecutor,
                Kind = InvestigationAudit.SharedNotice.Code,
                CaseNumber = file.Number,
                CreatedAt = now,
            });
            file.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(InvestigationAudit.FileShared, TargetType: InvestigationAudit.File, TargetId: id,
                Relation: rights.Relation, Purpose: PurposeOf(rights)));
        }, ct);
        return errors;
    }

    /// <summary>
    /// An added record: once per key when there is one (the API's <c>Idempotency-Key</c>, a page's form key) — a twin with the same
    /// key and body is answered as done, another body is refused — and a plain audited write otherwise.
    /// </summary>
    private async Task<Dictionary<string, string[]>> OnceAsync(Viewer viewer, IdempotentRequest? request,
        Func<CancellationToken, Task<Audited<bool>>> work, CancellationToken ct)
    {
        if (request is null)
        {
            await writes.RunAsync(viewer, work, ct);
            return [];
        }
        var once = await writes.RunOnceAsync(viewer, request, work, (_, _) => Task.FromResult(true), ct);
        return once.Outcome == OnceOutcome.KeyConflict ? new() { [""] = [text["Api_IdempotencyKeyReused"]] } : [];
    }

    /// <summary>A key seen before: done (the same body) or refused (another body); null for a new key or none.</summary>
    private Dictionary<string, string[]>? Seen(Once<Guid>? seen) => seen?.Outcome switch
    {
        OnceOutcome.Replayed => [],
        OnceOutcome.KeyConflict => new() { [""] = [text["Api_IdempotencyKeyReused"]] },
        _ => null,
    };

    /// <summary>The viewer's rights on the file, or null with the attempt audited.</summary>
    internal async Task<FileRights?> RightsOrDeniedAsync(Viewer viewer, Guid id, CancellationToken ct)
    {
        if (await access.RightsAsync(viewer, id, ct) is { } rights)
            return rights;
        await DeniedAsync(viewer, id, ct);
        return null;
    }

    private Task DeniedAsync(Viewer viewer, Guid id, CancellationToken ct) =>
        audit.RecordAsync(new AuditRecord(InvestigationAudit.FileDenied, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId,
            InvestigationAudit.File, id), ct);

    internal static AuditPurpose PurposeOf(FileRights rights) =>
        rights.Keeps || rights.Supervises || rights.ReadsOnly ? InvestigationAudit.Investigate : rights.Prosecutes ? InvestigationAudit.Prosecute : InvestigationAudit.Adjudicate;

    private async Task<byte[]> KeyAsync(CriminalFile file, CancellationToken ct) =>
        await dataKeys.UnwrapAsync(file.DataKeyId, ct) ?? throw new InvalidOperationException("The file's key is gone.");

    /// <summary>The deployment's day: dates entered are checked against it (see <see cref="UiTime.Today"/>).</summary>
    private DateOnly Today => uiTime.Today;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
