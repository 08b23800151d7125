using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>
/// Shelters and their beds: the bed finder (shelters and counts, never an address), holds that end by themselves,
/// and the shelter's own inventory. Every read that shows an address and every write is audited; a role or an
/// institution that is not allowed gets nothing (null), and bad input gets errors by field with nothing saved.
/// </summary>
public sealed class ShelterService(
    AriadneDbContext db, DataKeys dataKeys, AuditedWrites writes, TimeProvider time, IStringLocalizer<SharedResource> text)
{
    public const int MaxHoldHours = 24;
    public const int DefaultHoldHours = 4;

    public sealed record Availability(Guid ShelterId, string Name, ShelterOwnership Ownership, IReadOnlyList<string> Languages, int Beds);

    public sealed record BedRow(Guid Id, string Label, BedRestriction Restriction, BedState State, DateTimeOffset? HeldUntil, string? HeldBy, Guid? CaseId, string? CaseNumber);

    public sealed record ShelterView(Guid Id, string Name, ShelterOwnership Ownership, IReadOnlyList<string> Languages, string? Address, IReadOnlyList<BedRow> Beds)
    {
        public int Count(BedState state) => Beds.Count(b => b.State == state);
    }

    public sealed class SearchInput
    {
        public BedNeed? Need { get; set; }
        public bool Accessible { get; set; }
        public string? Language { get; set; }
    }

    public sealed class ShelterInput
    {
        public string? Name { get; set; }
        public ShelterOwnership? Ownership { get; set; }
        [Microsoft.AspNetCore.Mvc.ModelBinder(typeof(JoinedValuesBinder))]
        public string? Languages { get; set; }
        public string? Address { get; set; }
    }

    public sealed class BedInput
    {
        public Guid? ShelterId { get; set; }
        public string? Label { get; set; }
        public BedRestriction? Restriction { get; set; }
    }

    /// <summary>The restrictions that suit a need: a woman may take a women's or an unrestricted bed, a child only a children's bed, and so on.</summary>
    public static BedRestriction[] Suits(BedNeed need, bool accessible) => accessible
        ? need is BedNeed.Woman or BedNeed.Man ? [BedRestriction.Accessible] : []
        : need switch
        {
            BedNeed.Woman => [BedRestriction.None, BedRestriction.Women],
            BedNeed.Man => [BedRestriction.None, BedRestriction.Men],
            BedNeed.Child => [BedRestriction.Children],
            BedNeed.WomanWithChildren => [BedRestriction.MotherWithChild],
            _ => [],
        };

    /// <summary>The beds free now (not occupied, not held, in service).</summary>
    private IQueryable<Bed> FreeBeds(DateTimeOffset now)
    {
        var occupied = db.Placements.Where(p => p.DischargedAt == null).Select(p => p.BedId);
        return db.Beds.Where(b => !b.OutOfService && (b.HeldUntil == null || b.HeldUntil <= now) && !occupied.Contains(b.Id));
    }

    public Dictionary<string, string[]> Validate(SearchInput input)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.Need is not { } need || !Enum.IsDefined(need))
            errors[nameof(SearchInput.Need)] = [text["Beds_NeedRequired"]];
        else if (input.Accessible && Suits(need, true).Length == 0)
            errors[nameof(SearchInput.Accessible)] = [text["Beds_AccessibleAdultsOnly"]];
        if (!string.IsNullOrWhiteSpace(input.Language) && !Languages.IsKnown(input.Language.Trim()))
            errors[nameof(SearchInput.Language)] = [text["Beds_LanguageUnknown"]];
        return errors;
    }

    /// <summary>Where a bed is free now for this need: shelters and counts, never an address. Null when the role may not look.</summary>
    public async Task<IReadOnlyList<Availability>?> FindAsync(Viewer viewer, IReadOnlyCollection<string> roles, SearchInput input, CancellationToken ct = default)
    {
        if (!AccommodationRoles.Any(roles, AccommodationRoles.Finders) || Validate(input).Count > 0)
            return null;
        return await writes.RunAsync(viewer, async ct =>
        {
            var result = await AvailabilityAsync(input.Need!.Value, input.Accessible, input.Language, ct);
            return new Audited<IReadOnlyList<Availability>>(result, new AuditRecord(AccommodationAudit.BedsSearched, Purpose: AccommodationAudit.Find));
        }, ct);
    }

    private async Task<IReadOnlyList<Availability>> AvailabilityAsync(BedNeed need, bool accessible, string? language, CancellationToken ct)
    {
        var suits = Suits(need, accessible);
        var counts = await FreeBeds(time.GetUtcNow()).Where(b => suits.Contains(b.Restriction))
            .GroupBy(b => b.ShelterId).Select(g => new { ShelterId = g.Key, Beds = g.Count() }).ToListAsync(ct);
        var ids = counts.Select(c => c.ShelterId).ToList();
        var shelters = await db.Shelters.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Name, s.Ownership, s.Languages }).ToListAsync(ct);
        var code = language?.Trim().ToLowerInvariant();
        return shelters
            .Select(s => new Availability(s.Id, s.Name, s.Ownership, SplitLanguages(s.Languages), counts.First(c => c.ShelterId == s.Id).Beds))
            .Where(a => string.IsNullOrEmpty(code) || a.Languages.Contains(code))
            .OrderByDescending(a => a.Beds).ThenBy(a => a.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Holds one free bed of the shelter that suits the need, for a few hours; the hold ends by itself. The shelter's staff
    /// are told (no person, no address). Errors by field; null when the role may not hold.
    /// </summary>
    public async Task<Dictionary<string, string[]>?> HoldAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid shelterId, SearchInput input, int hours, CancellationToken ct = default)
    {
        if (!AccommodationRoles.Any(roles, AccommodationRoles.Holders))
            return null;
        var errors = Validate(input);
        if (hours is < 1 or > MaxHoldHours)
            errors["Hours"] = [text["Beds_HoldHours", MaxHoldHours]];
        if (errors.Count > 0)
            return errors;
        return await writes.RunSerializedAsync(viewer, async ct =>
        {
            var now = time.GetUtcNow();
            var suits = Suits(input.Need!.Value, input.Accessible);
            var shelter = await db.Shelters.AsNoTracking().FirstOrDefaultAsync(s => s.Id == shelterId, ct);
            var bed = shelter is null ? null : await FreeBeds(now).Where(b => b.ShelterId == shelterId && suits.Contains(b.Restriction)).OrderBy(b => b.Label).FirstOrDefaultAsync(ct);
            if (shelter is null || bed is null)
                return new Audited<Dictionary<string, string[]>>(new() { [string.Empty] = [text["Beds_NoneLeft"]] },
                    new AuditRecord(AccommodationAudit.BedHeld, AuditOutcome.Denied, TargetType: AccommodationAudit.Shelter, TargetId: shelterId, Purpose: AccommodationAudit.Hold));
            bed.HeldUntil = now.AddHours(hours);
            bed.HeldByInstitutionId = viewer.InstitutionId;
            bed.HeldByUserId = viewer.UserId;
            db.Notifications.Add(new Notification
            {
                RecipientInstitutionId = shelter.InstitutionId,
                Kind = AccommodationAudit.BedHeldNotice,
                CreatedAt = now,
            });
            await db.SaveChangesAsync(ct);
            return new Audited<Dictionary<string, string[]>>([], new AuditRecord(AccommodationAudit.BedHeld, TargetType: AccommodationAudit.Bed, TargetId: bed.Id, Purpose: AccommodationAudit.Hold));
        }, ct);
    }

    /// <summary>The shelters of the viewer's institution, with their address and every bed's state. Null unless the viewer is its staff.</summary>
    public async Task<IReadOnlyList<ShelterView>?> OwnAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        if (!AccommodationRoles.Any(roles, AccommodationRoles.Staff))
            return null;
        return await writes.RunAsync(viewer, async ct =>
        {
            var now = time.GetUtcNow();
            var shelters = await db.Shelters.AsNoTracking().Where(s => s.InstitutionId == viewer.InstitutionId).OrderBy(s => s.Name).ToListAsync(ct);
            var ids = shelters.Select(s => s.Id).ToList();
            var beds = await db.Beds.AsNoTracking().Where(b => ids.Contains(b.ShelterId)).OrderBy(b => b.Label).ToListAsync(ct);
            var bedIds = beds.Select(b => b.Id).ToList();
            var open = await (from p in db.Placements.AsNoTracking()
                              where p.DischargedAt == null && bedIds.Contains(p.BedId)
                              join c in db.Set<Cases.ProtectionCase>() on p.CaseId equals c.Id
                              select new { p.BedId, p.CaseId, c.Number }).ToListAsync(ct);
            var holders = beds.Where(b => b.HeldByInstitutionId != null).Select(b => b.HeldByInstitutionId!.Value).Distinct().ToList();
            var holderNames = await db.Institutions.AsNoTracking().Where(i => holders.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
            var keys = await dataKeys.UnwrapManyAsync(shelters.Select(s => s.DataKeyId), ct);
            var views = shelters.Select(s => new ShelterView(s.Id, s.Name, s.Ownership, SplitLanguages(s.Languages),
                keys.TryGetValue(s.DataKeyId, out var key) ? db.Open(s, x => x.AddressEnc, key, s.DataKeyId) : null,
                beds.Where(b => b.ShelterId == s.Id).Select(b =>
                {
                    var placed = open.FirstOrDefault(o => o.BedId == b.Id);
                    var state = placed is not null ? BedState.Occupied : b.OutOfService ? BedState.OutOfService : b.HeldUntil > now ? BedState.Held : BedState.Available;
                    return new BedRow(b.Id, b.Label, b.Restriction, state, state == BedState.Held ? b.HeldUntil : null,
                        state == BedState.Held && b.HeldByInstitutionId is { } h ? holderNames.GetValueOrDefault(h) : null, placed?.CaseId, placed?.Number);
                }).ToList())).ToList();
            return new Audited<IReadOnlyList<ShelterView>>(views, new AuditRecord(AccommodationAudit.ShelterViewed, TargetType: AccommodationAudit.Shelter, Purpose: AccommodationAudit.Manage));
        }, ct);
    }

    public async Task<Dictionary<string, string[]>?> SaveShelterAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid? shelterId, ShelterInput input, CancellationToken ct = default)
    {
        if (!AccommodationRoles.Any(roles, AccommodationRoles.Managers) || !await IsShelterInstitutionAsync(viewer, ct))
            return null;
        var errors = new Dictionary<string, string[]>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200)
            errors[nameof(ShelterInput.Name)] = [text["Shelter_NameRequired"]];
        if (input.Ownership is not { } ownership || !Enum.IsDefined(ownership))
            errors[nameof(ShelterInput.Ownership)] = [text["Shelter_OwnershipRequired"]];
        var languages = SplitLanguages(input.Languages);
        if (languages.Count == 0 || languages.Any(l => !Languages.IsKnown(l)))
            errors[nameof(ShelterInput.Languages)] = [text["Shelter_LanguagesRequired"]];
        var address = input.Address?.Trim() ?? "";
        if (address.Length is 0 or > 500)
            errors[nameof(ShelterInput.Address)] = [text["Shelter_AddressRequired"]];
        if (errors.Count > 0)
            return errors;
        return await writes.RunAsync(viewer, async ct =>
        {
            // Before a new shelter is tracked: the refusal's audit saves the context, and a tracked namesake would hit the unique index (a 500).
            if (await db.Shelters.AnyAsync(s => s.InstitutionId == viewer.InstitutionId && s.Name == name && s.Id != shelterId, ct))
                return new Audited<Dictionary<string, string[]>?>(new() { [nameof(ShelterInput.Name)] = [text["Shelter_NameTaken"]] },
                    new AuditRecord(AccommodationAudit.ShelterSaved, AuditOutcome.Denied, TargetType: AccommodationAudit.Shelter, Purpose: AccommodationAudit.Manage));
            Shelter? shelter;
            byte[] key;
            if (shelterId is { } id)
            {
                shelter = await db.Shelters.FirstOrDefaultAsync(s => s.Id == id && s.InstitutionId == viewer.InstitutionId, ct);
                if (shelter is null)
                    return new Audited<Dictionary<string, string[]>?>(null, new AuditRecord(AccommodationAudit.ShelterSaved, AuditOutcome.Denied, TargetType: AccommodationAudit.Shelter, TargetId: id, Purpose: AccommodationAudit.Manage));
                key = await dataKeys.UnwrapAsync(shelter.DataKeyId, ct) ?? throw new InvalidOperationException("The shelter's key is gone.");
            }
            else
            {
                var (entity, clear) = dataKeys.Create();
                shelter = new Shelter { Name = name, InstitutionId = viewer.InstitutionId, DataKeyId = entity.Id, CreatedAt = time.GetUtcNow() };
                key = clear;
                db.Shelters.Add(shelter);
            }
            shelter.Name = name;
            shelter.Ownership = input.Ownership!.Value;
            shelter.Languages = string.Join(",", languages);
            shelter.AddressEnc = db.Seal(shelter, s => s.AddressEnc, address, key, shelter.DataKeyId);
            await db.SaveChangesAsync(ct);
            return new Audited<Dictionary<string, string[]>?>([], new AuditRecord(AccommodationAudit.ShelterSaved, TargetType: AccommodationAudit.Shelter, TargetId: shelter.Id, Purpose: AccommodationAudit.Manage));
        }, ct);
    }

    public async Task<Dictionary<string, string[]>?> AddBedAsync(Viewer viewer, IReadOnlyCollection<string> roles, BedInput input, CancellationToken ct = default)
    {
        if (!AccommodationRoles.Any(roles, AccommodationRoles.Managers))
            return null;
        var errors = new Dictionary<string, string[]>();
        var label = input.Label?.Trim() ?? "";
        if (input.ShelterId is not { } shelterId || !await db.Shelters.AnyAsync(s => s.Id == shelterId && s.InstitutionId == viewer.InstitutionId, ct))
            errors[nameof(BedInput.ShelterId)] = [text["Bed_ShelterRequired"]];
        if (label.Length is 0 or > 50)
            errors[nameof(BedInput.Label)] = [text["Bed_LabelRequired"]];
        else if (input.ShelterId is { } sid && await db.Beds.AnyAsync(b => b.ShelterId == sid && b.Label == label, ct))
            errors[nameof(BedInput.Label)] = [text["Bed_LabelTaken"]];
        if (input.Restriction is not { } restriction || !Enum.IsDefined(restriction))
            errors[nameof(BedInput.Restriction)] = [text["Bed_RestrictionRequired"]];
        if (errors.Count > 0)
            return errors;
        return await writes.RunAsync(viewer, async ct =>
        {
            var bed = new Bed { ShelterId = input.ShelterId!.Value, Label = label, Restriction = input.Restriction!.Value };
            db.Beds.Add(bed);
            await db.SaveChangesAsync(ct);
            return new Audited<Dictionary<string, string[]>?>([], new AuditRecord(AccommodationAudit.BedChanged, TargetType: AccommodationAudit.Bed, TargetId: bed.Id, Purpose: AccommodationAudit.Manage));
        }, ct);
    }

    public enum BedAction
    {
        OutOfService = 1,
        BackInService = 2,
        ReleaseHold = 3,
    }

    /// <summary>Takes a bed out of service or back, or releases its hold. False when the bed is not one of the viewer's shelters' or the change does not apply.</summary>
    public async Task<bool> ChangeBedAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid bedId, BedAction action, CancellationToken ct = default)
    {
        if (!AccommodationRoles.Any(roles, AccommodationRoles.Staff) || !Enum.IsDefined(action))
            return false;
        return await writes.RunSerializedAsync(viewer, async ct =>
        {
            var now = time.GetUtcNow();
            var bed = await (from b in db.Beds
                             join s in db.Shelters on b.ShelterId equals s.Id
                             where b.Id == bedId && s.InstitutionId == viewer.InstitutionId
                             select b).FirstOrDefaultAsync(ct);
            var occupied = bed is not null && await db.Placements.AnyAsync(p => p.BedId == bedId && p.DischargedAt == null, ct);
            var done = bed is not null && action switch
            {
                // Only a manager changes the inventory; any of its staff may let a hold go.
                BedAction.OutOfService => AccommodationRoles.Any(roles, AccommodationRoles.Managers) && !bed.OutOfService && !occupied,
                BedAction.BackInService => AccommodationRoles.Any(roles, AccommodationRoles.Managers) && bed.OutOfService,
                BedAction.ReleaseHold => bed.HeldUntil > now,
                _ => false,
            };
            if (done)
            {
                if (action == BedAction.ReleaseHold)
                    (bed!.HeldUntil, bed.HeldByInstitutionId, bed.HeldByUserId) = (null, null, null);
                else
                    bed!.OutOfService = action == BedAction.OutOfService;
                await db.SaveChangesAsync(ct);
            }
            return new Audited<bool>(done, new AuditRecord(AccommodationAudit.BedChanged, done ? AuditOutcome.Allowed : AuditOutcome.Denied,
                TargetType: AccommodationAudit.Bed, TargetId: bedId, Purpose: action == BedAction.ReleaseHold ? AccommodationAudit.Release : AccommodationAudit.Manage));
        }, ct);
    }

    private Task<bool> IsShelterInstitutionAsync(Viewer viewer, CancellationToken ct) =>
        db.Institutions.AnyAsync(i => i.Id == viewer.InstitutionId && i.Kind == InstitutionKind.Shelter && i.IsActive, ct);

    public static IReadOnlyList<string> SplitLanguages(string? value) =>
        (value ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.ToLowerInvariant()).Distinct().ToList();
}
