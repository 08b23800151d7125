using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Demo;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Identity;

namespace Ariadne.Web.Features.Resources;

/// <summary>
/// The resources demo: the Baku shelter needs beds (material, partly met by the IOM office's commitment and a first
/// disbursement), the ministry a financial need with a pledge, the Squad an open methodological need nobody has answered
/// (the Coordinator's home card shows it); two donors with the areas they support. All wording is marked "Demo".
/// </summary>
public sealed class ResourcesDemo(ResourceLedger ledger, UserManager<AriadneUser> users, UiTime uiTime) : IDemoData
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        async Task<(Viewer Viewer, string[] Roles)> As(string name, string role)
        {
            var u = await users.FindByNameAsync(name) ?? throw new InvalidOperationException("demo user missing: " + name);
            return (new Viewer(u.Id, u.InstitutionId, []), [role]);
        }
        var coordinator = await As("coordinator", RoleCatalog.Coordinator);
        var shelter = await As("shelter", RoleCatalog.ShelterManager);
        var ministry = await As("ministry", RoleCatalog.ExecutiveOfficer);
        var squad = await As("chief", RoleCatalog.SquadChief);
        var partner = await users.FindByNameAsync("partner") ?? throw new InvalidOperationException("demo partner missing");
        var today = uiTime.Today;

        async Task<Guid> Need((Viewer Viewer, string[] Roles) who, ResourceLedger.NeedInput input)
        {
            var (id, errors) = await ledger.RecordNeedAsync(who.Viewer, who.Roles, input, null, cancellationToken);
            return errors is { Count: 0 } ? id!.Value : throw new InvalidOperationException("demo need refused: " + string.Join("; ", errors?.SelectMany(e => e.Value) ?? []));
        }
        async Task<Guid> Donor(string name, string? reference, Guid? institution)
        {
            var (id, errors) = await ledger.AddDonorAsync(coordinator.Viewer, coordinator.Roles, new() { Name = name, Ref = reference, InstitutionId = institution }, cancellationToken);
            return errors is { Count: 0 } ? id!.Value : throw new InvalidOperationException("demo donor refused");
        }
        async Task Area(ResourceLedger.AreaInput input)
        {
            if (await ledger.AddAreaAsync(coordinator.Viewer, coordinator.Roles, input, cancellationToken) is not { Count: 0 })
                throw new InvalidOperationException("demo area refused");
        }
        async Task Flow(Guid donor, FlowType type, decimal amount, DateOnly on, Guid need)
        {
            var (_, errors) = await ledger.RecordFlowAsync(coordinator.Viewer, coordinator.Roles, new()
            {
                DonorId = donor,
                Type = type,
                Currency = Currency.AZN,
                On = on,
                Allocations = [new() { NeedId = need, Amount = amount }],
            }, null, cancellationToken);
            if (errors is not { Count: 0 })
                throw new InvalidOperationException("demo flow refused: " + string.Join("; ", errors?.SelectMany(e => e.Value) ?? []));
        }

        var beds = await Need(shelter, new()
        {
            Category = NeedCategory.Material,
            Title = "Demo: 20 çarpayı və döşək",
            Description = "Demo: sığınacağın ikinci mərtəbəsi açılır; 20 yataq yeri üçün çarpayı, döşək və yataq dəstləri lazımdır.",
            Language = "az",
            Regions = [Region.Baku],
            Quantity = 20,
            Unit = "çarpayı",
            Amount = 12_000,
            Currency = Currency.AZN,
            From = today.AddDays(-30),
            Until = today.AddDays(90),
            Priority = NeedPriority.High,
        });
        var fund = await Need(ministry, new()
        {
            Category = NeedCategory.Financial,
            Title = "Demo: reabilitasiya müavinəti fondu",
            Description = "Demo: zərərçəkmiş şəxslərə birdəfəlik müavinətlərin ödənilməsi üçün il ərzində əlavə vəsait.",
            Language = "az",
            Regions = [Region.GanjaDashkasan, Region.Baku],
            Amount = 50_000,
            Currency = Currency.AZN,
            From = new DateOnly(today.Year, 1, 1),
            Until = new DateOnly(today.Year, 12, 31),
            Priority = NeedPriority.Normal,
        });
        await Need(squad, new()
        {
            Category = NeedCategory.Methodological,
            Title = "Demo: müsahibə üzrə metodik vəsait",
            Description = "Demo: travma nəzərə alınmaqla müsahibə aparılması üzrə müstəntiqlər üçün metodik vəsait və nümunə suallar.",
            Language = "az",
            Regions = [Region.Nationwide],
            From = today,
            Until = today.AddDays(180),
            Priority = NeedPriority.Normal,
        });

        var iom = await Donor("Demo: Beynəlxalq Miqrasiya Təşkilatı", "XM-DAC-47066", partner.InstitutionId);
        var eu = await Donor("Demo: Avropa İttifaqının nümayəndəliyi", "XI-IATI-EC_NEAR", null);
        await Area(new()
        {
            DonorId = iom,
            Categories = [NeedCategory.Material, NeedCategory.Physical, NeedCategory.Methodological],
            Regions = [Region.Nationwide],
            From = new DateOnly(today.Year, 1, 1),
            Until = new DateOnly(today.Year + 1, 12, 31),
            Ceiling = 30_000,
            Currency = Currency.AZN,
        });
        await Area(new()
        {
            DonorId = eu,
            Categories = [NeedCategory.Financial, NeedCategory.Technical],
            Regions = [Region.GanjaDashkasan, Region.Baku],
            From = new DateOnly(today.Year, 1, 1),
            Until = new DateOnly(today.Year, 12, 31),
            Ceiling = 80_000,
            Currency = Currency.AZN,
        });
        await Flow(iom, FlowType.Commitment, 8_000, today.AddDays(-20), beds);
        await Flow(iom, FlowType.Disbursement, 5_000, today.AddDays(-5), beds);
        await Flow(eu, FlowType.Pledge, 20_000, today.AddDays(-10), fund);
    }
}
